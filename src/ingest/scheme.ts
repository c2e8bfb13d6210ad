/**
 * File name -> factors.
 *
 * Three ways, tried in this order for every file:
 * 1. the user's templates (`--scheme '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}'`),
 *    in the order given; see {@link compileTemplate};
 * 2. the built-in schemes, one for every name the study's scripts write ({@link BUILTIN_SCHEMES});
 * 3. inference from the tokens of the path ({@link inferFactors}), which never guesses: a number
 *    it cannot place (a repetition? a record-count step?) is left out and reported as an ambiguity
 *    with a `--scheme` suggestion.
 *
 * Values are normalised the same way whichever path matched: workload `A`, `workloada`,
 * `Workload A` -> `a`; db lower case (`mongo` -> `mongodb`, `postgresql` -> `postgres`,
 * `hbase2` -> `hbase`); phase `exec`/`run`/`transaction` -> `run`, `load` -> `load`; whole numbers of
 * the numeric factors (nodes, recordcount, operationcount, threads, rf, rep) without leading zeros
 * (`rep` `01` -> `1`). All values are text.
 *
 * Pure: no file system.
 */
import { canonicalFactor, type Factors } from '../model/run.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Factors whose values are whole numbers (matched as digits by templates). */
const NUMERIC_FACTORS = new Set(['nodes', 'recordcount', 'operationcount', 'threads', 'rf', 'rep']);

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
};

