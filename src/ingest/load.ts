/**
 * The loader: the files under some folders as an inventory of runs, every file with a status. It
 * reads; the text is parsed by the pure parser (parseYcsb, ./parse.ts) and the pieces live next to it:
 * - ./read.ts: one file into runs (read, content key, decode, parse, factors from the name);
 * - ./pool.ts: every file, in this thread or in a pool of worker threads (./worker.ts);
 * - ./readahead.ts: the read-ahead thread for files not in the page cache;
 * - ./duplicates.ts: byte-identical files counted once;
 * - ./clients.ts: the outputs of clients that ran one run together combined into one run.
 * - ./identity.ts: which runs are repetitions of one configuration.
 */
import { join } from 'node:path';
import { RUN_STATUSES, type Inventory, type Run, type RunStatus } from '../model/index.js';
import { discover } from './discover.js';
import { combineClientRuns } from './clients.js';
import { markDuplicates } from './duplicates.js';
import { identifyRuns } from './identity.js';
import { readFiles, type LoadThreads } from './pool.js';
import { resolveHash, type FileResult, type ReadSettings } from './read.js';
import { startReadAhead, type ReadAheadStats } from './readahead.js';
import { StringPool } from './strings.js';
import type { TableOptions } from './table.js';

export type { LoadThreads } from './pool.js';
export type { ReadAheadStats } from './readahead.js';

export interface LoadOptions {
  include?: string[];
  exclude?: string[];
  /** User file-name templates, tried before the built-in schemes. */
  schemes?: string[];
  /** The command-line flag that takes such a template (e.g. `--scheme`), named by the fix of a
   * file-name ambiguity; without it the fix is said in words (see AssignOptions). */
  templateFlag?: string;
  /** How to read .csv tables. */
  table?: TableOptions;
  /** Called after each file, for progress displays. */
  onProgress?: (done: number, total: number) => void;
  /** Kept for compatibility; files are read one at a time (on a local disk, synchronous reads in
   * a loop measured ~2× faster than 16 concurrent async reads, and parsing is the bottleneck). */
  concurrency?: number;
  /**
   * What to keep of each run's status-line series (`-s`):
   * - 'full' (default): every sample with its per-operation interval stats (`ops`);
   * - 'throughput': t, operations, throughput and line of each sample, `ops` left empty — what the
   *   analysis and the report use, at about a tenth of the memory (for large campaigns).
   */
  series?: 'full' | 'throughput';
  /**
   * How byte-identical files are found:
   * - 'sha256' (default): by the sha256 of each file's bytes, which its runs keep (`Run.sha256`);
   * - 'crc32': by size and CRC-32 (zlib's, about a third of sha256's cost); files that agree on both
   *   are read again and compared by the sha256 of those bytes. Runs keep no sha256. A file rewritten
   *   between the two reads is compared by its new bytes; one that vanished is no duplicate. (Node <
   *   20.15 has no zlib.crc32: sha256 is used, and kept.) The CLI's summary uses it (it prints no sha256).
   */
  hash?: 'sha256' | 'crc32';
  /** Files larger than this are not read (status unreadable, with the size in the reason).
   * Default 512 MiB, about the longest string V8 can hold. */
  maxFileBytes?: number;
  /**
   * Called once for every run as soon as it is built (before duplicates are marked, and before its
   * strings are copied out of its file's text, so that what it drops is never copied). It may change
   * the run: e.g. the CLI reduces the series to what the analysis reads of it (`run.seriesDigest`)
   * and drops the samples, so that a campaign of 100,000 files never holds millions of samples at once.
   * It sees the run as parsed: its strings may still be slices of the file's text (keep none of them
   * outside the run) and, with `series: 'throughput'`, its samples are not thinned yet.
   */
  onRun?: (run: Run) => void;
  /**
   * Read-ahead for files that are not in the page cache (a campaign just copied, or not read for a
   * while): a thread reads the files ahead of the ones being parsed, several at once, so that parsing
   * does not wait for the disk one file at a time. What it reads is thrown away; results are the
   * same either way.
   * - 'auto' (default): on when there are at least 64 files and reading the first 4 KiB of 8 of
   *   them, spread over the list, takes more than 100 µs a file (median; ~15–30 µs from the page
   *   cache, 150–600 µs from disk on the machines measured);
   * - 'on': whenever there are files; 'off': never.
   * It needs the built module dist/ingest/readahead-worker.js (run from the TypeScript sources, it
   * does not start: `onReadAhead` says so). Its reads go through libuv's thread pool, which the
   * whole process shares (UV_THREADPOOL_SIZE, 4 threads by default): two reads in flight per pool
   * thread, at most 64; at most 4,096 files and 256 MiB (each file counted whole when its reading
   * starts) beyond the files the parsing threads have taken (with worker threads, that includes the
   * ranges queued for them: the first ~128 files are not read ahead). Files that are not regular
   * files or are over `maxFileBytes` are skipped.
   */
  readAhead?: 'auto' | 'on' | 'off';
  /** Called once the files are read (not when the load fails), with what the read-ahead did: its
   * probe reads (µs, 'auto' only), whether it started, and how many files it had read when it was
   * stopped (it may finish a few more reads after). */
  onReadAhead?: (stats: ReadAheadStats) => void;
}

