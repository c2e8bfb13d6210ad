/**
 * The report states the independence check and its outcome (issue 22, "The report"): the methods
 * paragraph and the reporting checklist name the check (Kendall's τ against run order, the lag-1
 * autocorrelation's Ljung–Box test, α), how many configurations show a trend or a dependence, that
 * their intervals are also given corrected, and whether the repetitions shared one deployment. On
 * generated campaigns analysed by the real analysis; the expected counts are taken from the
 * analysis' own groups, never copied from an output.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { DEPENDENCE_ALPHA } from '../../src/analysis/dependence.js';
import type { AnalysisResult } from '../../src/analysis/types.js';
import type { Factors, Inventory, Run } from '../../src/model/index.js';
import { reportingChecklist } from '../../src/report/checklist.js';
import { changePointSentence, deploymentSentence, independenceSentences } from '../../src/report/independence.js';
import { methodsParagraph } from '../../src/report/text.js';
import { createRng } from '../../src/stats/rng.js';
import { buildFixture } from './fixture.js';

function mk(factors: Factors, throughput: number, iso?: string): Run {
  const file = `gen-${Object.values(factors).join('-')}.txt`;
  return {
    name: file, status: 'ok', diagnostics: [], format: 'ycsb-text', header: { factors: {}, properties: {} },
    metrics: { throughput, operations: 1000, runtime: (1000 / throughput) * 1000 }, operations: {}, series: [],
    sourceLatencyUnit: 'us', lines: 10, file, root: '/gen', factors: { phase: 'run', ...factors },
    origin: { scheme: 'test', fromName: factors, fromContent: {}, conflicts: [], ambiguities: [] },
    ...(iso ? { start: { iso, source: 'status-line' as const } } : {}),
  };
}

/**
 * 6 configurations × 30 repetitions, interleaved in time (a run every 5 minutes): c0 and c1 fall
 * steadily (0.2 sd per repetition), c2 is AR(1) with φ = 0.9, the others are independent noise.
 */
function campaign(seed: number, deployments = 0): Inventory {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const runs: Run[] = [];
  const ar = Array.from({ length: 6 }, () => 0);
  for (let rep = 1; rep <= 30; rep++) {
    for (let c = 0; c < 6; c++) {
      ar[c] = (c === 2 ? 0.9 * ar[c] : 0) + normal();
      const trend = c < 2 ? -0.2 * rep : 0;
      const k = (rep - 1) * 6 + c;
      const iso = new Date(Date.UTC(2024, 2, 1, 8, 0) + k * 5 * 60_000).toISOString().replace('Z', '');
      const dep: Factors = deployments ? { deployment: String(Math.ceil((rep * deployments) / 30)) } : {};
      runs.push(mk({ config: `c${c}`, ...dep, rep: String(rep) }, 100 + 10 * c + trend + ar[c], iso));
    }
  }
  return { runs } as unknown as Inventory;
}
const OPTS = { group: ['config'], compare: 'not-a-factor' };
const SOFTWARE = [{ name: 'ycsb-analyze', version: '9.9.9' }];

