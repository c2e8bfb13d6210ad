import { describe, it, expect } from 'vitest';
import { assignFactors, checkTemplate, compileTemplate, damerauLevenshtein, explainSchemes, inferFactors, nearMissFactor, readSegment, shapeOf, BUILTIN_SCHEMES } from '../../src/ingest/scheme/index.js';
import { formatExplanation } from '../../src/cli/scheme-text.js';

describe('built-in schemes: every name the study scripts write', () => {
  const cases: [string, string, Record<string, string>][] = [
    [
      'cassandra-13-1000000-rf3-a-1.txt',
      'rpicloud-db',
      { db: 'cassandra', nodes: '13', recordcount: '1000000', rf: '3', workload: 'a', rep: '1', phase: 'run' },
    ],
    [
      'cassandra-load-13-100000-rf3-a.txt',
      'rpicloud-db-load',
      { db: 'cassandra', nodes: '13', recordcount: '100000', rf: '3', workload: 'a', phase: 'load' },
    ],
    [
      'hbase-exec-15-1000000-b-22-rf_1.txt',
      'study-exec',
      { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'b', rep: '22', rf: '1', phase: 'run' },
    ],
    [
      'citus-exec-14-1000000-d-6-rf_1-bs_7000-fs_3000.txt',
      'study-exec-jdbc',
      { db: 'citus', nodes: '14', recordcount: '1000000', workload: 'd', rep: '6', rf: '1', bs: '7000', fs: '3000', phase: 'run' },
    ],
    [
      'hbase-load-15-1000000-a-1-rf_2.txt',
      'study-load',
      { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'a', rep: '1', rf: '2', phase: 'load' },
    ],
    [
      'citus-load-14-1000000-a-1-rf_3-bs_7000-fs_3000.txt',
      'study-load-jdbc',
      { db: 'citus', nodes: '14', recordcount: '1000000', workload: 'a', rep: '1', rf: '3', bs: '7000', fs: '3000', phase: 'load' },
    ],
    [
      'hbase-out-3-1000-a-5.txt',
      'rpicloud-db-out',
      { db: 'hbase', nodes: '3', recordcount: '1000', workload: 'a', rep: '5', phase: 'run' },
    ],
    [
      'hbase-out-load-3-1000-a.txt',
      'rpicloud-db-out-load',
      { db: 'hbase', nodes: '3', recordcount: '1000', workload: 'a', phase: 'load' },
    ],
    [
      'citus-out-14-1000000-a-3-rf2-bs7000-fs3000-commutative-on.txt',
      'rpicloud-citus-out',
      { db: 'citus', nodes: '14', recordcount: '1000000', workload: 'a', rep: '3', rf: '2', bs: '7000', fs: '3000', commutative: 'on', phase: 'run' },
    ],
    [
      'citus-out-load-14-1000000-a-rf2-bs7000-fs3000.txt',
      'rpicloud-citus-out-load',
      { db: 'citus', nodes: '14', recordcount: '1000000', workload: 'a', rf: '2', bs: '7000', fs: '3000', phase: 'load' },
    ],
    [
      'postgres-out-4-1000000-c-2-bs7000-fs3000.txt',
      'rpicloud-pg-out',
      { db: 'postgres', nodes: '4', recordcount: '1000000', workload: 'c', rep: '2', bs: '7000', fs: '3000', phase: 'run' },
    ],
    [
      'postgres-out-load-4-1000000-a-bs7000-fs3000.txt',
      'rpicloud-pg-out-load',
      { db: 'postgres', nodes: '4', recordcount: '1000000', workload: 'a', bs: '7000', fs: '3000', phase: 'load' },
    ],
    [
      'out-13-100000-rf3-a-1.txt',
      'rpicloud-out',
      { nodes: '13', recordcount: '100000', rf: '3', workload: 'a', rep: '1', phase: 'run' },
    ],
    [
      'out-load-1-1000-rf1-a.txt',
      'rpicloud-out-load',
      { nodes: '1', recordcount: '1000', rf: '1', workload: 'a', phase: 'load' },
    ],
    [
      'out-3-100000-b-7.txt',
      'rpicloud-out-norf',
      { nodes: '3', recordcount: '100000', workload: 'b', rep: '7', phase: 'run' },
    ],
  ];
  for (const [name, scheme, factors] of cases) {
    it(`${name} -> ${scheme}`, () => {
      const a = assignFactors(name);
      expect(a.scheme).toBe(scheme);
      expect(a.factors).toEqual(factors);
      expect(a.ambiguities).toEqual([]);
    });
  }

  it('every built-in is exercised above and its own example reads back with that scheme', () => {
    const tested = new Set(cases.map((c) => c[1]));
    for (const b of BUILTIN_SCHEMES) {
      expect(tested.has(b.name), b.name).toBe(true);
      expect(assignFactors(b.example).scheme).toBe(b.name);
    }
  });

  it('matches the file name whatever folder it is in, and any extension', () => {
    const a = assignFactors('some/where/cassandra-exec-15-1000000-a-30-rf_3.log');
    expect(a.scheme).toBe('study-exec');
    expect(a.factors.rep).toBe('30');
    expect(a.factors.rf).toBe('3');
  });

  it('does not read the literal words of a scheme as a database name', () => {
    // "out" must not become db in the {db}-{nodes}-… scheme.
    expect(assignFactors('out-13-100000-rf3-a-1.txt').factors.db).toBeUndefined();
    expect(assignFactors('load-13-100000-rf3-a-1.txt').scheme).toBe('inferred');
  });

  it('rep numbers are text without leading zeros', () => {
    expect(assignFactors('hbase-exec-15-1000000-b-07-rf_1.txt').factors.rep).toBe('7');
  });
});

