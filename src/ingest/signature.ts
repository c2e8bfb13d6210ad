/**
 * The content signature of a run: everything its command line says that fixes the work, in one
 * canonical, sorted record. Two runs with different signatures are different configurations and
 * must never be pooled; the repetitions of one configuration share one signature.
 *
 * {@link configurationSignature} builds it from a parsed header:
 * 1. binding identity (bindings.ts): `mongodb` vs `mongodb-async`, `jdbc:sqlserver` vs `jdbc:mysql`;
 * 2. workload (the workload file's name, as workloadName gives it), phase, threads, target, with
 *    the defaults the client itself fixes ({@link CLIENT_DEFAULTS});
 * 3. the other -P files (config files), by their last two path segments (`mssql/db.properties`):
 *    the prefix is machine-specific;
 * 4. every -p property (recordcount, operationcount, fieldcount, proportions, requestdistribution,
 *    insertstart/insertcount, batch and fetch sizes, timeouts, consistency levels, …), except those
 *    that vary legitimately between repetitions ({@link SIGNATURE_IGNORED}); values canonical
 *    ({@link canonicalValue}: `0.50` = `0.5`, a URL's host part dropped).
 *
 * Names and folders add what the content cannot tell (rf, nodes, deployment, scenario): that is
 * the scheme's part, not this module's.
 *
 * Pure: no I/O.
 */
import type { RunHeader, YcsbFormat } from '../model/run.js';
import { splitClientArgs, workloadName } from './formats/header.js';
import { bindingIdentity, lastSegments } from './bindings.js';

/** Signature key -> canonical value, keys sorted. */
export type ConfigurationSignature = Readonly<Record<string, string>>;

/** Keys the signature derives itself (not -p properties as written). A -p property of the same
 * name is kept as `-p <name>`. */
export const SIGNATURE_KEYS = {
  /** Binding identity (bindings.ts). */
  binding: 'binding',
  /** The workload file's name (`a` for workloads/workloada). */
  workload: 'workload',
  /** `load` or `run`. */
  phase: 'phase',
  /** Client threads (threadcount, -threads). */
  threads: 'threads',
  /** Target ops/s (-target); 0 = unthrottled. */
  target: 'target',
  /** The other -P files, last two path segments each, in command-line order, `, `-separated. */
  config: 'config',
} as const;

const DERIVED = new Set<string>(Object.values(SIGNATURE_KEYS));

/** Properties the signature takes in under one of its own keys instead of their own name. */
export const FOLDED_PROPERTIES: Readonly<Record<string, string>> = {
  db: 'binding (the -db class or binding name)',
  threadcount: 'threads',
  target: 'target',
  dotransactions: 'phase (false = load, true = run)',
  command: 'phase (go-ycsb writes its sub-command load/run here)',
};

/** A default fixed by the client program itself (not by a workload file), filled in when absent. */
export interface ClientDefault {
  client: 'YCSB' | 'go-ycsb';
  key: string;
  value: string;
  reason: string;
}

/** The client-fixed defaults the signature fills in (workload-file defaults are never filled in:
 * the workload file named may have changed them). */
export const CLIENT_DEFAULTS: readonly ClientDefault[] = [
  { client: 'YCSB', key: 'binding', value: 'basic', reason: 'site.ycsb.Client: without -db it runs site.ycsb.BasicDB' },
  { client: 'YCSB', key: 'threads', value: '1', reason: 'site.ycsb.Client: threadcount defaults to 1 (`-threads n ... (default: 1)`)' },
  { client: 'YCSB', key: 'target', value: '0', reason: 'site.ycsb.Client: no -target means unthrottled, the same as target=0' },
  { client: 'YCSB', key: 'phase', value: 'run', reason: 'site.ycsb.Client: dotransactions defaults to true (-t is the default)' },
  { client: 'go-ycsb', key: 'threads', value: '200', reason: 'go-ycsb pkg/prop: ThreadCountDefault = 200' },
  { client: 'go-ycsb', key: 'target', value: '0', reason: 'go-ycsb: target 0 (absent) means unthrottled' },
];

/** A group of properties left out of the signature (or, for `values`, the part of a value dropped). */
export interface IgnoredProperty {
  /** Property names, lower case, `*` matching any run of characters. */
  properties: readonly string[];
  /** When set, only values of this shape are concerned (described in words). */
  values?: string;
  /** Why runs that differ here are still repetitions of one configuration. */
  reason: string;
}

/**
 * What varies legitimately between repetitions of one configuration, and is therefore left out
 * of the signature. Matched case-insensitively on the property name. Everything else a command
 * line sets is part of the configuration.
 */
