import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunHeader } from '../../src/model/run.js';
import { BINDING_DB, dbFromBinding, applyClientArgs, splitClientArgs } from '../../src/ingest/formats/header.js';
import { parseYcsb } from '../../src/ingest/parse.js';
import {
  CLASS_BINDING,
  bindingIdentity,
  bindingModules,
  driverJarEngine,
  jdbcEngine,
  lastSegments,
} from '../../src/ingest/bindings.js';
import {
  CLIENT_DEFAULTS,
  CLIENT_SPLIT_PROPERTIES,
  SIGNATURE_IGNORED,
  canonicalValue,
  configurationSignature,
  formatSignatureDifference,
  formatSignatureDifferences,
  isIgnoredProperty,
  javaClasspath,
  signatureDifferences,
  signatureKey,
  withoutKeys,
  type ConfigurationSignature,
} from '../../src/ingest/signature.js';

/** The header YCSB's `Command line:` gives, through the parser's own argument handling. */
function header(commandLine: string): RunHeader {
  const h: RunHeader = { commandLine, factors: {}, properties: {} };
  applyClientArgs(splitClientArgs(commandLine).args, h, 1, []);
  return h;
}
const sig = (commandLine: string, classpath?: string): ConfigurationSignature => {
  const s = configurationSignature(header(commandLine), { classpath });
  if (!s) throw new Error(`no signature for ${commandLine}`);
  return s;
};
const BASE = '-db site.ycsb.db.CassandraCQLClient -s -P /opt/ycsb/workloads/workloada -p recordcount=1000000 -p operationcount=10000';