describe('compileTemplate', () => {
  it('reads the example template of the brief, with phase from the literal "exec"', () => {
    const t = compileTemplate('{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}');
    expect(t.match('hbase-exec-15-1000000-b-22-rf_1.txt')?.factors).toEqual({
      db: 'hbase',
      nodes: '15',
      recordcount: '1000000',
      workload: 'b',
      rep: '22',
      rf: '1',
      phase: 'run',
    });
    expect(t.literalPhase).toBe('run');
  });

  it('maps aliases through canonicalFactor: size, replication, replicas, iter, threadcount', () => {
    const t = compileTemplate('{database}_{replicas}n_{size}_{replication}_{threadcount}t_{iter}');
    expect(t.match('mongodb_5n_1000_2_16t_03.txt')?.factors).toEqual({
      db: 'mongodb',
      nodes: '5',
      recordcount: '1000',
      rf: '2',
      threads: '16',
      rep: '3',
    });
  });

  it('{_} ignores a part; unknown names are kept as factors', () => {
    const t = compileTemplate('{_}-{db}-{_}-{rep}-{distribution}');
    const m = t.match('2025-cassandra-xyz-4-zipfian.out');
    // The first {_} takes as little as possible: '2025'.
    expect(m?.factors).toEqual({ db: 'cassandra', rep: '4', distribution: 'zipfian' });
  });

  it('matches the last folders of the path and reads factors from them', () => {
    const t = compileTemplate('{db}/workload{workload}/rep{rep}.txt');
    expect(t.segments).toBe(3);
    expect(t.match('results/2025/Redis/workloadC/rep10.txt')?.factors).toEqual({ db: 'redis', workload: 'c', rep: '10' });
    // Too few segments: no match.
    expect(t.match('workloadC/rep10.txt')).toBeUndefined();
    // A folder must match a whole segment.
    expect(t.match('xredis/workloadC/rep10.txt')?.factors.db).toBe('xredis');
    expect(t.match('redis/workloadC/rep10.txt.bak')).toBeUndefined();
  });

  it('literal text is literal (regex characters included), extension optional unless written', () => {
    const t = compileTemplate('run(1)+[{rep}]');
    expect(t.match('run(1)+[4].txt')?.factors.rep).toBe('4');
    expect(t.match('run(1)+[4]')?.factors.rep).toBe('4');
    expect(t.match('runX1)+[4].txt')).toBeUndefined();
    const withExt = compileTemplate('x-{rep}.log');
    expect(withExt.match('x-4.log')?.factors.rep).toBe('4');
    expect(withExt.match('x-4.txt')).toBeUndefined();
  });

  it('numeric placeholders only match numbers; rep only whole numbers', () => {
    const t = compileTemplate('{db}-{rep}');
    expect(t.match('cassandra-abc.txt')).toBeUndefined();
    expect(t.match('cassandra-1.5.txt')?.factors).toBeUndefined;
    const rc = compileTemplate('{db}-{recordcount}-{rep}');
    expect(rc.match('pebble-1M-2.out')?.factors).toEqual({ db: 'pebble', recordcount: '1M', rep: '2' });
  });

  it('a repeated placeholder must read the same value', () => {
    const t = compileTemplate('workload{workload}/{db}-{workload}-{rep}');
    expect(t.match('workloada/hbase-A-1.txt')?.factors).toEqual({ workload: 'a', db: 'hbase', rep: '1' });
    expect(t.match('workloada/hbase-b-1.txt')).toBeUndefined();
  });

  it('{{ and }} are literal braces; {phase} is normalised', () => {
    const t = compileTemplate('{{{phase}}}-{rep}');
    expect(t.match('{exec}-3.txt')?.factors).toEqual({ phase: 'run', rep: '3' });
  });

  const invalid: [string, RegExp][] = [
    ['', /empty/],
    ['{db-{rep}', /'\{' is not closed.*column 1/s],
    ['{db}-{rep', /not closed.*column 6/s],
    ['{db}-rep}', /'\}' without a matching '\{'.*column 9/s],
    ['{}-{rep}', /empty placeholder/],
    ['{db name}-{rep}', /not a name.*column 2/s],
    ['{nodes}{recordcount}-{rep}', /\{nodes\} and \{recordcount\} are both numbers.*column 8/s],
    ['*-{rep}', /wildcard '\*'/],
    ['/abs/{rep}', /cannot start with '\/'/],
    ['a//{rep}', /empty folder name/],
    ['../{rep}', /'\.\.' is not allowed/],
    ['{rep}/', /cannot end with '\/'/],
    ['a\\{rep}', /backslash/],
    ['just-text.txt', /no placeholder/],
    ['{_}-{_}', /no placeholder/],
  ];
  for (const [tpl, re] of invalid) {
    it(`rejects ${JSON.stringify(tpl)} saying what and where`, () => {
      expect(() => compileTemplate(tpl)).toThrow(re);
    });
  }

  it('the error message shows the template with a caret under the column', () => {
    let msg = '';
    try {
      compileTemplate('{db}-{rep');
    } catch (e) {
      msg = (e as Error).message;
    }
    const lines = msg.split('\n');
    expect(lines[1]).toBe('  {db}-{rep');
    expect(lines[2]).toBe('       ^');
  });
});

