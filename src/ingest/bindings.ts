/**
 * Binding identity: which client software a run used, finer than the database it names.
 *
 * The `db` factor (BINDING_DB here, read by dbFromBinding in formats/header.ts) says which database was
 * measured; two bindings of one database can still be different software whose numbers must not be
 * pooled: the synchronous and the asynchronous MongoDB drivers, Elasticsearch's transport and REST
 * clients, HBase 1 and HBase 2 clients, JDBC against SQL Server and against MySQL. The identity is
 * the `bin/ycsb` binding name where one exists (`mongodb`, `mongodb-async`, `cassandra2-cql`,
 * `hbase2`, `elasticsearch5-rest`, …) and, for the generic JDBC binding, `jdbc:<engine>`
 * (`jdbc:postgresql`, `jdbc:sqlserver`) when the engine can be told.
 *
 * Pure: no I/O, no imports. One table, {@link BINDINGS}, says which binding is which database and
 * which classes are which binding; the lookups by class and by name are derived from it.
 */

/** One YCSB binding: the database it measures (`null`: a generic binding such as JDBC or REST,
 * whose database the name or the JDBC URL must say) and the Java classes (simple names) that are
 * it. Where one class serves several bindings (CassandraCQLClient: cassandra-cql and
 * cassandra2-cql; HBaseClient10: hbase10…hbase20) it is listed under the default one, and the
 * classpath's binding jar refines it ({@link bindingIdentity}). */
export interface BindingEntry {
  db: string | null;
  classes?: readonly string[];
}

/**
 * THE binding table: `bin/ycsb` binding name (bindings.properties) or JDBC identity
 * (`jdbc:<engine>`) -> database and classes. Everything else is derived from it:
 * {@link CLASS_BINDING} (class -> binding identity, the signature's binding) and
 * {@link BINDING_DB} (class or binding name -> the `db` factor, src/ingest/formats/header.ts).
 */