describe('bindingIdentity', () => {
  it('tells apart bindings of one database that are different software', () => {
    expect(bindingIdentity('com.yahoo.ycsb.db.MongoDbClient')).toBe('mongodb');
    expect(bindingIdentity('com.yahoo.ycsb.db.AsyncMongoDbClient')).toBe('mongodb-async');
    expect(bindingIdentity('site.ycsb.db.hbase1.HBaseClient1')).toBe('hbase1');
    expect(bindingIdentity('site.ycsb.db.hbase2.HBaseClient2')).toBe('hbase2');
    expect(bindingIdentity('site.ycsb.db.ElasticsearchClient')).toBe('elasticsearch');
    expect(bindingIdentity('site.ycsb.db.elasticsearch5.ElasticsearchClient')).toBe('elasticsearch5');
    expect(bindingIdentity('com.yahoo.ycsb.db.elasticsearch5.ElasticsearchRestClient')).toBe('elasticsearch5-rest');
    expect(bindingIdentity('site.ycsb.db.CassandraCQLClient')).toBe('cassandra-cql');
    expect(bindingIdentity('cassandra2-cql')).toBe('cassandra2-cql');
    expect(bindingIdentity('site.ycsb.db.solr7.SolrClient')).toBe('solr7');
  });

  it('ignores the package prefix (com.yahoo.ycsb and site.ycsb are one lineage) and keeps unknown classes by name', () => {
    expect(bindingIdentity('com.yahoo.ycsb.db.RedisClient')).toBe(bindingIdentity('site.ycsb.db.RedisClient'));
    expect(bindingIdentity('com.yahoo.ycsb.db.HeteroDbClient')).toBe('HeteroDbClient');
    expect(bindingIdentity(undefined)).toBeUndefined();
    expect(bindingIdentity('  ')).toBeUndefined();
  });

  it('refines a class shared by several bindings by the binding jar on the classpath', () => {
    const cp2 = '/opt/ycsb-0.10.0/conf:/opt/ycsb-0.10.0/cassandra2-binding/lib/cassandra2-binding-0.10.0.jar:/opt/ycsb-0.10.0/lib/core-0.10.0.jar';
    expect(bindingIdentity('com.yahoo.ycsb.db.CassandraCQLClient', { classpath: cp2 })).toBe('cassandra2-cql');
    const cp1 = '/opt/ycsb/cassandra-binding/lib/cassandra-binding-0.17.0.jar';
    expect(bindingIdentity('site.ycsb.db.CassandraCQLClient', { classpath: cp1 })).toBe('cassandra-cql');
    expect(bindingIdentity('com.yahoo.ycsb.db.HBaseClient10', { classpath: '/x/hbase12/target/hbase12-binding-0.15.0.jar' })).toBe('hbase12');
    // a jar that names another binding family does not rename the class
    expect(bindingIdentity('com.yahoo.ycsb.db.MongoDbClient', { classpath: '/x/redis-binding-0.1.jar' })).toBe('mongodb');
  });

  it('refines JDBC by engine: URL, then driver class, driver jar, binding jar, config file', () => {
    const jdbc = 'site.ycsb.db.JdbcDBClient';
    expect(bindingIdentity(jdbc)).toBe('jdbc');
    expect(bindingIdentity(jdbc, { properties: { 'db.url': 'jdbc:postgresql://10.0.0.1:5432/ycsb' } })).toBe('jdbc:postgresql');
    expect(bindingIdentity(jdbc, { properties: { 'db.url': 'jdbc:mysql://h/ycsb' } })).toBe('jdbc:mysql');
    expect(bindingIdentity(jdbc, { properties: { 'db.url': 'jdbc:mariadb://h/ycsb' } })).toBe('jdbc:mariadb');
    expect(bindingIdentity(jdbc, { properties: { 'db.url': 'jdbc:sqlserver://h:1433;databaseName=ycsb' } })).toBe('jdbc:sqlserver');
    expect(bindingIdentity(jdbc, { properties: { 'db.driver': 'org.mariadb.jdbc.Driver' } })).toBe('jdbc:mariadb');
    // the URL is what connects: it wins over a folder name that says otherwise
    expect(
      bindingIdentity(jdbc, { properties: { 'db.url': 'jdbc:mysql://h/db' }, configFiles: ['/x/mssql/db.properties'] }),
    ).toBe('jdbc:mysql');
    expect(bindingIdentity(jdbc, { classpath: '/x/jdbc/target/dependency/mysql-connector-java-5.1.39.jar:/x/jdbc-binding-0.17.0.jar' })).toBe(
      'jdbc:mysql',
    );
    expect(bindingIdentity(jdbc, { classpath: '/x/mssql/target/jdbc-mssql-binding-0.17.0-SNAPSHOT.jar' })).toBe('jdbc:sqlserver');
    expect(bindingIdentity(jdbc, { configFiles: ['/mnt/hdd2/nosql-prj/YCSB/YCSB/mssql/db.properties'] })).toBe('jdbc:sqlserver');
    // only the last two segments of a config path count: a machine prefix naming an engine does not
    expect(bindingIdentity(jdbc, { configFiles: ['/home/postgres/ycsb/jdbc/db.properties'] })).toBe('jdbc');
    // two driver jars of different engines: undecided
    expect(bindingIdentity(jdbc, { classpath: '/l/postgresql-42.2.14.jar:/l/mysql-connector-java-8.0.jar' })).toBe('jdbc');
  });

  it('covers every class of BINDING_DB, and never gives classes of different databases one identity', () => {
    const classes = Object.keys(BINDING_DB).filter((k) => /^[A-Z]/.test(k));
    expect(classes.length).toBeGreaterThan(30);
    const dbOfIdentity = new Map<string, string | null>();
    for (const c of classes) {
      expect(Object.prototype.hasOwnProperty.call(CLASS_BINDING, c), c).toBe(true);
      const id = bindingIdentity(c)!;
      const db = BINDING_DB[c];
      if (dbOfIdentity.has(id)) expect(dbOfIdentity.get(id), `${c} -> ${id}`).toBe(db);
      dbOfIdentity.set(id, db);
    }
    // and the bin/ycsb binding names of BINDING_DB are their own identities
    for (const name of Object.keys(BINDING_DB).filter((k) => /^[a-z]/.test(k))) expect(bindingIdentity(name)).toBe(name);
    // an identity that is a binding name maps to the class's database
    for (const c of classes) {
      const id = bindingIdentity(c)!;
      const viaName = dbFromBinding(id);
      if (viaName !== undefined) expect(viaName, `${c} -> ${id}`).toBe(BINDING_DB[c]);
    }
  });
});

describe('the binding table (issue 19: binding names map to databases in one table)', () => {
  it('gives each binding name, its classes and its JDBC identities one database', () => {
    const cases: [string, string | null][] = [
      ['jdbc', null],
      ['site.ycsb.db.JdbcDBClient', null],
      ['jdbc:postgresql', 'postgres'],
      ['jdbc:sqlserver', 'sqlserver'],
      ['cassandra-cql', 'cassandra'],
      ['cassandra2-cql', 'cassandra'],
      ['com.yahoo.ycsb.db.CassandraCQLClient', 'cassandra'],
      ['mongodb', 'mongodb'],
      ['mongodb-async', 'mongodb'],
      ['com.yahoo.ycsb.db.AsyncMongoDbClient', 'mongodb'],
      ['redis', 'redis'],
      ['hbase1', 'hbase'],
      ['hbase2', 'hbase'],
      ['site.ycsb.db.hbase2.HBaseClient2', 'hbase'],
      ['rest', null],
      ['site.ycsb.db.GemFireClient', 'gemfire'],
    ];
    for (const [binding, db] of cases) expect(dbFromBinding(binding), binding).toBe(db);
    // the identity a class gets is a binding of the same database
    for (const [binding, db] of cases) {
      const id = bindingIdentity(binding, binding.includes('Jdbc') ? { properties: { 'db.url': 'jdbc:sqlserver://h;databaseName=x' } } : {})!;
      if (db !== null) expect(dbFromBinding(id), `${binding} -> ${id}`).toBe(db);
    }
    expect(bindingIdentity('site.ycsb.db.JdbcDBClient', { properties: { 'db.url': 'jdbc:sqlserver://h;databaseName=x' } })).toBe('jdbc:sqlserver');
    expect(dbFromBinding('jdbc:sqlserver')).toBe('sqlserver');
  });
});