describe('assignFactors order', () => {
  it('user templates come before built-ins, in the order given', () => {
    const name = 'hbase-exec-15-1000000-b-22-rf_1.txt';
    const t1 = '{db}-exec-{_}-{_}-{workload}-{run}-rf_{rf}';
    const t2 = '{db}-{_}';
    const a = assignFactors(name, { templates: [t1, t2] });
    expect(a.scheme).toBe(`template:${t1}`);
    expect(a.factors).toEqual({ db: 'hbase', workload: 'b', rep: '22', rf: '1', phase: 'run' });
    const b = assignFactors(name, { templates: [t2, t1] });
    expect(b.scheme).toBe(`template:${t2}`);
  });

  it('a template that does not match falls through to the built-ins', () => {
    const a = assignFactors('hbase-out-3-1000-a-5.txt', { templates: ['{db}-exec-{rep}'] });
    expect(a.scheme).toBe('rpicloud-db-out');
  });

  it('an invalid user template throws', () => {
    expect(() => assignFactors('x.txt', { templates: ['{db'] })).toThrow(/not closed/);
  });
});

describe('inference', () => {
  it('key-value tokens', () => {
    const a = inferFactors('mongodb_rf3_th8_rc100000_oc10000_bs_7000_rep_4.txt');
    expect(a.factors).toEqual({
      db: 'mongodb',
      rf: '3',
      threads: '8',
      recordcount: '100000',
      operationcount: '10000',
      bs: '7000',
      rep: '4',
    });
    expect(a.ambiguities).toEqual([]);
  });

  it('rf_1, commutative-on, key=value', () => {
    const a = inferFactors('redis/wlB-rf_1-commutative-on-dist=zipfian-iter2.log');
    expect(a.factors).toEqual({ db: 'redis', workload: 'b', rf: '1', commutative: 'on', dist: 'zipfian', rep: '2' });
    expect(a.ambiguities).toEqual([]);
  });

  it('folder segments: db, workload, rep from run_rep2, dates and times ignored', () => {
    const a = assignFactors('results/alice/cassandra/workloada/baseline/run_rep2_2025-05-27_17-27-29.txt');
    expect(a.scheme).toBe('inferred');
    expect(a.factors).toEqual({ db: 'cassandra', workload: 'a', rep: '2', phase: 'run' });
    expect(a.ambiguities).toEqual([]);
  });

  it('workload from "Workload A", "workloadc", "wlD", and a lone letter', () => {
    expect(inferFactors('Workload A/hbase.txt').factors.workload).toBe('a');
    expect(inferFactors('workloadc/hbase.txt').factors.workload).toBe('c');
    expect(inferFactors('x_wlD_y.out').factors.workload).toBe('d');
    expect(inferFactors('hbase-b.txt').factors.workload).toBe('b');
    // 'workloads' is a plural, not workload s
    expect(inferFactors('workloads/hbase.txt').factors.workload).toBeUndefined();
  });

  it('known databases and binding names; phase words', () => {
    expect(inferFactors('MongoDB/load.txt').factors).toEqual({ db: 'mongodb', phase: 'load' });
    expect(inferFactors('hbase2-transaction.txt').factors).toEqual({ db: 'hbase', phase: 'run' });
    expect(inferFactors('PostgreSQL-exec.txt').factors).toEqual({ db: 'postgres', phase: 'run' });
  });

  it('a trailing number without a key is NOT a repetition: ambiguity with a suggested template', () => {
    const a = assignFactors('Workload A/outputRunA2.txt');
    expect(a.scheme).toBe('inferred');
    expect(a.factors).toEqual({ workload: 'a', phase: 'run' });
    expect(a.factors.rep).toBeUndefined();
    expect(a.ambiguities).toHaveLength(1);
    expect(a.ambiguities[0]).toMatch(/the number 2/);
    expect(a.ambiguities[0]).toMatch(/repetition or a step/);
    expect(a.ambiguities[0]).toContain("say so: the scheme template 'outputRun{workload}{rep}'");
    // The suggested template does read the file (with rep 2) when the user chooses it.
    const chosen = assignFactors('Workload A/outputRunA2.txt', { templates: ['outputRun{workload}{rep}'] });
    expect(chosen.factors).toEqual({ workload: 'a', rep: '2', phase: 'run' });
  });

  it('a leading number without a key is not a repetition either (test/output1A.txt)', () => {
    const a = assignFactors('test/output1A.txt');
    expect(a.factors.rep).toBeUndefined();
    expect(a.factors.workload).toBe('a');
    expect(a.ambiguities.join('\n')).toMatch(/the number 1 /);
  });

  it('a bare number in a name otherwise understood stays unassigned', () => {
    const a = assignFactors('mongodb-a-3.txt');
    expect(a.factors).toEqual({ db: 'mongodb', workload: 'a' });
    expect(a.ambiguities[0]).toContain("the scheme template '{db}-{workload}-{rep}'");
  });

  it('camel-case Run glued to a word with a number is not run<n> = rep', () => {
    const a = inferFactors('outputRun2.txt');
    expect(a.factors.rep).toBeUndefined();
    expect(a.factors.phase).toBe('run');
    expect(a.ambiguities).toHaveLength(1);
    // …but a standalone run-3 is a repetition (run is an alias of rep)
    expect(inferFactors('hbase/run-3.txt').factors.rep).toBe('3');
  });

  it('contradicting values are left unset with an ambiguity', () => {
    const a = inferFactors('rf1/hbase-rf2.txt');
    expect(a.factors.rf).toBeUndefined();
    expect(a.factors.db).toBe('hbase');
    expect(a.ambiguities.join('\n')).toMatch(/rf could be 1 .* and 2 /);
  });

  it('a name with nothing to read gets an ambiguity', () => {
    const a = assignFactors('nohup.out');
    expect(a.factors).toEqual({});
    expect(a.ambiguities[0]).toMatch(/nothing in the name/);
  });

  it('dotted versions are not numbers to place', () => {
    const a = inferFactors('ycsb-0.17.0/hbase-load.txt');
    expect(a.factors).toEqual({ db: 'hbase', phase: 'load' });
    expect(a.ambiguities).toEqual([]);
  });

  it('an extra number next to a known rep is reported and a name is suggested', () => {
    const a = inferFactors('scenario3/hbase-rep2.txt');
    expect(a.factors.rep).toBe('2');
    expect(a.ambiguities).toHaveLength(1);
    expect(a.ambiguities[0]).toContain("'scenario{scenario}/{db}-rep{rep}'");
  });

  it('fixes are said in words; a flag given by the caller (the CLI: --scheme) takes their place', () => {
    // Every form of fix: a suggested template, or none ('*' and '?' cannot be written in one).
    const cases: [path: string, words: string, flag: string][] = [
      ['mongodb-a-3.txt', "say so: the scheme template '{db}-{workload}-{rep}' (write", "say so: --scheme '{db}-{workload}-{rep}' (write"],
      ['hbase?-3.txt', 'rep left unset. Say what it is with a scheme template naming the factors', 'rep left unset. Say what it is with --scheme'],
      ['scenario3/hbase-rep2.txt', "name it with the scheme template 'scenario{scenario}/{db}-rep{rep}'", "name it with --scheme 'scenario{scenario}/{db}-rep{rep}'"],
      ['hbase-rep2-x?3.txt', 'if it distinguishes runs, name it with a scheme template naming the factors', 'if it distinguishes runs, name it with --scheme'],
      ['rf1/hbase-rf2.txt', 'left unset — say which with a scheme template naming the factors', 'left unset — say which with --scheme'],
      ['nohup.out', 'key-value found); give a scheme template naming the factors', 'key-value found); give --scheme'],
    ];
    for (const [p, words, flag] of cases) {
      const w = assignFactors(p).ambiguities;
      const f = assignFactors(p, { templateFlag: '--scheme' }).ambiguities;
      expect(w, p).toHaveLength(1);
      expect(f, p).toHaveLength(1);
      expect(w[0], p).toContain(words);
      expect(w[0], p).not.toContain('--');
      expect(f[0], p).toContain(flag);
      // only the fix differs
      expect(f[0].slice(0, f[0].indexOf(flag)), p).toBe(w[0].slice(0, w[0].indexOf(words)));
    }
    // the CLI's wording, whole
    expect(assignFactors('Workload A/outputRunA2.txt', { templateFlag: '--scheme' }).ambiguities).toEqual([
      "Workload A/outputRunA2.txt: the number 2 in 'outputRunA2.txt' could be a repetition or a step of another factor (record count, threads, …): not used, rep left unset. If it is the repetition, say so: --scheme 'outputRun{workload}{rep}' (write {recordcount}, {threads}, a name of your own such as {step}, or {_} in place of {rep} if it is not)",
    ]);
    expect(inferFactors('nohup.out', { templateFlag: '--scheme' }).ambiguities).toEqual(assignFactors('nohup.out', { templateFlag: '--scheme' }).ambiguities);
  });
});

