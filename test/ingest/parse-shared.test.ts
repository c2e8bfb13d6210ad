import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRun } from '../../src/model/run.js';
import { parseYcsb } from '../../src/ingest/parse.js';

// Real YCSB outputs, read-only, beside the checkout (see ../shared/data/README.md).
const root = path.resolve(__dirname, '../../../shared/data');
const study = path.join(root, 'ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const present = existsSync(root);
if (!present) console.warn(`parse-shared.test.ts skipped: ${root} does not exist (the shared data set sits beside the checkout)`);

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e !== 'LICENSE' && e !== 'README.md') out.push(p);
  }
  return out;
}

const parsed = new Map<string, { run: ParsedRun; text: string }>();
function parseAll(): Map<string, { run: ParsedRun; text: string }> {
  if (parsed.size === 0) {
    for (const f of walk(root)) {
      const rel = path.relative(root, f).split(path.sep).join('/');
      const text = readFileSync(f, 'utf8');
      parsed.set(rel, { run: parseYcsb(text, rel), text });
    }
  }
  return parsed;
}
const studyRuns = (): [string, ParsedRun, string][] =>
  [...parseAll()]
    .filter(([rel]) => rel.startsWith('ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs/'))
    .map(([rel, v]) => [path.basename(rel), v.run, v.text]);

describe.skipIf(!present)('the study folder lucas-fs-ycsb-prom-metrics/YCSB-outputs', () => {
  it('1,089 files: 1,078 ok runs, 9 ok load files, 2 failed citus runs', () => {
    const runs = studyRuns();
    expect(runs.length).toBe(readdirSync(study).filter((f) => f.endsWith('.txt')).length);
    expect(runs.length).toBe(1089);
    const exec = runs.filter(([f]) => f.includes('-exec-'));
    const load = runs.filter(([f]) => f.includes('-load-'));
    expect(exec.length).toBe(1080);
    expect(load.length).toBe(9);
    expect(exec.filter(([, r]) => r.status === 'ok').length).toBe(1078);
    expect(load.map(([, r]) => [r.status, r.header.factors.phase])).toEqual(Array(9).fill(['ok', 'load']));
    const failed = runs.filter(([, r]) => r.status !== 'ok').map(([f]) => f).sort();
    expect(failed).toEqual([
      'citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt',
      'citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt',
    ]);
    for (const [, r] of runs.filter(([, r]) => r.status !== 'ok')) {
      expect(r.status).toBe('failed');
      expect(r.metrics.throughput).toBe(0);
      const d = r.diagnostics.find((x) => x.severity === 'error');
      expect(d?.message).toMatch(/Throughput\(ops\/sec\) is 0\.0/);
      expect(d?.message).toMatch(/PSQLException/);
      expect(d?.line).toBeGreaterThan(0);
    }
  });

  it('every ok run: operations = Throughput × RunTime, phase run, workload and db from the content', () => {
    for (const [f, r] of studyRuns()) {
      if (r.status !== 'ok') continue;
      const implied = (r.metrics.throughput * r.metrics.runtime) / 1000;
      expect(Math.abs(r.metrics.operations - implied), f).toBeLessThanOrEqual(1e-9 * implied);
      const [db, phase, , , workload] = f.split('-');
      expect(r.header.factors.phase, f).toBe(phase === 'exec' ? 'run' : 'load');
      expect(r.header.factors.workload, f).toBe(workload);
      expect(r.header.factors.db, f).toBe(db === 'citus' ? undefined : db); // citus runs through JdbcDBClient
      expect(r.header.version, f).toBe('0.18.0-SNAPSHOT');
      expect(r.format, f).toBe('ycsb-text');
      expect(r.series.length, f).toBeGreaterThan(0);
    }
  });

  it('13 workload-d runs have [READ-FAILED] and Return=NOT_FOUND', () => {
    const withFailed = studyRuns().filter(([, r]) => r.operations['READ-FAILED']);
    expect(withFailed.length).toBe(13);
    for (const [f, r] of withFailed) {
      expect(f.split('-')[4]).toBe('d');
      expect(r.metrics['read.return.not_found'], f).toBe(r.metrics['read-failed.count']);
    }
  });

  it('every Cassandra run has a latency maximum of at least 60 s (the driver time-out)', () => {
    for (const [f, r] of studyRuns()) {
      if (!f.startsWith('cassandra-') || r.status !== 'ok') continue;
      const max = Math.max(...Object.values(r.operations).filter((o) => o.operation !== 'CLEANUP').map((o) => o.max ?? 0));
      expect(max, f).toBeGreaterThanOrEqual(60e6);
    }
  });

  it('empty status intervals (Count=0, Min=Long.MAX, Avg=NaN) become count 0 with no latency', () => {
    let files = 0;
    for (const [f, r, text] of studyRuns()) {
      const has = text.includes('Min=9223372036854775807');
      const empty = r.series.flatMap((s) => Object.values(s.ops)).filter((o) => o.count === 0);
      expect(empty.length > 0, f).toBe(has);
      for (const o of empty) expect([o.min, o.max, o.avg, Object.keys(o.percentiles).length]).toEqual([undefined, undefined, undefined, 0]);
      if (has) files++;
    }
    expect(files).toBe(359); // the README says 334; a plain text search finds 359 files
  });

  it('driver log lines starting with [ are neither operations nor diagnostics', () => {
    for (const [f, r] of studyRuns()) {
      for (const op of Object.keys(r.operations)) expect(['READ', 'UPDATE', 'INSERT', 'CLEANUP', 'READ-FAILED'], f).toContain(op);
      if (r.status === 'ok') expect(r.diagnostics.filter((d) => d.severity === 'error'), f).toEqual([]);
    }
  });
});

