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
const DIST_LEAN = path.resolve(__dirname, '../../dist/cli/lean.js');
const built = existsSync(DIST_LOAD) && existsSync(DIST_WORKER) && existsSync(DIST_LEAN);
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
    expect(byWorker).toBeLessThan(two.runs.length); // this thread read some too (103 files, 3 ranges of 32 in flight)
    const view = (inv: typeof one) =>
      inv.runs.map((r) => ({ file: r.file, status: r.status, duplicateOf: r.duplicateOf, factors: r.factors, metrics: r.metrics, diagnostics: r.diagnostics, series: r.series.length }));
    expect(two.runs.length).toBe(one.runs.length);
    expect(view(two)).toEqual(view(one));
    expect(two.counts).toEqual(one.counts);
    expect(one.counts.duplicate).toBe(1);
  }, 60_000);

  it("calls the hook module's export named by hookExport: the CLI's lean runs without load digests", async () => {
    const mod = (await import(pathToFileURL(DIST_LOAD).href)) as typeof import('../../src/ingest/load.js');
    const lean = (await import(pathToFileURL(DIST_LEAN).href)) as typeof import('../../src/cli/lean.js');
    // the same export, marked, so the test knows the worker used it (a wrong name would kill the
    // worker and leave every file to this thread, with the same inventory)
    const hook = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-hook-')), 'hook.mjs');
    writeFileSync(
      hook,
      `import { onRunExceptLoad as lean } from ${JSON.stringify(pathToFileURL(DIST_LEAN).href)};\n` +
        'export function onRunExceptLoad(run) { lean(run); run.readByWorker = true; }\n',
    );
    // as the CLI loads: duplicates by size and CRC-32 (confirmed by sha256), in every thread
    const one = await mod.loadRuns([CAMPAIGN], { series: 'throughput', hash: 'crc32', onRun: lean.leanRunExceptLoad });
    const two = await mod.loadRunsThreaded([CAMPAIGN], { series: 'throughput', hash: 'crc32', onRun: lean.leanRunExceptLoad }, { min: 1, workers: 2, hook: pathToFileURL(hook).href, hookExport: 'onRunExceptLoad' });
    expect(two.runs.filter((r) => (r as { readByWorker?: boolean }).readByWorker).length).toBeGreaterThan(0);
    const view = (inv: typeof one) =>
      inv.runs.map((r) => ({ file: r.file, status: r.status, duplicateOf: r.duplicateOf, factors: r.factors, metrics: r.metrics, digest: r.seriesDigest ?? null }));
    expect(view(two)).toEqual(view(one));
    expect(two.counts.duplicate).toBe(1);
    // load-phase runs have no digest, run-phase ones with status lines have one
    expect(one.runs.some((r) => r.factors.phase === 'load' && r.status === 'ok')).toBe(true);
    expect(one.runs.filter((r) => r.factors.phase === 'load').every((r) => r.seriesDigest === undefined)).toBe(true);
    expect(one.runs.some((r) => r.factors.phase !== 'load' && r.seriesDigest !== undefined)).toBe(true);
  }, 60_000);
});
