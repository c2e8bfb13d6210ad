/**
 * The loader's read-ahead (LoadOptions.readAhead, ./load.ts): a thread (./readahead-worker.ts) that
 * reads the files ahead of the ones being parsed, so that parsing does not wait for the disk one
 * file at a time. What it reads is thrown away: results are the same with it and without it.
 *
 * ```
 * files, mode ──'off', < 2 files, or 'auto' with < 64 files──► none
 *   ──'auto': probe reads (first 4 KiB of 8 files); median ≤ 100 µs (page cache)──► none
 *   ──the built readahead-worker.js absent──► none (error: not built)
 *   ──► thread started, talking through a shared Int32Array (./readahead-state.ts):
 *         taken(i): the parsing threads have taken the files before i
 *         stop():   it ends after its current reads; what it did (ReadAheadStats)
 * ```
 */
import { Buffer } from 'node:buffer';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { median } from '../stats/median.js';
import { newWorker } from './pool.js';
import { READAHEAD_STATE } from './readahead-state.js';
import { OPEN_FLAGS } from './read.js';

/** See LoadOptions.onReadAhead. */
export interface ReadAheadStats {
  /** The probe reads' times, µs ('auto' with at least 64 files; empty otherwise). */
  probeMicros: number[];
  /** Whether the read-ahead thread was launched. */
  started: boolean;
  /** Whether it had begun reading when the loader stopped it (a short load can end first). */
  running: boolean;
  /** Files it had read to their end when the loader stopped it (it may finish a few more). */
  filesRead: number;
  /** Why it did not start, or how it failed, if the loader heard of it before stopping it (a
   * failure costs only the speed-up). */
  error?: string;
}

/** The read-ahead thread's script (the same place relative to tsc's dist/ingest/readahead.js and the bundled dist/cli/*.js). */
const READAHEAD_URL = new URL('../ingest/readahead-worker.js', import.meta.url);
/** Read-ahead ('auto'): at least this many files, and a median probe read slower than READAHEAD_COLD_MICROS. */
const READAHEAD_MIN_FILES = 64;
const READAHEAD_COLD_MICROS = 100;
/** At most this many files and bytes read ahead of the parsing threads (they stay in the page cache). */
const READAHEAD_FILES = 4096;
const READAHEAD_BYTES = 256 * 2 ** 20;

/**
 * Whether probe reads look like reads from disk rather than from the page cache: their median
 * (µs, one per file) above `thresholdMicros`. False without probes.
 * @example looksCold([20, 15, 300, 25, 18, 22, 17, 19]) // false (one slow file)
 */
export function looksCold(micros: readonly number[], thresholdMicros = READAHEAD_COLD_MICROS): boolean {
  return micros.length > 0 && median(micros) > thresholdMicros;
}

/** Time (µs) to open each of up to 8 files spread over `files`, read its first 4 KiB and close it. */
function probeReads(files: readonly { root: string; path: string }[]): number[] {
  const buf = Buffer.allocUnsafe(4096);
  const out: number[] = [];
  const k = Math.min(8, files.length);
  for (let j = 0; j < k; j++) {
    const f = files[Math.floor(((j + 0.5) / k) * files.length)];
    const t0 = performance.now();
    let fd: number | undefined;
    try {
      fd = openSync(join(f.root, f.path), OPEN_FLAGS);
      if (!fstatSync(fd).isFile()) continue;
      readSync(fd, buf, 0, buf.length, 0);
    } catch {
      continue; // (the loader reports the file when it reads it)
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

/** A running read-ahead thread (see LoadOptions.readAhead and ./readahead-worker.ts), or none. */
export interface ReadAhead {
  /** The parsing threads have taken every file before index `i`. */
  taken(i: number): void;
  /** Ask it to stop (each lane ends after its current read and closes its file; the thread then
   * exits by itself, and never keeps the process alive); what it did so far. */
  stop(): ReadAheadStats;
}

/** Start the read-ahead thread for `files` when `mode` asks for it (see LoadOptions.readAhead). */
export function startReadAhead(files: readonly { root: string; path: string }[], mode: 'auto' | 'on' | 'off', maxBytes: number): ReadAhead {
  const none = (probeMicros: number[] = [], error?: string): ReadAhead => ({
    taken: () => undefined,
    stop: () => ({ probeMicros, started: false, running: false, filesRead: 0, ...(error !== undefined ? { error } : {}) }),
  });
  // (one file: the parsing thread takes it at once, nothing is left to read ahead)
  if (mode === 'off' || files.length < 2 || (mode === 'auto' && files.length < READAHEAD_MIN_FILES)) return none();
  const probeMicros = mode === 'auto' ? probeReads(files) : [];
  if (mode === 'auto' && !looksCold(probeMicros)) return none(probeMicros);
  if (READAHEAD_URL.protocol !== 'file:' || !existsSync(fileURLToPath(READAHEAD_URL))) return none(probeMicros, 'the read-ahead module is not built');
  const paths = files.map((f) => join(f.root, f.path));
  const { FRONTIER, STOP, READ, RUNNING, SLOTS } = READAHEAD_STATE;
  const state = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  // libuv's pool (UV_THREADPOOL_SIZE, 4 by default) is the whole process's: about two reads queued
  // per pool thread keep it busy without holding back other users' requests for long
  const poolSize = Math.max(1, Math.min(1024, Number(process.env.UV_THREADPOOL_SIZE) || 4));
  const lanes = Math.min(64, 2 * poolSize);
  let error: string | undefined;
  let worker: Worker;
  try {
    worker = newWorker(READAHEAD_URL, { workerData: { paths, state, lanes, ahead: READAHEAD_FILES, aheadBytes: READAHEAD_BYTES, maxBytes }, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  } catch (e) {
    return none(probeMicros, (e as Error).message);
  }
  worker.unref();
  // (a read-ahead that fails costs only its speed-up: it is reported in the stats)
  worker.on('error', (e) => (error = e.message));
  return {
    taken: (i) => Atomics.store(state, FRONTIER, i),
    stop: () => {
      Atomics.store(state, STOP, 1);
      return { probeMicros, started: true, running: Atomics.load(state, RUNNING) === 1, filesRead: Atomics.load(state, READ), ...(error !== undefined ? { error } : {}) };
    },
  };
}