describe('jdbcEngine and classpath readers', () => {
  it('reads the engine from the subprotocol', () => {
    expect(jdbcEngine('jdbc:postgresql://h:5432/db')).toBe('postgresql');
    expect(jdbcEngine('jdbc:oracle:thin:@h:1521:ORCL')).toBe('oracle');
    expect(jdbcEngine('jdbc:jtds:sqlserver://h/db')).toBe('sqlserver');
    expect(jdbcEngine('jdbc:microsoft:sqlserver://h:1433')).toBe('sqlserver');
    expect(jdbcEngine('jdbc:mysql:loadbalance://a,b/db')).toBe('mysql');
    expect(jdbcEngine('jdbc:db2://h:50000/db')).toBe('db2');
    expect(jdbcEngine('jdbc:h2:mem:ycsb')).toBe('h2');
    expect(jdbcEngine('jdbc:cockroach://h/db')).toBe('cockroach');
    expect(jdbcEngine('jdbc:postgresql://a/db;jdbc:postgresql://b/db')).toBe('postgresql');
    expect(jdbcEngine('mongodb://h/db')).toBeUndefined();
  });

  it('finds binding modules and driver jars', () => {
    expect(bindingModules('/opt/ycsb-0.12.0/mongodb-binding/conf:/opt/ycsb-0.12.0/mongodb-binding/lib/mongodb-binding-0.12.0.jar')).toEqual(['mongodb']);
    expect(bindingModules('/x/mssql/target/jdbc-mssql-binding-0.17.0-SNAPSHOT.jar:/x/core/target/core-0.17.0.jar')).toEqual(['jdbc-mssql']);
    expect(bindingModules('/opt/ycsb/lib/core-0.18.0.jar')).toEqual([]);
    expect(driverJarEngine('/x/mssql/target/dependency/mssql-jdbc-7.2.2.jre8.jar')).toBe('sqlserver');
    expect(driverJarEngine('/opt/ycsb/jdbc-binding/lib/postgresql-42.2.14.jar:/opt/ycsb/jdbc-binding/lib/postgresql-42.2.23.jar')).toBe('postgresql');
    expect(driverJarEngine('/x/core.jar')).toBeUndefined();
    expect(lastSegments('/mnt/hdd2/nosql-prj/YCSB/YCSB/mssql/db.properties', 2)).toBe('mssql/db.properties');
    expect(lastSegments('C:\\ycsb\\mssql\\db.properties', 2)).toBe('mssql/db.properties');
  });

  it('reads the classpath of a java command line', () => {
    expect(javaClasspath('/usr/bin/java  -classpath /a:/b com.yahoo.ycsb.Client -t -db X')).toBe('/a:/b');
    expect(javaClasspath('java -Xmx4g -cp /c site.ycsb.Client -load')).toBe('/c');
    expect(javaClasspath('java site.ycsb.Client -cp /not-this')).toBeUndefined();
  });
});

