/**
 * The loader's read-ahead (LoadOptions.readAhead): the cold-cache decision, the read-ahead thread
 * itself (what it reads, how far ahead, that it stops), and that the loader gives the same inventory
 * with it as without it. The thread is the built module (dist/ingest/readahead-worker.js, made by
 * `npm ci` / `npm run build`); those tests are skipped, with the reason printed, without the build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync as mkdtempSyncFs, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { looksCold } from '../../src/ingest/readahead.js';
import { READAHEAD_STATE } from '../../src/ingest/readahead-state.js';

const { FRONTIER, STOP, READ, SLOTS } = READAHEAD_STATE;

const DIST_LOAD = path.resolve(__dirname, '../../dist/ingest/load.js');
const DIST_READAHEAD = path.resolve(__dirname, '../../dist/ingest/readahead-worker.js');
const DIST_WORKER = path.resolve(__dirname, '../../dist/ingest/worker.js');
const built = existsSync(DIST_LOAD) && existsSync(DIST_READAHEAD) && existsSync(DIST_WORKER);
if (!built) console.log('skipped the read-ahead thread tests: run `npm run build` first (dist/ingest/readahead-worker.js is absent)');

const CAMPAIGN = path.resolve(__dirname, '../../fixtures/campaign');

/** Temporary folders, removed after the tests (some hold 50 MB). */
const temps: string[] = [];
const mkdtempSync = (prefix: string): string => {
  const dir = mkdtempSyncFs(prefix);
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const FORMATS = path.resolve(__dirname, '../../fixtures/formats');

describe('looksCold', () => {
  it('judges by the median probe read, not by one slow file', () => {
    expect(looksCold([20, 15, 300, 25, 18, 22, 17, 19])).toBe(false);
    expect(looksCold([677, 225, 177, 228, 212, 229, 244, 208])).toBe(true);
    // four fast, four slow: the median is the mean of the middle two
    expect(looksCold([20, 20, 20, 20, 400, 400, 400, 400])).toBe(true); // (20 + 400) / 2 = 210
    expect(looksCold([20, 20, 20, 20, 150, 150, 150, 150], 100)).toBe(false); // 85
    expect(looksCold([101])).toBe(true);
    expect(looksCold([100])).toBe(false); // above the threshold, not at it
    expect(looksCold([])).toBe(false);
  });

  it('does not reorder the caller’s array', () => {
    const probes = [300, 10, 200];
    looksCold(probes);
    expect(probes).toEqual([300, 10, 200]);
  });
});

/** Wait until `cond()` holds (polling), or fail after `ms`. */
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The built read-ahead thread on `paths`, with its shared state (slots READAHEAD_STATE). */
function startThread(paths: string[], data: { lanes: number; ahead: number; aheadBytes: number; maxBytes: number }) {
  const state = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  const w = new Worker(DIST_READAHEAD, { workerData: { paths, state, ...data } });
  return { state, w };
}

/** Wait until the thread has read `n` files, then check that it stays there (it waits, reads no more). */
async function readSettlesAt(state: Int32Array, n: number): Promise<void> {
  await until(() => Atomics.load(state, READ) === n);
  await new Promise((r) => setTimeout(r, 100));
  expect(Atomics.load(state, READ)).toBe(n);
}

/** Descriptors of this process open on files under `dir` (Linux's /proc/self/fd). */
function openUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false; // (closed meanwhile)
    }
  });
}

