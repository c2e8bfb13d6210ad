/**
 * The summary's shortcuts change nothing it prints. Without --report or --trim-warmup the CLI keeps
 * lean runs (each series digested as it is read, then dropped) and leaves the digest out for
 * load-phase runs the analysis excludes; without --json or --report it also skips the Games–Howell,
 * Tukey and Hedges' g intervals the text and CSV do not show, and the campaign's timeline; without
 * --detail also what the default view does not print (AnalysisOptions.view). Its output must equal
 * what the full pipeline gives: every sample kept (loadRuns with series 'full'), everything computed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../../fixtures/exec/cli.js';
import { analysisCsv, formatAnalysis } from '../../src/cli/render.js';
import { analysisOptions, formatInventoryView } from '../../src/cli/analyze.js';
import { inCliTerms } from '../../src/cli/flags.js';
import { loadRuns } from '../../src/ingest/load.js';
import { analyze } from '../../src/analysis/analyze.js';

const ROOT = path.resolve(__dirname, '../..');
const STUDY = path.resolve(ROOT, '../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');

async function cli(argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli(argv, ROOT, {});
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
}

/** The same command's output from the full pipeline: all samples, all intervals and tests. */
async function full(dir: string, extra: string[], csv: boolean): Promise<string> {
  const inv = await loadRuns([path.resolve(ROOT, dir)], { series: 'full' });
  inv.roots = [dir];
  const detail = extra.includes('--detail');
  const cliOpts = { metric: 'throughput', confidence: '0.95', seed: '1', adjust: 'holm', adjustScope: 'stratum', targetCi: '0.05', group: 'rf,workload', includeLoad: extra.includes('--include-load'), detail } as const;
  const opts = { ...analysisOptions(cliOpts as Parameters<typeof analysisOptions>[0]), pairIntervals: true, view: undefined };
  const result = inCliTerms(analyze(inv, opts));
  // the tests and the timeline the shortcut skips are there in the full result
  expect(result.timeline).toBeDefined();
  expect(result.strata.flatMap((s) => s.pairs).some((p) => p.wilcoxon !== undefined && p.tukey !== undefined)).toBe(true);
  // the intervals the shortcut skips are there in the full result
  const ghs = result.strata.flatMap((s) => s.pairs).map((p) => p.gamesHowell).filter((g) => g !== undefined);
  expect(ghs.length).toBeGreaterThan(0);
  expect(ghs.every((g) => Number.isFinite(g!.lo))).toBe(true);
  // (pairs of two one-run levels, kept for Tukey HSD, have no Hedges' g at all)
  const withG = result.strata.flatMap((s) => s.pairs).filter((p) => Number.isFinite(p.hedgesG.center));
  expect(withG.length).toBeGreaterThan(0);
  expect(withG.every((p) => Number.isFinite(p.hedgesG.lo))).toBe(true);
  if (csv) return analysisCsv(result);
  // what the CLI prints when piped: the default view (or --detail), 100 columns
  const view = { width: 100, detail };
  return formatInventoryView(inv, view) + formatAnalysis(result, view);
}

const inputs: [string, string, boolean][] = [
  ['fixtures/campaign', 'fixtures/campaign', true],
  ['the study', path.relative(ROOT, STUDY), existsSync(STUDY)],
];

describe.each(inputs)('on %s: lean CLI output = full pipeline output', (_name, dir, present) => {
  it.skipIf(!present)('text summary (load runs excluded: no digest of their series)', async () => {
    expect(await cli([dir, '--group', 'rf,workload'])).toBe(await full(dir, [], false));
  }, 60_000);
  it.skipIf(!present)('text summary with --include-load (load runs digested)', async () => {
    const text = await cli([dir, '--group', 'rf,workload', '--include-load']);
    expect(text).toBe(await full(dir, ['--include-load'], false));
    expect(text).toMatch(/phase/);
  }, 60_000);
  it.skipIf(!present)('text summary with --detail (every pair with every test)', async () => {
    expect(await cli([dir, '--group', 'rf,workload', '--detail'])).toBe(await full(dir, ['--detail'], false));
  }, 60_000);
  it.skipIf(!present)('--csv', async () => {
    expect(await cli([dir, '--group', 'rf,workload', '--csv'])).toBe(await full(dir, [], true));
  }, 60_000);
});