export const BINDINGS: Readonly<Record<string, BindingEntry>> = {
  'cassandra-cql': { db: 'cassandra', classes: ['CassandraCQLClient'] },
  'cassandra-7': { db: 'cassandra', classes: ['CassandraClient7'] },
  'cassandra-8': { db: 'cassandra', classes: ['CassandraClient8'] },
  'cassandra-10': { db: 'cassandra', classes: ['CassandraClient10'] },
  scylla: { db: 'scylla', classes: ['ScyllaCQLClient'] },
  hbase: { db: 'hbase', classes: ['HBaseClient'] },
  hbase10: { db: 'hbase', classes: ['HBaseClient10'] },
  hbase1: { db: 'hbase', classes: ['HBaseClient1'] },
  hbase2: { db: 'hbase', classes: ['HBaseClient2'] },
  asynchbase: { db: 'hbase', classes: ['AsyncHBaseClient'] },
  mongodb: { db: 'mongodb', classes: ['MongoDbClient'] },
  'mongodb-async': { db: 'mongodb', classes: ['AsyncMongoDbClient'] },
  jdbc: { db: null, classes: ['JdbcDBClient'] },
  redis: { db: 'redis', classes: ['RedisClient'] },
  rocksdb: { db: 'rocksdb', classes: ['RocksDBClient'] },
  memcached: { db: 'memcached', classes: ['MemcachedClient'] },
  couchbase: { db: 'couchbase', classes: ['CouchbaseClient'] },
  couchbase2: { db: 'couchbase', classes: ['Couchbase2Client'] },
  dynamodb: { db: 'dynamodb', classes: ['DynamoDBClient'] },
  elasticsearch: { db: 'elasticsearch', classes: ['ElasticsearchClient', 'ElasticSearchClient'] },
  'elasticsearch5-rest': { db: 'elasticsearch', classes: ['ElasticsearchRestClient'] },
  aerospike: { db: 'aerospike', classes: ['AerospikeClient'] },
  accumulo: { db: 'accumulo', classes: ['AccumuloClient'] },
  arangodb: { db: 'arangodb', classes: ['ArangoDBClient'] },
  azurecosmos: { db: 'azurecosmos', classes: ['AzureCosmosClient'] },
  azuretablestorage: { db: 'azuretablestorage', classes: ['AzureClient'] },
  cloudspanner: { db: 'cloudspanner', classes: ['CloudSpannerClient'] },
  googlebigtable: { db: 'googlebigtable', classes: ['GoogleBigtableClient'] },
  googlebigtable2: { db: 'googlebigtable', classes: ['GoogleBigtable2Client'] },
  googledatastore: { db: 'googledatastore', classes: ['GoogleDatastoreClient'] },
  ignite: { db: 'ignite', classes: ['IgniteClient'] },
  'ignite-sql': { db: 'ignite', classes: ['IgniteSqlClient'] },
  infinispan: { db: 'infinispan', classes: ['InfinispanClient'] },
  'infinispan-cs': { db: 'infinispan', classes: ['InfinispanRemoteClient'] },
  kudu: { db: 'kudu', classes: ['KuduYCSBClient'] },
  orientdb: { db: 'orientdb', classes: ['OrientDBClient'] },
  riak: { db: 'riak', classes: ['RiakKVClient'] },
  voltdb: { db: 'voltdb', classes: ['VoltClient4'] },
  foundationdb: { db: 'foundationdb', classes: ['FoundationDBClient'] },
  geode: { db: 'geode', classes: ['GeodeClient'] },
  gemfire: { db: 'gemfire', classes: ['GemFireClient'] },
  tarantool: { db: 'tarantool', classes: ['TarantoolClient'] },
  solr: { db: 'solr', classes: ['SolrClient'] },
  solr7: { db: 'solr', classes: ['Solr7Client'] },
  zookeeper: { db: 'zookeeper', classes: ['ZKClient'] },
  postgrenosql: { db: 'postgrenosql', classes: ['PostgreNoSQLDBClient'] },
  s3: { db: 's3', classes: ['S3Client'] },
  griddb: { db: 'griddb', classes: ['GridDBClient'] },
  maprjsondb: { db: 'maprdb', classes: ['MapRJSONDBClient'] },
  maprdb: { db: 'maprdb', classes: ['MapRDBClient'] },
  nosqldb: { db: 'nosqldb', classes: ['NoSqlDbClient'] },
  rados: { db: 'rados', classes: ['RadosClient'] },
  rest: { db: null, classes: ['RestClient'] },
  crail: { db: 'crail', classes: ['CrailClient'] },
  tablestore: { db: 'tablestore', classes: ['TableStoreClient'] },
  seaweedfs: { db: 'seaweedfs', classes: ['SeaweedClient'] },
  hypertable: { db: 'hypertable', classes: ['HypertableClient'] },
  mapkeeper: { db: 'mapkeeper', classes: ['MapKeeperClient'] },
  voldemort: { db: 'voldemort', classes: ['VoldemortClient'] },
  basic: { db: 'basic', classes: ['BasicDB'] },
  basicts: { db: 'basic', classes: ['BasicTSDB'] },
  cassandra: { db: 'cassandra' },
  'cassandra2-cql': { db: 'cassandra' },
  hbase098: { db: 'hbase' },
  hbase12: { db: 'hbase' },
  hbase14: { db: 'hbase' },
  hbase20: { db: 'hbase' },
  elasticsearch5: { db: 'elasticsearch' },
  'accumulo1.9': { db: 'accumulo' },
  hbase094: { db: 'hbase' },
  elasticsearch7: { db: 'elasticsearch' },
  solr6: { db: 'solr' },
  // the JDBC binding by its engine (identities jdbc:<engine>): the database when the name does not
  // say it (the name wins: Citus is run as jdbc:postgresql)
  'jdbc:postgresql': { db: 'postgres' },
  'jdbc:mysql': { db: 'mysql' },
  'jdbc:mariadb': { db: 'mariadb' },
  'jdbc:sqlserver': { db: 'sqlserver' },
  'jdbc:oracle': { db: 'oracle' },
  'jdbc:db2': { db: 'db2' },
  'jdbc:h2': { db: 'h2' },
  'jdbc:sqlite': { db: 'sqlite' },
  'jdbc:derby': { db: 'derby' },
  'jdbc:hsqldb': { db: 'hsqldb' },
};

