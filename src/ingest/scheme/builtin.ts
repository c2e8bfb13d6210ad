/**
 * The built-in schemes: one template for every name the study's scripts write, matched strictly
 * against the file name (db a word, workload one letter, numbers digits). Pure.
 */
import { compile, type CompiledTemplate, type TemplateMatch } from './template.js';

export interface BuiltinScheme {
  /** Name reported as the scheme that matched. */
  name: string;
  /** The template (strict built-in matching: db a word, workload one letter, numbers digits). */
  template: string;
  phase: 'run' | 'load';
  /** A file name the study's scripts wrote in this scheme. */
  example: string;
  /** Where it comes from. */
  source: string;
}

/**
 * Every name the study's scripts write (lucas-fs/ycsb-prom-metrics and joao-lima/rpicloud
 * ycsb/scripts), most specific first. `{replicas}` is the number of nodes (canonical `nodes`).
 */
export const BUILTIN_SCHEMES: readonly BuiltinScheme[] = [
  {
    name: 'study-exec-jdbc',
    template: '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}-bs_{bs}-fs_{fs}',
    phase: 'run',
    example: 'citus-exec-14-1000000-d-6-rf_1-bs_7000-fs_3000.txt',
    source: 'lucas-fs/ycsb-prom-metrics YCSB-outputs (Citus over JDBC: batch size, fetch size)',
  },
  {
    name: 'study-exec',
    template: '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}',
    phase: 'run',
    example: 'hbase-exec-15-1000000-b-22-rf_1.txt',
    source: 'lucas-fs/ycsb-prom-metrics YCSB-outputs',
  },
  {
    name: 'study-load-jdbc',
    template: '{db}-load-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}-bs_{bs}-fs_{fs}',
    phase: 'load',
    example: 'citus-load-14-1000000-a-1-rf_2-bs_7000-fs_3000.txt',
    source: 'lucas-fs/ycsb-prom-metrics YCSB-outputs',
  },
  {
    name: 'study-load',
    template: '{db}-load-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}',
    phase: 'load',
    example: 'hbase-load-15-1000000-a-1-rf_2.txt',
    source: 'lucas-fs/ycsb-prom-metrics YCSB-outputs',
  },
  {
    name: 'rpicloud-citus-out',
    template: '{db}-out-{nodes}-{recordcount}-{workload}-{rep}-rf{rf}-bs{bs}-fs{fs}-commutative-{commutative}',
    phase: 'run',
    example: 'citus-out-14-1000000-a-3-rf2-bs7000-fs3000-commutative-on.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/citus_run.sh',
  },
  {
    name: 'rpicloud-citus-out-load',
    template: '{db}-out-load-{nodes}-{recordcount}-{workload}-rf{rf}-bs{bs}-fs{fs}',
    phase: 'load',
    example: 'citus-out-load-14-1000000-a-rf2-bs7000-fs3000.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/citus_load.sh',
  },
  {
    name: 'rpicloud-pg-out',
    template: '{db}-out-{nodes}-{recordcount}-{workload}-{rep}-bs{bs}-fs{fs}',
    phase: 'run',
    example: 'postgres-out-4-1000000-a-2-bs7000-fs3000.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/postgres_run.sh (nodes = shards)',
  },
  {
    name: 'rpicloud-pg-out-load',
    template: '{db}-out-load-{nodes}-{recordcount}-{workload}-bs{bs}-fs{fs}',
    phase: 'load',
    example: 'postgres-out-load-4-1000000-a-bs7000-fs3000.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/postgres_load_*.sh (nodes = shards)',
  },
  {
    name: 'rpicloud-db-out-load',
    template: '{db}-out-load-{replicas}-{recordcount}-{workload}',
    phase: 'load',
    example: 'hbase-out-load-3-1000-a.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/hbase_load.sh',
  },
  {
    name: 'rpicloud-db-out',
    template: '{db}-out-{replicas}-{recordcount}-{workload}-{rep}',
    phase: 'run',
    example: 'hbase-out-3-1000-a-5.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/hbase_run.sh',
  },
  {
    name: 'rpicloud-out-load',
    template: 'out-load-{replicas}-{recordcount}-rf{rf}-{workload}',
    phase: 'load',
    example: 'out-load-1-1000-rf1-a.txt',
    source: 'joao-lima/rpicloud ycsb/out (Cassandra)',
  },
  {
    name: 'rpicloud-out',
    template: 'out-{replicas}-{recordcount}-rf{rf}-{workload}-{rep}',
    phase: 'run',
    example: 'out-13-100000-rf3-a-1.txt',
    source: 'joao-lima/rpicloud ycsb/out (Cassandra)',
  },
  {
    name: 'rpicloud-out-norf',
    template: 'out-{replicas}-{recordcount}-{workload}-{rep}',
    phase: 'run',
    example: 'out-3-100000-a-1.txt',
    source: 'joao-lima/rpicloud ycsb/scripts (Cassandra, QUORUM, no rf in the name)',
  },
  {
    name: 'rpicloud-db-load',
    template: '{db}-load-{nodes}-{recordcount}-rf{rf}-{workload}',
    phase: 'load',
    example: 'cassandra-load-13-100000-rf3-a.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/cassandra_load.sh',
  },
  {
    name: 'rpicloud-db',
    template: '{db}-{nodes}-{recordcount}-rf{rf}-{workload}-{rep}',
    phase: 'run',
    example: 'cassandra-13-1000000-rf3-a-1.txt',
    source: 'joao-lima/rpicloud ycsb/scripts/cassandra_run.sh',
  },
];

/** Words that are never a db in a built-in name (they are the scheme's own literals). */
const RESERVED_DB = new Set(['out', 'load', 'exec', 'run', 'output', 'result', 'results']);

const COMPILED_BUILTINS: readonly { scheme: BuiltinScheme; compiled: CompiledTemplate }[] = BUILTIN_SCHEMES.map((scheme) => ({
  scheme,
  compiled: compile(scheme.template, { strict: true }),
}));

/** The first built-in scheme that reads the file name of `relPath` (spans offset into `relPath`), or undefined. */
export function matchBuiltin(relPath: string): { name: string; match: TemplateMatch } | undefined {
  const slash = relPath.lastIndexOf('/');
  const base = relPath.slice(slash + 1);
  for (const { scheme, compiled } of COMPILED_BUILTINS) {
    const m = compiled.match(base);
    if (!m) continue;
    if (m.factors.db !== undefined && RESERVED_DB.has(m.factors.db)) continue;
    m.factors.phase = scheme.phase;
    const off = slash + 1;
    return {
      name: scheme.name,
      match: { factors: m.factors, spans: m.spans.map((s) => ({ ...s, start: s.start + off, end: s.end + off })), start: off },
    };
  }
  return undefined;
}
