/**
 * The campaign timeline figure (src/report/figures/timeline.ts): one point per kept run with a start
 * time, open where the time is only a modification time, one numbered rule per change point in every
 * row whose time span holds it (close rules share one label), the caption saying what a point and a
 * rule are and the penalty; no figure without start times; and the time axis reads the clock time
 * the outputs wrote whatever the zone of the machine that renders it.
 */
import { describe, expect, it } from 'vitest';
import { buildFixture } from './fixture.js';
import { axisTitleProblems } from './axes.js';
import { allFigures, naiveMillis, TIMELINE_X_TITLE, timelineFigures, type Figure } from '../../src/report/specs.js';
import { renderSvg, validateSpec } from '../../src/report/render.js';
import type { AnalysisResult, CampaignTimeline } from '../../src/analysis/types.js';

type Row = Record<string, unknown>;
const values = (fig: Figure) => (fig.spec as unknown as { data: { values: Row[] } }).data.values;
const f = buildFixture();
const [fig] = timelineFigures(f.analysis, f.inventory.runs);

describe('the timeline figure', () => {
  it('has a point for every kept run with a start time, open (weak) where the time is the file’s modification time', () => {
    const kept = f.analysis.groups.flatMap((g) => g.runs.filter((r) => !r.excluded));
    const points = values(fig).filter((v) => v.kind === 'run');
    expect(points).toHaveLength(kept.length);
    const byFile = new Map(f.inventory.runs.map((r) => [r.file, r]));
    for (const p of points) {
      const run = byFile.get(p.file as string)!;
      expect(p.t).toBe(naiveMillis(run.start!.iso));
      expect(p.weak).toBe(run.start!.source === 'mtime');
      expect(p.row).toBe(run.factors.db === 'citus' ? 'Citus' : 'Cassandra');
    }
    expect(points.filter((p) => p.weak)).toHaveLength(5); // Citus · workload b · RF 1
    expect(fig.caption).toContain('Open symbols: 5 runs whose start time is only their file’s modification time');
  });

  it('marks each change point with a numbered rule in the rows whose time span holds it; the caption says what a rule is and the penalty', () => {
    const rules = values(fig).filter((v) => v.kind === 'rule');
    expect(rules).toEqual([{ kind: 'rule', t: naiveMillis(f.analysis.timeline!.changePoints[0].start), row: 'Citus', col: '' }]);
    expect(values(fig).filter((v) => v.kind === 'label')).toEqual([{ kind: 'label', t: rules[0].t, label: '1', row: 'Citus', col: '' }]);
    expect(fig.caption).toMatch(/^Point: one repetition, its throughput at the time it started; colour: RF; shape: workload\./);
    expect(fig.caption).toContain('Dashed rule, numbered: a change point of the whole campaign, at the start of the first run after it.');
    expect(fig.caption).toContain(`MBIC penalty ${(3 * Math.log(58)).toFixed(1)} per change`);
    expect(fig.caption).toContain('1: 2024-03-05 00:40 (from +0.2 to −0.6 SD)');
    expect(validateSpec(fig.spec)).toEqual([]);
    expect(axisTitleProblems(fig.spec)).toEqual([]);
    const facet = (fig.spec as unknown as { facet: { row: { title: string }; column: { title: string } } }).facet;
    expect(facet.column.title).toBe(TIMELINE_X_TITLE);
    expect(facet.row.title).toBe('throughput (ops/s)');
  });

  it('labels rules closer than a label’s width once ("1, 2"), and a rule at the right edge from its left', () => {
    const t = f.analysis.timeline!;
    const cassandra = f.inventory.runs.filter((r) => r.factors.db === 'cassandra' && r.status === 'ok').map((r) => r.start!.iso).sort();
    const at = (iso: string, i: number) => ({ index: i, file: `f${i}`, start: iso, before: 0, after: 0 });
    // two changes 7 minutes apart (on a 3.5-hour row: about 15 px), one at the row's last run
    const timeline: CampaignTimeline = { ...t, changePoints: [at(cassandra[10], 10), at(cassandra[11], 11), at(cassandra[cassandra.length - 1], 29)] };
    const [g] = timelineFigures({ ...f.analysis, timeline } as AnalysisResult, f.inventory.runs);
    const labels = values(g).filter((v) => String(v.kind).startsWith('label'));
    expect(labels.map((v) => [v.kind, v.label])).toEqual([
      ['label', '1, 2'],
      ['label-end', '3'],
    ]);
    expect(values(g).filter((v) => v.kind === 'rule')).toHaveLength(3);
  });

  it('colours and shapes by factors with no more levels than distinct colours and shapes; the caption names the others', () => {
    // threads: 12 levels, one per configuration (more than the 7 colours): neither colour nor shape
    const many = { ...f.analysis, groups: f.analysis.groups.map((g, i) => ({ ...g, factors: { ...g.factors, threads: String(i + 1) } })) };
    const [g] = timelineFigures(many, f.inventory.runs);
    expect(g.caption).toMatch(/^Point: one repetition, its throughput at the time it started; colour: RF; shape: workload \(threads not told apart\)\./);
    const legend = (g.spec as unknown as { spec: { layer: { encoding: { color: { legend: { columns: number } } } }[] } }).spec.layer[0].encoding.color.legend;
    expect(legend.columns).toBe(3);
  });

  it('is left out without start times, and says when no change point was found', () => {
    const bare = f.inventory.runs.map((r) => ({ ...r, start: undefined }));
    expect(timelineFigures(f.analysis, bare)).toEqual([]);
    const { timeline: _, ...noTimeline } = f.analysis;
    expect(timelineFigures(noTimeline as AnalysisResult, f.inventory.runs)).toEqual([]);
    expect(allFigures(noTimeline as AnalysisResult, f.inventory.runs, f.completeness).map((x) => x.name)).not.toContain('timeline');
    const none = { ...f.analysis, timeline: { ...f.analysis.timeline!, changePoints: [] } };
    const [g] = timelineFigures(none, f.inventory.runs);
    expect(g.caption).toContain('PELT found no change point.');
    expect(values(g).filter((v) => v.kind !== 'run')).toEqual([]);
  });

  it('reads naive times on a UTC clock: the axis shows the clock time of the outputs whatever the machine’s zone', async () => {
    expect(naiveMillis('2021-09-13T06:43:56.789')).toBe(Date.UTC(2021, 8, 13, 6, 43, 56, 789));
    expect(naiveMillis('2021-09-13')).toBe(Date.UTC(2021, 8, 13));
    expect(naiveMillis('13/09/2021')).toBeNaN();
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const ny = await renderSvg(fig.spec);
      process.env.TZ = 'Asia/Kolkata';
      const kolkata = await renderSvg(fig.spec);
      expect(ny).toBe(kolkata);
      // the fixture starts at 08:00 (Cassandra) and Citus crosses midnight into 5 March
      expect(ny).toContain('>08:00<');
      expect(ny).toContain('>Mar 05<');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
