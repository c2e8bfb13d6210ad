/**
 * What one configuration is (issue 19): which runs are repetitions of one configuration. The
 * content is the authority on what was run; names and folders add what the content cannot tell
 * (rf, nodes, deployment, scenario, the machine or user). Runs whose content differs are never
 * pooled: where the names would put them together, what differs becomes a factor, and the
 * inventory says so in one line. Pure: no I/O.
 *
 * Two entry points:
 * - {@link contentSignature}: a run's content signature (./signature.ts), computed while the run is
 *   built (./to-run.ts), before a loader hook may drop the command line it is read from;
 * - {@link identifyRuns}: the loader's step over every run, once all are read:
 *
 * ```
 * runs (factors from the names and the content) ──identifyRuns──►
 *   1 start times   a run whose content gives no start (or only its file's modification time) takes the timestamp in its file or folder
 *                   name (source 'name'): a start time, never a repetition number or a level
 *   2 folders       a folder whose siblings vary is a factor (./folders.ts)
 *   3 numbers       numbers of file names no scheme reads (a repetition? a step?) are a factor
 *                   `number` where they tell runs apart: never pooled on a guess; the ambiguity
 *                   still asks for a scheme
 *   4 content       among runs the factors so far put together (rep aside), each signature
 *                   property that varies becomes a factor (`operationcount`, `binding`, …)
 *   5 repetitions   a configuration whose names number no repetition: numbered 1..n by start time
 *   ──► notices: one line per step that changed something
 * ```
 */
import { compareLevels, factorKey, type Factors, type ParsedRun, type Run } from '../model/index.js';
import { folderFactors, nameStart } from './folders.js';
import { CLIENT_SPLIT_PROPERTIES, configurationSignature, signatureKey, withoutKeys, type ConfigurationSignature } from './signature.js';

/** Signatures seen so far in this thread: the runs of a campaign share a few, and so their objects. */
const signatures = new Map<string, ConfigurationSignature>();
const SIGNATURES_CAP = 10_000;

/**
 * The content signature of a parsed run (see configurationSignature in ./signature.ts: the binding
 * refined by the java classpath when the output shows it, go-ycsb's defaults for go-ycsb output),
 * one shared frozen object per distinct signature; undefined when the content does not say what
 * was run (no command line, no properties: an output reduced to its summary) or for a table row.
 */
export function contentSignature(parsed: ParsedRun): ConfigurationSignature | undefined {
  if (parsed.format === 'table') return undefined;
  const header = parsed.header;
  // the repetitions of a configuration print the same header: its signature is computed once. The
  // classpath (kilobytes, one string shared by the runs whose java command it came from) keys a map
  // of its own, so that it is neither copied into nor hashed in each run's key
  const classpath = header.classpath ?? '';
  let byRest = byClasspath.get(classpath);
  if (byRest === undefined) {
    byRest = new Map();
    if (byClasspath.size < INPUTS_CAP) byClasspath.set(JSON.parse(JSON.stringify(classpath)) as string, byRest);
  }
  const input = signatureInput(parsed.format, header);
  const known = byRest.get(input);
  if (known !== undefined) return known === NO_SIGNATURE ? undefined : known;
  const sig = configurationSignature(header, { classpath: header.classpath, format: parsed.format });
  let frozen: ConfigurationSignature | undefined;
  if (sig !== undefined) {
    const key = signatureKey(sig);
    frozen = signatures.get(key);
    if (frozen === undefined) {
      // rebuilt from its key: strings of its own, not slices of the file's text (which they would keep alive)
      frozen = Object.freeze(Object.fromEntries(JSON.parse(key) as [string, string][])) as ConfigurationSignature;
      if (signatures.size < SIGNATURES_CAP) signatures.set(key, frozen);
    }
  }
  // (the input copied: a text of its own, not one that holds slices of the file's text)
  if (byRest.size < INPUTS_CAP) byRest.set(JSON.parse(JSON.stringify(input)) as string, frozen ?? NO_SIGNATURE);
  return frozen;
}

/** Stands for "no signature" in {@link byClasspath}. */
const NO_SIGNATURE: ConfigurationSignature = Object.freeze({});

/** What configurationSignature reads of a parsed run: its classpath ('' for none) -> the rest
 * (signatureInput) -> its signature (or NO_SIGNATURE). Bounded: headers that differ in what the
 * signature leaves out (hosts, seeds) would each add an entry. */
