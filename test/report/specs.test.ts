import { describe, it, expect } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildFixture } from './fixture.js';
import { allFigures, boxSpec, completenessFromAnalysis, completenessSpec, FAILED_KEY, ppoints, RUN_KEYS, THESIS_WIDTH } from '../../src/report/specs.js';
import { validateSpec } from '../../src/report/render.js';
import { jitter } from '../../src/report/labels.js';

const f = buildFixture();

describe('Vega-Lite specs', () => {
  const figures = allFigures(f.analysis, f.inventory.runs, f.completeness);

  it('builds all eight charts for a full campaign', () => {
    expect(figures.map((x) => x.name)).toEqual(['means', 'box', 'series', 'timeline', 'latency', 'pairs', 'qq', 'completeness']);
  });

  it.each(['means', 'box', 'series', 'timeline', 'latency', 'pairs', 'qq', 'completeness'])('%s validates against the Vega-Lite JSON schema', (name) => {
    const fig = figures.find((x) => x.name === name)!;
    expect(validateSpec(fig.spec)).toEqual([]);
  });

  it('the validator rejects an invalid spec (it is not vacuous)', () => {
    const bad = { ...figures[0].spec, mark: 'no-such-mark', facet: undefined } as unknown as TopLevelSpec;
    expect(validateSpec(bad).length).toBeGreaterThan(0);
    expect(validateSpec({ data: { values: [] }, mark: 'point', encoding: { x: { field: 'a', type: 'nominal-ish' } } } as unknown as TopLevelSpec).length).toBeGreaterThan(0);
  });

  it('is deterministic: the same input gives the same spec', () => {
    const again = allFigures(buildFixture().analysis, buildFixture().inventory.runs, buildFixture().completeness);
    expect(JSON.stringify(again)).toBe(JSON.stringify(figures));
  });

  it('sizes panels for a thesis column', () => {
    for (const fig of figures) {
      const s = fig.spec as unknown as Record<string, unknown>;
      const inner = (s.spec ?? s) as { width?: number };
      expect(inner.width).toBeGreaterThan(0);
      expect(inner.width!).toBeLessThanOrEqual(THESIS_WIDTH);
    }
  });

  it('jitters points by a hash of the file name: stable, bounded, different for different files', () => {
    expect(jitter('a.txt')).toBe(jitter('a.txt'));
    expect(jitter('a.txt')).not.toBe(jitter('b.txt'));
    for (const n of ['x', 'y', 'cassandra-exec-15-1000000-a-1-rf_1.txt']) {
      expect(Math.abs(jitter(n, 0.5))).toBeLessThanOrEqual(0.25);
    }
  });

  it('the box plot carries every run, the outlier methods and the failed runs apart', () => {
    const spec = boxSpec(f.analysis).spec as unknown as { data: { values: Record<string, unknown>[] } };
    const runs = spec.data.values.filter((v) => v.kind === 'run');
    expect(runs.length).toBe(f.analysis.groups.reduce((n, g) => n + g.runs.length, 0));
    // The fixture's one outlier is flagged by all three rules (severe IQR, MAD, Grubbs).
    expect(runs.filter((v) => v.key === RUN_KEYS[3])).toHaveLength(1);
    expect(runs.filter((v) => v.key === RUN_KEYS[0])).toHaveLength(runs.length - 1);
    const failed = spec.data.values.filter((v) => v.kind === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].label).toBe('✕1');
    expect(failed[0].key).toBe(FAILED_KEY);
  });

  it('the completeness grid counts every cell', () => {
    const fig = completenessSpec(f.completeness);
    const values = (fig.spec as unknown as { data: { values: { status: string }[] } }).data.values;
    expect(values).toHaveLength(2 * 2 * 3 * 5);
    expect(values.filter((v) => v.status === 'missing')).toHaveLength(1);
    expect(values.filter((v) => v.status === 'failed')).toHaveLength(1);
    expect(values.filter((v) => v.status === 'outlier')).toHaveLength(1);
    expect(fig.caption).toContain('1 missing');
  });

  it('without a gap analysis, completeness comes from the groups (failed runs included)', () => {
    const c = completenessFromAnalysis(f.analysis, f.inventory.runs);
    const cells = c.configurations.flatMap((x) => x.reps);
    expect(cells.filter((x) => x.status === 'failed')).toEqual([{ rep: '3', status: 'failed', file: 'citus-exec-15-1000000-b-3-rf_2.txt' }]);
    expect(cells.filter((x) => x.status === 'outlier')).toHaveLength(1);
    // Rep 5 of citus/rf 3/workload a was never run: inferred missing from the reps seen elsewhere.
    expect(cells.filter((x) => x.status === 'missing')).toEqual([{ rep: '5', status: 'missing' }]);
    expect(cells).toHaveLength(2 * 2 * 3 * 5);
  });
});

describe('ppoints (as R)', () => {
  it('uses a = 3/8 up to n = 10', () => {
    // R: ppoints(5) = (1:5 - 3/8) / (5 + 1 - 2 * 3/8)
    const expected = [0.119047619047619, 0.30952380952381, 0.5, 0.69047619047619, 0.880952380952381];
    ppoints(5).forEach((p, i) => expect(Math.abs(p - expected[i]) / expected[i]).toBeLessThan(1e-12));
  });
  it('uses a = 1/2 above n = 10', () => {
    // R: ppoints(12) = (1:12 - 0.5) / 12
    ppoints(12).forEach((p, i) => expect(Math.abs(p - (i + 0.5) / 12)).toBeLessThan(1e-15));
  });
});

describe('completeness labels', () => {
  it('name rows by what tells them apart, not by factors with one level per database', () => {
    const conf = (db: string, nodes: string, rf: string) => ({
      factors: { db, nodes, recordcount: '1000000', rf, workload: 'a' },
      reps: [{ rep: '1', status: 'ok' as const }],
    });
    const fig = completenessSpec({ configurations: [conf('cassandra', '15', '1'), conf('cassandra', '15', '2'), conf('citus', '14', '1')] });
    const rows = [...new Set((fig.spec as unknown as { data: { values: { config: string }[] } }).data.values.map((v) => v.config))];
    expect(rows).toEqual(['Cassandra · RF 1', 'Cassandra · RF 2', 'Citus · RF 1']);
  });
});
