/**
 * The words file names are read with: known factor names (numeric ones), database names and the
 * YCSB binding names that carry a version, phase words, the keys recognised in front of a number,
 * and how each factor's value is normalised (see ./index.ts). Pure data and one pure function.
 */

/** Factors whose values are whole numbers (matched as digits by templates). `client` is the index of
 * one client among several that drove one run together (`ycsb-redis-client3`): not a repetition. */
export const NUMERIC_FACTORS = new Set(['nodes', 'recordcount', 'operationcount', 'threads', 'rf', 'rep', 'client', 'fieldcount']);

/** Database names recognised as a whole token (lower case) -> canonical name. */
export const KNOWN_DATABASES: Readonly<Record<string, string>> = {
  cassandra: 'cassandra',
  scylla: 'scylla',
  scylladb: 'scylla',
  hbase: 'hbase',
  citus: 'citus',
  mongodb: 'mongodb',
  mongo: 'mongodb',
  redis: 'redis',
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
  rocksdb: 'rocksdb',
  leveldb: 'leveldb',
  pebble: 'pebble',
  badger: 'badger',
  badgerdb: 'badger',
  tikv: 'tikv',
  tidb: 'tidb',
  cockroachdb: 'cockroachdb',
  cockroach: 'cockroachdb',
  couchbase: 'couchbase',
  couchdb: 'couchdb',
  dynamodb: 'dynamodb',
  foundationdb: 'foundationdb',
  fdb: 'foundationdb',
  elasticsearch: 'elasticsearch',
  memcached: 'memcached',
  voltdb: 'voltdb',
  ignite: 'ignite',
  hazelcast: 'hazelcast',
  riak: 'riak',
  accumulo: 'accumulo',
  kudu: 'kudu',
  etcd: 'etcd',
  sqlite: 'sqlite',
  yugabyte: 'yugabytedb',
  yugabytedb: 'yugabytedb',
  aerospike: 'aerospike',
  orientdb: 'orientdb',
  arangodb: 'arangodb',
  neo4j: 'neo4j',
  geode: 'geode',
  infinispan: 'infinispan',
  bigtable: 'bigtable',
  spanner: 'spanner',
  wiredtiger: 'wiredtiger',
  lmdb: 'lmdb',
  terarkdb: 'terarkdb',
  mssql: 'sqlserver',
  sqlserver: 'sqlserver',
  oracle: 'oracle',
};

/** YCSB binding names that carry a version number: the number is part of the name, not a factor. */

export const BINDING_NAMES: Readonly<Record<string, string>> = {
  hbase098: 'hbase',
  hbase094: 'hbase',
  hbase10: 'hbase',
  hbase12: 'hbase',
  hbase14: 'hbase',
  hbase20: 'hbase',
  hbase1: 'hbase',
  hbase2: 'hbase',
  cassandra2: 'cassandra',
  cassandra3: 'cassandra',
  mongodb3: 'mongodb',
  elasticsearch5: 'elasticsearch',
  elasticsearch7: 'elasticsearch',
  couchbase2: 'couchbase',
  ignite2: 'ignite',
};

export const PHASE_WORDS: Readonly<Record<string, string>> = {
  load: 'load',
  loading: 'load',
  run: 'run',
  exec: 'run',
  execute: 'run',
  execution: 'run',
  transaction: 'run',
  transactions: 'run',
  txn: 'run',
};

/** Keys recognised in front of a number in inferred names (`rf3`, `rf_1`, `th8`, `rep2`, …). */
export const INFER_KEYS: Readonly<Record<string, string>> = {
  rf: 'rf',
  replication: 'rf',
  replicationfactor: 'rf',
  bs: 'bs',
  fs: 'fs',
  th: 'threads',
  thr: 'threads',
  threads: 'threads',
  thread: 'threads',
  threadcount: 'threads',
  rc: 'recordcount',
  records: 'recordcount',
  tc: 'threads',
  op: 'operationcount',
  fc: 'fieldcount',
  fieldcount: 'fieldcount',
  fields: 'fieldcount',
  recordcount: 'recordcount',
  oc: 'operationcount',
  ops: 'operationcount',
  opcount: 'operationcount',
  operationcount: 'operationcount',
  operations: 'operationcount',
  nodes: 'nodes',
  node: 'nodes',
  replicas: 'nodes',
  rep: 'rep',
  reps: 'rep',
  repetition: 'rep',
  iter: 'rep',
  iteration: 'rep',
  run: 'rep',
  trial: 'rep',
  // one client of several that drove one run together (src/ingest/clients.ts combines them)
  client: 'client',
};

/**
 * Words read after a number (`8_threads`, `16threads`, `4-nodes`): the number is that factor's level.
 * Repetition words are not among them (`10_reps` is how many repetitions, not which one).
 */
export const NUMBER_KEYS: Readonly<Record<string, string>> = {
  threads: 'threads',
  thread: 'threads',
  nodes: 'nodes',
  node: 'nodes',
  replicas: 'nodes',
  records: 'recordcount',
  operations: 'operationcount',
  ops: 'operationcount',
  fields: 'fieldcount',
};

/** Words never taken as a factor name in `word_<number>` (they describe the file, not a level). */
export const NOT_KEYS = new Set(['output', 'outputs', 'out', 'result', 'results', 'test', 'tests', 'log', 'logs', 'data', 'file', 'ycsb', 'bench', 'benchmark', 'exp', 'experiment', 'load', 'exec', 'v', 'version']);

/** Normalise one factor value (see the module comment). `name` must be canonical. */
export function normalizeFactorValue(name: string, value: string): string {
  // a campaign's names repeat a few levels per factor: each (name, value) is normalised once
  let byValue = normalized.get(name);
  if (byValue === undefined) {
    byValue = new Map();
    if (normalized.size < 256) normalized.set(name, byValue);
  }
  let out = byValue.get(value);
  if (out === undefined) {
    out = normalizeOnce(name, value);
    if (byValue.size < 4096) byValue.set(value, out);
  }
  return out;
}

/** Factor name -> value as written -> normalizeFactorValue's answer. Bounded. */
const normalized = new Map<string, Map<string, string>>();

function normalizeOnce(name: string, value: string): string {
  const v = value.trim();
  switch (name) {
    case 'workload': {
      const m = /^(?:workload|wl)?[\s_-]?([a-z])$/i.exec(v);
      return m ? m[1].toLowerCase() : v.toLowerCase();
    }
    case 'db': {
      const l = v.toLowerCase();
      return KNOWN_DATABASES[l] ?? BINDING_NAMES[l] ?? l;
    }
    case 'phase': {
      const l = v.toLowerCase();
      if (l === 't') return 'run';
      if (l === 'l') return 'load';
      return PHASE_WORDS[l] ?? l;
    }
    default:
      if (NUMERIC_FACTORS.has(name) && /^\d+$/.test(v)) return v.replace(/^0+(?=\d)/, '');
      return v;
  }
}