/** YCSB binding names that carry a version number: the number is part of the name, not a factor. */
const BINDING_NAMES: Readonly<Record<string, string>> = {
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

const PHASE_WORDS: Readonly<Record<string, string>> = {
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
const INFER_KEYS: Readonly<Record<string, string>> = {
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
};

/** Words never taken as a factor name in `word_<number>` (they describe the file, not a level). */
const NOT_KEYS = new Set(['output', 'outputs', 'out', 'result', 'results', 'test', 'tests', 'log', 'logs', 'data', 'file', 'ycsb', 'bench', 'benchmark', 'exp', 'experiment', 'load', 'exec', 'v', 'version']);

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Normalise one factor value (see the module comment). `name` must be canonical. */
export function normalizeFactorValue(name: string, value: string): string {
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

// ---------------------------------------------------------------------------------------------
// Templates

/** A part of the path a factor was read from (offsets into the relative path). */
export interface FactorSpan {
  start: number;
  end: number;
  /** Canonical factor name, or '_' (ignored), 'date', 'version' for parts read but not kept. */
  factor: string;
}

export interface TemplateMatch {
  factors: Factors;
  spans: FactorSpan[];
  /** Offset in the path where the matched part starts (templates match the last segments). */
  start: number;
}

export interface CompiledTemplate {
  /** The template as given. */
  template: string;
  /** Canonical factor names in placeholder order ('_' for ignored parts). */
  placeholders: string[];
  /** How many path segments (folders + file name) the template covers. */
  segments: number;
  regex: RegExp;
  /** Phase implied by the template's literal text (`…-load-…` -> load, `…-exec-…` -> run). */
  literalPhase?: string;
  /** Match the last `segments` segments of a relative path (POSIX separators); case-insensitive. */
  match(relPath: string): TemplateMatch | undefined;
}

type Piece = { kind: 'literal'; text: string; col: number } | { kind: 'placeholder'; name: string; raw: string; col: number };

function templateError(template: string, col: number, what: string): Error {
  const caret = `${' '.repeat(col)}^`;
  return new Error(`invalid file-name template '${template}': ${what} at column ${col + 1}\n  ${template}\n  ${caret}`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompileMode {
  /** Built-in schemes use strict value patterns (db a word without '-', workload one letter). */
  strict: boolean;
}

/** Which numeric-placeholder pattern, which text pattern. */
function valuePattern(name: string, mode: CompileMode): { re: string; numeric: boolean } {
  if (mode.strict) {
    if (name === 'db') return { re: '[a-z][a-z0-9]*', numeric: false };
    if (name === 'workload') return { re: '[a-z]', numeric: false };
    if (NUMERIC_FACTORS.has(name)) return { re: '\\d+', numeric: true };
    if (name === '_') return { re: '[^/]+?', numeric: false };
    return { re: '[a-z0-9]+', numeric: false };
  }
  if (name === 'rep') return { re: '\\d+', numeric: true };
  if (NUMERIC_FACTORS.has(name)) return { re: '\\d+(?:\\.\\d+)?[kmgb]?', numeric: true };
  return { re: '[^/]+?', numeric: false };
}

function parseTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let lit = '';
  let litCol = 0;
  const flush = (): void => {
    if (lit) pieces.push({ kind: 'literal', text: lit, col: litCol });
    lit = '';
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      if (!lit) litCol = i;
      lit += '{';
      i++;
      continue;
    }
    if (c === '}' && template[i + 1] === '}') {
      if (!lit) litCol = i;
      lit += '}';
      i++;
      continue;
    }
    if (c === '{') {
      const close = template.indexOf('}', i + 1);
      const nextOpen = template.indexOf('{', i + 1);
      const slash = template.indexOf('/', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close) || (slash >= 0 && slash < close)) {
        throw templateError(template, i, "'{' is not closed by '}'");
      }
      const raw = template.slice(i + 1, close);
      const name = raw.trim();
      if (name === '') throw templateError(template, i, "empty placeholder '{}' (use {_} to ignore a part)");
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw templateError(template, i + 1, `placeholder name '${raw}' is not a name (letters, digits, '_')`);
      }
      flush();
      pieces.push({ kind: 'placeholder', name: name === '_' ? '_' : canonicalFactor(name), raw: name, col: i });
      i = close;
      continue;
    }
    if (c === '}') throw templateError(template, i, "'}' without a matching '{' (write '}}' for a literal '}')");
    if (c === '*' || c === '?') {
      throw templateError(template, i, `wildcard '${c}': templates match text literally; use {_} to ignore a part`);
    }
    if (c === '\\') throw templateError(template, i, "backslash: separate folders with '/'");
    if (!lit) litCol = i;
    lit += c;
  }
  flush();
  return pieces;
}

const EXTENSION = /\.[A-Za-z0-9]+$/;

function compile(template: string, mode: CompileMode): CompiledTemplate {
  if (template.trim() === '') throw templateError(template, 0, 'the template is empty');
  if (template.startsWith('/')) throw templateError(template, 0, "a template is relative to the scanned folder and cannot start with '/'");
  if (template.endsWith('/')) throw templateError(template, template.length - 1, "a template cannot end with '/': its last part matches the file name");
  // Segment checks (empty, '.', '..').
  {
    let col = 0;
    for (const seg of template.split('/')) {
      if (seg === '') throw templateError(template, col, "empty folder name ('//')");
      if (seg === '.' || seg === '..') throw templateError(template, col, `'${seg}' is not allowed in a template`);
      col += seg.length + 1;
    }
  }
  const pieces = parseTemplate(template);
  const placeholders: string[] = [];
  let body = '';
  let prev: { numeric: boolean; raw: string } | undefined;
  for (const p of pieces) {
    if (p.kind === 'literal') {
      body += escapeRegex(p.text);
      prev = undefined;
      continue;
    }
    const vp = valuePattern(p.name, mode);
    if (prev && prev.numeric && vp.numeric) {
      throw templateError(
        template,
        p.col,
        `{${prev.raw}} and {${p.raw}} are both numbers with nothing between them: where one ends and the other begins cannot be told`,
      );
    }
    body += `(${vp.re})`;
    placeholders.push(p.name);
    prev = { numeric: vp.numeric, raw: p.raw };
  }
  if (!placeholders.some((n) => n !== '_')) {
    throw templateError(template, 0, 'no placeholder such as {db} or {rep}: the template would give no factor');
  }
  const last = pieces[pieces.length - 1];
  const hasExtension = last.kind === 'literal' && EXTENSION.test(last.text.split('/').pop() ?? '');
  const source = `(?:^|/)${body}${hasExtension ? '' : '(?:\\.[A-Za-z0-9]+)?'}$`;
  const regex = new RegExp(source, 'id');
  const segments = template.split('/').length;

  // Phase from literal text: tokens of the literal parts.
  let literalPhase: string | undefined;
  if (!placeholders.includes('phase')) {
    const words = pieces
      .filter((p): p is Extract<Piece, { kind: 'literal' }> => p.kind === 'literal')
      .flatMap((p) => p.text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [])
      .map((w) => w.toLowerCase());
    const phases = new Set(words.map((w) => PHASE_WORDS[w]).filter((x): x is string => x !== undefined));
    if (phases.size === 1) literalPhase = [...phases][0];
  }

  // Without an extension in the template, the file's own extension is not part of any value
  // (`outputRun{workload}{step}` must not read step = '.txt' from outputRunA.txt): match without it.
  const bare = hasExtension ? undefined : new RegExp(`(?:^|/)${body}$`, 'id');
  const match = (relPath: string): TemplateMatch | undefined => {
    const ext = bare ? EXTENSION.exec(relPath.slice(relPath.lastIndexOf('/') + 1)) : null;
    const m = bare ? bare.exec(ext ? relPath.slice(0, relPath.length - ext[0].length) : relPath) : regex.exec(relPath);
    if (!m || !m.indices) return undefined;
    const factors: Factors = {};
    const spans: FactorSpan[] = [];
    for (let i = 0; i < placeholders.length; i++) {
      const name = placeholders[i];
      const value = m[i + 1];
      const idx = m.indices[i + 1];
      if (value === undefined || !idx) return undefined;
      spans.push({ start: idx[0], end: idx[1], factor: name });
      if (name === '_') continue;
      const v = normalizeFactorValue(name, value);
      if (factors[name] !== undefined && factors[name] !== v) return undefined;
      factors[name] = v;
    }
    if (literalPhase && factors.phase === undefined) factors.phase = literalPhase;
    const start = m.index + (m[0].startsWith('/') ? 1 : 0);
    return { factors, spans, start };
  };

  return { template, placeholders, segments, regex, literalPhase, match };
}

/**
 * Compile a user file-name template.
 *
 * Syntax: literal text matches itself (case-insensitively); `{name}` reads a factor, `name` going
 * through {@link canonicalFactor} (`{size}` = recordcount, `{replication}` = rf, `{replicas}` =
 * nodes, `{iter}` = rep, …; unknown names are kept as they are, e.g. `{bs}`); `{_}` matches a part
 * and ignores it; `{{` and `}}` are literal braces; `/` separates folders. The template matches the
 * LAST segments of a path (as many as it has), so `{workload}/{db}-{rep}.txt` matches
 * `results/a/cassandra-1.txt`. Numeric factors (nodes, recordcount, operationcount, threads, rf,
 * rep) match digits (rep: whole numbers only; the others also `1.5`, `10k`, `1M`); other
 * placeholders match as little text as possible (no `/`). If the template does not end in an
 * extension (`.txt`), any extension is accepted. A repeated placeholder must read the same value.
 * A literal word `load` in the template sets phase = load, `exec`/`run`/`transaction` phase = run,
 * unless the template has `{phase}`.
 *
 * Throws an Error naming the problem and its column: empty template, unclosed `{`, stray `}`,
 * empty `{}`, a name that is not a name, `*` or `?` wildcards, backslashes, absolute paths, empty,
 * `.` or `..` folders, two numeric placeholders with nothing between them (`{nodes}{recordcount}`),
 * or no placeholder at all.
 *
 * @example compileTemplate('{db}-exec-{nodes}-{size}-{workload}-{rep}-rf_{replication}')
 *   .match('hbase-exec-15-1000000-b-22-rf_1.txt')?.factors
 *   // { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'b', rep: '22', rf: '1', phase: 'run' }
 */
export function compileTemplate(template: string): CompiledTemplate {
  return compile(template, { strict: false });
}

// ---------------------------------------------------------------------------------------------
// Built-in schemes

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

function matchBuiltin(relPath: string): { name: string; match: TemplateMatch } | undefined {
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

// ---------------------------------------------------------------------------------------------
// Inference

export interface InferResult {
  factors: Factors;
  ambiguities: string[];
  spans: FactorSpan[];
}

interface Candidate {
  factor: string;
  value: string;
  /** Weak candidates (a lone letter as workload) give way to strong ones. */
  weak?: boolean;
  where: string;
}

const DATE_TIME =
  /(?<!\d)(?:19|20)\d{2}([-_.]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:[T_ -]?(?:[01]\d|2[0-3])([-:_.]?)[0-5]\d\2[0-5]\d(?:[.,]\d+)?)?(?!\d)/g;
/** A time on its own only with ':' (17:27:29); '17-27-29' counts as a time only after a date. */
const TIME = /(?<!\d)(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?!\d)/g;
const VERSION = /(?<![\d.])v?\d+(?:\.\d+)+(?![\d])/gi;
const STRONG_WORKLOAD = /workload([\s_-]?)([a-z])(?![a-z])/gi;
const WL_WORKLOAD = /(?<![a-z])wl([\s_-]?)([a-z])(?![a-z])/gi;
const KEY_EQ_VALUE = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*)=([A-Za-z0-9.]+)/g;
const KNOWN_KEY_NUMBER = new RegExp(
  `(?<![a-z0-9])(${Object.keys(INFER_KEYS)
    .sort((a, b) => b.length - a.length)
    .join('|')})[\\s_=-]?(\\d+)(?![0-9])`,
  'gi',
);
const SWITCH = /(?<![a-z0-9])([a-z][a-z0-9]*)[-_=](on|off|true|false|enabled|disabled)(?![a-z0-9])/gi;
const LOWER_KEY_UNDERSCORE_NUMBER = /(?<![A-Za-z0-9])([a-z]{2,})_(\d+)(?![0-9])/g;
const BINDING = new RegExp(`(?<![a-z0-9])(${Object.keys(BINDING_NAMES).sort((a, b) => b.length - a.length).join('|')})(?![a-z0-9])`, 'gi');

function stripExtension(base: string): string {
  const m = /\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$/.exec(base);
  return m && m.index > 0 ? base.slice(0, m.index) : base;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Infer factors from a path no scheme knows, without guessing.
 *
 * Read from every segment (folders and file name, extension dropped): dates and times (ignored),
 * dotted versions (`ycsb-0.1.4`, ignored), `workloada`/`Workload A`/`wlA` (workload), `key=value`,
 * a known key before a number (`rf3`, `rf_1`, `bs_7000`, `th8`, `rc100000`, `oc10000`, `rep2`,
 * `run_3`, `iter-4`; see the list in the source), `name-on`/`name-off`, a lower-case
 * `name_<number>` (factor `name`), known database names as whole words (`cassandra`, `MongoDB`,
 * binding names such as `hbase2`), phase words (`load`; `run`, `exec`, `transaction`), and a lone
 * letter a–f as the workload when nothing stronger says which. A number left over (`outputRunA2`:
 * is 2 a repetition or a record-count step?) is NOT assigned: it is reported in `ambiguities`
 * with a `--scheme` suggestion. So are contradicting values (rf 1 in a folder, rf 2 in the name)
 * and a name that gives no factor at all.
 */
export function inferFactors(relPath: string): InferResult {
  const segments = relPath.split('/');
  const candidates: Candidate[] = [];
  const spans: FactorSpan[] = [];
  const numbers: { seg: number; start: number; end: number; text: string }[] = [];
  let offset = 0;
  const segInfo: { start: number; text: string }[] = [];

  for (let si = 0; si < segments.length; si++) {
    const original = segments[si];
    const isLast = si === segments.length - 1;
    const text = isLast ? stripExtension(original) : original;
    segInfo.push({ start: offset, text });
    // Working copy: consumed characters become spaces (offsets stay valid).
    let w = text;
    const consume = (s: number, e: number): void => {
      w = w.slice(0, s) + ' '.repeat(e - s) + w.slice(e);
    };
    const where = original;
    const scan = (re: RegExp, fn: (m: RegExpExecArray) => void): void => {
      re.lastIndex = 0;
      const found: RegExpExecArray[] = [];
      let m: RegExpExecArray | null;
      while ((m = re.exec(w)) !== null) {
        found.push(m);
        if (m[0].length === 0) re.lastIndex++;
      }
      for (const f of found) fn(f);
    };
    const valueSpan = (m: RegExpExecArray, group: number): [number, number] => {
      const g = m[group];
      const rel = m[0].lastIndexOf(g);
      return [m.index + rel, m.index + rel + g.length];
    };

    scan(DATE_TIME, (m) => {
      spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'date' });
      consume(m.index, m.index + m[0].length);
    });
    scan(TIME, (m) => {
      spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'date' });
      consume(m.index, m.index + m[0].length);
    });
    scan(VERSION, (m) => {
      spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'version' });
      consume(m.index, m.index + m[0].length);
    });
    for (const re of [STRONG_WORKLOAD, WL_WORKLOAD]) {
      scan(re, (m) => {
        // 'workloads' is a word, not workload s: without a separator only the core letters a–f.
        if (m[1] === '' && !/^[a-f]$/i.test(m[2])) return;
        const [s, e] = valueSpan(m, 2);
        candidates.push({ factor: 'workload', value: normalizeFactorValue('workload', m[2]), where });
        spans.push({ start: offset + s, end: offset + e, factor: 'workload' });
        consume(m.index, m.index + m[0].length);
      });
    }
    scan(KEY_EQ_VALUE, (m) => {
      const name = canonicalFactor(INFER_KEYS[m[1].toLowerCase()] ?? m[1]);
      const [s, e] = valueSpan(m, 2);
      candidates.push({ factor: name, value: normalizeFactorValue(name, m[2]), where });
      spans.push({ start: offset + s, end: offset + e, factor: name });
      consume(m.index, m.index + m[0].length);
    });
    scan(KNOWN_KEY_NUMBER, (m) => {
      const name = INFER_KEYS[m[1].toLowerCase()];
      const [s, e] = valueSpan(m, 2);
      candidates.push({ factor: name, value: normalizeFactorValue(name, m[2]), where });
      spans.push({ start: offset + s, end: offset + e, factor: name });
      consume(m.index, m.index + m[0].length);
    });
    scan(SWITCH, (m) => {
      const key = m[1].toLowerCase();
      if (PHASE_WORDS[key] || KNOWN_DATABASES[key]) return;
      const name = canonicalFactor(key);
      const [s, e] = valueSpan(m, 2);
      candidates.push({ factor: name, value: m[2].toLowerCase(), where });
      spans.push({ start: offset + s, end: offset + e, factor: name });
      consume(m.index, m.index + m[0].length);
    });
    scan(LOWER_KEY_UNDERSCORE_NUMBER, (m) => {
      const key = m[1];
      if (NOT_KEYS.has(key) || PHASE_WORDS[key] || KNOWN_DATABASES[key]) return;
      const name = canonicalFactor(key);
      const [s, e] = valueSpan(m, 2);
      candidates.push({ factor: name, value: normalizeFactorValue(name, m[2]), where });
      spans.push({ start: offset + s, end: offset + e, factor: name });
      consume(m.index, m.index + m[0].length);
    });
    scan(BINDING, (m) => {
      candidates.push({ factor: 'db', value: BINDING_NAMES[m[1].toLowerCase()], where });
      spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'db' });
      consume(m.index, m.index + m[0].length);
    });
    // Whole alphabetic runs first (MongoDB), then camel-case / letter-digit pieces.
    scan(/[A-Za-z]+/g, (m) => {
      const l = m[0].toLowerCase();
      if (KNOWN_DATABASES[l]) {
        candidates.push({ factor: 'db', value: KNOWN_DATABASES[l], where });
        spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'db' });
        consume(m.index, m.index + m[0].length);
      }
    });
    scan(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g, (m) => {
      const tok = m[0];
      const s = m.index;
      const e = s + tok.length;
      if (/^\d+$/.test(tok)) {
        numbers.push({ seg: si, start: offset + s, end: offset + e, text: tok });
        return;
      }
      const l = tok.toLowerCase();
      if (KNOWN_DATABASES[l]) {
        candidates.push({ factor: 'db', value: KNOWN_DATABASES[l], where });
        spans.push({ start: offset + s, end: offset + e, factor: 'db' });
        return;
      }
      if (PHASE_WORDS[l]) {
        candidates.push({ factor: 'phase', value: PHASE_WORDS[l], where });
        return;
      }
      if (/^[a-f]$/i.test(tok)) {
        candidates.push({ factor: 'workload', value: l, weak: true, where });
        spans.push({ start: offset + s, end: offset + e, factor: 'workload' });
      }
    });
    offset += original.length + 1;
  }

  // Resolve candidates per factor.
  const factors: Factors = {};
  const ambiguities: string[] = [];
  const byFactor = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byFactor.get(c.factor) ?? [];
    list.push(c);
    byFactor.set(c.factor, list);
  }
  const dropSpans = new Set<string>();
  for (const [factor, list] of byFactor) {
    const strong = list.filter((c) => !c.weak);
    const use = strong.length > 0 ? strong : list;
    const values = [...new Set(use.map((c) => c.value))];
    if (values.length === 1) {
      factors[factor] = values[0];
      if (strong.length > 0) {
        const weakOther = list.filter((c) => c.weak && c.value !== values[0]);
        if (weakOther.length > 0) {
          ambiguities.push(
            `${relPath}: ${factor} is ${values[0]} (from '${strong[0].where}') but the lone letter ${weakOther[0].value} in '${weakOther[0].where}' could also be a ${factor}; kept ${values[0]}`,
          );
        }
      }
    } else {
      const desc = values.map((v) => `${v} (in '${use.find((c) => c.value === v)?.where}')`);
      ambiguities.push(`${relPath}: ${factor} could be ${listWords(desc)}; left unset — say which with --scheme`);
      dropSpans.add(factor);
    }
  }
  // Weak workload spans that lost are not factor spans.
  const keptSpans = spans.filter((s) => !dropSpans.has(s.factor));

  if (numbers.length > 0) {
    const base = segments[segments.length - 1];
    const nums = numbers.map((n) => n.text);
    const what = nums.length === 1 ? `the number ${nums[0]}` : `the numbers ${listWords(nums)}`;
    const where = [...new Set(numbers.map((n) => segments[n.seg]))].map((s) => `'${s}'`).join(', ');
    const suggestion = suggestTemplate(relPath, segments, keptSpans, numbers, factors);
    if (factors.rep === undefined) {
      ambiguities.push(
        `${relPath}: ${what} in ${where} could be a repetition or a step of another factor (record count, threads, …): not used, rep left unset.` +
          (suggestion
            ? ` If it is the repetition, say so: --scheme '${suggestion}' (write {recordcount}, {threads}, a name of your own such as {step}, or {_} in place of {rep} if it is not)`
            : ' Say what it is with --scheme'),
      );
    } else {
      ambiguities.push(
        `${relPath}: ${what} in ${where} not used (rep is ${factors.rep}, from '${byFactor.get('rep')?.[0]?.where ?? base}'); if it distinguishes runs, name it` +
          (suggestion ? ` with --scheme '${suggestion}'` : ' with --scheme'),
      );
    }
  }
  if (Object.keys(factors).length === 0) {
    ambiguities.push(`${relPath}: nothing in the name says which run this is (no database, workload, phase or key-value found); give --scheme`);
  }
  for (const s of spans) if (s.factor === 'date' || s.factor === 'version') keptSpans.includes(s) || keptSpans.push(s);
  keptSpans.sort((a, b) => a.start - b.start);
  return { factors, ambiguities, spans: dedupeSpans(keptSpans) };
}

