/**
 * File discovery: which files under the given roots are candidate YCSB outputs.
 *
 * Walks each root recursively with fast-glob and returns the files relative to their root
 * (POSIX separators) in a stable, human order (numbers compared by value: rep 2 before rep 10).
 * Nothing here reads file contents; deciding what a file *is* is the parser's job.
 *
 * Defaults (all overridable, see {@link DiscoverOptions}):
 * - `node_modules` folders are not entered;
 * - hidden files and folders (name starting with `.`) are skipped, and listed as skipped: a hidden
 *   folder once (`.git/`, not entered), the provenance records `fill` writes beside its outputs
 *   (`.<name>.provenance.json`) as such;
 * - obvious non-outputs are skipped by name, see {@link DEFAULT_SKIP}: licences, READMEs and other
 *   documentation (`*.md`, `*.rst`, …), configuration (`*.yaml`, `*.yml`, `*.toml`, `*.xml`, …),
 *   scripts and source code (`*.sh`, `*.py`, `*.R`, `*.js`, …), images, archives, office
 *   documents, PDFs, binaries. `*.json` and `*.csv` are KEPT: YCSB's JSON exporters write JSON and
 *   a table of results may be CSV. `*.txt`, `*.log`, `*.out`, `*.dat` and names without an
 *   extension are kept.
 *
 * Symbolic links are followed (to files and folders, also outside the root). Robustness: a
 * symbolic-link loop is cut where it closes (an entry in `errors`, no hang); a folder
 * that cannot be read gives an entry in `errors` and the walk goes on; a root that does not exist
 * gives an entry in `errors`; a broken symbolic link gives an entry in `errors`. Names with spaces,
 * quotes, shell or glob metacharacters, non-ASCII characters or newlines are returned as they are
 * (roots are never interpreted as glob patterns).
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { FILL_DIR, provenanceOutputOf } from '../model/provenance.js';

/** A file found: the root it was found under (as given, or the folder of a single-file root) and
 * its path relative to that root with `/` separators. */
export interface DiscoveredFile {
  root: string;
  path: string;
}

/** Something that could not be walked; the walk went on without it. */
export interface DiscoverError {
  /** The root joined with the path relative to it (POSIX separators inside the root). */
  path: string;
  message: string;
}

export interface DiscoverResult {
  files: DiscoveredFile[];
  errors: DiscoverError[];
  /** Files left out by the default skip list (licences, READMEs, scripts, …) and hidden files and
   * folders (a folder once, with a `/` at the end), with the reason, so that nothing is dropped
   * silently. Without include patterns only; node_modules folders are not listed. */
  skipped: { root: string; path: string; reason: string }[];
}

/** The part of the file-system adapter discover uses; tests may replace it to simulate failures
 * that cannot be produced otherwise (e.g. an unreadable folder when running as root). */
export interface DiscoverFs {
  readdir: typeof fs.readdir;
  stat: typeof fs.stat;
  realpath: (p: string, cb: (err: NodeJS.ErrnoException | null, resolved: string) => void) => void;
}

export interface DiscoverOptions {
  /** Glob patterns (relative to each root) of the files to keep. When given, they replace the
   * default `**\/*` AND turn the {@link DEFAULT_SKIP} name list off: a file that matches an
   * include pattern is kept even if it is called README.md. Hidden files are matched only by
   * patterns that name the dot explicitly (e.g. `**\/.results/**`); `node_modules` is entered only
   * when a pattern mentions it. */
  include?: string[];
  /** Glob patterns (relative to each root) of files or folders to leave out, on top of the
   * defaults. `x/**` leaves out folder x without walking it. */
  exclude?: string[];
  /** For tests only: the file-system functions to use (default: node:fs). */
  fs?: Partial<DiscoverFs>;
}

/** The names skipped by default (case-insensitive, tested against the file's own name). Each
 * entry is [what, pattern]. */