/** Binding class (simple name) -> binding identity, from {@link BINDINGS}. */
export const CLASS_BINDING: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(BINDINGS).flatMap(([name, b]) => (b.classes ?? []).map((c) => [c, name]))),
);

/**
 * Binding (a class's simple name, or a `bin/ycsb` binding name / JDBC identity) -> the database used
 * as the `db` factor, from {@link BINDINGS}; `null`: generic binding, the database cannot be told.
 */
export const BINDING_DB: Readonly<Record<string, string | null>> = Object.freeze(
  Object.fromEntries(Object.entries(BINDINGS).flatMap(([name, b]) => [[name, b.db] as const, ...(b.classes ?? []).map((c) => [c, b.db] as const)])),
);

/** `<package segment>.<class>` -> identity, where the package names the binding (one class name,
 * two bindings: `site.ycsb.db.elasticsearch5.ElasticsearchClient` is elasticsearch5, not elasticsearch). */
const PACKAGE_CLASS_BINDING: Readonly<Record<string, string>> = {
  'elasticsearch5.ElasticsearchClient': 'elasticsearch5',
  'elasticsearch5.ElasticsearchRestClient': 'elasticsearch5-rest',
  'solr7.SolrClient': 'solr7',
  'solr6.SolrClient': 'solr6',
};

/** Identities shared by several bindings, and the binding jar (module) names that refine them. */
const MODULE_REFINES: Readonly<Record<string, (module: string) => string | undefined>> = {
  'cassandra-cql': (m) => (m === 'cassandra2' ? 'cassandra2-cql' : undefined),
  hbase: (m) => (m === 'hbase094' || m === 'hbase098' ? m : undefined),
  hbase10: (m) => (/^hbase1[0-4]$|^hbase20$/.test(m) ? m : undefined),
};

/** Engine words (in a JDBC URL's subprotocol, a driver class, a jar or a config folder) -> engine. */
const ENGINE_WORDS: Readonly<Record<string, string>> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  pgsql: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mariadb',
  sqlserver: 'sqlserver',
  mssql: 'sqlserver',
  jtds: 'sqlserver',
  oracle: 'oracle',
  db2: 'db2',
  h2: 'h2',
  sqlite: 'sqlite',
  derby: 'derby',
  hsqldb: 'hsqldb',
};

/** JDBC driver jars (base name, lower case) -> engine. */
const DRIVER_JARS: readonly (readonly [RegExp, string])[] = [
  [/^postgresql-\d/, 'postgresql'],
  [/^mysql-connector-/, 'mysql'],
  [/^mariadb-java-client-/, 'mariadb'],
  [/^mssql-jdbc-/, 'sqlserver'],
  [/^sqljdbc/, 'sqlserver'],
  [/^jtds-/, 'sqlserver'],
  [/^ojdbc/, 'oracle'],
  [/^db2jcc/, 'db2'],
  [/^h2-\d/, 'h2'],
  [/^sqlite-jdbc-/, 'sqlite'],
  [/^derby(client)?-\d/, 'derby'],
  [/^hsqldb-/, 'hsqldb'],
];

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The database engine of a JDBC URL, from its subprotocol: `jdbc:postgresql://h/db` -> `postgresql`,
 * `jdbc:oracle:thin:@h:1521:X` -> `oracle`, `jdbc:jtds:sqlserver://…` and `jdbc:microsoft:sqlserver:…`
 * -> `sqlserver`, `jdbc:mysql:loadbalance://…` -> `mysql`. An unknown subprotocol is returned as
 * written (lower case); anything that is not a JDBC URL gives undefined. YCSB's JDBC binding
 * accepts several URLs separated by `;` (sharding): the first one is read.
 */
