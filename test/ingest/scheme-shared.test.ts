/**
 * File name -> factors over the real YCSB outputs in ../shared/data (read-only, never copied).
 * Names are checked against what the files themselves say in their `Command line:` header, so the
 * expectations come from the data, not from our own output.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discover } from '../../src/ingest/discover.js';
import { assignFactors, explainSchemes, type FactorAssignment } from '../../src/ingest/scheme/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(here, '../../../shared/data');
const present = fs.existsSync(path.join(DATA, 'ycsb'));
const reason = `shared data not found at ${DATA}`;
if (!present) console.warn(`scheme-shared.test.ts skipped: ${reason}`);

const LUCAS = 'ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs/';
const TRAP = 'ycsb/mongodb-naming-trap/';

/** The first `bytes` bytes of a file (headers only). */
function head(rel: string, bytes = 8192): string {
  const fd = fs.openSync(path.join(DATA, rel), 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

describe.skipIf(!present)(present ? `file names under ${DATA}` : `SKIPPED: ${reason}`, () => {
  let files: string[] = [];
  const assigned = new Map<string, FactorAssignment>();

  beforeAll(async () => {
    const r = await discover([DATA]);
    expect(r.errors).toEqual([]);
    files = r.files.map((f) => f.path);
    for (const f of files) assigned.set(f, assignFactors(f));
  });

  it('finds the study files and leaves out the licences and README', () => {
    expect(files.filter((f) => f.startsWith(LUCAS))).toHaveLength(1089);
    expect(files.some((f) => /LICENSE|README/.test(f))).toBe(false);
  });

  it('every file gets factors or an ambiguity', () => {
    for (const f of files) {
      const a = assigned.get(f)!;
      expect(Object.keys(a.factors).length > 0 || a.ambiguities.length > 0, f).toBe(true);
    }
  });

  it('every lucas-fs name gives db, workload a–d, rf 1–3, rep 1–30, nodes, recordcount, phase — and agrees with its header', () => {
    const lucas = files.filter((f) => f.startsWith(LUCAS));
    const cells = new Set<string>();
    const bindings: Record<string, string> = {
      'site.ycsb.db.CassandraCQLClient': 'cassandra',
      'site.ycsb.db.hbase2.HBaseClient2': 'hbase',
      'site.ycsb.db.JdbcDBClient': 'citus',
    };
    for (const f of lucas) {
      const a = assigned.get(f)!;
      expect(a.scheme, f).toMatch(/^study-(exec|load)(-jdbc)?$/);
      expect(a.ambiguities, f).toEqual([]);
      const x = a.factors;
      expect(['cassandra', 'hbase', 'citus'], f).toContain(x.db);
      expect(['a', 'b', 'c', 'd'], f).toContain(x.workload);
      expect(['1', '2', '3'], f).toContain(x.rf);
      expect(x.rep, f).toMatch(/^([1-9]|[12]\d|30)$/);
      expect(x.nodes, f).toMatch(/^\d+$/);
      expect(x.recordcount, f).toMatch(/^\d+$/);
      expect(['run', 'load'], f).toContain(x.phase);
      if (x.db === 'citus') expect([x.bs, x.fs], f).toEqual(['7000', '3000']);

      // The file's own header says the same.
      const cmd = /^Command line: (.*)$/m.exec(head(f))?.[1];
      expect(cmd, `${f}: no Command line header`).toBeDefined();
      expect(/workloads\/workload([a-z])\b/.exec(cmd!)?.[1], f).toBe(x.workload);
      const rc = /-p recordcount=(\d+)/.exec(cmd!)?.[1];
      if (rc !== undefined) expect(rc, f).toBe(x.recordcount);
      const phase = /(^|\s)-t(\s|$)/.test(cmd!) ? 'run' : /(^|\s)-load(\s|$)/.test(cmd!) ? 'load' : undefined;
      expect(phase, f).toBe(x.phase);
      const db = /-db (\S+)/.exec(cmd!)?.[1];
      expect(bindings[db!], f).toBe(x.db);

      if (x.phase === 'run') cells.add([x.db, x.workload, x.rf, x.rep].join('/'));
    }
    // 3 databases × 4 workloads × 3 rf × 30 reps, each exactly once.
    expect(cells.size).toBe(3 * 4 * 3 * 30);
    expect(lucas.filter((f) => assigned.get(f)!.factors.phase === 'load')).toHaveLength(9);
  });

  it('rpicloud names use the rpicloud schemes and agree with their headers', () => {
    const rpi = files.filter((f) => f.startsWith('ycsb/rpicloud/'));
    expect(rpi.length).toBeGreaterThan(0);
    for (const f of rpi) {
      const a = assigned.get(f)!;
      expect(a.scheme, f).toMatch(/^rpicloud-out(-load)?$/);
      const cmd = /^Command line: (.*)$/m.exec(head(f))?.[1] ?? '';
      expect(/workloads\/workload([a-z])\b/.exec(cmd)?.[1], f).toBe(a.factors.workload);
      expect(/-p recordcount=(\d+)/.exec(cmd)?.[1], f).toBe(a.factors.recordcount);
      expect(/(^|\s)-load(\s|$)/.test(cmd) ? 'load' : 'run', f).toBe(a.factors.phase);
    }
  });

  it('the mongodb naming trap: trailing numbers are record-count steps in the data and never become reps', () => {
    const trap = files.filter((f) => f.startsWith(TRAP));
    expect(trap.length).toBeGreaterThan(50);
    let numbered = 0;
    for (const f of trap) {
      const a = assigned.get(f)!;
      expect(a.factors.rep, f).toBeUndefined();
      expect(a.factors.db, f).toBe('mongodb');
      const m = /output(Load|Run)([A-F])(\d+)\.txt$/.exec(f);
      if (!m) continue;
      numbered++;
      const [, phase, letter, k] = m;
      expect(a.factors.workload, f).toBe(letter.toLowerCase());
      expect(a.factors.phase, f).toBe(phase.toLowerCase());
      expect(a.ambiguities.join('\n'), f).toContain(`the number ${k} `);
      expect(a.ambiguities.join('\n'), f).toContain('scheme template');
      // What the data says: a load file with trailing number k inserted k × 100,000 records,
      // so k is a record-count step (a repetition would insert the same count each time).
      if (phase === 'Load') {
        const text = fs.readFileSync(path.join(DATA, f), 'utf8');
        const ins = /^\[INSERT\], Operations, (\d+)$/m.exec(text)?.[1];
        if (ins !== undefined) expect(Number(ins), f).toBe(Number(k) * 100000);
      }
    }
    expect(numbered).toBeGreaterThanOrEqual(50);
    // test/output1A.txt: the leading 1 is not a rep either.
    const t1 = assigned.get(`${TRAP}test/output1A.txt`);
    expect(t1?.factors.rep).toBeUndefined();
    expect(t1?.ambiguities.length).toBeGreaterThan(0);
  });

  it('explainSchemes over everything: the study is two built-in patterns, the trap is flagged', () => {
    const e = explainSchemes(files);
    expect(e.files).toBe(files.length);
    expect(e.groups.reduce((s, g) => s + g.count, 0)).toBe(files.length);
    const exec = e.groups.find((g) => g.scheme === 'study-exec');
    expect(exec?.count).toBe(720);
    expect(exec?.shape).toBe('<db>-exec-<n>-<n>-<w>-<n>-rf_<n>.txt');
    expect(exec?.factors.rep).toHaveLength(30);
    expect(exec?.factors.rep?.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(e.groups.find((g) => g.scheme === 'study-exec-jdbc')?.count).toBe(360);
    const trapRun = e.groups.find((g) => g.example.startsWith(TRAP) && g.shape.endsWith('outputRun<w><n>.txt'));
    expect(trapRun?.ambiguousFiles).toBe(trapRun?.count);
    expect(trapRun?.factors.rep).toBeUndefined();
    // Files the names cannot tell apart are reported, and no study file is among them.
    expect(e.collisions.some((c) => c.files.some((f) => f.startsWith(TRAP)))).toBe(true);
    expect(e.collisions.some((c) => c.files.some((f) => f.startsWith(LUCAS)))).toBe(false);
  });
});
