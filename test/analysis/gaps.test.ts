import { describe, it, expect } from 'vitest';
import { designFromRuns } from '../../src/analysis/design.js';
import { compactRanges, findGaps, formatGaps, gapSummaryLine } from '../../src/analysis/gaps.js';
import { repetitionsNeeded } from '../../src/stats/repetitionsNeeded.js';
import { makeRun, studyCampaign, studyRun } from '../../fixtures/exec/runs.js';

const drop = (runs: ReturnType<typeof studyCampaign>, files: string[]) => runs.filter((r) => !files.includes(r.file));

describe('findGaps', () => {
  it('a run whose content says another configuration (operationcount 1000 among 10000) is not comparable: listed, not counted, replaced', () => {
    // makeRun gives every run operationcount=10000 from its content; rep 3 was re-run with today's script.
    const runs = studyCampaign(['cassandra'], ['a'], 4).map((r) =>
      r.file === 'cassandra-exec-15-1000000-a-3-rf_1.txt' ? { ...r, factors: { ...r.factors, operationcount: '1000' }, origin: { ...r.origin, fromContent: { operationcount: '1000' } } } : r,
    );
    const r = findGaps(runs, designFromRuns(runs, 4));
    const c = r.configurations.find((x) => x.key === 'db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a')!;
    expect(c.notComparable).toEqual([{ rep: 3, file: 'cassandra-exec-15-1000000-a-3-rf_1.txt', differences: 'operationcount 1000 vs 10000' }]);
    expect(c.okReps).toEqual([1, 2, 4]);
    expect(c.usable).toBe(3);
    expect(c.complete).toBe(false);
    expect(c.toRun).toEqual([{ rep: 5, reason: 'replaces-failed', replaces: 'cassandra-exec-15-1000000-a-3-rf_1.txt' }]);
    expect(r.totals.notComparable).toBe(1);
    expect(gapSummaryLine(r)).toBe('gaps: 1 of 3 configurations incomplete, 0 missing, 0 failed, 1 not comparable, 0 duplicated, 0 loads missing, 1 runs to fill');
    expect(formatGaps(r)).toContain('  not comparable rep 3: cassandra-exec-15-1000000-a-3-rf_1.txt: operationcount 1000 vs 10000 (not counted)\n');
    // Nothing of it when every run agrees: the report is as before (no key added).
    const same = findGaps(studyCampaign(['cassandra'], ['a'], 4), designFromRuns(studyCampaign(['cassandra'], ['a'], 4), 4));
    expect('notComparable' in same.totals).toBe(false);
    expect(same.configurations.every((x) => !('notComparable' in x))).toBe(true);
  });

  it('a complete campaign has no gaps', () => {
    const runs = studyCampaign(['cassandra'], ['a', 'b'], 5);
    const r = findGaps(runs, designFromRuns(runs));
    expect(r.complete).toBe(true);
    expect(r.totals).toMatchObject({ configurations: 6, complete: 6, missing: 0, failed: 0, duplicates: 0, toRun: 0 });
    expect(gapSummaryLine(r)).toBe('complete: 6 configurations × 5 repetitions');
  });

  it('lists missing, failed, duplicated repetitions and missing loads', () => {
    let runs = studyCampaign(['cassandra', 'citus'], ['a', 'c'], 5);
    runs = drop(runs, ['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-5-rf_1.txt', 'citus-load-14-1000000-a-1-rf_2-bs_7000-fs_3000.txt']);
    // A failed Citus run (as in the study), a second file for the same rep, and a byte-identical copy.
    runs = runs.map((r) =>
      r.file === 'citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt'
        ? { ...r, status: 'failed' as const, metrics: {}, diagnostics: [{ message: 'throughput 0, no operations', severity: 'error' as const }] }
        : r,
    );
    runs.push(makeRun('sub/cassandra-exec-15-1000000-c-3-rf_3.txt', { ...studyRun('cassandra', 'c', 3, 3).origin.fromName }));
    runs.push({ ...studyRun('cassandra', 'a', 1, 2), file: 'cassandra-exec-15-1000000-a-1-rf_2 (copy).txt', status: 'duplicate', duplicateOf: 'cassandra-exec-15-1000000-a-1-rf_2.txt' });
    const r = findGaps(runs, designFromRuns(runs));

    const byKey = Object.fromEntries(r.configurations.map((c) => [c.key, c]));
    const ca1 = byKey['db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a'];
    expect(ca1.missing).toEqual([2, 5]);
    expect(ca1.toRun).toEqual([{ rep: 2, reason: 'missing' }, { rep: 5, reason: 'missing' }]);
    const cc1 = byKey['db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=1,workload=c'];
    expect(cc1.failed).toEqual([{ rep: 4, file: 'citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt', status: 'failed', reason: 'throughput 0, no operations' }]);
    expect(cc1.usable).toBe(4);
    // The failed file is kept: the replacement is a new repetition number.
    expect(cc1.toRun).toEqual([{ rep: 6, reason: 'replaces-failed', replaces: 'citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt' }]);
    const cc3 = byKey['db=cassandra,nodes=15,recordcount=1000000,rf=3,workload=c'];
    expect(cc3.duplicates).toEqual([{ rep: 3, files: ['cassandra-exec-15-1000000-c-3-rf_3.txt', 'sub/cassandra-exec-15-1000000-c-3-rf_3.txt'], identical: false }]);
    expect(cc3.complete).toBe(true);
    const ca2 = byKey['db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=a'];
    expect(ca2.duplicates[0]).toMatchObject({ rep: 1, identical: true });
    expect(ca2.usable).toBe(5);

    expect(r.loads.filter((l) => l.status !== 'ok')).toEqual([
      { clusterKey: 'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=2', factors: { db: 'citus', bs: '7000', fs: '3000', nodes: '14', recordcount: '1000000', rf: '2' }, status: 'missing', files: [] },
    ]);
    expect(r.totals).toMatchObject({ missing: 2, failed: 1, duplicates: 2, loadsMissing: 1, toRun: 4 });
    expect(r.complete).toBe(false);
    const text = formatGaps(r);
    expect(text.split('\n')[0]).toBe('gaps: 2 of 12 configurations incomplete, 2 missing, 1 failed, 2 duplicated, 1 load missing, 4 runs to fill');
    expect(text).toContain('  missing reps: 2, 5\n');
    expect(text).toContain('  failed rep 4: citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt: throughput 0, no operations\n');
  });

  it('a replacement that succeeded makes the configuration complete again', () => {
    let runs = studyCampaign(['citus'], ['c'], 3);
    runs = runs.map((r) => (r.file === 'citus-exec-14-1000000-c-2-rf_1-bs_7000-fs_3000.txt' ? { ...r, status: 'failed' as const } : r));
    runs.push(studyRun('citus', 'c', 4, 1));
    const r = findGaps(runs, designFromRuns(runs, 3));
    const c = r.configurations.find((x) => x.factors.rf === '1')!;
    expect(c.failed.map((f) => f.rep)).toEqual([2]);
    expect(c.usable).toBe(3);
    expect(c.complete).toBe(true);
  });

  it('more repetitions than the design: --reps larger than seen asks for the rest', () => {
    const runs = studyCampaign(['hbase'], ['a'], 3);
    const r = findGaps(runs, designFromRuns(runs, 5));
    expect(r.configurations.every((c) => c.missing.join() === '4,5')).toBe(true);
    expect(r.totals.toRun).toBe(6);
  });

  it('puts files of another design aside', () => {
    const runs = [...studyCampaign(['hbase'], ['a'], 2), makeRun('notes-x.txt', { db: 'hbase', workload: 'a', rf: '1', nodes: '15', recordcount: '1000000' })];
    const design = designFromRuns(studyCampaign(['hbase'], ['a'], 2));
    const r = findGaps(runs, design);
    expect(r.unexpected).toEqual([{ file: 'notes-x.txt', reason: 'no repetition number (found "")' }]);
  });

  it('adds the repetitions a CI target needs, from the usable runs only', () => {
    const runs = studyCampaign(['cassandra'], ['a'], 5).map((r, i) => ({ ...r, metrics: { throughput: 100 + (i % 5) * 10 } }));
    const r = findGaps(runs, designFromRuns(runs), { ci: { target: 0.02, confidence: 0.95, metric: 'throughput', repetitionsNeeded } });
    const c = r.configurations[0];
    expect(c.ci!.n).toBe(5);
    expect(c.ci!.mean).toBeCloseTo(120, 12);
    const expected = repetitionsNeeded(c.ci!.sd, 120, 0.02, 0.95, 5);
    expect(expected.additional).toBeGreaterThan(0);
    expect(c.ci!.additional).toBe(expected.additional);
    expect(c.toRun.map((t) => t.rep)).toEqual(Array.from({ length: expected.additional }, (_, k) => 6 + k));
  });
});

describe('loads', () => {
  it('a failed load output is listed but is not a gap (its name is taken; the runs stand on their own)', () => {
    const runs = studyCampaign(['cassandra'], ['a'], 2).map((r) => (r.factors.phase === 'load' && r.factors.rf === '2' ? { ...r, status: 'failed' as const } : r));
    const r = findGaps(runs, designFromRuns(runs));
    expect(r.loads.map((l) => l.status)).toEqual(['ok', 'failed', 'ok']);
    expect(r.totals.loadsMissing).toBe(0);
    expect(r.complete).toBe(true);
    expect(formatGaps(r)).toContain('db=cassandra,nodes=15,recordcount=1000000,rf=2: load output failed: cassandra-load-15-1000000-a-1-rf_2.txt\n');
  });
});

describe('compactRanges', () => {
  it('joins consecutive numbers', () => {
    expect(compactRanges([7, 1, 2, 3, 5, 8])).toBe('1-3, 5, 7-8');
    expect(compactRanges([])).toBe('');
  });
});