export const SIGNATURE_IGNORED: readonly IgnoredProperty[] = [
  {
    properties: ['host', 'hosts', '*host', '*hosts', '*hostname', '*hostnames', '*hosts.list', '*hostsfile'],
    reason: 'where the database runs: host names and addresses change with the cluster, not the work',
  },
  {
    properties: ['port', 'ports', '*.port', '*.ports', '*serverport', '*filerport', 'notificationport', 'debug.pprof'],
    reason: 'which port the server (or the client\'s debug endpoint) listens on',
  },
  {
    properties: [
      '*address',
      '*addresses',
      '*.servers',
      '*.locator',
      'locators',
      '*.zookeepers',
      '*.connectstring',
      '*.zookeeper.quorum',
      '*endpoint',
      '*.ip',
      '*.clusterfile',
    ],
    reason: 'other ways to say where the cluster is (server lists, ZooKeeper quorum, locators, endpoints, cluster files)',
  },
  {
    properties: ['clustername', 'cluster.name', '*.cluster.name', '*.clustername', '*.instancename', '*.instance', '*.project', '*.projectid', '*useragent'],
    reason: 'names given to the cluster, cloud project or instance, like host names',
  },
  {
    properties: ['*'],
    values: 'the host part of a URL (scheme://user:password@host:port, @host:port in Oracle URLs)',
    reason: 'where the server is; the URL\'s scheme, database, path and options still count (`mongodb://*/ycsb?w=1`)',
  },
  {
    properties: ['*'],
    values: 'nothing but IPv4 addresses (with or without :port), separated by commas, semicolons or spaces',
    reason: 'an address, whatever the property is called',
  },
  {
    properties: ['exportfile', '*outputfile', '*output_file', '*output.path', '*outputdir', '*output.dir', '*logfile', '*.log.path', 'hdrhistogram.fileoutput'],
    reason: 'where (and whether) results are also written to a file',
  },
  {
    properties: ['exporter', 'hdrhistogram.percentiles', 'measurement.trackjvm', 'status'],
    reason: 'how results are printed (text or JSON, which percentiles, JVM statistics, -s status lines), not what is measured',
  },
  {
    properties: ['label', '*.label'],
    reason: 'a name printed with the status lines (-l)',
  },
  {
    properties: ['status.interval', 'timeseries.granularity', '*metricsinterval'],
    reason: 'how often progress or time-series points are printed',
  },
  {
    properties: ['seed', '*.seed', '*seeds', 'randomseed', '*randomseed'],
    reason: 'random seeds (and Cassandra seed hosts): each repetition may draw its own',
  },
  {
    properties: [
      'user',
      'username',
      'password',
      'passwd',
      '*.user',
      '*.username',
      '*.password',
      '*.passwd',
      '*.pass',
      '*secretkey',
      '*accesskeyid',
      '*accesskey',
      '*access_key',
      '*token',
      '*credentialsfile',
      '*keyfile',
      '*.keytab',
      'azurecosmos.primarykey',
      'azure.key',
    ],
    reason: 'credentials: who connects, not what is run (and never to be printed)',
  },
];

function globRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** One regular expression over the lower-case name for all name-only entries. */
const IGNORED_NAMES = new RegExp(
  SIGNATURE_IGNORED.filter((e) => e.values === undefined)
    .flatMap((e) => e.properties)
    .map((g) => globRegExp(g).source)
    .join('|'),
);

/** One IPv4 address, optionally with a port. */
const IPV4 = '(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(?::\\d{1,5})?';
const IPV4_LIST = new RegExp(`^${IPV4}(?:[,; ]+${IPV4})*$`);

/**
 * Whether a property is left out of the signature ({@link SIGNATURE_IGNORED}): by its name, or
 * because its value is nothing but IPv4 addresses.
 */
export function isIgnoredProperty(key: string, value = ''): boolean {
  let byName = ignoredNames.get(key);
  if (byName === undefined) {
    // (the names of a campaign's properties repeat from run to run: the pattern, ~80 globs, is
    // matched once per name)
    byName = IGNORED_NAMES.test(key.toLowerCase());
    if (ignoredNames.size < 10_000) ignoredNames.set(key, byName);
  }
  return byName || IPV4_LIST.test(value.trim());
}

/** Property name -> ignored by its name ({@link isIgnoredProperty}). */
const ignoredNames = new Map<string, boolean>();

/** `scheme://authority` (the authority stops at a path, query, fragment, `;`, space, or where a
 * next URL starts after a comma). */