describe('canonicalValue and the ignore list', () => {
  it('drops the host part of URLs and keeps the rest', () => {
    expect(canonicalValue('mongodb://10.1.1.11:27017/ycsb?w=1')).toBe('mongodb://*/ycsb?w=1');
    expect(canonicalValue('mongodb://127.0.0.1:27018/ycsb?w=1')).toBe('mongodb://*/ycsb?w=1');
    expect(canonicalValue('mongodb://a:1,b:2,c:3/?replicaSet=rs0')).toBe('mongodb://*/?replicaSet=rs0');
    expect(canonicalValue('jdbc:postgresql://user:secret@db-1:5432/ycsb?reWriteBatchedInserts=true')).toBe(
      'jdbc:postgresql://*/ycsb?reWriteBatchedInserts=true',
    );
    expect(canonicalValue('jdbc:sqlserver://10.0.0.5:1433;databaseName=ycsb')).toBe('jdbc:sqlserver://*;databaseName=ycsb');
    expect(canonicalValue('jdbc:oracle:thin:@dbhost:1521:ORCL')).toBe('jdbc:oracle:thin:@*:ORCL');
    expect(canonicalValue('jdbc:oracle:thin:@//dbhost:1521/svc')).toBe('jdbc:oracle:thin:@//*/svc');
    expect(canonicalValue('http://a:9200,http://b:9200')).toBe('http://*,http://*');
    // what the URL asks for still counts
    expect(canonicalValue('mongodb://h/ycsb?w=1')).not.toBe(canonicalValue('mongodb://h/ycsb?w=0'));
  });

  it('writes numbers one way', () => {
    expect(canonicalValue('0.50')).toBe('0.5');
    expect(canonicalValue('1.0')).toBe('1');
    expect(canonicalValue('.95')).toBe('0.95');
    expect(canonicalValue('010')).toBe('10');
    expect(canonicalValue('0')).toBe('0');
    expect(canonicalValue(' 1000 ')).toBe('1000');
    expect(canonicalValue('1.0E7')).toBe('1.0E7');
    expect(canonicalValue('zipfian')).toBe('zipfian');
  });

  it('ignores what varies between repetitions, by name', () => {
    for (const k of [
      'hosts',
      'host',
      'redis.host',
      'cassandra.hosts',
      'es.hosts.list',
      'hostsFile',
      'port',
      'redis.port',
      'notificationPort',
      'geode.serverport',
      'voltdb.servers',
      'kudu_master_addresses',
      'zookeeper.connectString',
      'hbase.zookeeper.quorum',
      'dynamodb.endpoint',
      'es.cluster.name',
      'exportfile',
      'measurement.raw.output_file',
      'hdrhistogram.output.path',
      'exporter',
      'status',
      'label',
      'status.interval',
      'timeseries.granularity',
      'seed',
      'db.user',
      'db.passwd',
      'mongodb.password',
      's3.secretKey',
      's3.accessKeyId',
      'azurecosmos.primaryKey',
    ])
      expect(isIgnoredProperty(k), k).toBe(true);
  });

  it('keeps what fixes the work', () => {
    for (const k of [
      'recordcount',
      'operationcount',
      'fieldcount',
      'fieldlength',
      'readallfields',
      'readproportion',
      'updateproportion',
      'scanproportion',
      'insertproportion',
      'readmodifywriteproportion',
      'requestdistribution',
      'insertstart',
      'insertcount',
      'db.batchsize',
      'jdbc.fetchsize',
      'jdbc.batchupdateapi',
      'db.url',
      'db.driver',
      'mongodb.url',
      'cassandra.readconsistencylevel',
      'cassandra.maxconnections',
      'couchbase.kvEndpoints',
      'measurementtype',
      'measurement.interval',
      'maxexecutiontime',
      'table',
      'columnfamily',
      'es.number_of_replicas',
      'zeropadding',
      'insertorder',
      'hotspotdatafraction',
      'rocksdb.dir',
      'redis.cluster',
      'dataintegrity',
    ])
      expect(isIgnoredProperty(k, 'x'), k).toBe(false);
  });

  it('matches every name pattern of the documented list, and values that are only addresses', () => {
    for (const e of SIGNATURE_IGNORED.filter((x) => x.values === undefined)) {
      expect(e.reason.length).toBeGreaterThan(10);
      for (const g of e.properties) {
        const example = g.replace(/\*/g, 'some.');
        expect(isIgnoredProperty(example), `${g} (as ${example})`).toBe(true);
        expect(isIgnoredProperty(example.toUpperCase()), `${g} upper case`).toBe(true);
      }
    }
    expect(isIgnoredProperty('contactpoints', '10.0.0.1')).toBe(true);
    expect(isIgnoredProperty('contactpoints', '10.0.0.1:9042,10.0.0.2:9042')).toBe(true);
    expect(isIgnoredProperty('contactpoints', '10.0.0.1 10.0.0.2')).toBe(true);
    expect(isIgnoredProperty('recordcount', '100000')).toBe(false);
    expect(isIgnoredProperty('readproportion', '0.95')).toBe(false);
    expect(isIgnoredProperty('x', '999.1.1.1')).toBe(false);
  });
});

describe('docs/identity.md', () => {
  it('lists every ignored pattern with its reason, and every client default', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../docs/identity.md'), 'utf8');
    for (const e of SIGNATURE_IGNORED) {
      const row = doc.split('\n').find((l) => l.includes(e.reason));
      expect(row, e.reason).toBeDefined();
      for (const g of e.properties) expect(row, g).toContain(`\`${g}\``);
    }
    for (const d of CLIENT_DEFAULTS) expect(doc).toContain(`| ${d.client} | ${d.key} | ${d.value} | ${d.reason} |`);
  });
});

