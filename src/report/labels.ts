/**
 * Names and numbers as the report writes them: factor and level labels, metric names, p-values,
 * percentages. Pure and deterministic (fixed locale).
 */
import { fnv1a, type Factors } from '../model/index.js';

/** Compare two levels the way people count: 2 < 10, 'a' < 'b'. */
export function compareLevels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb || (a < b ? -1 : a > b ? 1 : 0);
  const c = a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' });
  return c !== 0 ? c : a < b ? -1 : a > b ? 1 : 0;
}

export function sortLevels(levels: Iterable<string>): string[] {
  return [...new Set(levels)].sort(compareLevels);
}

const FACTOR_NAMES: Record<string, string> = {
  rf: 'RF',
  db: 'database',
  recordcount: 'record count',
  operationcount: 'operation count',
  nodes: 'nodes',
  threads: 'threads',
  workload: 'workload',
  phase: 'phase',
  rep: 'repetition',
};

/** How a factor is named in prose and axis titles (rf -> RF). */
export function factorName(f: string): string {
  return FACTOR_NAMES[f] ?? f;
}

const DB_NAMES: Record<string, string> = {
  cassandra: 'Cassandra',
  hbase: 'HBase',
  citus: 'Citus',
  mongodb: 'MongoDB',
  redis: 'Redis',
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  scylla: 'ScyllaDB',
  scylladb: 'ScyllaDB',
  cockroach: 'CockroachDB',
  cockroachdb: 'CockroachDB',
  couchbase: 'Couchbase',
  rocksdb: 'RocksDB',
  pebble: 'Pebble',
  tikv: 'TiKV',
};

/** A level as it reads in text: 'RF 3', 'workload a', 'Cassandra'. */
export function levelLabel(factor: string, level: string): string {
  if (factor === 'db') return DB_NAMES[level.toLowerCase()] ?? level;
  return `${factorName(factor)} ${level}`;
}

/** A set of factors as one short label, db first: 'Cassandra · workload a'. */
export function factorsLabel(factors: Factors, omit: string[] = []): string {
  const keys = Object.keys(factors)
    .filter((k) => !omit.includes(k))
    .sort((a, b) => (a === 'db' ? -1 : b === 'db' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return 'all runs';
  return keys.map((k) => levelLabel(k, factors[k])).join(' · ');
}

/** The metric as a phrase: throughput, runtime, READ p99 latency. */
export function metricLabel(metric: string): string {
  const parts = metric.split('.');
  if (parts.length === 1) return metric;
  const op = parts.slice(0, -1).join('.').toUpperCase();
  const stat = parts[parts.length - 1];
  if (stat === 'avg') return `${op} average latency`;
  if (/^p\d/.test(stat)) return `${op} ${stat} latency`;
  return `${op} ${stat}`;
}

/** A number with a fixed number of significant-looking digits for tables: 1234.5 -> '1234.5', 0.0123 -> '0.0123'. */
export function fmtNum(x: number, digits = 4): string {
  if (x === undefined || x === null || Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  let s: string;
  if (a >= 10 ** digits) s = x.toFixed(0);
  else if (a >= 1e-3) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
    s = x.toFixed(Math.min(decimals, 6));
  } else s = x.toExponential(2);
  return s.replace(/^-/, '−');
}

/** Fixed decimals with a real minus sign. */
export function fmtFixed(x: number, decimals = 1): string {
  if (x === undefined || x === null || Number.isNaN(x)) return 'NA';
  const s = x.toFixed(decimals);
  return (/^-0(\.0+)?$/.test(s) ? s.slice(1) : s).replace(/^-/, '−');
}

/** A p-value as reported: 'p < 0.001', 'p = 0.032'. */
export function fmtP(p: number): string {
  if (p === undefined || p === null || Number.isNaN(p)) return 'p = NA';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/** A p-value for a table cell: '<0.001', '0.032'. */
export function fmtPCell(p: number): string {
  if (p === undefined || p === null || Number.isNaN(p)) return 'NA';
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

/** Stars for a p-value at the usual thresholds. */
export function stars(p: number): string {
  if (!(p >= 0)) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/** A jitter in [-width/2, width/2) from a hash of the name: the same file always lands in the same place. */
export function jitter(name: string, width = 0.6): number {
  return (fnv1a(name) / 2 ** 32 - 0.5) * width;
}

/** A file-name-safe slug. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

// Advance widths of Helvetica (= Arial, Liberation Sans), 1/1000 em, for ASCII 32..126.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const OTHER: Record<string, number> = { '·': 278, '–': 556, '—': 1000, '±': 584, 'µ': 556, '−': 584, '✕': 700, '…': 1000, 'Δ': 612 };

/**
 * Width of a text in px, from Helvetica's metrics with a margin for wider fallback fonts. Replaces vega's node estimate
 * (0.8 em per character, far too wide, which truncates labels) without needing node-canvas; it is
 * a pure function of the text, so layouts stay deterministic.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 32 && c <= 126 ? HELVETICA[c - 32] : (OTHER[ch] ?? 600);
  }
  // ×1.12 (bold ×1.25): room for wider fallback fonts (DejaVu Sans where Helvetica/Arial are absent).
  return (w / 1000) * fontSize * (bold ? 1.25 : 1.12);
}

/** "1 run", "3 runs": a count and its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a, b and c". */
export function joinAnd(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