const byClasspath = new Map<string, Map<string, ConfigurationSignature>>();
const INPUTS_CAP = 2_000;

/** Everything but the classpath that configurationSignature reads of a header (and the format), as
 * one text: equal texts (and classpaths), equal signatures. */
function signatureInput(format: string, header: ParsedRun['header']): string {
  return JSON.stringify([format, header.commandLine ?? null, header.binding ?? null, header.classpath === undefined, header.properties, header.factors]);
}

/** How {@link identifyRuns} words what it says. */
export interface IdentityOptions {
  /** The command-line flag that takes a file-name template (e.g. `--scheme`); without it the fix
   * is said in words. */
  templateFlag?: string;
}

/** What {@link identifyRuns} decided about the campaign as a whole. */
export interface IdentityResult {
  /** One line per step that changed something (Inventory.notices). */
  notices: string[];
}

/** The factor the unplaced numbers of file names become. */
export const NUMBER_FACTOR = 'number';

/** Statuses of runs that take part: the others are not runs of a configuration. */
function takesPart(run: Run): boolean {
  return (run.status === 'ok' || run.status === 'failed' || run.status === 'partial') && run.format !== 'table';
}

/**
 * A run combined from client outputs (Run.combined, ./clients.ts) stands for its clients, which take
 * no part of their own. Where the combination left them unset, it takes its clients' common
 * signature without their key ranges (CLIENT_SPLIT_PROPERTIES) and their earliest start.
 * Returns the names of the client runs.
 */
function combinedRuns(all: readonly Run[]): Set<string> {
  const clients = new Set<string>();
  const byName = new Map<string, Run>();
  for (const r of all) if (r.combined) for (const c of r.combined.clients) clients.add(c);
  if (clients.size === 0) return clients;
  for (const r of all) if (clients.has(r.file)) byName.set(r.file, r);
  for (const r of all) {
    if (!r.combined) continue;
    const parts = r.combined.clients.map((c) => byName.get(c)).filter((p): p is Run => p !== undefined);
    if (r.signature === undefined && parts.length > 0 && parts.every((p) => p.signature !== undefined)) {
      const sigs = new Set(parts.map((p) => signatureKey(withoutKeys(p.signature!, CLIENT_SPLIT_PROPERTIES))));
      if (sigs.size === 1) r.signature = withoutKeys(parts[0].signature!, CLIENT_SPLIT_PROPERTIES);
    }
    if (r.start === undefined) {
      const starts = parts.map((p) => p.start).filter((s) => s !== undefined);
      if (starts.length === parts.length && starts.length > 0) r.start = starts.reduce((a, b) => (b!.iso < a!.iso ? b : a));
    }
  }
  return clients;
}

/** A key of the factors but rep (sorted names). */
function configKey(f: Factors): string {
  const names = Object.keys(f)
    .filter((n) => n !== 'rep')
    .sort();
  return factorKey(f, names);
}

/** `name (a, b, c)`, at most `max` levels shown. */
function named(name: string, levels: readonly string[], max = 5): string {
  const shown = levels.length > max ? [...levels.slice(0, max - 1), `… ${levels.length} levels`] : levels;
  return `${name} (${shown.join(', ')})`;
}

/** `a (…), b (…) are factors` / `a (…) is a factor`. */
function areFactors(list: [string, readonly string[]][]): string {
  return `${list.map(([n, l]) => named(n, l)).join(', ')} ${list.length === 1 ? 'is a factor' : 'are factors'}`;
}

