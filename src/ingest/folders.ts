/**
 * Folders as factors, and start times from names: a step of the identity (./identity.ts). Pure.
 *
 * ```
 * runs' paths ──1 tree──► one tree of folders per root (the runs under each folder)
 *   ──2 levels──► a folder whose subfolders (or its own files beside a subfolder) vary is a level:
 *                 each subfolder, with the chain of single subfolders below it, is one value
 *                 (omi-uulm's `disk-bound-docker-network/memory-bound` is one scenario)
 *   ──3 factor?─► a level is a factor when some value says something no scheme reads: `vm_dockered`
 *                 yes; `tc8`, `rc1000-op1000`, `8_threads`, `mongodb`, `run3`, a date no
 *                 (readSegment, ./scheme/infer.ts; the part a user template covers is read too;
 *                 six-digit yymmdd folders are dates when every sibling is one)
 *   ──4 names───► the n-th factor level from the root is `folder<n>`, or its parent folder's name
 *                 when every folder of that level has the same parent and the name is a plain word
 *                 no scheme reads and no factor has
 *   ──5 starts──► a run without a start time takes the timestamp of its file name, else of its
 *                 nearest folder (source 'name')
 * ```
 */
import { compareLevels, type Run } from '../model/index.js';
import { compileTemplate, readSegment, type SegmentReading } from './scheme/index.js';
import { NOT_KEYS } from './scheme/vocabulary.js';
import { nameTimestamps } from './timestamps.js';

/** A folder of the tree. */
interface Folder {
  name: string;
  /** `root + '\0' + path` (the key of {@link FolderFactors.dated}). */
  key: string;
  children: Map<string, Folder>;
  /** Runs whose file sits right here. */
  here: Run[];
  /** Covered by a user template that matched a run below it (the template reads it). */
  covered: boolean;
  /** Six-digit yymmdd name that its siblings agree is a date. */
  dated: boolean;
}

/** One value of a folder level: the subfolder chain, its label, the runs below it. */
interface LevelValue {
  chain: Folder[];
  label: string;
  runs: Run[];
}

/** A folder whose subfolders vary, at a level that is a factor. */
interface Level {
  /** 1-based: how many factor levels are above it, plus one. */
  depth: number;
  /** The folder's own name ('' at a root). */
  parent: string;
  values: LevelValue[];
}

/** What the folders gave: the factor per level, and its levels, for the notice. */
export interface FolderFactors {
  /** Factor name -> its levels, in natural order (only factors some run got). */
  factors: Map<string, string[]>;
  /** Folders (`root + '\0' + path`) whose six-digit names are dates because their siblings agree
   * (for {@link nameStart}). */
  dated: Set<string>;
}

/** The path of the file a run was read from (a run of several invocations: its file's path; a run
 * combined from client outputs: its first client's). */