describe.skipIf(!built)('the read-ahead thread', () => {
  it('reads from the frontier on, at most `ahead` files beyond it, skips missing files, and stops', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    const paths: string[] = [];
    for (let i = 0; i < 300; i++) {
      const p = path.join(dir, `f${i}.txt`);
      // every tenth file is never written: open fails, the thread goes on
      if (i % 10 !== 5) writeFileSync(p, `file ${i}\n`.repeat(i % 7 === 0 ? 20_000 : 10)); // some over 64 KiB
      paths.push(p);
    }
    const { state, w } = startThread(paths, { lanes: 4, ahead: 50, aheadBytes: 2 ** 40, maxBytes: 2 ** 20 });
    try {
      // files 0..49 (45 of them exist), then it waits for the frontier
      await readSettlesAt(state, 45);
      // the parsing threads took everything before 200: files 50..199 are skipped, 200..249 read
      Atomics.store(state, FRONTIER, 200);
      await readSettlesAt(state, 90);
      // stopped: nothing more, whatever the frontier
      Atomics.store(state, STOP, 1);
      Atomics.store(state, FRONTIER, 250); // (files 250..299 would be next)
      await new Promise((r) => setTimeout(r, 200));
      expect(Atomics.load(state, READ)).toBe(90);
    } finally {
      await w.terminate();
    }
  }, 30_000);

  it('reads at most about `aheadBytes` beyond the frontier, and skips files over the size limit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    const paths: string[] = [];
    for (let i = 0; i < 100; i++) {
      const p = path.join(dir, `f${i}.txt`);
      writeFileSync(p, Buffer.alloc(i === 3 ? 300_000 : 100_000, 120)); // f3: over the limit
      paths.push(p);
    }
    // four lanes, 1 MiB: each file counts whole once its reading starts, so 10 files of 100,000
    // bytes fit (f3 skipped unread) and an 11th does not, whichever lanes start them
    const { state, w } = startThread(paths, { lanes: 4, ahead: 1000, aheadBytes: 2 ** 20, maxBytes: 200_000 });
    try {
      await readSettlesAt(state, 10);
      // the frontier passes them: the bytes behind it no longer count
      Atomics.store(state, FRONTIER, 50);
      await readSettlesAt(state, 20);
    } finally {
      Atomics.store(state, STOP, 1);
      await w.terminate();
    }
  }, 30_000);

  const mkfifo = spawnSync('mkfifo', ['--version']).status === 0;
  it.skipIf(!mkfifo)('does not block on a FIFO found where a file was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    const fifo = path.join(dir, 'a-fifo.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const paths = [fifo, path.join(dir, 'b.txt'), path.join(dir, 'c.txt')];
    writeFileSync(paths[1], 'b\n');
    writeFileSync(paths[2], 'c\n');
    // one lane, the FIFO first: an open that waited for a writer would hold it (and a pool thread) for good
    const { state, w } = startThread(paths, { lanes: 1, ahead: 10, aheadBytes: 2 ** 30, maxBytes: 2 ** 20 });
    try {
      await until(() => Atomics.load(state, READ) === 2, 5_000);
    } finally {
      Atomics.store(state, STOP, 1);
      await w.terminate();
    }
  }, 30_000);

  /** A folder of `copies` × fixtures/campaign (byte-identical copies: duplicates, the same with or without read-ahead). */
  function campaignCopies(copies: number): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    for (let k = 0; k < copies; k++) cpSync(CAMPAIGN, path.join(dir, `copy-${k}`), { recursive: true });
    return dir;
  }

  /** Stall the first call ~300 ms, so that the read-ahead thread is up and reading before the parsing goes on. */
  const stallFirst = () => {
    let first = true;
    return () => {
      if (first) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      first = false;
    };
  };

  it('gives the loader the same inventory as no read-ahead, in one thread and in two, while it reads', async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    const dir = campaignCopies(5); // 395 files
    const hook = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-hook-')), 'hook.mjs');
    writeFileSync(hook, 'let first = true;\nexport function onRun() { if (first) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); first = false; }\n');
    const stats: import('../../src/ingest/load.js').ReadAheadStats[] = [];
    const view = (inv: Awaited<ReturnType<typeof mod.loadRuns>>) =>
      inv.runs.map((r) => ({ file: r.file, status: r.status, duplicateOf: r.duplicateOf, factors: r.factors, metrics: r.metrics, diagnostics: r.diagnostics, series: r.series }));
    const off = await mod.loadRuns([dir], { readAhead: 'off', onReadAhead: (s) => stats.push(s) });
    const on = await mod.loadRuns([dir], { readAhead: 'on', onRun: stallFirst(), onReadAhead: (s) => stats.push(s) });
    const onThreads = await mod.loadRunsThreaded([dir], { readAhead: 'on', onRun: stallFirst(), onReadAhead: (s) => stats.push(s) }, { min: 1, workers: 2, hook: pathToFileURL(hook).href });
    expect(stats[0]).toEqual({ probeMicros: [], started: false, running: false, filesRead: 0 });
    for (const s of stats.slice(1)) {
      expect(s.started).toBe(true);
      expect(s.running).toBe(true);
      expect(s.error).toBeUndefined();
      expect(s.filesRead).toBeGreaterThan(0); // it did read while the files were parsed
    }
    expect(off.runs).toHaveLength(395);
    expect(view(on)).toEqual(view(off));
    expect(on).toEqual(off);
    expect(view(onThreads)).toEqual(view(off));
    expect(onThreads.counts).toEqual(off.counts);
  }, 60_000);

  it.skipIf(!existsSync('/proc/self/fd'))('stopped, it closes the files it was reading and exits by itself', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    const paths: string[] = [];
    for (let i = 0; i < 200; i++) {
      paths.push(path.join(dir, `big-${i}.txt`));
      writeFileSync(paths[i], Buffer.alloc(2 ** 18, 65)); // four reads each
    }
    const { state, w } = startThread(paths, { lanes: 8, ahead: 1000, aheadBytes: 2 ** 40, maxBytes: 2 ** 30 });
    const exited = new Promise<number>((r) => w.once('exit', r));
    await until(() => Atomics.load(state, READ) >= 3);
    Atomics.store(state, STOP, 1);
    // no terminate(): the lanes end after their current read, close their files, and the thread ends
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 5_000))]);
    expect(code).toBe(0);
    expect(Atomics.load(state, READ)).toBeLessThan(200);
    expect(openUnder(dir)).toEqual([]);
  }, 30_000);

  // regression: stopping the thread by terminate() lost the descriptors of the files it was reading
  it.skipIf(!existsSync('/proc/self/fd'))('leaves no file open once stopped, also when the load fails', async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    // files of 256 KiB: each takes the thread four reads, so that it is stopped with files open
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, `out-${i}.txt`), `line ${i}\n`.repeat(2 ** 18 / 8).slice(0, 2 ** 18));
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    for (let round = 0; round < 5; round++) {
      let n = 0;
      const failing = mod.loadRuns([dir], {
        readAhead: 'on',
        onRun: () => {
          if (n === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
          if (++n === 20) throw new Error('hook failed');
        },
      });
      await expect(failing).rejects.toThrow('hook failed');
    }
    // one thread: no parsing worker to end; the read-ahead thread is asked to stop, never terminated
    expect(terminate).not.toHaveBeenCalled();
    terminate.mockRestore();
    await until(() => openUnder(dir).length === 0, 5_000);
  }, 60_000);

  it("'auto' probes only from 64 files on", async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    for (let i = 0; i < 63; i++) writeFileSync(path.join(dir, `run-${i}.txt`), 'not a ycsb output\n');
    let few: import('../../src/ingest/load.js').ReadAheadStats | undefined;
    await mod.loadRuns([dir], { onReadAhead: (s) => (few = s) });
    expect(few).toEqual({ probeMicros: [], started: false, running: false, filesRead: 0 });
    writeFileSync(path.join(dir, 'run-63.txt'), 'not a ycsb output\n');
    let enough: import('../../src/ingest/load.js').ReadAheadStats | undefined;
    await mod.loadRuns([dir], { onReadAhead: (s) => (enough = s) });
    // eight probe reads, spread over the list; whether they looked cold depends on the machine,
    // and the thread starts exactly when they do
    expect(enough?.probeMicros).toHaveLength(8);
    for (const us of enough!.probeMicros) expect(us).toBeGreaterThan(0);
    expect(enough!.started).toBe(looksCold(enough!.probeMicros));
  }, 30_000);
});
