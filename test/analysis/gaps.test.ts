import { describe, it, expect } from 'vitest';
import { designFromRuns } from '../../src/analysis/design.js';
import { compactRanges, findGaps, formatGaps, gapSummaryLine } from '../../src/analysis/gaps.js';
import { createRng } from '../../src/stats/rng.js';
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

/**
 * A generated campaign as real ones are: per database, 196 configurations picked (seeded) among the
 * 4 workloads × 16 thread counts × 16 record counts × 4 field counts, 3 repetitions each.
 */
function sparseCampaign(seed: number): { runs: ReturnType<typeof makeRun>[]; configs: string[]; combinations: number } {
  const rng = createRng(seed);
  const workloads = ['a', 'b', 'c', 'd'];
  const threads = Array.from({ length: 16 }, (_, i) => String(2 ** (i % 8) * (i < 8 ? 1 : 3)));
  const records = Array.from({ length: 16 }, (_, i) => String((i + 1) * 100000));
  const fields = ['1', '10', '20', '50'];
  const runs: ReturnType<typeof makeRun>[] = [];
  const configs: string[] = [];
  let combinations = 0;
  for (const db of ['cassandra', 'mongodb']) {
    const seen = new Set<string>();
    const levels = { workload: new Set<string>(), threads: new Set<string>(), recordcount: new Set<string>(), fieldcount: new Set<string>() };
    while (seen.size < 196) {
      const f = { workload: workloads[rng.randomInt(4)], threads: threads[rng.randomInt(16)], recordcount: records[rng.randomInt(16)], fieldcount: fields[rng.randomInt(4)] };
      const key = `${f.workload}-th${f.threads}-rc${f.recordcount}-fc${f.fieldcount}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const [k, v] of Object.entries(f)) levels[k as keyof typeof levels].add(v);
      configs.push(`db=${db},fieldcount=${f.fieldcount},recordcount=${f.recordcount},threads=${f.threads},workload=${f.workload}`);
      for (let rep = 1; rep <= 3; rep++) runs.push(makeRun(`${db}/wl${key}-rep${rep}.txt`, { db, phase: 'run', ...f, rep: String(rep) }));
    }
    combinations += Object.values(levels).reduce((n, s) => n * s.size, 1);
  }
  return { runs, configs, combinations };
}

describe('the design observed from a real campaign (not the product of its levels)', () => {
  it('392 configurations × 3 repetitions, all there: complete, nothing missing', () => {
    const { runs, configs, combinations } = sparseCampaign(19);
    expect(configs.length).toBe(392);
    // the product of the levels seen is far larger: counting it would report thousands of missing runs
    expect((combinations - 392) * 3).toBeGreaterThan(10_000);
    const design = designFromRuns(runs, 3);
    expect(design.configurations.map((c) => c.key).sort()).toEqual([...configs].sort());
    expect(design.combinations).toBe(combinations);
    const r = findGaps(runs, design);
    expect(r.totals).toMatchObject({ configurations: 392, complete: 392, missing: 0, failed: 0, duplicates: 0, toRun: 0 });
    expect(r.unexpected).toEqual([]);
    expect(formatGaps(r)).toBe(
      `complete: 392 configurations × 3 repetitions\ndesign: the 392 configurations observed, not all ${combinations} combinations of the levels seen (a configuration never run is not counted missing; an experiment file declares the design)\n`,
    );
  });

  it('a repetition lost is missing; a repetition run again is reported as a re-run with both files', () => {
    const { runs } = sparseCampaign(7);
    const lost = runs[10];
    const again = runs[20];
    const rerun = makeRun(`again/${again.file}`, again.origin.fromName, 'ok', { metrics: { throughput: 123 } });
    const failedFirst = { ...runs[31], status: 'failed' as const };
    const fixed = makeRun(`again/${runs[31].file}`, runs[31].origin.fromName);
    const all = [...runs.filter((r) => r !== lost && r !== runs[31]), rerun, failedFirst, fixed];
    const r = findGaps(all, designFromRuns(all, 3));
    expect(r.totals).toMatchObject({ configurations: 392, missing: 1, failed: 0, duplicates: 2, toRun: 1 });
    const c = r.configurations.find((x) => x.missing.length > 0)!;
    expect(c.missing).toEqual([Number(lost.factors.rep)]);
    const dups = r.configurations.flatMap((x) => x.duplicates);
    expect(dups).toContainEqual({ rep: Number(again.factors.rep), files: [again.file, rerun.file], identical: false });
    // the usable one is counted first, whatever the order found
    expect(dups).toContainEqual({ rep: Number(runs[31].factors.rep), files: [fixed.file, failedFirst.file], identical: false });
    const text = formatGaps(r);
    expect(text).toContain(`  re-run rep ${again.factors.rep}: 2 outputs of this configuration and repetition: ${again.file}, ${rerun.file} (${again.file} counted)\n`);
  });

  it('configurations of one database named with different factors are each placed', () => {
    const runs = [
      ...[1, 2].map((rep) => makeRun(`m/wla-rep${rep}.txt`, { db: 'mongodb', workload: 'a', rep: String(rep) })),
      ...[1, 2].map((rep) => makeRun(`m/wla-fc10-rep${rep}.txt`, { db: 'mongodb', workload: 'a', fieldcount: '10', rep: String(rep) })),
    ];
    const r = findGaps(runs, designFromRuns(runs));
    expect(r.configurations.map((c) => [c.key, c.usable])).toEqual([
      ['db=mongodb,fieldcount=10,workload=a', 2],
      ['db=mongodb,workload=a', 2],
    ]);
    expect(r.unexpected).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it('client outputs combined into one run: the combined run is placed, its parts are not', () => {
    const parts = [1, 2].map((client) => makeRun(`c/rep1-client${client}.txt`, { db: 'redis', workload: 'a', rep: '1', client: String(client) }, 'ok', { combinedInto: 'c/rep1-client[1-2].txt' }));
    const whole = makeRun('c/rep1-client[1-2].txt', { db: 'redis', workload: 'a', rep: '1' }, 'ok', { combined: { clients: parts.map((p) => p.file), perClient: [], notes: [] } });
    const r = findGaps([...parts, whole], designFromRuns([...parts, whole]));
    expect(r.configurations.map((c) => [c.key, c.okReps])).toEqual([['db=redis,workload=a', [1]]]);
    expect(r.unexpected).toEqual([]);
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