export function jdbcEngine(url: string): string | undefined {
  const m = /^\s*jdbc:([a-z0-9]+)(?::([a-z0-9]+))?/i.exec(url);
  if (!m) return undefined;
  const first = m[1].toLowerCase();
  if (hasOwn(ENGINE_WORDS, first)) return ENGINE_WORDS[first];
  const second = m[2]?.toLowerCase();
  if (second !== undefined && hasOwn(ENGINE_WORDS, second)) return ENGINE_WORDS[second];
  return first;
}

/** The single engine named by the words of a text (`org.postgresql.Driver`, `mssql/db.properties`),
 * or undefined when none or several different ones are named. */
function engineFromWords(text: string): string | undefined {
  const found = new Set<string>();
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) if (hasOwn(ENGINE_WORDS, w)) found.add(ENGINE_WORDS[w]);
  return found.size === 1 ? [...found][0] : undefined;
}

/** The entries of a Java classpath (`:`-separated, or `;` on Windows). */
function classpathEntries(classpath: string): string[] {
  const sep = classpath.includes(';') ? ';' : ':';
  return classpath.split(sep).map((e) => e.trim()).filter((e) => e.length > 0);
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/**
 * The YCSB binding modules a classpath loads: `…/mongodb-binding-0.17.0.jar` and the distribution
 * folder `…/mongodb-binding/lib/…` both give `mongodb`; `…/jdbc-mssql-binding-0.17.0-SNAPSHOT.jar`
 * gives `jdbc-mssql`. Sorted, without duplicates.
 */
export function bindingModules(classpath: string): string[] {
  const seen = modulesOf.get(classpath);
  if (seen !== undefined) return [...seen];
  const out = new Set<string>();
  for (const entry of classpathEntries(classpath)) {
    const jar = /^(.+?)-binding(?:-\d[^/\\]*)?\.jar$/i.exec(baseName(entry));
    if (jar) {
      out.add(jar[1].toLowerCase());
      continue;
    }
    for (const seg of entry.split(/[/\\]/)) {
      const dir = /^(.+)-binding$/i.exec(seg);
      if (dir) out.add(dir[1].toLowerCase());
    }
  }
  const sorted = [...out].sort();
  // (one classpath serves every run of a campaign's binding)
  if (modulesOf.size < 1_000) modulesOf.set(classpath, sorted);
  return [...sorted];
}

/** Classpath -> its binding modules ({@link bindingModules}). */
const modulesOf = new Map<string, readonly string[]>();

/** The single JDBC engine whose driver jar a classpath loads (`mssql-jdbc-7.2.2.jre8.jar` ->
 * sqlserver), or undefined when none or several. */
export function driverJarEngine(classpath: string): string | undefined {
  if (enginesOf.has(classpath)) return enginesOf.get(classpath);
  const found = new Set<string>();
  for (const entry of classpathEntries(classpath)) {
    const b = baseName(entry).toLowerCase();
    if (!b.endsWith('.jar')) continue;
    for (const [re, engine] of DRIVER_JARS) if (re.test(b)) found.add(engine);
  }
  const engine = found.size === 1 ? [...found][0] : undefined;
  if (enginesOf.size < 1_000) enginesOf.set(classpath, engine);
  return engine;
}

/** Classpath -> its driver jar's engine ({@link driverJarEngine}). */
const enginesOf = new Map<string, string | undefined>();

/** What besides the binding itself can tell bindings apart. */
export interface BindingContext {
  /** The run's -p properties (db.url and db.driver are read for JDBC). */
  properties?: Readonly<Record<string, string>>;
  /** The -P files other than the workload file, as given (`/x/YCSB/mssql/db.properties`). */
  configFiles?: readonly string[];
  /** The java classpath (`-cp`/`-classpath` of the java command line bin/ycsb echoes). */
  classpath?: string;
}

/**
 * The binding identity of a run: the software that drove it, as the `bin/ycsb` binding name.
 *
 * 1. A binding name (`cassandra2-cql`, `mongodb-async`, `accumulo1.9`: its last dot-separated part
 *    does not start with a capital) is its own identity, in lower case.
 * 2. A class is looked up by package segment and simple name, then by simple name
 *    ({@link CLASS_BINDING}): `com.yahoo.ycsb.db.AsyncMongoDbClient` -> `mongodb-async`,
 *    `site.ycsb.db.elasticsearch5.ElasticsearchRestClient` -> `elasticsearch5-rest`; the package
 *    prefix (com.yahoo.ycsb / site.ycsb) does not count. An unknown class keeps its simple name.
 * 3. A class shared by several bindings is refined by the one binding jar on the classpath
 *    (`cassandra2-binding-0.10.0.jar` -> `cassandra2-cql`, `hbase12-binding` -> `hbase12`).
 * 4. The JDBC binding becomes `jdbc:<engine>`, the engine read from, in this order: the db.url
 *    property ({@link jdbcEngine}), the db.driver class, the classpath's driver jar
 *    (`mssql-jdbc-….jar`), the binding jar (`jdbc-mssql-binding-….jar`), the last two segments of
 *    a -P config file (`mssql/db.properties`). It stays `jdbc` when none says.
 *
 * undefined when no binding is given.
 *
 * @example bindingIdentity('com.yahoo.ycsb.db.MongoDbClient') // 'mongodb'
 * @example bindingIdentity('site.ycsb.db.JdbcDBClient', { properties: { 'db.url': 'jdbc:postgresql://h/db' } }) // 'jdbc:postgresql'
 */
export function bindingIdentity(binding: string | undefined, context: BindingContext = {}): string | undefined {
  if (binding === undefined) return undefined;
  const b = binding.trim();
  if (b === '') return undefined;
  const parts = b.split('.');
  const simple = parts[parts.length - 1];
  let identity: string;
  if (!/^[A-Z]/.test(simple)) identity = b.toLowerCase();
  else {
    const qualified = parts.length >= 2 ? `${parts[parts.length - 2]}.${simple}` : simple;
    if (hasOwn(PACKAGE_CLASS_BINDING, qualified)) identity = PACKAGE_CLASS_BINDING[qualified];
    else if (hasOwn(CLASS_BINDING, simple)) identity = CLASS_BINDING[simple];
    else identity = simple;
  }
  const refine = hasOwn(MODULE_REFINES, identity) ? MODULE_REFINES[identity] : undefined;
  // (the classpath's modules only where they can refine: reading them is most of the work)
  if (refine === undefined && identity !== 'jdbc') return identity;
  const modules = context.classpath !== undefined ? bindingModules(context.classpath).filter((m) => m !== 'core') : [];
  if (refine && modules.length === 1) identity = refine(modules[0]) ?? identity;
  if (identity === 'jdbc') {
    const engine = jdbcContextEngine(context, modules);
    if (engine !== undefined) identity = `jdbc:${engine}`;
  }
  return identity;
}

/** The JDBC engine the context names (step 4 of {@link bindingIdentity}). */
function jdbcContextEngine(context: BindingContext, modules: readonly string[]): string | undefined {
  const props = context.properties ?? {};
  const url = props['db.url'];
  if (url !== undefined) {
    const e = jdbcEngine(url);
    if (e !== undefined) return e;
  }
  const driver = props['db.driver'];
  if (driver !== undefined) {
    const e = engineFromWords(driver);
    if (e !== undefined) return e;
  }
  if (context.classpath !== undefined) {
    const e = driverJarEngine(context.classpath);
    if (e !== undefined) return e;
  }
  if (modules.length === 1) {
    const e = engineFromWords(modules[0]);
    if (e !== undefined) return e;
  }
  const engines = new Set<string>();
  for (const f of context.configFiles ?? []) {
    const e = engineFromWords(lastSegments(f, 2));
    if (e !== undefined) engines.add(e);
  }
  return engines.size === 1 ? [...engines][0] : undefined;
}

/** The last `n` segments of a path, `/` separated: `/mnt/x/YCSB/mssql/db.properties` -> `mssql/db.properties`. */
export function lastSegments(path: string, n: number): string {
  const segs = path.split(/[/\\]+/).filter((s) => s.length > 0);
  return segs.slice(-n).join('/');
}

