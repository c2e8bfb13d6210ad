import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { designFromExperiment, designFromRuns, inferNaming, shapeTemplate } from '../../src/analysis/design.js';
import { ExperimentError, parseExperiment } from '../../src/ingest/experiment.js';
import { checkLevel, UnsafeValueError } from '../../src/model/index.js';
import { studyCampaign, studyRun } from '../../fixtures/exec/runs.js';

const minimal = `
version: 1
repetitions: 5
factors:
  workload: [a, b]
  rf: [1, 2]
databases:
  cassandra:
    factors: { nodes: [15] }
  citus:
    factors: { nodes: [14], bs: [7000], fs: [3000] }
`;

describe('parseExperiment', () => {
  it('reads factors, databases and defaults', () => {
    const exp = parseExperiment(minimal, 'x.yaml');
    expect(exp.repetitions).toBe(5);
    expect(exp.factors).toEqual({ workload: ['a', 'b'], rf: ['1', '2'] });
    expect(exp.databases.citus.factors).toEqual({ nodes: ['14'], bs: ['7000'], fs: ['3000'] });
    expect(exp.cluster.clientPod).toBe('ycsb-benchmark');
    expect(exp.adapter).toBe('kubectl-exec');
    expect(exp.runFactors).toContain('workload');
  });

  it('names the wrong key, its path, its line and what was expected', () => {
    const text = minimal.replace('    factors: { nodes: [15] }', '    factors: { nodes: [15] }\n    statefulst: cassandra');
    let err: unknown;
    try {
      parseExperiment(text, 'exp.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExperimentError);
    const msg = (err as Error).message;
    expect(msg).toContain('exp.yaml');
    expect(msg).toContain('databases.cassandra.statefulst: unknown key (expected one of: factors, params, statefulset');
    expect(msg).toContain('(line 10)');
  });

  it('reports a wrong type and a wrong enum value with the path', () => {
    const text = minimal.replace('repetitions: 5', 'repetitions: many') + '    ready: sometimes\n';
    const msg = (() => {
      try {
        parseExperiment(text, 'e.yaml');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(msg).toContain('repetitions: expected integer (line 3)');
    expect(msg).toContain('databases.citus.ready: expected one of "nodetool", "none"');
  });

  it('rejects unknown placeholders and unsafe levels', () => {
    const text = minimal.replace('workload: [a, b]', 'workload: [a, "b; rm -rf /"]') + '    run: [/scripts/x.sh, "{wokload}"]\n';
    const msg = (() => {
      try {
        parseExperiment(text, 'e.yaml');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(msg).toContain('factors.workload: factor workload: value "b; rm -rf /" cannot be used in a file name');
    expect(msg).toContain('databases.citus.run.1: unknown placeholder {wokload}');
  });

  it('reports YAML syntax errors with a line', () => {
    expect(() => parseExperiment('version: 1\ndatabases: [\n', 'bad.yaml')).toThrow(/bad\.yaml: invalid experiment file:\n {2}line \d+/);
  });

  it('the study template validates and describes 36 configurations of 30 repetitions', () => {
    const exp = parseExperiment(readFileSync('templates/experiment.yaml', 'utf8'), 'templates/experiment.yaml');
    const d = designFromExperiment(exp);
    expect(d.repetitions).toBe(30);
    expect(d.configurations).toHaveLength(36);
    expect(d.configurations.filter((c) => c.factors.db === 'citus').every((c) => c.factors.bs === '7000' && c.factors.nodes === '14')).toBe(true);
  });
});

describe('checkLevel', () => {
  it('accepts plain levels and rejects what would break a name or an argument', () => {
    for (const ok of ['a', '1000000', 'rf_1', 'v1.2-x']) expect(() => checkLevel('f', ok)).not.toThrow();
    for (const bad of ['', '-rf', '../x', 'a/b', 'a b', '$(x)', '.hidden', 'a;b']) expect(() => checkLevel('f', bad)).toThrow(UnsafeValueError);
  });
});

describe('designFromExperiment', () => {
  it('crosses common factors with each database’s own', () => {
    const d = designFromExperiment(parseExperiment(minimal, 'x'));
    expect(d.configurations.map((c) => c.key)).toEqual([
      'db=cassandra,nodes=15,rf=1,workload=a',
      'db=cassandra,nodes=15,rf=1,workload=b',
      'db=cassandra,nodes=15,rf=2,workload=a',
      'db=cassandra,nodes=15,rf=2,workload=b',
      'db=citus,bs=7000,fs=3000,nodes=14,rf=1,workload=a',
      'db=citus,bs=7000,fs=3000,nodes=14,rf=1,workload=b',
      'db=citus,bs=7000,fs=3000,nodes=14,rf=2,workload=a',
      'db=citus,bs=7000,fs=3000,nodes=14,rf=2,workload=b',
    ]);
  });
});

describe('designFromRuns', () => {
  it('a full factorial: every combination was run, the design is all of them; reps default to the largest seen', () => {
    const runs = studyCampaign(['cassandra', 'citus'], ['a', 'c'], 4);
    const d = designFromRuns(runs);
    expect(d.repetitions).toBe(4);
    expect(d.loadOutputs).toBe(true);
    expect(d.configurations).toHaveLength(2 * 2 * 3);
    expect(d.combinations).toBeUndefined();
    // cassandra never gets bs/fs: databases have factors of their own
    expect(d.configurations.some((c) => c.factors.db === 'cassandra' && 'bs' in c.factors)).toBe(false);
    expect(designFromRuns(runs, 30).repetitions).toBe(30);
  });

  it('the configurations observed, not the product of the levels seen; a failed output is an observation', () => {
    const runs = studyCampaign(['cassandra', 'citus'], ['a', 'c'], 4)
      .filter((r) => !(r.factors.workload === 'c' && r.factors.rf === '2' && r.factors.db === 'citus'))
      .map((r) => (r.factors.workload === 'a' && r.factors.rf === '3' && r.factors.db === 'citus' ? { ...r, status: 'failed' as const } : r));
    const d = designFromRuns(runs);
    // citus/c/rf2 has no file at all: nothing says it was planned, it is not expected
    expect(d.configurations).toHaveLength(11);
    expect(d.configurations.map((c) => c.key)).not.toContain('db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=2,workload=c');
    expect(d.configurations.map((c) => c.key)).toContain('db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=3,workload=a');
    expect(d.combinations).toBe(12);
  });
});

describe('inferNaming', () => {
  const runs = studyCampaign(['cassandra', 'citus'], ['a', 'b'], 3);
  const naming = inferNaming(runs);

  it('learns the campaign’s templates', () => {
    const templates = naming.shapes.map(shapeTemplate).sort();
    expect(templates).toEqual([
      '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}-bs_{bs}-fs_{fs}.txt',
      '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}.txt',
      '{db}-load-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}-bs_{bs}-fs_{fs}.txt',
      '{db}-load-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}.txt',
    ]);
  });

  it('names a new repetition as the campaign does', () => {
    const f = { db: 'citus', nodes: '14', recordcount: '1000000', workload: 'c', rf: '1', bs: '7000', fs: '3000' };
    expect(naming.name('run', f, 31)).toEqual({ name: 'citus-exec-14-1000000-c-31-rf_1-bs_7000-fs_3000.txt' });
    expect(naming.name('load', { db: 'cassandra', nodes: '15', recordcount: '1000000', workload: 'a', rf: '3' }, 1)).toEqual({
      name: 'cassandra-load-15-1000000-a-1-rf_3.txt',
    });
  });

  it('says why it cannot name a database it has never seen', () => {
    const r = naming.name('run', { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'a', rf: '1' }, 2);
    expect('error' in r && r.error).toMatch(/no existing file of that database and phase/);
  });

  it('uses an explicit template first', () => {
    const n = inferNaming([studyRun('hbase', 'a', 1, 1)], () => 'x/{db}-{rep}.txt');
    expect(n.name('run', { db: 'hbase' }, 7)).toEqual({ name: 'x/hbase-7.txt' });
  });
});