describe('the independence check in the report’s words', () => {
  const a = analyze(campaign(5), OPTS);
  const deps = a.groups.map((g) => g.dependence!);
  const trend = deps.filter((d) => d.kendall!.p < DEPENDENCE_ALPHA).length;
  const correlated = deps.filter((d) => d.ljungBox!.p < DEPENDENCE_ALPHA).length;
  const above = deps.filter((d) => d.acf1! > 0.3).length;
  const flagged = deps.filter((d) => d.significant).length;

  it('the generated campaign has what the sentences are about (trends and a dependence, not everywhere)', () => {
    expect(trend).toBeGreaterThanOrEqual(2);
    expect(correlated).toBeGreaterThanOrEqual(1);
    expect(flagged).toBeLessThan(6);
  });

  it('the methods paragraph states the check, α, and its outcome on this campaign, and the one deployment', () => {
    const text = methodsParagraph(a, SOFTWARE).join(' ');
    expect(text).toContain("checked in the order they ran (by their start times): Kendall's τ of throughput against the run order tests for a trend, and the Ljung–Box test of the lag-1 autocorrelation");
    expect(text).toContain(`each at α = ${DEPENDENCE_ALPHA}`);
    expect(text).toContain(`${trend} of 6 configurations show a significant trend`);
    expect(text).toContain(`${correlated} a significant lag-1 autocorrelation (it is above 0.3 in ${above})`);
    expect(text).toContain(`for these ${flagged} configurations the mean's interval is also given corrected for the dependence (AR(1) model`);
    expect(text).toContain('All repetitions of a configuration ran on one deployment');
    expect(text.match(/one deployment/g)).toHaveLength(1);
    expect(text).not.toMatch(/--[a-z]/);
  });

  it('the checklist has the item, with the same outcome, where the corrected intervals are, and the timeline figure', () => {
    const items = reportingChecklist({ analysis: a, inventory: { roots: [], runs: [], scanErrors: [], counts: {} } as unknown as Inventory, figures: ['means', 'box', 'timeline'] });
    expect(items.map((x) => x.id)).toEqual(['factors', 'ratios', 'summary', 'normality', 'independence', 'percentiles', 'repetitions', 'excluded']);
    const item = items.find((x) => x.id === 'independence')!;
    const all = item.text.join(' ');
    expect(item.rule).toBe('rules 5 and 6');
    expect(all).toContain(`${trend} of 6 configurations show a significant trend`);
    expect(all).toContain('corrected for the dependence, among the configuration warnings of the data-quality section');
    expect(all).toContain('All repetitions of a configuration ran on one deployment');
    expect(all).toContain(`on the ${a.timeline!.n} runs in start-time order`);
    expect(all).toContain('Figure 3 shows every run against its start time, the change points marked');
  });

  it('a stationary campaign: no trend, no dependence, the intervals read as they are', () => {
    const rng = createRng(9);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
    const runs = Array.from({ length: 40 }, (_, i) => mk({ config: 'c0', rep: String(i + 1) }, 100 + normal()));
    const s = analyze({ runs } as unknown as Inventory, OPTS);
    expect(s.groups[0].dependence!.significant).toBe(false);
    const [how, outcome] = independenceSentences(s);
    expect(how).toContain('(by their repetition numbers (no start time was recorded for every run))');
    expect(outcome).toMatch(/^The configuration shows no significant trend, none a significant lag-1 autocorrelation \(it is above 0\.3 in (none|1)\); the intervals are read as they are\.$/);
    expect(changePointSentence(s)).toBe(''); // no start times: no timeline
  });

  it('repetitions nested in deployments: the interval from the deployment means, not the one-deployment sentence', () => {
    const n = analyze(campaign(5, 4), OPTS);
    expect(n.groups.every((g) => g.nested)).toBe(true);
    expect(deploymentSentence(n)).toBe(
      'In 6 configurations the repetitions are nested in 4 deployments: the interval of the mean comes from the deployment means (Student-t with one degree of freedom fewer than the deployments), and the variance between and within deployments is given with the intraclass correlation.',
    );
    expect(methodsParagraph(n, SOFTWARE).join(' ')).not.toContain('ran on one deployment');
  });

  it('too few repetitions to check: said once, no invented outcome', () => {
    const f = buildFixture();
    const none: AnalysisResult = { ...f.analysis, groups: f.analysis.groups.map((g) => ({ ...g, dependence: undefined })) };
    expect(independenceSentences(none)).toEqual([]);
    const item = reportingChecklist({ analysis: none, inventory: f.inventory }).find((x) => x.id === 'independence')!;
    expect(item.text[0]).toBe('The independence of the repetitions could not be checked: no configuration has the 3 repetitions the check needs.');
  });
});