describe.skipIf(!present)('every file under shared/data gets a sensible status', () => {
  const expected: Record<string, ParsedRun['status']> = {
    'ycsb/mongodb-naming-trap/test/output1D.txt': 'partial',
    'ycsb/variants/go-ycsb/pebble-data/initial_tests/pebbledensity-insert-zipf-smalltest-cache512.out': 'failed',
    'ycsb/variants/ycsb-0.1.4/usage-only.dat': 'failed',
    'ycsb/variants/ycsb-0.1.4/aborted-load.dat': 'partial',
    'ycsb/variants/ycsb-0.1.4/aborted-result.dat': 'partial',
    'ycsb/variants/ycsb-cpp/nohup.out': 'partial',
    'ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs/citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt': 'failed',
    'ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs/citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt': 'failed',
    // One line only: the java command bin/ycsb echoes (`… Client -t -db …ElasticsearchRestClient … -p
    // operationcount=100000`), then nothing: the run never printed a status line or its summary.
    'ycsb/more/KowsarAtz__ycsb-autorun/previous results/latest results/elastic5-nothreading/B/rc100000-op100000/tc1/run5.txt': 'partial',
    // These three end at line 16 with the `10 sec:` status line (e.g. `2018-05-03 07:30:12:190 10 sec:
    // 266282 operations; …`) and have no [OVERALL] summary: each run was cut after 10 s.
    'ycsb/more/omi-uulm__Containerized-DBMS-Evaluation/results/mongodb/memory-bound-workload/baremetal_dockered_attached_vol/8_threads/201805030726/run_workloadB.txt': 'partial',
    'ycsb/more/omi-uulm__Containerized-DBMS-Evaluation/results/mongodb/memory-bound-workload/baremetal_dockered_attached_vol/8_threads/201805030732/run_workloadB.txt': 'partial',
    'ycsb/more/omi-uulm__Containerized-DBMS-Evaluation/results/mongodb/memory-bound-workload/baremetal_dockered_attached_vol/8_threads/201805030759/run_workloadB.txt': 'partial',
  };

  it('the listed exceptions as expected, everything else ok', () => {
    const all = parseAll();
    expect(all.size).toBeGreaterThan(1200);
    for (const [rel, { run }] of all) {
      expect(run.status, rel).toBe(expected[rel] ?? 'ok');
      if (run.status !== 'ok') expect(run.diagnostics.some((d) => d.severity !== 'info'), rel).toBe(true);
    }
  });

  it('formats: go-ycsb, YCSB-cpp and the 0.1.4 histogram (latencies from ms)', () => {
    const all = parseAll();
    for (const [rel, { run }] of all) {
      if (rel.startsWith('ycsb/variants/go-ycsb/')) expect(run.format, rel).toBe('go-ycsb');
    }
    expect(all.get('ycsb/variants/ycsb-cpp/nohup.out')?.run.format).toBe('ycsb-cpp');
    const h = all.get('ycsb/variants/ycsb-0.1.4/histogram-load.dat')!.run;
    expect(h.format).toBe('ycsb-histogram');
    expect(h.sourceLatencyUnit).toBe('ms');
    expect(h.header.factors.phase).toBe('load');
    expect(h.metrics.runtime).toBe(1434); // "RunTime(ms), 1434.0"
    expect(h.metrics['insert.p95']).toBe(1000); // "95thPercentileLatency(ms), 1"
  });

  it('go-ycsb ok runs: operations and throughput agree with the runtime', () => {
    for (const [rel, { run }] of parseAll()) {
      if (run.format !== 'go-ycsb' || run.status !== 'ok') continue;
      // OPS = Count / (the histogram's elapsed time), which ends with the run ("Run finished,
      // takes …") and starts a little after it: the implied elapsed time is at most the runtime
      const elapsedMs = (run.metrics.operations / run.metrics.throughput) * 1000;
      const ratio = elapsedMs / run.metrics.runtime;
      expect(ratio, rel).toBeLessThan(1.001);
      expect(ratio, rel).toBeGreaterThan(0.9);
    }
  });

});