function dedupeSpans(spans: FactorSpan[]): FactorSpan[] {
  const out: FactorSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) continue;
    out.push(s);
  }
  return out;
}

/** A template for the segments from the first one holding an unexplained number to the file name,
 * with what was recognised as placeholders, the last unexplained number as {rep} and the others
 * as {_}. Returned only if it compiles and reads the file back with that rep. */
function suggestTemplate(
  relPath: string,
  segments: string[],
  spans: FactorSpan[],
  numbers: { seg: number; start: number; end: number; text: string }[],
  factors: Factors,
): string | undefined {
  const firstSeg = Math.min(...numbers.map((n) => n.seg));
  let segStart = 0;
  for (let i = 0; i < firstSeg; i++) segStart += segments[i].length + 1;
  const base = segments[segments.length - 1];
  const extMatch = EXTENSION.exec(base);
  const ext = extMatch && stripExtension(base) !== base ? extMatch[0] : '';
  const endAll = relPath.length - ext.length;
  const repNum = numbers[numbers.length - 1];
  const parts: { start: number; end: number; text: string }[] = [];
  for (const s of spans) {
    if (s.start < segStart || s.end > endAll) continue;
    let ph: string;
    if (s.factor === 'date' || s.factor === 'version') ph = '{_}';
    else if (s.factor === 'phase') continue;
    else if (factors[s.factor] === undefined) continue;
    else ph = `{${s.factor}}`;
    parts.push({ start: s.start, end: s.end, text: ph });
  }
  const repKnown = factors.rep !== undefined;
  for (const n of numbers) {
    if (n.start < segStart) continue;
    let text = '{_}';
    if (!repKnown && n === repNum) text = '{rep}';
    else if (repKnown) {
      // Name it after the word glued in front of it ('scenario1' -> scenario{scenario}).
      const word = /([a-z]{2,})$/.exec(relPath.slice(0, n.start))?.[1];
      if (word && factors[canonicalFactor(word)] === undefined && !PHASE_WORDS[word] && !NOT_KEYS.has(word)) text = `{${word}}`;
    }
    parts.push({ start: n.start, end: n.end, text });
  }
  parts.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = segStart;
  for (const p of parts) {
    if (p.start < pos) continue;
    out += relPath.slice(pos, p.start).replace(/[{}]/g, (c) => c + c) + p.text;
    pos = p.end;
  }
  out += relPath.slice(pos, endAll).replace(/[{}]/g, (c) => c + c);
  // '*' and '?' cannot be written in a template.
  if (/[*?\\]/.test(out)) return undefined;
  try {
    const t = compileTemplate(out);
    const m = t.match(relPath);
    if (!m) return undefined;
    if (repKnown ? m.factors.rep !== undefined && m.factors.rep !== factors.rep : m.factors.rep !== normalizeFactorValue('rep', repNum.text)) return undefined;
    if (repKnown && !/\{(?!_\})[a-z]+\}/.test(out.replace(/\{(db|workload|rep|rf|nodes|recordcount|operationcount|threads|phase)\}/g, ''))) return undefined;
    return out;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Assignment

export interface AssignOptions {
  /** User templates (see {@link compileTemplate}), tried first, in order. */
  templates?: string[];
}

export interface FactorAssignment {
  factors: Factors;
  /** 'template:<t>', a built-in name (see {@link BUILTIN_SCHEMES}), or 'inferred'. */
  scheme: string;
  ambiguities: string[];
  /** Where each factor was read (offsets into relPath). */
  spans: FactorSpan[];
  /** Offset in relPath where the part the scheme read starts (0 for inference). */
  matchedFrom: number;
}

const templateCache = new Map<string, CompiledTemplate>();

function compiledUserTemplate(t: string): CompiledTemplate {
  let c = templateCache.get(t);
  if (!c) {
    c = compileTemplate(t);
    if (templateCache.size > 1000) templateCache.clear();
    templateCache.set(t, c);
  }
  return c;
}

/**
 * The factors of one file from its path relative to the scanned root (POSIX separators):
 * user templates first (in order), then the built-in schemes, then inference.
 * Throws the template's Error if a user template is invalid.
 * @example assignFactors('hbase-exec-15-1000000-b-22-rf_1.txt').factors
 *   // { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'b', rep: '22', rf: '1', phase: 'run' }
 * @example assignFactors('Workload A/outputRunA2.txt').factors // { workload: 'a', phase: 'run' } (+ an ambiguity about the 2)
 */
export function assignFactors(relPath: string, opts: AssignOptions = {}): FactorAssignment {
  for (const t of opts.templates ?? []) {
    const m = compiledUserTemplate(t).match(relPath);
    if (m) return { factors: m.factors, scheme: `template:${t}`, ambiguities: [], spans: m.spans, matchedFrom: m.start };
  }
  const b = matchBuiltin(relPath);
  if (b) return { factors: b.match.factors, scheme: b.name, ambiguities: [], spans: b.match.spans, matchedFrom: b.match.start };
  const inf = inferFactors(relPath);
  return { factors: inf.factors, scheme: 'inferred', ambiguities: inf.ambiguities, spans: inf.spans, matchedFrom: 0 };
}

// ---------------------------------------------------------------------------------------------
// Explanation (for `analyze scheme <dir>`)

/**
 * The shape of the part of `relPath` a scheme read: db -> `<db>`, workload -> `<w>`, numbers ->
 * `<n>`, dates -> `<date>`, other text factors -> `<name>`, ignored `{_}` parts -> `<_>`; digits
 * outside any factor also -> `<n>`; versions stay as written.
 * @example shapeOf(assignFactors('hbase-exec-15-1000000-b-22-rf_1.txt'), 'hbase-exec-15-1000000-b-22-rf_1.txt')
 *   // '<db>-exec-<n>-<n>-<w>-<n>-rf_<n>.txt'
 */
export function shapeOf(a: FactorAssignment, relPath: string): string {
  let out = '';
  let pos = a.matchedFrom;
  const plain = (s: string): string => s.replace(/\d+/g, '<n>');
  for (const s of [...a.spans].sort((x, y) => x.start - y.start)) {
    if (s.start < pos) continue;
    out += plain(relPath.slice(pos, s.start));
    const text = relPath.slice(s.start, s.end);
    let label: string;
    if (s.factor === 'db') label = '<db>';
    else if (s.factor === 'workload') label = '<w>';
    else if (s.factor === 'date') label = '<date>';
    else if (s.factor === 'version') label = text;
    else if (s.factor === '_') label = /^\d+$/.test(text) ? '<n>' : '<_>';
    else if (/^\d+(?:\.\d+)?[kmgb]?$/i.test(text)) label = '<n>';
    else label = `<${s.factor}>`;
    out += label;
    pos = s.end;
  }
  out += plain(relPath.slice(pos));
  return out;
}

export interface SchemeGroup {
  scheme: string;
  shape: string;
  /** First file of the group in natural order. */
  example: string;
  count: number;
  /** Factor -> distinct levels found, in natural order. */
  factors: Record<string, string[]>;
  /** Distinct ambiguity messages of the group's files. */
  ambiguities: string[];
  /** How many files of the group have at least one ambiguity. */
  ambiguousFiles: number;
}

export interface SchemeExplanation {
  files: number;
  /** Largest groups first (ties: user templates, built-ins, inferred). */
  groups: SchemeGroup[];
  /** Files that end up with exactly the same factors (something in their names is not read). */
  collisions: { factors: Factors; files: string[] }[];
}

function naturalKeyCompare(a: string, b: string): number {
  const ca = a.split(/(\d+)/);
  const cb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] === cb[i]) continue;
    if (i % 2 === 1) {
      const x = ca[i].replace(/^0+(?=\d)/, '');
      const y = cb[i].replace(/^0+(?=\d)/, '');
      if (x.length !== y.length) return x.length - y.length;
      if (x !== y) return x < y ? -1 : 1;
    } else return ca[i] < cb[i] ? -1 : 1;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const FACTOR_ORDER = ['db', 'phase', 'nodes', 'recordcount', 'operationcount', 'threads', 'workload', 'rf', 'rep'];