export function sourcePath(run: Run): string {
  if (run.invocation) return run.invocation.path;
  const first = run.combined?.clients[0];
  return first !== undefined ? first.replace(/#\d+$/, '') : run.file;
}

const readings = new Map<string, SegmentReading>();

function reading(segment: string): SegmentReading {
  let r = readings.get(segment);
  if (r === undefined) {
    r = readSegment(segment);
    if (readings.size > 10_000) readings.clear();
    readings.set(segment, r);
  }
  return r;
}

const YYMMDD = /^\d{6}$/;

/** A six-digit name that reads as a plausible yymmdd date. */
function yymmdd(segment: string): boolean {
  return YYMMDD.test(segment) && nameTimestamps(segment).some((t) => t.text === segment);
}

function newFolder(name: string, key: string): Folder {
  return { name, key, children: new Map(), here: [], covered: false, dated: false };
}

/** How many path segments (folders and the file) a user template reads, by the run's scheme. */
function templateSegments(run: Run, cache: Map<string, number>): number {
  const s = run.origin.scheme;
  if (!s.startsWith('template:')) return 0;
  let n = cache.get(s);
  if (n === undefined) {
    try {
      n = compileTemplate(s.slice('template:'.length)).segments;
    } catch {
      n = 0;
    }
    cache.set(s, n);
  }
  return n;
}

/** 1. One tree per root. */
function buildTrees(runs: readonly Run[]): Folder[] {
  const roots = new Map<string, Folder>();
  const segs = new Map<string, number>();
  for (const run of runs) {
    let node: Folder | undefined = roots.get(run.root);
    if (!node) roots.set(run.root, (node = newFolder('', `${run.root}\0`)));
    const parts = sourcePath(run).split('/');
    const covers = templateSegments(run, segs);
    // folders read by the template: the last (covers - 1) of them
    const firstCovered = covers > 0 ? parts.length - covers : Infinity;
    for (let i = 0; i < parts.length - 1; i++) {
      let next: Folder | undefined = node.children.get(parts[i]);
      if (!next) node.children.set(parts[i], (next = newFolder(parts[i], `${run.root}\0${parts.slice(0, i + 1).join('/')}`)));
      node = next;
      if (i >= firstCovered) node.covered = true;
    }
    node.here.push(run);
  }
  return [...roots.values()];
}

function runsBelow(f: Folder, out: Run[] = []): Run[] {
  for (const r of f.here) out.push(r);
  for (const c of f.children.values()) runsBelow(c, out);
  return out;
}

/** Whether a folder name says something no scheme reads. */
function informative(f: Folder): boolean {
  return !f.covered && !f.dated && !reading(f.name).fullyRead;
}

/** Read as a repetition or a date: never part of a level's label. */
function repOrDate(f: Folder): boolean {
  if (f.dated) return true;
  const r = reading(f.name);
  return r.reads.includes('rep') || r.reads.includes('date');
}

/** 2–3. The levels of the tree below `f` that are factors. */
function collectLevels(f: Folder, depth: number, out: Level[], dated: Set<string>): void {
  const kids = [...f.children.values()];
  const branching = kids.length >= 2 || (kids.length === 1 && f.here.length > 0);
  if (!branching) {
    if (kids.length === 1) collectLevels(kids[0], depth, out, dated);
    return;
  }
  // six-digit folder names are dates only when every sibling is one
  if (kids.length >= 2 && kids.every((k) => yymmdd(k.name))) {
    for (const k of kids) {
      k.dated = true;
      dated.add(k.key);
    }
  }
  const chains = kids.map((k) => {
    const chain = [k];
    let end = k;
    while (end.children.size === 1 && end.here.length === 0) {
      end = end.children.values().next().value as Folder;
      chain.push(end);
    }
    return chain;
  });
  // what every value has at its end is not what tells them apart (`vm/8_threads`, `vm_dockered/8_threads`)
  const shown = chains.map((c) => c.length);
  while (chains.length >= 2 && shown.every((n) => n > 1) && chains.every((c, i) => c[shown[i] - 1].name === chains[0][shown[0] - 1].name)) {
    for (let i = 0; i < shown.length; i++) shown[i]--;
  }
  const isFactor = chains.some((c, i) => c.slice(0, shown[i]).some(informative));
  if (isFactor) {
    const values = chains.map((c, i) => {
      const parts = c.slice(0, shown[i]).filter((x, j) => (j === 0 ? !repOrDate(x) : informative(x)));
      return { chain: c, label: parts.map((x) => x.name).join('/'), runs: runsBelow(c[c.length - 1]) };
    });
    out.push({ depth, parent: f.name, values });
  }
  for (const c of chains) collectLevels(c[c.length - 1], isFactor ? depth + 1 : depth, out, dated);
}

/** A parent folder's name that can name the factor of its subfolders. */
function plainName(name: string, taken: (n: string) => boolean): boolean {
  return /^[a-z][a-z0-9_]*$/i.test(name) && !NOT_KEYS.has(name.toLowerCase()) && reading(name).reads.length === 0 && !taken(name.toLowerCase());
}

/**
 * Steps 1–4: set a factor on every run below a folder level that is a factor (see the module
 * comment). `taken(name)`: whether some run already has a factor of that name.
 */
export function folderFactors(runs: readonly Run[], taken: (name: string) => boolean): FolderFactors {
  const levels: Level[] = [];
  const dated = new Set<string>();
  for (const tree of buildTrees(runs)) collectLevels(tree, 1, levels, dated);
  const byDepth = new Map<number, Level[]>();
  for (const l of levels) byDepth.set(l.depth, [...(byDepth.get(l.depth) ?? []), l]);
  const factors = new Map<string, string[]>();
  for (const [depth, list] of [...byDepth].sort((a, b) => a[0] - b[0])) {
    const parents = new Set(list.map((l) => l.parent));
    const parent = parents.size === 1 ? [...parents][0] : '';
    let name = parent !== '' && plainName(parent, taken) ? parent.toLowerCase() : `folder${depth}`;
    while (taken(name) || factors.has(name)) name = `${name}_`;
    const seen = new Set<string>();
    for (const l of list) {
      for (const v of l.values) {
        if (v.label === '') continue;
        seen.add(v.label);
        for (const r of v.runs) r.factors[name] = v.label;
      }
    }
    if (seen.size > 0) factors.set(name, [...seen].sort(compareLevels));
  }
  return { factors, dated };
}

/**
 * Step 5: the start time a run's name gives (its file name's timestamp, else its nearest folder's),
 * for a run whose content gives none: ISO without zone, or undefined. Six-digit yymmdd names count
 * only as folders whose siblings are all dates (see {@link folderFactors}, which marks them; call
 * it first).
 */
export function nameStart(run: Run, datedFolders: ReadonlySet<string>): string | undefined {
  const parts = sourcePath(run).split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const seg = i === parts.length - 1 ? parts[i].replace(/\.[A-Za-z][A-Za-z0-9]{0,9}$/, '') : parts[i];
    const stamps = nameTimestamps(seg).filter((t) => !YYMMDD.test(t.text) || (i < parts.length - 1 && datedFolders.has(`${run.root}\0${parts.slice(0, i + 1).join('/')}`)));
    if (stamps.length > 0) return stamps[0].iso;
  }
  return undefined;
}