describe('configurationSignature', () => {
  it('holds the binding, workload, phase, threads, target and every property, keys sorted', () => {
    const s = sig(`${BASE} -p hosts=10.0.2.5 -p cassandra.readconsistencylevel=ONE -threads 4 -target 500 -t`);
    expect(s).toEqual({
      binding: 'cassandra-cql',
      'cassandra.readconsistencylevel': 'ONE',
      operationcount: '10000',
      phase: 'run',
      recordcount: '1000000',
      target: '500',
      threads: '4',
      workload: 'a',
    });
    expect(Object.keys(s)).toEqual([...Object.keys(s)].sort());
  });

  it('fills in the client-fixed defaults, so that saying them changes nothing', () => {
    const implicit = sig(BASE);
    expect(implicit.threads).toBe('1');
    expect(implicit.target).toBe('0');
    expect(implicit.phase).toBe('run');
    expect(signatureKey(sig(`${BASE} -threads 1 -target 0 -t`))).toBe(signatureKey(implicit));
    expect(signatureKey(sig(`${BASE} -p threadcount=1 -p dotransactions=true`))).toBe(signatureKey(implicit));
    expect(sig('-P workloads/workloada').binding).toBe('basic');
    expect(CLIENT_DEFAULTS.every((d) => d.reason.length > 10)).toBe(true);
    // a workload-file default is not filled in: the file may have changed it
    expect(implicit.fieldcount).toBeUndefined();
  });

  it('separates runs that differ in any property that fixes the work', () => {
    const changes: [string, string, string][] = [
      ['-p recordcount=1000000', '-p recordcount=100000', 'recordcount'],
      ['-p operationcount=10000', '-p operationcount=1000', 'operationcount'],
      ['-P /opt/ycsb/workloads/workloada', '-P /opt/ycsb/workloads/workloadb', 'workload'],
      ['-db site.ycsb.db.CassandraCQLClient', '-db site.ycsb.db.ScyllaCQLClient', 'binding'],
    ];
    for (const [from, to, key] of changes) {
      const d = signatureDifferences(sig(BASE), sig(BASE.replace(from, to)));
      expect(d.map((x) => x.key), key).toEqual([key]);
    }
    const extra: [string, string, string][] = [
      ['-p fieldcount=10', '-p fieldcount=20', 'fieldcount'],
      ['-p fieldlength=100', '-p fieldlength=1000', 'fieldlength'],
      ['-p readallfields=true', '-p readallfields=false', 'readallfields'],
      ['-p readproportion=0.5', '-p readproportion=0.95', 'readproportion'],
      ['-p requestdistribution=zipfian', '-p requestdistribution=uniform', 'requestdistribution'],
      ['-p insertstart=0', '-p insertstart=500000', 'insertstart'],
      ['-p insertcount=500000', '-p insertcount=250000', 'insertcount'],
      ['-p db.batchsize=7000', '-p db.batchsize=1000', 'db.batchsize'],
      ['-p jdbc.fetchsize=3000', '-p jdbc.fetchsize=10', 'jdbc.fetchsize'],
      ['-threads 8', '-threads 16', 'threads'],
      ['-target 100', '-target 200', 'target'],
      ['-load', '-t', 'phase'],
      ['-P /x/mssql/db.properties', '-P /x/jdbc/db.properties', 'config'],
      ['-p mongodb.url=mongodb://h/ycsb?w=1', '-p mongodb.url=mongodb://h/ycsb?w=0', 'mongodb.url'],
    ];
    for (const [a, b, key] of extra) {
      const d = signatureDifferences(sig(`${BASE} ${a}`), sig(`${BASE} ${b}`));
      expect(d.map((x) => x.key), key).toEqual([key]);
    }
  });

  it('keeps together runs that differ only in what varies between repetitions', () => {
    const pairs: [string, string][] = [
      ['-p hosts=10.0.2.5', '-p hosts=cassandra-0.cassandra.default.svc.cluster.local'],
      ['-p redis.host=server1 -p redis.port=7000', '-p redis.host=server2 -p redis.port=7001'],
      ['-p mongodb.url=mongodb://10.1.1.11:27017/ycsb?w=1', '-p mongodb.url=mongodb://127.0.0.1:27018/ycsb?w=1'],
      ['-p exportfile=/tmp/run1.json', '-p exportfile=/tmp/run2.json'],
      ['-p label=rep1', '-p label=rep2'],
      ['-p status.interval=10', '-p status.interval=1'],
      ['-p db.user=alice -p db.passwd=x', '-p db.user=bob -p db.passwd=y'],
      ['-l first', '-l second'],
      ['-s', ''],
      ['-P /mnt/a/YCSB/mssql/db.properties', '-P /home/b/ycsb/mssql/db.properties'],
      ['-p readproportion=0.50', '-p readproportion=0.5'],
    ];
    for (const [a, b] of pairs) expect(signatureDifferences(sig(`${BASE} ${a}`), sig(`${BASE} ${b}`)), `${a} / ${b}`).toEqual([]);
  });

  it('keeps a -p property named like a derived key under its own name', () => {
    const s = sig(`${BASE} -p threads=100`);
    expect(s.threads).toBe('1');
    expect(s['-p threads']).toBe('100');
  });

  it('reads go-ycsb properties blocks with go-ycsb defaults, and gives nothing when the content says nothing', () => {
    const go: RunHeader = {
      factors: { phase: 'run', recordcount: '1000' },
      properties: { command: 'run', dotransactions: 'true', recordcount: '1000', readproportion: '0.5' },
    };
    expect(configurationSignature(go)).toEqual({ phase: 'run', readproportion: '0.5', recordcount: '1000', target: '0', threads: '200' });
    expect(configurationSignature({ factors: { db: 'mongodb' }, properties: {} })).toBeUndefined();
  });
});

