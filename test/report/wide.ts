/**
 * The fixture widened to the study's shape: 3 databases × 4 workloads × RF 1–3 (36
 * configurations, 12 strata), by copying its groups, runs, series and strata under new names
 * (HBase copies Cassandra; workloads c and d copy a and b). For the layout of many panels.
 */
import type { AnalysisResult, GroupResult, StratumResult } from '../../src/analysis/types.js';
import type { Run } from '../../src/model/index.js';
import { buildFixture } from './fixture.js';

export function buildWide(): { analysis: AnalysisResult; runs: Run[] } {
  const f = buildFixture({ hostile: false });
  const a = f.analysis;
  const source = (db: string, wl: string) => ({ db: db === 'hbase' ? 'cassandra' : db, wl: wl === 'c' ? 'a' : wl === 'd' ? 'b' : wl });
  const runsByFile = new Map(f.inventory.runs.map((r) => [r.file, r]));
  const seriesByFile = new Map(a.series.map((s) => [s.file, s]));
  const groups: GroupResult[] = [];
  const strata: StratumResult[] = [];
  const runs: Run[] = [];
  const series: AnalysisResult['series'] = [];
  for (const db of ['cassandra', 'citus', 'hbase']) {
    for (const wl of ['a', 'b', 'c', 'd']) {
      const src = source(db, wl);
      const rename = (file: string) => `${db}-${wl}-${file}`;
      const stratumKey = `db=${db},workload=${wl}`;
      const keyOf = (rf: string) => `db=${db},rf=${rf},workload=${wl}`;
      for (const g of a.groups.filter((x) => x.factors.db === src.db && x.factors.workload === src.wl)) {
        const rf = g.factors.rf;
        groups.push({
          ...g,
          key: keyOf(rf),
          factors: { db, rf, workload: wl },
          stratum: stratumKey,
          runs: g.runs.map((r) => ({ ...r, file: rename(r.file) })),
          failed: g.failed.map((r) => ({ ...r, file: rename(r.file) })),
        });
        for (const file of [...g.runs.map((r) => r.file), ...g.failed.map((r) => r.file)]) {
          const run = runsByFile.get(file)!;
          runs.push({ ...run, file: rename(file), name: rename(file), factors: { ...run.factors, db, workload: wl } });
          const s = seriesByFile.get(file);
          if (s) series.push({ ...s, file: rename(file), factors: { ...s.factors, db, workload: wl } });
        }
      }
      const st = a.strata.find((s) => s.factors.db === src.db && s.factors.workload === src.wl)!;
      strata.push({ ...st, key: stratumKey, factors: { db, workload: wl }, groups: st.groups.map((k) => k.replace(/^db=[^,]*/, `db=${db}`).replace(/workload=.*$/, `workload=${wl}`)) });
    }
  }
  return { analysis: { ...a, groups, strata, series }, runs };
}