/** Default for {@link LoadOptions.maxFileBytes}. */
export const MAX_FILE_BYTES = 512 * 2 ** 20;

/**
 * Load every file under the roots into an inventory. Never throws for a bad file: each run ends as
 * ok, failed, partial, duplicate, not-ycsb, unreadable, empty or conflict, with a reason; a file
 * skipped unread is listed with the rule that skipped it.
 *
 * ```
 * 1. discover     roots ──include, exclude──► files (./discover.ts); skipped files and scan errors kept
 * 2. read ahead   files on disk rather than in the page cache: a thread reads them ahead (./readahead.ts)
 * 3. read         each file, one at a time (./read.ts; in a pool of threads: loadRunsThreaded, ./pool.ts)
 *                   bytes ──► content key (sha256, or size + CRC-32) ──decode──► text
 *                   .csv ──parseTable──► one Run per row
 *                   else ──parseOutputs(text, name)──► one Run per YCSB invocation (`name#k` when
 *                          several) ◄──assignFactors(name): content fills what the name lacks; conflicts kept
 *                   ──onRun hook──► strings copied out of the text (the text is then dropped)
 * 4. duplicates   byte-identical files: one kept, the others marked duplicate (./duplicates.ts)
 * 5. clients      outputs of the clients of one run (same configuration but the key range or client
 *                 index, started together) ──► one combined run after its parts; the parts keep their
 *                 status, marked combinedInto (./clients.ts)
 * 6. identity     what one configuration is (./identity.ts): start times from names, folders,
 *                 unread numbers and content properties that vary as factors, repetitions
 *                 numbered by start time; what it decided in one line each (Inventory.notices)
 * 7. inventory    runs in discovery order, counts by status (of the inputs: combined runs not
 *                 counted; skipped files counted when there are some)
 * ```
 * Texts are parsed as they are read and then dropped: the inventory never holds every file's text.
 * @throws only when `roots` is empty.
 */
export async function loadRuns(roots: string[], options: LoadOptions = {}): Promise<Inventory> {
  return loadWith(roots, options);
}

/**
 * {@link loadRuns} with the files read and parsed by a pool of worker threads when there are at least
 * `threads.min` of them: `threads.hook` is the URL of a module whose `onRun` export (or the export
 * named by `threads.hookExport`) each worker calls on every run it builds (in place of
 * `options.onRun`, a function, which cannot cross threads). The
 * results are reassembled in discovery order: same statuses, duplicates and runs as in one thread.
 * Falls back to one thread when the worker module is not built (e.g. running from the sources).
 */
export async function loadRunsThreaded(
  roots: string[],
  options: LoadOptions,
  threads: LoadThreads,
): Promise<Inventory> {
  return loadWith(roots, options, threads);
}

async function loadWith(roots: string[], options: LoadOptions, threads?: LoadThreads): Promise<Inventory> {
  if (roots.length === 0) throw new Error('loadRuns: expected at least one folder or file, found none');

  // 1. Discover.
  const found = await discover(roots, { include: options.include, exclude: options.exclude });
  const files = found.files;

  // 2. Read ahead, 3. read, hash, decode and parse each file: only one file's bytes and text are
  //    alive at once in a thread; what is kept of a run holds no slice of its text (see StringPool).
  const settings: ReadSettings = {
    templates: options.schemes ?? [],
    templateFlag: options.templateFlag,
    hash: resolveHash(options.hash),
    series: options.series ?? 'full',
    maxBytes: options.maxFileBytes ?? MAX_FILE_BYTES,
    table: options.table,
  };
  const ahead = startReadAhead(files, options.readAhead ?? 'auto', settings.maxBytes);
  let results: FileResult[];
  let aheadStats: ReadAheadStats;
  try {
    const hooks = { strings: new StringPool(), onRun: options.onRun, onProgress: options.onProgress, taken: ahead.taken };
    results = await readFiles(files, settings, hooks, threads);
  } finally {
    aheadStats = ahead.stop();
  }
  options.onReadAhead?.(aheadStats);

  // 4. Duplicates.
  markDuplicates(files, results, settings.hash);

  // 5. Client outputs of one run combined.
  const runs: Run[] = combineClientRuns(results.flatMap((r) => r.runs));

  // 6. Identity.
  const { notices } = identifyRuns(runs, { templateFlag: options.templateFlag });

  // 7. Stable order and counts (of the inputs).
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const r of runs) if (r.combined === undefined) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const skipped = found.skipped.map((f) => ({ path: roots.length > 1 ? join(f.root, f.path) : f.path, reason: f.reason }));
  if (skipped.length > 0) counts.skipped = skipped.length;
  const inventory: Inventory = { roots, runs, scanErrors: found.errors, skipped, counts };
  if (notices.length > 0) inventory.notices = notices;
  return inventory;
}