export const DEFAULT_SKIP: readonly (readonly [string, RegExp])[] = [
  ['licence, readme and project files', /^(licen[cs]e|copying|notice|readme|changelog|changes|contributing|authors|code_of_conduct|makefile|dockerfile|vagrantfile|procfile|jenkinsfile)([._-].*)?$/i],
  ['documentation', /\.(md|markdown|rst|adoc|asciidoc|tex|bib|org|html?|css|ipynb)$/i],
  ['configuration', /\.(ya?ml|toml|ini|cfg|conf|properties|xml|env|lock|editorconfig)$/i],
  ['scripts and source code', /\.(sh|bash|zsh|fish|ps1|bat|cmd|py|pyc|r|rmd|rdata|rds|js|mjs|cjs|ts|tsx|jsx|java|class|scala|kt|go|c|cc|cpp|cxx|h|hh|hpp|rs|rb|pl|php|lua|sql|gradle|sbt|mk|cmake|swift|m)$/i],
  ['images', /\.(png|jpe?g|gif|svg|bmp|tiff?|webp|ico|eps|heic)$/i],
  ['archives', /\.(zip|tar|gz|tgz|bz2|tbz2|xz|txz|zst|lz4|7z|rar|jar|war|ear|deb|rpm|whl|gem|iso|dmg)$/i],
  ['documents', /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|key|numbers|pages)$/i],
  ['binaries and editor leftovers', /\.(exe|dll|so|dylib|o|a|bin|img|swp|swo|bak|tmp|pid|sock)$|~$/i],
];

/** Why `name` is skipped by default, or undefined when it is kept. */
export function defaultSkipReason(name: string): string | undefined {
  for (const [what, re] of DEFAULT_SKIP) if (re.test(name)) return what;
  return undefined;
}

/**
 * Compare two relative paths in natural order: folder by folder, and within a name digit runs by
 * numeric value (`rep-2` before `rep-10`), text case-insensitively; ties are broken by plain
 * code-unit order so the order is total and stable.
 * @example ['a-10.txt', 'a-2.txt', 'B/x', 'a/x'].sort(naturalCompare) // ['a/x', 'a-2.txt', 'a-10.txt', 'B/x']
 */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  return compareKeys(naturalKey(a), naturalKey(b));
}

/** A path cut for {@link naturalCompare}: per folder, its name and its text/digit chunks. */
interface NaturalKey {
  path: string;
  segments: { name: string; chunks: string[]; norm: string[] }[];
}

const CHUNK = /(\d+)/;

function naturalKey(p: string): NaturalKey {
  return {
    path: p,
    segments: p.split('/').map((name) => {
      const chunks = name.split(CHUNK);
      // digit runs without leading zeros (compared by length, then digits), text in lower case
      const norm = chunks.map((c, i) => (i % 2 === 1 ? c.replace(/^0+(?=\d)/, '') : c.toLowerCase()));
      return { name, chunks, norm };
    }),
  };
}

function compareKeys(a: NaturalKey, b: NaturalKey): number {
  if (a.path === b.path) return 0;
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const c = compareSegment(a.segments[i], b.segments[i]);
    if (c !== 0) return c;
  }
  if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
  return a.path < b.path ? -1 : 1;
}

function compareSegment(a: NaturalKey['segments'][number], b: NaturalKey['segments'][number]): number {
  if (a.name === b.name) return 0;
  const n = Math.min(a.chunks.length, b.chunks.length);
  for (let i = 0; i < n; i++) {
    if (a.chunks[i] === b.chunks[i]) continue;
    const xs = a.norm[i];
    const ys = b.norm[i];
    if (i % 2 === 1) {
      // digit runs: compare by value without converting (arbitrary length)
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
    } else if (xs !== ys) {
      // text, case-insensitively; a shorter prefix first ('a' before 'a-b')
      return xs < ys ? -1 : 1;
    }
  }
  if (a.chunks.length !== b.chunks.length) return a.chunks.length - b.chunks.length;
  // Same value everywhere (case or leading zeros differ): code-unit order.
  return a.name < b.name ? -1 : 1;
}

/**
 * A string whose code-unit order is {@link naturalCompare}'s order of the paths (equal keys only for
 * equal paths): a sort then compares two strings natively instead of walking two cut paths (100,000
 * names: ~0.3 s → well under 0.1 s). Each folder or file name gives its chunks as naturalCompare cuts
 * them, in turn:
 *
 * ```
 * text chunk   its lower case + U+0001       U+0001 is below every character of a name: a text
 *                                            that is the other's prefix comes first
 * digit run    char(1 + length) + digits     leading zeros dropped: by length, then digit by digit
 * name's end   U+0000 + the name + U+0000    fewer chunks first; then the name in code-unit order
 *                                            (naturalCompare's tie-break), before the next folder
 * ```
 * Two keys meet chunk against chunk of the same kind (chunks compared equal have equal encodings, so
 * the positions stay aligned), and a path with fewer folders is a prefix of the other's key.
 * Undefined when the path holds a character beyond ASCII, U+0000 or U+0001, or a digit run of more
 * than 254 digits (a length takes one byte): sortNatural then compares every path with naturalCompare.
 */
