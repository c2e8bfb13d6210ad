/**
 * Reading every file of a load (a step of loadRuns, ./load.ts): in this thread, one file after the
 * other, or with a pool of worker threads (./worker.ts) when loadRunsThreaded asks for one and there
 * are enough files. Either way, results[i] is what files[i] became (./read.ts), in discovery order.
 *
 * ```
 * one thread:  file i ──taken(i + 1)──readOne──► results[i] ──onProgress
 *                (and a yield to the event loop every 100 ms)
 * a pool:      ranges of 32 files ──► workers (3 ranges in flight each) and this thread, by turns
 *                worker ──message { start, results }──► strings pooled again here ──► results[start…]
 *                a worker that fails or exits: its unanswered ranges go back to the others
 * ```
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import type { Run } from '../model/index.js';
import { readOne, type FileResult, type ReadSettings } from './read.js';
import { keepRun, type StringPool } from './strings.js';

/** Worker threads of {@link loadRunsThreaded}. */
export interface LoadThreads {
  /** URL of the module whose export each worker calls on every run (in place of `options.onRun`). */
  hook?: string;
  /** That export's name (default 'onRun'). */
  hookExport?: string;
  /** Fewer files than this: one thread (default 200). */
  min?: number;
  /** Threads in all, this one included (default 2). */
  workers?: number;
}

/** What reading the files calls back, in the thread that loads. */
export interface ReadHooks {
  /** Pools the strings of the runs kept (also those the workers send back). */
  strings: StringPool;
  /** LoadOptions.onRun, called in this thread on the runs this thread reads. */
  onRun?: (run: Run) => void;
  onProgress?: (done: number, total: number) => void;
  /** The parsing threads have taken every file before index `i` (for the read-ahead). */
  taken: (i: number) => void;
}

/** Where the worker script is (the same place relative to tsc's dist/ingest/pool.js and the bundled dist/cli/*.js). */
const WORKER_URL = new URL('../ingest/worker.js', import.meta.url);

/**
 * node:worker_threads when first needed: a load may start no thread (the CLI starts threads only for
 * large campaigns), and loading it costs every start a few milliseconds of Node's own module compilation.
 */
const requireBuiltin = createRequire(import.meta.url);

/** A worker thread running the script at `url` (also the read-ahead's, ./readahead.ts). */
export function newWorker(url: URL, options: WorkerOptions): Worker {
  return new (requireBuiltin('node:worker_threads') as typeof import('node:worker_threads')).Worker(url, options);
}

/**
 * Read `files`: with `threads`, at least `threads.min` files and the built worker module, in this
 * thread and `threads.workers - 1` worker threads; otherwise one after the other in this thread.
 */
export async function readFiles(
  files: { root: string; path: string }[],
  settings: ReadSettings,
  hooks: ReadHooks,
  threads?: LoadThreads,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  const nWorkers = threads?.workers ?? 2;
  const useThreads = threads !== undefined && nWorkers > 1 && files.length >= (threads.min ?? 200) && WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
  if (useThreads) {
    await readShared(files, settings, threads, nWorkers, hooks, results);
    return results;
  }
  let lastYield = performance.now();
  for (let i = 0; i < files.length; i++) {
    hooks.taken(i + 1);
    results[i] = readOne(files[i].root, files[i].path, settings, hooks.strings, hooks.onRun);
    hooks.onProgress?.(i + 1, files.length);
    // Let timers and I/O callbacks (progress, signals) run now and then.
    if (performance.now() - lastYield > 100) {
      await new Promise((res) => setImmediate(res));
      lastYield = performance.now();
    }
  }
  return results;
}

/**
 * Read the files in this thread and `nWorkers - 1` worker threads (src/ingest/worker.ts): ranges of
 * file indices are handed out as threads finish theirs; each worker result comes back by index
 * (structured clone) and its strings are pooled again here, so runs share their factor levels as in
 * one thread. This thread reads ranges too (with `onRun`), between the workers' messages. A worker
 * that fails or stops gives its unanswered ranges back to this thread.
 */
async function readShared(
  files: { root: string; path: string }[],
  settings: ReadSettings,
  threads: LoadThreads,
  nWorkers: number,
  hooks: ReadHooks,
  results: FileResult[],
): Promise<void> {
  const { strings: pool, onRun, onProgress, taken } = hooks;
  // 32 files a message: one structured clone per range costs ~25% less a run than at 8 (fewer
  // messages, shared header objects sent once), and 3 ranges in flight keep the worker busy
  const CHUNK = 32;
  let next = 0;
  let done = 0;
  let wake: (() => void) | undefined;
  const workers: Worker[] = [];
  const pending: Map<number, number>[] = []; // per worker: start -> end of the ranges sent, not answered
  const alive: boolean[] = [];
  const retry: [number, number][] = [];
  const take = (): [number, number] | undefined => {
    if (retry.length > 0) return retry.pop();
    if (next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, next + CHUNK);
    taken(next);
    return [start, next];
  };
  const send = (k: number) => {
    if (!alive[k] || retry.length > 0) return;
    const r = take();
    if (!r) return;
    pending[k].set(r[0], r[1]);
    workers[k].postMessage({ start: r[0], end: r[1] });
  };
  const lose = (k: number) => {
    if (!alive[k]) return;
    alive[k] = false;
    for (const [start, end] of pending[k]) retry.push([start, end]);
    pending[k].clear();
    void workers[k].terminate();
    wake?.();
  };
  for (let k = 0; k < nWorkers - 1; k++) {
    // A small young generation: a worker keeps nothing between ranges, and every MB counts at 100,000 files.
    const w = newWorker(WORKER_URL, { workerData: { files, settings, hook: threads.hook, hookExport: threads.hookExport }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    workers.push(w);
    pending.push(new Map());
    alive.push(true);
    w.on('message', (m: { start: number; results: FileResult[] }) => {
      if (!alive[k] || !pending[k].delete(m.start)) return;
      for (let j = 0; j < m.results.length; j++) {
        const r = m.results[j];
        for (const run of r.runs) {
          // a structured clone: every string a fresh copy. Factor levels and the like are shared with
          // the runs read so far, as in one thread; the fields keepRun leaves alone hold nothing to
          // share, except the root, the same for every file of a folder.
          keepRun(run, pool, settings.series === 'throughput');
          run.root = pool.get(run.root);
        }
        results[m.start + j] = r;
      }
      done += m.results.length;
      onProgress?.(done, files.length);
      send(k);
      if (pending[k].size === 0) {
        alive[k] = false;
        void w.terminate();
      }
      wake?.();
    });
    w.on('error', () => lose(k));
    w.on('exit', () => lose(k));
    // Three ranges in flight per worker: it never waits for the next one while this thread parses.
    for (let n = 0; n < 3; n++) send(k);
  }
  try {
    // This thread's share, one range at a time; the workers' results are taken in between.
    while (done < files.length) {
      const r = take();
      if (!r) {
        await new Promise<void>((res) => (wake = res));
        wake = undefined;
        continue;
      }
      for (let i = r[0]; i < r[1]; i++) {
        results[i] = readOne(files[i].root, files[i].path, settings, pool, onRun);
      }
      done += r[1] - r[0];
      onProgress?.(done, files.length);
      await new Promise((res) => setImmediate(res));
    }
  } finally {
    for (let k = 0; k < workers.length; k++) {
      alive[k] = false;
      void workers[k].terminate();
    }
  }
}