describe('explainSchemes / formatExplanation', () => {
  const files = [
    'cassandra-exec-15-1000000-a-10-rf_1.txt',
    'cassandra-exec-15-1000000-a-2-rf_1.txt',
    'hbase-exec-15-1000000-b-1-rf_2.txt',
    'citus-exec-14-1000000-d-6-rf_1-bs_7000-fs_3000.txt',
    'Workload A/outputRunA2.txt',
    'Workload A/outputRunA3.txt',
    'Workload B/outputRunB2.txt',
  ];

  it('groups by scheme and shape, with levels in natural order, examples and ambiguities', () => {
    const e = explainSchemes(files);
    expect(e.files).toBe(7);
    expect(e.groups.map((g) => [g.scheme, g.shape, g.count])).toEqual([
      ['study-exec', '<db>-exec-<n>-<n>-<w>-<n>-rf_<n>.txt', 3],
      ['inferred', 'Workload <w>/outputRun<w><n>.txt', 3],
      ['study-exec-jdbc', '<db>-exec-<n>-<n>-<w>-<n>-rf_<n>-bs_<n>-fs_<n>.txt', 1],
    ]);
    const g = e.groups[0];
    expect(g.example).toBe('cassandra-exec-15-1000000-a-2-rf_1.txt');
    expect(g.factors.rep).toEqual(['1', '2', '10']);
    expect(g.factors.db).toEqual(['cassandra', 'hbase']);
    expect(g.ambiguousFiles).toBe(0);
    const trap = e.groups[1];
    expect(trap.factors.rep).toBeUndefined();
    expect(trap.ambiguousFiles).toBe(3);
    expect(trap.ambiguities).toHaveLength(3);
    // outputRunA2 and outputRunA3 get the same factors: reported as a collision.
    expect(e.collisions).toEqual([
      { factors: { workload: 'a', phase: 'run' }, files: ['Workload A/outputRunA2.txt', 'Workload A/outputRunA3.txt'] },
    ]);
  });

  it('shapeOf a template match covers only the part the template read', () => {
    const p = 'deep/dir/hbase-exec-15-1000000-b-22-rf_1.txt';
    expect(shapeOf(assignFactors(p), p)).toBe('<db>-exec-<n>-<n>-<w>-<n>-rf_<n>.txt');
    const t = assignFactors(p, { templates: ['dir/{db}-{_}'] });
    expect(shapeOf(t, p)).toBe('dir/<db>-<_>.txt');
  });

  it('formats an aligned table then the details', () => {
    const text = formatExplanation(explainSchemes(files));
    const lines = text.split('\n');
    expect(lines[0]).toBe('7 files, 3 patterns');
    const header = lines[2];
    const rows = lines.slice(4, 7);
    // The shape column starts at the same position on every row.
    const col = header.indexOf('shape');
    expect(col).toBeGreaterThan(0);
    for (const r of rows) expect(r.slice(col).startsWith('<') || r.slice(col).startsWith('Workload')).toBe(true);
    expect(rows[0]).toMatch(/^1  study-exec +3  <db>-exec-/);
    expect(text).toContain('rep          1, 2, 10');
    expect(text).toContain('ambiguous: 3 of 3 files');
    expect(text).toContain('2 files in 1 set get exactly the same factors');
  });
});