export function naturalSortKey(p: string): string | undefined {
  const n = p.length;
  // the key's bytes: a name of L characters gives at most 3L + 4 (its chunks, then itself), so n
  // characters in m ≤ n + 1 names at most 3n + m + 3 ≤ 4n + 4
  const need = 4 * n + 4;
  if (KEY_BUF.length < need) KEY_BUF = Buffer.allocUnsafe(Math.max(need, 2 * KEY_BUF.length));
  const out = KEY_BUF;
  let o = 0;
  let i = 0; // start of the current chunk
  let nameStart = 0;
  for (;;) {
    // a text chunk (maybe empty) [i, j), in lower case
    let j = i;
    let c = 0;
    while (j < n) {
      c = p.charCodeAt(j);
      if (c < 2) return undefined;
      if (c === 47 /* / */ || (c >= 48 && c <= 57)) break;
      if (c >= 128) return undefined;
      out[o++] = c >= 65 && c <= 90 ? c + 32 : c;
      j++;
    }
    out[o++] = 1;
    if (j < n && c !== 47) {
      // a digit run [j, k), without its leading zeros (one digit kept)
      let k = j + 1;
      while (k < n && (c = p.charCodeAt(k)) >= 48 && c <= 57) k++;
      let z = j;
      while (z < k - 1 && p.charCodeAt(z) === 48) z++;
      if (k - z > 254) return undefined; // (its length takes a byte)
      out[o++] = 1 + k - z;
      for (let d = z; d < k; d++) out[o++] = p.charCodeAt(d);
      i = k;
      continue;
    }
    out[o++] = 0;
    for (let d = nameStart; d < j; d++) out[o++] = p.charCodeAt(d);
    out[o++] = 0;
    if (j >= n) return out.toString('latin1', 0, o);
    i = nameStart = j + 1;
  }
}

/** Scratch bytes of naturalSortKey (it calls nothing that could call it again). */
let KEY_BUF = Buffer.allocUnsafe(256);

/** `items` sorted by {@link naturalCompare} of `pathOf(item)`, each path cut once (not once per comparison). */
export function sortNatural<T>(items: T[], pathOf: (item: T) => string, tie?: (a: T, b: T) => number): T[] {
  const keyed: { item: T; key: string }[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const key = naturalSortKey(pathOf(items[i]));
    if (key === undefined) {
      // a path the key cannot encode: compare them all by their cut paths
      const cut = items.map((item) => ({ item, key: naturalKey(pathOf(item)) }));
      cut.sort((x, y) => compareKeys(x.key, y.key) || (tie ? tie(x.item, y.item) : 0));
      return cut.map((k) => k.item);
    }
    keyed[i] = { item: items[i], key };
  }
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : tie ? tie(x.item, y.item) : 0));
  return keyed.map((k) => k.item);
}

/** A relative path with no empty, `.` or `..` segment: two different ones name two different files. */
function plainRelative(rel: string): boolean {
  if (rel === '' || rel.charCodeAt(0) === 47 /* / */ || rel.endsWith('/') || rel.includes('//')) return false;
  if (rel === '.' || rel === '..' || rel.startsWith('./') || rel.startsWith('../')) return false;
  return !(rel.includes('/./') || rel.includes('/../') || rel.endsWith('/.') || rel.endsWith('/..'));
}

/** `root` + `/` + `rel` for messages, keeping the root as the user wrote it. */
function display(root: string, rel: string): string {
  if (rel === '' || rel === '.') return root;
  return root.endsWith('/') || root.endsWith(path.sep) ? root + rel : `${root}/${rel}`;
}

function errnoMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err && typeof err.message === 'string' ? err.message : String(e);
}

type Stat = fs.Stats;

function statAsync(f: DiscoverFs, p: string): Promise<Stat> {
  return new Promise((resolve, reject) => {
    (f.stat as (p: string, cb: (e: NodeJS.ErrnoException | null, s: Stat) => void) => void)(p, (e, s) =>
      e ? reject(e) : resolve(s),
    );
  });
}

