/**
 * The two-thread loader (used by the CLI from 2,000 files) gives exactly what one thread gives.
 * The worker is the built bundle (dist/ingest/worker.js, made by `npm ci` / `npm run build`); the
 * test is skipped, with the reason printed, when the build is absent.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST_LOAD = path.resolve(__dirname, '../../dist/ingest/load.js');
const DIST_WORKER = path.resolve(__dirname, '../../dist/ingest/worker.js');
const built = existsSync(DIST_LOAD) && existsSync(DIST_WORKER);
if (!built) console.log('skipped the threaded-loader test: run `npm run build` first (dist/ingest/worker.js is absent)');

const CAMPAIGN = path.resolve(__dirname, '../../fixtures/campaign');
const FORMATS = path.resolve(__dirname, '../../fixtures/formats');

describe.skipIf(!built)('loadRunsThreaded', () => {
  it('gives the same inventory as one thread, in the same order, duplicates included', async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    // A hook the worker calls on each run it builds: it marks the run, so the test knows the worker did read some.
    const hook = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-hook-')), 'hook.mjs');
    writeFileSync(hook, "export function onRun(run) { run.readByWorker = true; }\n");
    const one = await mod.loadRuns([CAMPAIGN, FORMATS]);
    const two = await mod.loadRunsThreaded([CAMPAIGN, FORMATS], {}, { min: 1, workers: 2, hook: pathToFileURL(hook).href });
    const byWorker = two.runs.filter((r) => (r as { readByWorker?: boolean }).readByWorker).length;
    expect(byWorker).toBeGreaterThan(0);
    const view = (inv: typeof one) =>
      inv.runs.map((r) => ({ file: r.file, status: r.status, duplicateOf: r.duplicateOf, factors: r.factors, metrics: r.metrics, diagnostics: r.diagnostics, series: r.series.length }));
    expect(two.runs.length).toBe(one.runs.length);
    expect(view(two)).toEqual(view(one));
    expect(two.counts).toEqual(one.counts);
    expect(one.counts.duplicate).toBe(1);
  }, 60_000);
});
