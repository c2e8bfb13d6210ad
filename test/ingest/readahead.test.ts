/**
 * The loader's read-ahead (LoadOptions.readAhead): the cold-cache decision, the read-ahead thread
 * itself (what it reads, how far ahead, that it stops), and that the loader gives the same inventory
 * with it as without it. The thread is the built module (dist/ingest/readahead-worker.js, made by
 * `npm ci` / `npm run build`); those tests are skipped, with the reason printed, without the build.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { looksCold } from '../../src/ingest/load.js';

const DIST_LOAD = path.resolve(__dirname, '../../dist/ingest/load.js');
const DIST_READAHEAD = path.resolve(__dirname, '../../dist/ingest/readahead-worker.js');
const DIST_WORKER = path.resolve(__dirname, '../../dist/ingest/worker.js');
const built = existsSync(DIST_LOAD) && existsSync(DIST_READAHEAD) && existsSync(DIST_WORKER);
if (!built) console.log('skipped the read-ahead thread tests: run `npm run build` first (dist/ingest/readahead-worker.js is absent)');

const CAMPAIGN = path.resolve(__dirname, '../../fixtures/campaign');
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
    const state = new Int32Array(new SharedArrayBuffer(12)); // [frontier, stop, files read]
    const w = new Worker(DIST_READAHEAD, { workerData: { paths, state, lanes: 4, ahead: 50, maxBytes: 2 ** 20 } });
    try {
      // files 0..49 (45 of them exist), then it waits for the frontier
      await until(() => Atomics.load(state, 2) === 45);
      await new Promise((r) => setTimeout(r, 100));
      expect(Atomics.load(state, 2)).toBe(45);
      // the parsing threads took everything before 200: files 50..199 are skipped, 200..249 read
      Atomics.store(state, 0, 200);
      await until(() => Atomics.load(state, 2) === 90);
      await new Promise((r) => setTimeout(r, 100));
      expect(Atomics.load(state, 2)).toBe(90);
      // stopped: nothing more, whatever the frontier
      Atomics.store(state, 1, 1);
      Atomics.store(state, 0, 250); // (files 250..299 would be next)
      await new Promise((r) => setTimeout(r, 200));
      expect(Atomics.load(state, 2)).toBe(90);
    } finally {
      await w.terminate();
    }
  }, 30_000);

  it('gives the loader the same inventory as no read-ahead, in one thread and in two', async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    const stats: import('../../src/ingest/load.js').ReadAheadStats[] = [];
    const view = (inv: Awaited<ReturnType<typeof mod.loadRuns>>) =>
      inv.runs.map((r) => ({ file: r.file, status: r.status, duplicateOf: r.duplicateOf, factors: r.factors, metrics: r.metrics, diagnostics: r.diagnostics, series: r.series }));
    const off = await mod.loadRuns([CAMPAIGN, FORMATS], { readAhead: 'off', onReadAhead: (s) => stats.push(s) });
    const on = await mod.loadRuns([CAMPAIGN, FORMATS], { readAhead: 'on', onReadAhead: (s) => stats.push(s) });
    const onThreads = await mod.loadRunsThreaded([CAMPAIGN, FORMATS], { readAhead: 'on', onReadAhead: (s) => stats.push(s) }, { min: 1, workers: 2 });
    expect(stats[0]).toEqual({ probeMicros: [], started: false, filesRead: 0 });
    expect(stats[1].started).toBe(true);
    expect(stats[2].started).toBe(true);
    expect(view(on)).toEqual(view(off));
    expect(view(onThreads)).toEqual(view(off));
    expect(on.counts).toEqual(off.counts);
  }, 60_000);

  it("'auto' probes only from 64 files on", async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'ycsb-readahead-'));
    for (let i = 0; i < 63; i++) writeFileSync(path.join(dir, `run-${i}.txt`), 'not a ycsb output\n');
    let few: import('../../src/ingest/load.js').ReadAheadStats | undefined;
    await mod.loadRuns([dir], { onReadAhead: (s) => (few = s) });
    expect(few).toEqual({ probeMicros: [], started: false, filesRead: 0 });
    writeFileSync(path.join(dir, 'run-63.txt'), 'not a ycsb output\n');
    let enough: import('../../src/ingest/load.js').ReadAheadStats | undefined;
    await mod.loadRuns([dir], { onReadAhead: (s) => (enough = s) });
    // eight probe reads, spread over the list (whether they looked cold depends on the machine)
    expect(enough?.probeMicros).toHaveLength(8);
    for (const us of enough!.probeMicros) expect(us).toBeGreaterThan(0);
  }, 30_000);
});