/**
 * Find the candidate output files under each root.
 *
 * A root that is a single file is returned as `{root: <its folder>, path: <its name>}`, whatever
 * the include/exclude patterns and default skip list say (it was named explicitly). Files found
 * under two roots (or twice through symbolic links to the same place under one root) are kept
 * once per path. The result lists files root by root, each root's files in {@link naturalCompare}
 * order; errors follow the same order (roots as given, then by path within a root).
 *
 * Never throws for file-system problems: they become entries in `errors`.
 */
export async function discover(roots: string[], options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const f: DiscoverFs = {
    readdir: options.fs?.readdir ?? fs.readdir,
    stat: options.fs?.stat ?? fs.stat,
    realpath: options.fs?.realpath ?? ((p, cb) => fs.realpath(p, cb)),
  };
  const files: DiscoveredFile[] = [];
  const errors: DiscoverError[] = [];
  const skipped: DiscoverResult['skipped'] = [];
  const seen = new Set<string>();

  for (let r = 0; r < roots.length; r++) {
    const root = roots[r];
    let st: Stat;
    try {
      st = await statAsync(f, root);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT'
          ? 'no such file or folder'
          : code === 'ELOOP'
            ? 'symbolic link loop'
            : `cannot read: ${errnoMessage(e)}`;
      errors.push({ path: root, message });
      continue;
    }
    if (st.isFile()) {
      const abs = path.resolve(root);
      if (seen.has(abs)) continue;
      seen.add(abs);
      files.push({ root: path.dirname(root), path: path.basename(root) });
      continue;
    }
    if (!st.isDirectory()) {
      errors.push({ path: root, message: 'not a regular file or folder' });
      continue;
    }
    const walkErrors: DiscoverError[] = [];
    const hidden: HiddenEntry[] = [];
    const all = await walkRoot(root, options, f, walkErrors, hidden);
    const found: string[] = [];
    if (!(options.include && options.include.length > 0)) {
      for (const h of hidden) skipped.push({ root, path: h.folder ? `${h.path}/` : h.path, reason: hiddenReason(h) });
    }
    for (const rel of all) {
      const reason = options.include && options.include.length > 0 ? undefined : defaultSkipReason(rel.slice(rel.lastIndexOf('/') + 1));
      if (reason === undefined) found.push(rel);
      else skipped.push({ root, path: rel, reason });
    }
    const sorted = sortNatural(found, (rel) => rel);
    const sortedErrors = sortNatural(walkErrors, (e) => e.path, (a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    errors.push(...sortedErrors);
    // fast-glob lists each path of a root once (unique): when none has a `.` or `..` segment (an
    // include pattern such as `../x/**` can lead back into the root under another name) or is
    // absolute, only paths seen under an earlier root, or to be under a later one, need comparing
    const alone = seen.size === 0 && r === roots.length - 1 && sorted.every(plainRelative);
    for (const rel of sorted) {
      if (!alone) {
        const abs = path.resolve(root, rel);
        if (seen.has(abs)) continue;
        seen.add(abs);
      }
      files.push({ root, path: rel });
    }
  }
  return { files, errors, skipped: sortNatural(skipped, (x) => x.path) };
}

/** A hidden file or folder seen in a folder the walk read (relative path, `/` separators). */
interface HiddenEntry {
  path: string;
  folder: boolean;
}

/** Why a hidden entry is left out, in the inventory's words. */
function hiddenReason(h: HiddenEntry): string {
  const name = h.path.slice(h.path.lastIndexOf('/') + 1);
  if (h.folder) return name === FILL_DIR ? "fill's journal and the outputs it kept aside (hidden folder, not entered)" : 'hidden folder (not entered)';
  const output = provenanceOutputOf(name);
  if (output !== undefined) return `provenance record of ${output} (read by the report's methods)`;
  return 'hidden file';
}

async function walkRoot(
  root: string,
  options: DiscoverOptions,
  f: DiscoverFs,
  errors: DiscoverError[],
  hidden: HiddenEntry[],
): Promise<string[]> {
  const absRoot = path.resolve(root);
  const include = options.include && options.include.length > 0 ? options.include : undefined;
  const patterns = include ?? ['**/*'];
  const mentionsNodeModules = (include ?? []).some((p) => p.includes('node_modules'));
  const ignore = [...(mentionsNodeModules ? [] : ['**/node_modules', '**/node_modules/**']), ...(options.exclude ?? [])];

  const rel = (abs: string): string => {
    const r = path.relative(absRoot, abs);
    return r.split(path.sep).join('/');
  };
  const reported = new Set<string>();
  const report = (abs: string, message: string): void => {
    const r = rel(abs);
    const key = `${r}\0${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    errors.push({ path: display(root, r), message });
  };

  // Real path of every folder read so far (logical absolute path -> real path): a folder whose real
  // path equals one of its ancestors' closes a symbolic-link loop and is not read again.
  const realOf = new Map<string, string>();
  const realpath = (p: string): Promise<string> =>
    new Promise((resolve, reject) => f.realpath(p, (e, r) => (e ? reject(e) : resolve(r))));

  const readdir = ((dir: string, opts: unknown, cb?: unknown) => {
    const callback = (typeof opts === 'function' ? opts : cb) as (e: NodeJS.ErrnoException | null, r: unknown[]) => void;
    const readOpts = typeof opts === 'function' ? undefined : opts;
    (async () => {
      const abs = path.resolve(dir);
      let real: string;
      try {
        real = await realpath(abs);
      } catch (e) {
        report(abs, `cannot read folder: ${errnoMessage(e)}`);
        return [];
      }
      realOf.set(abs, real);
      // Walk up the logical ancestors inside the root.
      let anc = abs;
      while (anc !== absRoot) {
        const up = path.dirname(anc);
        if (up === anc) break;
        anc = up;
        const ar = realOf.get(anc);
        if (ar !== undefined && ar === real) {
          report(abs, `symbolic link loop: leads back to ${rel(anc) === '' ? 'the root' : `'${rel(anc)}'`}; not followed`);
          return [];
        }
        if (anc === absRoot) break;
      }
      return await new Promise<unknown[]>((resolve) => {
        const done = (e: NodeJS.ErrnoException | null, entries: unknown[]): void => {
          if (e) {
            report(abs, `cannot read folder: ${errnoMessage(e)}`);
            resolve([]);
          } else {
            for (const en of entries) {
              const name = typeof en === 'string' ? en : (en as fs.Dirent).name;
              if (typeof name === 'string' && name.charCodeAt(0) === 46 /* . */) {
                hidden.push({ path: rel(path.join(abs, name)), folder: typeof en !== 'string' && (en as fs.Dirent).isDirectory() });
              }
            }
            resolve(entries);
          }
        };
        if (readOpts === undefined) (f.readdir as unknown as (p: string, cb: typeof done) => void)(dir, done);
        else (f.readdir as unknown as (p: string, o: unknown, cb: typeof done) => void)(dir, readOpts, done);
      });
    })().then(
      (entries) => callback(null, entries),
      (e: NodeJS.ErrnoException) => callback(e, []),
    );
  }) as unknown as typeof fs.readdir;

  const stat = ((p: string, opts: unknown, cb?: unknown) => {
    const callback = (typeof opts === 'function' ? opts : cb) as (e: NodeJS.ErrnoException | null, s?: Stat) => void;
    (f.stat as unknown as (p: string, cb: (e: NodeJS.ErrnoException | null, s: Stat) => void) => void)(p, (e, s) => {
      if (e) {
        const base = path.basename(p);
        const r = rel(path.resolve(p));
        const hidden = r.split('/').some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..');
        const inNodeModules = !mentionsNodeModules && r.split('/').includes('node_modules');
        const skipped = !include && defaultSkipReason(base) !== undefined;
        if (!hidden && !inNodeModules && !skipped && !base.startsWith('.')) {
          report(
            path.resolve(p),
            e.code === 'ELOOP' ? 'symbolic link loop: the link resolves to itself; skipped' : `broken symbolic link: ${errnoMessage(e)}; skipped`,
          );
        }
        callback(e);
      } else callback(null, s);
    });
  }) as unknown as typeof fs.stat;

  let entries: string[];
  try {
    entries = await fg(patterns, {
      cwd: absRoot,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: true,
      unique: true,
      ignore,
      suppressErrors: false,
      fs: { readdir, stat },
    });
  } catch (e) {
    report(absRoot, `cannot walk: ${errnoMessage(e)}`);
    return [];
  }
  return entries;
}