describe('signatureKey, differences and their wording', () => {
  it('is stable under key order and tells different signatures apart', () => {
    expect(signatureKey({ a: '1', b: '2' })).toBe(signatureKey({ b: '2', a: '1' }));
    expect(signatureKey({ a: '1', b: '2' })).not.toBe(signatureKey({ a: '1', b: '3' }));
    expect(signatureKey({ 'a,b': '1' })).not.toBe(signatureKey({ a: 'b,1' }));
  });

  it('words a difference as "key a vs b"', () => {
    const d = signatureDifferences({ operationcount: '1000', threads: '1' }, { operationcount: '10000', threads: '1', fieldcount: '10' });
    expect(d).toEqual([
      { key: 'fieldcount', b: '10' },
      { key: 'operationcount', a: '1000', b: '10000' },
    ]);
    expect(formatSignatureDifference(d[1])).toBe('operationcount 1000 vs 10000');
    expect(formatSignatureDifference(d[0])).toBe('fieldcount unset vs 10');
    expect(formatSignatureDifferences(d)).toBe('fieldcount unset vs 10, operationcount 1000 vs 10000');
    expect(formatSignatureDifferences(d, 1)).toBe('fieldcount unset vs 10, and 1 more');
  });

  it('drops keys (the client split of a run driven from several machines)', () => {
    expect(CLIENT_SPLIT_PROPERTIES).toEqual(['insertstart', 'insertcount']);
    expect(withoutKeys({ a: '1', insertstart: '0', insertcount: '5' }, CLIENT_SPLIT_PROPERTIES)).toEqual({ a: '1' });
  });
});

// ---------------------------------------------------------------------------------------------
// Real campaigns (../shared/data, read-only, beside the checkout)

const root = path.resolve(__dirname, '../../../shared/data/ycsb');
const present = existsSync(root);
if (!present) console.warn(`signature.test.ts: real-data cases skipped: ${root} does not exist`);

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e !== 'LICENSE' && e !== 'README.md') out.push(p);
  }
  return out;
}

/**
 * The YCSB invocations of a file's text: one slice per `Command line:` (with the java line just
 * before it), or the whole text. Scaffolding until the parser splits invocations itself (issue 19).
 */
function invocations(text: string): string[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('Command line:')) return;
    const java = [i - 1, i - 2].find((j) => j >= 0 && lines[j].includes('ycsb.Client'));
    starts.push(java ?? i);
  });
  if (starts.length < 2) return [text];
  return starts.map((s, k) => lines.slice(k === 0 ? 0 : s, starts[k + 1] ?? lines.length).join('\n'));
}

interface Invocation {
  file: string;
  sig: ConfigurationSignature | undefined;
  /** The signature without the classpath (the header alone). */
  plain: ConfigurationSignature | undefined;
  status: string;
}

const cache = new Map<string, Invocation[]>();
function dataset(rel: string): Invocation[] {
  const hit = cache.get(rel);
  if (hit) return hit;
  const out: Invocation[] = [];
  for (const f of walk(path.join(root, rel))) {
    for (const text of invocations(readFileSync(f, 'utf8'))) {
      const run = parseYcsb(text, f);
      const java = text.split('\n').find((l) => l.includes('ycsb.Client') && !l.startsWith('Command line:'));
      const classpath = java !== undefined ? javaClasspath(java) : undefined;
      out.push({
        file: path.relative(path.join(root, rel), f).split(path.sep).join('/'),
        sig: configurationSignature(run.header, { classpath, format: run.format }),
        plain: configurationSignature(run.header, { format: run.format }),
        status: run.status,
      });
    }
  }
  cache.set(rel, out);
  return out;
}
const distinct = (inv: Invocation[], pick: (i: Invocation) => ConfigurationSignature | undefined = (i) => i.sig): number =>
  new Set(inv.map(pick).filter((s) => s !== undefined).map((s) => signatureKey(s!))).size;

/** Whether two labelings of the same items make the same partition. */
function samePartition<T>(items: T[], a: (x: T) => string, b: (x: T) => string): boolean {
  const ab = new Map<string, string>();
  const ba = new Map<string, string>();
  for (const x of items) {
    const ka = a(x);
    const kb = b(x);
    if ((ab.get(ka) ?? kb) !== kb || (ba.get(kb) ?? ka) !== ka) return false;
    ab.set(ka, kb);
    ba.set(kb, ka);
  }
  return true;
}