describe('regression: a template without extension read the extension into its last placeholder', () => {
  it("outputRun{workload}{step} reads step 2 from outputRunA2.txt and does not match outputRunA.txt with step '.txt'", () => {
    const t = ['Workload {_}/outputRun{workload}{step}'];
    expect(assignFactors('Workload A/outputRunA2.txt', { templates: t }).factors).toMatchObject({ workload: 'a', step: '2' });
    const a = assignFactors('Workload A/outputRunA.txt', { templates: t });
    expect(a.factors.step).toBeUndefined();
    expect(a.scheme).not.toMatch(/^template:/);
  });
});

describe('issue 19: names the scheme reads, and checks of a user template', () => {
  it('tc8, op1000, fc10, 8_threads, raftrue; timestamps are dates, never numbers to place', () => {
    expect(inferFactors('A/rc1000-op0/tc4/run0.txt').factors).toEqual({ workload: 'a', recordcount: '1000', operationcount: '0', threads: '4', rep: '0' });
    expect(inferFactors('mongodb/vm/8_threads/201805030726/load.txt')).toMatchObject({ factors: { db: 'mongodb', threads: '8', phase: 'load' }, ambiguities: [], unplaced: [] });
    expect(inferFactors('exp/raftrue/fc10/rep2.log').factors).toEqual({ raf: 'true', fieldcount: '10', rep: '2' });
    expect(inferFactors('cassandra_raffalse_fc20-rep3.out').factors).toEqual({ db: 'cassandra', raf: 'false', fieldcount: '20', rep: '3' });
    expect(inferFactors('run-2025-05-27_17-27-29.txt').ambiguities).toEqual([]);
    // a six-digit yymmdd is a number here: a date only where sibling folders agree (the identity step)
    expect(inferFactors('180503/hbase.txt').ambiguities.join('\n')).toMatch(/the number 180503/);
  });

  it('unplaced: the numbers of the file name no factor took', () => {
    expect(inferFactors('Workload A/outputRunA2.txt').unplaced).toEqual(['2']);
    expect(inferFactors('elastic5/run1.txt').unplaced).toEqual([]);
    expect(assignFactors('hbase-exec-15-1000000-b-22-rf_1.txt').unplaced).toEqual([]);
  });

  it('readSegment: a folder name read whole (tc8, rc1000-op1000, a date, run3, a database) or not (vm_dockered, elastic5)', () => {
    for (const s of ['tc8', 'rc1000-op1000', '8_threads', '201805030726', '2025-05-27_17-27-29', 'run3', 'mongodb', 'Workload A', 'B', 'raftrue', 'fc10'])
      expect(readSegment(s).fullyRead, s).toBe(true);
    for (const s of ['vm_dockered', 'elastic5', 'mongodb-async', 'disk-bound', 'baremetal', 'test']) expect(readSegment(s).fullyRead, s).toBe(false);
    expect(readSegment('run3').reads).toEqual(['rep']);
    expect(readSegment('201805030726').reads).toEqual(['date']);
  });

  it('a suggested template must reproduce the factors it claims, or none is suggested', () => {
    // the folder says workload a, the lone letter B in the file name could be one too: a template
    // reading {workload} from outputRunB2 would claim b — so no template is suggested, only the words
    const a = assignFactors('Workload A/outputRunB2.txt', { templateFlag: '--scheme' });
    expect(a.factors.workload).toBe('a');
    const numberAmbiguity = a.ambiguities.find((m) => m.includes('the number 2'))!;
    expect(numberAmbiguity).toContain('Say what it is with --scheme');
    expect(numberAmbiguity).not.toContain("--scheme '");
    // where the template does reproduce them, it is suggested and reads the file back
    const b = assignFactors('Workload B/outputRunB2.txt', { templateFlag: '--scheme' });
    expect(b.ambiguities[0]).toContain("--scheme 'outputRun{workload}{rep}'");
  });

  it('damerauLevenshtein and nearMissFactor: {wrkload} is workload; short names of ones own (bs, fs, step, mode) are not near misses', () => {
    expect(damerauLevenshtein('wrkload', 'workload')).toBe(1);
    expect(damerauLevenshtein('worklaod', 'workload')).toBe(1);
    expect(damerauLevenshtein('recrodcuont', 'recordcount')).toBe(2);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3);
    expect(nearMissFactor('wrkload')).toBe('workload');
    expect(nearMissFactor('worklaod')).toBe('workload');
    expect(nearMissFactor('thread')).toBe('threads');
    expect(nearMissFactor('recrodcuont')).toBe('recordcount');
    expect(nearMissFactor('node')).toBe('nodes');
    for (const own of ['bs', 'fs', 'step', 'mode', 'raf', 'tc', 'commutative', 'scenario', 'workload', 'size', 'replication', '_']) expect(nearMissFactor(own), own).toBeUndefined();
  });

  it('checkTemplate: a near miss, with the template as meant; a template that reads none of the files, with one that reads the example', () => {
    expect(checkTemplate('{db}-{wrkload}-{rep}')).toEqual({ kind: 'near-miss', placeholder: 'wrkload', known: 'workload', canonical: 'workload', fixed: '{db}-{workload}-{rep}' });
    expect(checkTemplate('{db}-{records}-{rep}', ['hbase-100-1.txt'])).toBeUndefined();
    const none = checkTemplate('{db}-exec-{rep}', ['results/hbase-rf3-7.txt', 'results/hbase-rf3-8.txt']);
    expect(none).toEqual({ kind: 'no-match', files: 2, example: 'results/hbase-rf3-7.txt', suggestion: '{db}-rf{rf}-{_}' });
    expect(compileTemplate('{db}-rf{rf}-{_}').match('results/hbase-rf3-7.txt')?.factors).toEqual({ db: 'hbase', rf: '3' });
    expect(() => checkTemplate('{db')).toThrow(/not closed/);
  });
});