const URL_AUTHORITY = /([a-z][a-z0-9+.:-]*:\/\/)((?:(?!,?[a-z][a-z0-9+.-]*:\/\/)[^/?#;\s])*)/gi;
/** Oracle thin URLs: `@host:port:SID`, `@//host:port/service`, `@host:port/service`. */
const ORACLE_AT = /(jdbc:oracle:[a-z]+:@)(\/\/)?[^/:?#;\s]+(?::\d+)?/gi;

/**
 * A value as the signature keeps it:
 * - a URL's host part (with port and credentials) becomes `*`: `mongodb://10.1.1.11:27017/ycsb?w=1`
 *   -> `mongodb://*\/ycsb?w=1`, `jdbc:postgresql://u:p@h:5432/db` -> `jdbc:postgresql://*\/db`;
 * - a whole number loses its leading zeros (`010` -> `10`); a decimal fraction is written as the
 *   shortest decimal of its value (`0.50` -> `0.5`, `1.0` -> `1`); E-notation and other text are
 *   kept as written (after trimming).
 */
export function canonicalValue(value: string): string {
  const v = value.trim();
  if (/^[+-]?\d+$/.test(v)) return v.replace(/^([+-]?)0+(?=\d)/, '$1');
  if (/^[+-]?(?:\d+\.\d*|\.\d+)$/.test(v)) {
    const n = Number(v);
    if (Number.isFinite(n)) return String(n);
  }
  if (!v.includes('://') && !v.includes(':@')) return v;
  return v
    .replace(ORACLE_AT, (_m, head: string, slashes: string | undefined) => `${head}${slashes ?? ''}*`)
    .replace(URL_AUTHORITY, (_m, scheme: string, authority: string) => (authority === '' ? scheme : `${scheme}*`));
}

/** What else than the header the signature can use. */
export interface SignatureExtra {
  /** The java classpath, when the output shows the java command bin/ycsb ran (see
   * {@link javaClasspath}): its binding and driver jars refine the binding identity. */
  classpath?: string;
  /** The parser's format (ParsedRun.format): `go-ycsb` applies go-ycsb's client defaults. */
  format?: YcsbFormat;
}

/** YCSB client options followed by a value (other than -P). */
const VALUED_OPTIONS = new Set(['-p', '-db', '-l', '-threads', '-target', '-cp', '-jvm-args']);

/** The -P files of a command line, in order. */
function propertyFiles(commandLine: string): string[] {
  const { args } = splitClientArgs(commandLine);
  const files: string[] = [];
  for (let i = 0; i + 1 < args.length; i++) {
    if (args[i] === '-P') files.push(args[++i]);
    else if (VALUED_OPTIONS.has(args[i])) i++;
  }
  return files;
}

/**
 * The content signature of a run (see the module comment for what it holds and why), or undefined
 * when the content does not say what was run: no command line, no go-ycsb properties block (an
 * output reduced to its summary, for instance). Such runs can only be placed by their names.
 *
 * 1. Which client: a `Command line:` (or the java line's arguments) -> YCSB; `extra.format` go-ycsb,
 *    or a properties block holding go-ycsb's `command` -> go-ycsb; anything else -> no defaults.
 * 2. binding: {@link bindingIdentity} with the properties, the config files and `extra.classpath`.
 * 3. workload (header.factors.workload, named by workloadName from the workload -P file), config
 *    (the other -P files, last two segments), phase, threads, target (client defaults filled in).
 * 4. every other property, unless folded ({@link FOLDED_PROPERTIES}) or ignored
 *    ({@link SIGNATURE_IGNORED}), values canonical ({@link canonicalValue}).
 * 5. keys sorted.
 *
 * @example configurationSignature(header).operationcount // '10000'
 */
export function configurationSignature(header: RunHeader, extra: SignatureExtra = {}): ConfigurationSignature | undefined {
  const props = header.properties;
  const f = header.factors;
  const javaClient = header.commandLine !== undefined;
  const goClient = !javaClient && (extra.format === 'go-ycsb' || Object.prototype.hasOwnProperty.call(props, 'command'));
  if (!javaClient && Object.keys(props).length === 0 && header.binding === undefined) return undefined;
  const defaults = javaClient ? 'YCSB' : goClient ? 'go-ycsb' : undefined;
  const fallback = (key: string): string | undefined =>
    defaults === undefined ? undefined : CLIENT_DEFAULTS.find((d) => d.client === defaults && d.key === key)?.value;

  const out: Record<string, string> = {};
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined) out[key] = canonicalValue(value);
  };

  // 1-2. the -P files (workload and config files), binding identity
  const files = header.commandLine !== undefined ? propertyFiles(header.commandLine) : [];
  let workloadFile = -1;
  if (f.workload !== undefined) {
    for (let i = files.length - 1; i >= 0; i--) {
      if (workloadName(files[i]) === f.workload) {
        workloadFile = i;
        break;
      }
    }
  }
  const configFiles = files.filter((_, i) => i !== workloadFile);
  const binding =
    bindingIdentity(header.binding, { properties: props, configFiles, classpath: extra.classpath }) ?? fallback('binding');
  if (binding !== undefined) out[SIGNATURE_KEYS.binding] = binding;

  // 3. workload, config, phase, threads, target
  if (f.workload !== undefined) out[SIGNATURE_KEYS.workload] = f.workload;
  if (configFiles.length > 0) out[SIGNATURE_KEYS.config] = configFiles.map((p) => lastSegments(p, 2)).join(', ');
  set(SIGNATURE_KEYS.phase, f.phase ?? fallback('phase'));
  set(SIGNATURE_KEYS.threads, props.threadcount ?? f.threads ?? fallback('threads'));
  set(SIGNATURE_KEYS.target, props.target ?? f.target ?? fallback('target'));

  // 4. the other properties
  for (const [key, value] of Object.entries(props)) {
    if (Object.prototype.hasOwnProperty.call(FOLDED_PROPERTIES, key)) {
      // go-ycsb's `command` is folded only when it is the phase (load/run)
      if (key !== 'command' || value === f.phase) continue;
    }
    if (isIgnoredProperty(key, value)) continue;
    set(DERIVED.has(key) ? `-p ${key}` : key, value);
  }
  for (const key of ['recordcount', 'operationcount'] as const) {
    if (out[key] === undefined && f[key] !== undefined) set(key, f[key]);
  }

  // 5. sorted
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(out).sort(compareKeys)) sorted[key] = out[key];
  return sorted;
}

/** Code-unit order: stable across locales. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable text for a signature, equal for equal signatures whatever their key order
 * (JSON of the sorted [key, value] pairs: unambiguous whatever the values hold). */
export function signatureKey(sig: ConfigurationSignature): string {
  return JSON.stringify(
    Object.keys(sig)
      .sort(compareKeys)
      .map((k) => [k, sig[k]]),
  );
}

/** One key on which two signatures differ; a side is undefined where the key is absent. */
export interface SignatureDifference {
  key: string;
  a?: string;
  b?: string;
}

/** The keys on which two signatures differ, sorted by key. */
export function signatureDifferences(a: ConfigurationSignature, b: ConfigurationSignature): SignatureDifference[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: SignatureDifference[] = [];
  for (const key of [...keys].sort(compareKeys)) {
    const va = Object.prototype.hasOwnProperty.call(a, key) ? a[key] : undefined;
    const vb = Object.prototype.hasOwnProperty.call(b, key) ? b[key] : undefined;
    if (va === vb) continue;
    const d: SignatureDifference = { key };
    if (va !== undefined) d.a = va;
    if (vb !== undefined) d.b = vb;
    out.push(d);
  }
  return out;
}

/** `operationcount 1000 vs 10000`; an absent side reads `unset`. */
export function formatSignatureDifference(d: SignatureDifference): string {
  return `${d.key} ${d.a ?? 'unset'} vs ${d.b ?? 'unset'}`;
}

/** The differences, `, `-separated: `operationcount 1000 vs 10000, threads 1 vs 8`; beyond `max`
 * of them, `and N more`. */
export function formatSignatureDifferences(diffs: readonly SignatureDifference[], max = Infinity): string {
  const shown = diffs.slice(0, max).map(formatSignatureDifference);
  if (diffs.length > shown.length) shown.push(`and ${diffs.length - shown.length} more`);
  return shown.join(', ');
}

/**
 * The properties by which the clients of one run driven from several machines differ: each loads
 * (or works on) its own key range. Take them out ({@link withoutKeys}) to find the client files of
 * one run; keep them to tell those clients apart.
 */
export const CLIENT_SPLIT_PROPERTIES: readonly string[] = ['insertstart', 'insertcount'];

/** A signature without some keys (still sorted). */
export function withoutKeys(sig: ConfigurationSignature, keys: readonly string[]): ConfigurationSignature {
  const drop = new Set(keys);
  const out: Record<string, string> = {};
  for (const k of Object.keys(sig)) if (!drop.has(k)) out[k] = sig[k];
  return out;
}

/**
 * The classpath of a java command line (`java -cp A:B site.ycsb.Client …`, as bin/ycsb echoes it):
 * the word after `-cp`, `-classpath` or `--class-path` before the client class; undefined when
 * there is none.
 */
export function javaClasspath(javaLine: string): string | undefined {
  const words = javaLine.trim().split(/\s+/);
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i];
    if (w === 'site.ycsb.Client' || w === 'com.yahoo.ycsb.Client') break;
    if (w === '-cp' || w === '-classpath' || w === '--class-path') return words[i + 1];
    if (w.startsWith('--class-path=')) return w.slice('--class-path='.length);
  }
  return undefined;
}