describe.skipIf(!present)('signatures of the real campaigns', () => {
  it('lucas-fs (the study): 1,089 files, one signature per (db, phase, workload), rf not in the content', () => {
    const inv = dataset('lucas-fs-ycsb-prom-metrics/YCSB-outputs');
    expect(inv.length).toBe(1089);
    expect(inv.every((i) => i.sig !== undefined)).toBe(true);
    // <db>-<exec|load>-<nodes>-<recordcount>-<workload>-<rep>-rf_<rf>…: the name's (db, phase, workload)
    const nameKey = (i: Invocation): string => {
      const m = /^([a-z]+)-(exec|load)-\d+-\d+-([a-d])-/.exec(i.file)!;
      return `${m[1]}/${m[2]}/${m[3]}`;
    };
    expect(samePartition(inv, nameKey, (i) => signatureKey(i.sig!))).toBe(true);
    expect(distinct(inv)).toBe(15); // 3 databases × (4 workloads run + 1 load)
    expect(distinct(inv, (i) => i.plain)).toBe(15);
    const byDb = (db: string): Set<string | undefined> => new Set(inv.filter((i) => i.file.startsWith(`${db}-`)).map((i) => i.sig!.binding));
    expect(byDb('cassandra')).toEqual(new Set(['cassandra-cql']));
    expect(byDb('hbase')).toEqual(new Set(['hbase2']));
    expect(byDb('citus')).toEqual(new Set(['jdbc:postgresql'])); // postgresql-42.2.x.jar on the classpath
    expect(new Set(inv.filter((i) => i.file.startsWith('citus-')).map((i) => i.plain!.binding))).toEqual(new Set(['jdbc']));
  });

  it('operationcount separates the study\'s Cassandra campaign (10000) from a run of 1000 operations', () => {
    const file = path.join(root, 'lucas-fs-ycsb-prom-metrics/YCSB-outputs/cassandra-exec-15-1000000-a-1-rf_1.txt');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('-p operationcount=10000 -t');
    const study = configurationSignature(parseYcsb(text, 'a').header)!;
    const shorter = configurationSignature(parseYcsb(text.replaceAll('-p operationcount=10000 -t', '-p operationcount=1000 -t'), 'b').header)!;
    const d = signatureDifferences(study, shorter);
    expect(formatSignatureDifferences(d)).toBe('operationcount 10000 vs 1000');
    // without operationcount the two would be pooled: it is what keeps them apart
    expect(signatureKey(withoutKeys(study, ['operationcount']))).toBe(signatureKey(withoutKeys(shorter, ['operationcount'])));
    // a real run of 1000 operations (rpicloud, other hosts): operationcount and recordcount differ, the hosts do not count
    const rpi = configurationSignature(parseYcsb(readFileSync(path.join(root, 'rpicloud/ycsb/out/out-13-100000-rf3-a-1.txt'), 'utf8'), 'c').header)!;
    expect(signatureDifferences(study, rpi).map(formatSignatureDifference)).toEqual([
      'operationcount 10000 vs 1000',
      'recordcount 1000000 vs 100000',
    ]);
  });

  it('rpicloud: 5 files, 5 configurations (record counts, operation counts, maxconnections)', () => {
    const inv = dataset('rpicloud/ycsb/out');
    expect(inv.length).toBe(5);
    expect(distinct(inv)).toBe(5);
  });

  it('omi-uulm: deployments share content; load vs run and recordcount 2e6 (memory-bound) vs 1e7 (disk-bound) separate', () => {
    const inv = dataset('more/omi-uulm__Containerized-DBMS-Evaluation');
    expect(inv.length).toBe(248);
    for (const i of inv) {
      expect(i.sig!.phase, i.file).toBe(i.file.endsWith('/load.txt') ? 'load' : 'run');
      expect(i.sig!.recordcount, i.file).toBe(i.file.includes('memory-bound') ? '2000000' : '10000000');
      expect(i.sig!['mongodb.url']).toBe('mongodb://*/ycsb?w=1'); // hosts 10.1.1.x, 127.0.0.1:27017/27018 dropped
      expect(i.sig!.threads).toBe('8');
    }
    expect(distinct(inv)).toBe(4);
  });

  it('KowsarAtz: mongodb vs mongodb-async and mariadb vs mssql separate; 150 configurations', () => {
    const inv = dataset('more/KowsarAtz__ycsb-autorun');
    expect(inv.length).toBe(741);
    const variant = (i: Invocation): string => i.file.split('/')[2];
    const expected: Record<string, string> = {
      elastic5: 'elasticsearch5-rest',
      'elastic5-nothreading': 'elasticsearch5-rest',
      mongodb: 'mongodb',
      'mongodb-async': 'mongodb-async',
      mariadb: 'jdbc:mysql', // mysql-connector-java on the classpath, jdbc/db.properties
      mssql: 'jdbc:sqlserver',
    };
    for (const i of inv) expect(i.sig!.binding, i.file).toBe(expected[variant(i)]);
    // without the classpath, the config file still separates them (mssql/db.properties vs jdbc/db.properties)
    expect(new Set(inv.filter((i) => variant(i) === 'mariadb').map((i) => `${i.plain!.binding} ${i.plain!.config}`))).toEqual(
      new Set(['jdbc jdbc/db.properties']),
    );
    expect(new Set(inv.filter((i) => variant(i) === 'mssql').map((i) => `${i.plain!.binding} ${i.plain!.config}`))).toEqual(
      new Set(['jdbc:sqlserver mssql/db.properties']),
    );
    // content agrees with the folders rc<N>-op<M>/tc<T>, except that elastic5-nothreading never passed -threads
    for (const i of inv) {
      const m = /\/rc(\d+)-op(\d+)\/tc(\d+)\//.exec(i.file)!;
      expect(i.sig!.recordcount, i.file).toBe(m[1]);
      expect(i.sig!.operationcount, i.file).toBe(m[2] === '0' ? undefined : m[2]);
      expect(i.sig!.phase, i.file).toBe(m[2] === '0' ? 'load' : 'run');
      if (variant(i) === 'elastic5-nothreading' || (variant(i) === 'elastic5' && m[2] === '0')) expect(i.sig!.threads).toBe('1');
      else expect(i.sig!.threads, i.file).toBe(m[3]);
    }
    // 5 bindings × 2 workloads × 3 record counts × (4 thread counts + 1 load); elastic5-nothreading's
    // runs (all 1 thread) fall in with elastic5's tc1 ones: only the folder name tells them apart
    expect(distinct(inv)).toBe(5 * 2 * 3 * (4 + 1));
    expect(distinct(inv, (i) => i.plain)).toBe(150);
  });

  it('derrl: 8 client files × (load, run); the clients differ only in their key range', () => {
    const inv = dataset('more/derrl__3am');
    expect(inv.length).toBe(16);
    expect(distinct(inv)).toBe(16);
    expect(distinct(inv, (i) => (i.sig ? withoutKeys(i.sig, CLIENT_SPLIT_PROPERTIES) : undefined))).toBe(2);
    for (const phase of ['load', 'run']) {
      const p = inv.filter((i) => i.sig!.phase === phase);
      expect(p.length).toBe(8);
      for (const a of p)
        for (const b of p) {
          if (a === b) continue;
          const keys = signatureDifferences(a.sig!, b.sig!).map((d) => d.key);
          expect(keys.length).toBeGreaterThan(0);
          expect(keys.every((k) => CLIENT_SPLIT_PROPERTIES.includes(k)), keys.join()).toBe(true);
        }
    }
    expect(inv[0].sig!.binding).toBe('redis');
    expect(inv[0].sig!.workload).toBe('workloada-redis');
  });

  it('go-ycsb: one signature per configuration; the same configuration in two experiments is one', () => {
    const inv = dataset('variants/go-ycsb');
    expect(inv.length).toBe(120);
    // the one usage-text output says nothing of what was run
    expect(inv.filter((i) => i.sig === undefined).map((i) => i.file)).toEqual([
      'pebble-data/initial_tests/pebbledensity-insert-zipf-smalltest-cache512.out',
    ]);
    const groups = new Map<string, string[]>();
    for (const i of inv.filter((x) => x.sig)) {
      const k = signatureKey(i.sig!);
      groups.set(k, [...(groups.get(k) ?? []), i.file]);
    }
    expect(groups.size).toBe(114);
    const shared = [...groups.values()].filter((g) => g.length > 1).map((g) => g.map((f) => path.basename(f)).sort());
    // MultithreadScaling_wlA_<cache>_zipfian_t32 repeats WorkloadVsDistribution_wlA_<cache>_zipfian_t32
    expect(shared.length).toBe(5);
    for (const [a, b] of shared) {
      expect(a.replace('MultithreadScaling', '')).toBe(b.replace('WorkloadVsDistribution', ''));
      expect(a).toMatch(/_t32_ASYNC\.out$/);
    }
  });

  it('outputs without a header have no signature', () => {
    const trap = dataset('mongodb-naming-trap');
    expect(trap.length).toBe(66);
    expect(trap.every((i) => i.sig === undefined)).toBe(true);
    expect(dataset('variants/ycsb-cpp').map((i) => i.sig)).toEqual([undefined]);
    // YCSB 0.1.4: the three runs have one each (the usage text's example command is the parser's business)
    const old = dataset('variants/ycsb-0.1.4').filter((i) => i.status !== 'failed');
    expect(old.map((i) => i.sig?.binding)).toEqual(['redis', 'HeteroDbClient', 'HeteroDbClient']);
    expect(distinct(old)).toBe(3);
  });
});