function factorOrder(a: string, b: string): number {
  const ia = FACTOR_ORDER.indexOf(a);
  const ib = FACTOR_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Group files by the scheme that matched and the shape of their names, for `analyze scheme`.
 * Throws if a user template is invalid (the template's own Error).
 */
export function explainSchemes(relPaths: string[], opts: AssignOptions = {}): SchemeExplanation {
  const groups = new Map<string, SchemeGroup & { levelSets: Map<string, Set<string>>; ambSet: Set<string> }>();
  const byFactors = new Map<string, { factors: Factors; files: string[] }>();
  const sorted = [...relPaths].sort(naturalKeyCompare);
  for (const p of sorted) {
    const a = assignFactors(p, opts);
    const shape = shapeOf(a, p);
    const key = `${a.scheme}\0${shape}`;
    let g = groups.get(key);
    if (!g) {
      g = { scheme: a.scheme, shape, example: p, count: 0, factors: {}, ambiguities: [], ambiguousFiles: 0, levelSets: new Map(), ambSet: new Set() };
      groups.set(key, g);
    }
    g.count++;
    for (const [k, v] of Object.entries(a.factors)) {
      const s = g.levelSets.get(k) ?? new Set<string>();
      s.add(v);
      g.levelSets.set(k, s);
    }
    if (a.ambiguities.length > 0) g.ambiguousFiles++;
    for (const m of a.ambiguities) g.ambSet.add(m);
    if (Object.keys(a.factors).length > 0) {
      const fk = JSON.stringify(Object.entries(a.factors).sort(([x], [y]) => (x < y ? -1 : 1)));
      const c = byFactors.get(fk) ?? { factors: a.factors, files: [] };
      c.files.push(p);
      byFactors.set(fk, c);
    }
  }
  const out: SchemeGroup[] = [...groups.values()].map((g) => {
    const factors: Record<string, string[]> = {};
    for (const k of [...g.levelSets.keys()].sort(factorOrder)) factors[k] = [...(g.levelSets.get(k) ?? [])].sort(naturalKeyCompare);
    return { scheme: g.scheme, shape: g.shape, example: g.example, count: g.count, factors, ambiguities: [...g.ambSet], ambiguousFiles: g.ambiguousFiles };
  });
  // Largest first; on equal counts user templates, then built-ins, then inferred; then by name.
  const rank = (s: string): number => (s.startsWith('template:') ? 0 : s === 'inferred' ? 2 : 1);
  out.sort(
    (a, b) =>
      b.count - a.count ||
      rank(a.scheme) - rank(b.scheme) ||
      (a.scheme < b.scheme ? -1 : a.scheme > b.scheme ? 1 : 0) ||
      (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0),
  );
  const collisions = [...byFactors.values()].filter((c) => c.files.length > 1);
  return { files: relPaths.length, groups: out, collisions };
}

function summariseLevels(levels: string[]): string {
  const allInts = levels.every((l) => /^\d+$/.test(l));
  if (allInts && levels.length > 3) {
    const nums = levels.map(Number);
    const contiguous = nums.every((n, i) => i === 0 || n === nums[i - 1] + 1);
    if (contiguous) return `${levels[0]}..${levels[levels.length - 1]} (${levels.length} levels)`;
  }
  const shown = levels.length > 8 ? [...levels.slice(0, 8), `… (${levels.length} levels)`] : levels;
  return shown.join(', ');
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function padLeft(s: string, n: number): string {
  return ' '.repeat(Math.max(0, n - [...s].length)) + s;
}

/** A printable text of {@link explainSchemes}'s result: a table (scheme, files, shape, example) with
 * aligned columns, then per group the factors and levels it gave and its ambiguities (at most
 * `maxAmbiguities` messages each, default 3), then the files that share the same factors. */
export function formatExplanation(e: SchemeExplanation, options: { maxAmbiguities?: number } = {}): string {
  const maxAmb = options.maxAmbiguities ?? 3;
  const lines: string[] = [];
  lines.push(`${e.files} file${e.files === 1 ? '' : 's'}, ${e.groups.length} pattern${e.groups.length === 1 ? '' : 's'}`);
  if (e.groups.length === 0) return `${lines.join('\n')}\n`;
  lines.push('');
  const head = ['#', 'scheme', 'files', 'shape', 'example'];
  const rows = e.groups.map((g, i) => [String(i + 1), g.scheme, String(g.count), g.shape, g.example]);
  const widths = head.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...r[c]].length)));
  const fmt = (r: string[]): string =>
    r
      .map((cell, c) => (c === 0 || c === 2 ? padLeft(cell, widths[c]) : c === r.length - 1 ? cell : pad(cell, widths[c])))
      .join('  ')
      .trimEnd();
  lines.push(fmt(head));
  lines.push(fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) lines.push(fmt(r));
  e.groups.forEach((g, i) => {
    lines.push('');
    lines.push(`[${i + 1}] ${g.scheme}  ${g.shape}  (${g.count} file${g.count === 1 ? '' : 's'}, e.g. ${g.example})`);
    const names = Object.keys(g.factors);
    if (names.length === 0) lines.push('    no factors');
    const w = Math.max(0, ...names.map((n) => n.length));
    for (const n of names) lines.push(`    ${pad(n, w)}  ${summariseLevels(g.factors[n])}`);
    if (g.ambiguousFiles > 0) {
      lines.push(`    ambiguous: ${g.ambiguousFiles} of ${g.count} file${g.count === 1 ? '' : 's'}`);
      for (const m of g.ambiguities.slice(0, maxAmb)) lines.push(`      - ${m}`);
      if (g.ambiguities.length > maxAmb) lines.push(`      … ${g.ambiguities.length - maxAmb} more`);
    }
  });
  if (e.collisions.length > 0) {
    lines.push('');
    const n = e.collisions.reduce((s, c) => s + c.files.length, 0);
    lines.push(`${n} files in ${e.collisions.length} set${e.collisions.length === 1 ? '' : 's'} get exactly the same factors (their names hold something no scheme reads):`);
    for (const c of e.collisions.slice(0, maxAmb)) {
      const fs = Object.entries(c.factors)
        .sort(([a], [b]) => factorOrder(a, b))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const shown = c.files.slice(0, 4).join(', ') + (c.files.length > 4 ? `, … (${c.files.length})` : '');
      lines.push(`  - ${fs}: ${shown}`);
    }
    if (e.collisions.length > maxAmb) lines.push(`  … ${e.collisions.length - maxAmb} more sets`);
  }
  return `${lines.join('\n')}\n`;
}