/** Group runs by a key. */
function groupBy(runs: readonly Run[], key: (r: Run) => string): Map<string, Run[]> {
  const out = new Map<string, Run[]>();
  for (const r of runs) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Decide what one configuration is over the runs of a campaign (see the module comment): sets
 * factors (folder levels, `number`, varying signature properties, `rep`) and start times on the
 * runs, in place. Runs other than ok, failed or partial ones, rows of tables, and the client runs of a
 * combined run (which stands for them), are left as they are.
 */
export function identifyRuns(all: readonly Run[], options: IdentityOptions = {}): IdentityResult {
  const clients = combinedRuns(all);
  const runs = all.filter((r) => takesPart(r) && !clients.has(r.file));
  const notices: string[] = [];
  if (runs.length === 0) return { notices };
  const names = new Set<string>();
  for (const r of runs) for (const k in r.factors) names.add(k.toLowerCase());
  const taken = (n: string): boolean => names.has(n.toLowerCase());

  // 2. Folders (first: they mark the six-digit folders that are dates, read by step 1).
  const folders = folderFactors(runs, taken);
  for (const n of folders.factors.keys()) names.add(n);
  if (folders.factors.size > 0) {
    notices.push(`folders separate runs the file names do not: ${areFactors([...folders.factors])}`);
  }

  // 1. Start times from names, where the content gives none (a file's modification time, the
  //    loader's last resort, gives way to a timestamp in its name).
  for (const r of runs) {
    if (r.start !== undefined && r.start.source !== 'mtime') continue;
    const iso = nameStart(r, folders.dated);
    if (iso !== undefined) r.start = { iso, source: 'name' };
  }

  // 3. Numbers no scheme reads, where they tell runs apart.
  const numbered = runs.filter((r) => r.origin.unplaced !== undefined && r.origin.unplaced.length > 0);
  if (numbered.length > 0) {
    const byConfig = groupBy(runs, (r) => configKey(r.factors));
    const varies = [...byConfig.values()].some((list) => new Set(list.map((r) => (r.origin.unplaced ?? []).join('-'))).size > 1);
    if (varies) {
      let name = NUMBER_FACTOR;
      while (taken(name)) name = `${name}_`;
      names.add(name);
      const levels = new Set<string>();
      for (const r of numbered) {
        const v = r.origin.unplaced!.join('-');
        r.factors[name] = v;
        levels.add(v);
      }
      const fix = options.templateFlag !== undefined ? `say what it is with ${options.templateFlag}` : 'say what it is with a scheme template';
      notices.push(`numbers in file names that no scheme reads separate runs (a repetition or a step?): ${areFactors([[name, [...levels].sort(compareLevels)]])} until you ${fix}`);
    }
  }

  // 4. Content: signature properties that vary among runs the factors so far put together.
  const varying = new Set<string>();
  const keyOf = new Map<ConfigurationSignature, string>();
  const sigKey = (sig: ConfigurationSignature): string => {
    let k = keyOf.get(sig);
    if (k === undefined) keyOf.set(sig, (k = signatureKey(sig)));
    return k;
  };
  for (const list of groupBy(runs, (r) => configKey(r.factors)).values()) {
    const distinct = new Map<string, ConfigurationSignature>();
    for (const r of list) if (r.signature !== undefined) distinct.set(sigKey(r.signature), r.signature);
    if (distinct.size < 2) continue;
    const [first, ...others] = distinct.values();
    for (const s of others) {
      for (const k of new Set([...Object.keys(first), ...Object.keys(s)])) if (first[k] !== s[k]) varying.add(k);
    }
  }
  if (varying.size > 0) {
    const added: [string, string[]][] = [];
    for (const key of [...varying].sort()) {
      const base = key.startsWith('-p ') ? `p.${key.slice(3)}` : key;
      // a property the names (or the content's factors) already set, yet differs: name and
      // content disagree there; the name's value stays, the content's is a factor of its own
      let name = taken(base) ? `content.${base}` : base;
      while (taken(name)) name = `${name}_`;
      names.add(name);
      const levels = new Set<string>();
      for (const r of runs) {
        if (r.signature === undefined) continue;
        const v = r.signature[key] ?? 'unset';
        r.factors[name] = v;
        levels.add(v);
      }
      added.push([name, [...levels].sort(compareLevels)]);
    }
    notices.push(`content separates runs the names do not: ${areFactors(added)}`);
  }

  // 5. Repetitions by start time, where no name numbers them.
  let renumbered = 0;
  for (const list of groupBy(runs, (r) => configKey(r.factors)).values()) {
    // (a modification time is no evidence of order: copies and checkouts reset it)
    if (list.some((r) => r.factors.rep !== undefined || r.start === undefined || r.start.source === 'mtime')) continue;
    const sorted = [...list].sort((a, b) => (a.start!.iso < b.start!.iso ? -1 : a.start!.iso > b.start!.iso ? 1 : compareLevels(a.file, b.file)));
    sorted.forEach((r, i) => (r.factors.rep = String(i + 1)));
    renumbered += sorted.length;
  }
  if (renumbered > 0) {
    notices.push(`rep: ${renumbered} ${renumbered === 1 ? 'run' : 'runs'} numbered by start time within ${renumbered === 1 ? 'its' : 'their'} configuration (no name numbers ${renumbered === 1 ? 'it' : 'them'})`);
  }
  return { notices };
}
