/**
 * What a file's parsed text becomes in the inventory (pure): a YCSB output one Run, with the
 * factors its name gives (the file-name schemes) merged with those its content gives, the name
 * winning and every conflict kept as a warning, and its content signature (./identity.ts); a .csv
 * table one Run per row.
 */
import { emptyParsedRun, type Factors, type ParsedRun, type Run, type RunStatus } from '../model/index.js';
import { dbFromBinding } from './formats/header.js';
import { contentSignature } from './identity.js';
import { assignFactors, type AssignOptions } from './scheme/index.js';
import { parseTable, type TableOptions } from './table.js';

/** Factors whose content value may differ from the name without it being a conflict. */
const CONTENT_ONLY_HINTS = new Set(['target']);


/** Merge factors from the name and from the content; the name wins, conflicts are recorded. */
export function mergeFactors(fromName: Factors, fromContent: Factors): {
  factors: Factors;
  conflicts: { factor: string; name: string; content: string }[];
} {
  const factors: Factors = Object.assign({}, fromName); // (not a spread: see toRun)
  const conflicts: { factor: string; name: string; content: string }[] = [];
  for (const [k, v] of Object.entries(fromContent)) {
    if (factors[k] === undefined) factors[k] = v;
    else if (!CONTENT_ONLY_HINTS.has(k) && !sameLevel(factors[k], v)) conflicts.push({ factor: k, name: factors[k], content: v });
  }
  return { factors, conflicts };
}

function sameLevel(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const na = Number(a);
  const nb = Number(b);
  return a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && na === nb;
}

/**
 * One Run of a parsed YCSB output:
 * 1. factors from the name (the schemes) merged with the content's, the name winning, conflicts kept;
 * 2. the content signature (./identity.ts); a name factor the content's factors do not hold but its
 *    signature does is checked against it: the client's default 1 thread against `tc4`
 *    (KowsarAtz's elastic5-nothreading), `-p fieldcount=20` against `fc10`: a conflict, the name kept;
 * 3. no database in the name or the content's factors: the one the binding names (BINDING_DB,
 *    ./formats/header.ts), for JDBC the engine its URL, driver or jars say (`jdbc:postgresql` -> postgres).
 */
export function toRun(parsed: ParsedRun, file: string, root: string, sha256: string | undefined, naming: AssignOptions): Run {
  const named = assignFactors(file, naming);
  const fromContent = parsed.header.factors;
  const { factors, conflicts } = mergeFactors(named.factors, fromContent);
  const signature = contentSignature(parsed);
  if (signature !== undefined) {
    for (const [k, name] of Object.entries(named.factors)) {
      const ran = signature[k];
      if (ran !== undefined && fromContent[k] === undefined && !CONTENT_ONLY_HINTS.has(k) && !sameLevel(name, ran)) conflicts.push({ factor: k, name, content: ran });
    }
    if (factors.db === undefined && signature.binding?.startsWith('jdbc:')) {
      const db = dbFromBinding(signature.binding);
      if (typeof db === 'string') factors.db = db;
    }
  }
  const diagnostics = [...parsed.diagnostics];
  for (const c of conflicts) {
    diagnostics.push({
      message: `factor ${c.factor}: the name says ${JSON.stringify(c.name)}, the content says ${JSON.stringify(c.content)} (the name is used)`,
      severity: 'warning',
    });
  }
  for (const a of named.ambiguities) diagnostics.push({ message: a, severity: 'warning' });
  // Object.assign and plain stores rather than `{ ...parsed, file, … }`: V8 (Node 20) gives every
  // object built by a spread its own hidden class, so 100,000 runs had 100,000 classes (~1 KB each
  // with their descriptors and enumeration caches) and every property read in the analysis missed
  // its inline cache. Built this way the runs share one class: the same keys in the same order.
  const run = Object.assign({}, parsed) as Run;
  run.diagnostics = diagnostics;
  run.file = file;
  run.root = root;
  run.sha256 = sha256;
  run.factors = factors;
  run.origin = { scheme: named.scheme, fromName: named.factors, fromContent, conflicts, ambiguities: named.ambiguities };
  if (named.unplaced.length > 0) run.origin.unplaced = [...named.unplaced];
  run.signature = signature;
  return run;
}

export function tableRuns(text: string, file: string, root: string, sha256: string | undefined, tableOptions: TableOptions | undefined): Run[] {
  const table = parseTable(text, file, tableOptions);
  if (table.rows.length === 0) {
    const p = emptyParsedRun(file, 'not-ycsb', table.diagnostics[0] ?? { message: 'table without rows', severity: 'error' });
    p.format = 'table';
    return [{ ...p, file, root, sha256, factors: {}, origin: { scheme: 'table', fromName: {}, fromContent: {}, conflicts: [], ambiguities: [] } }];
  }
  return table.rows.map((row) => {
    const ok = Object.keys(row.metrics).length > 0 && !(row.metrics.throughput === 0);
    const status: RunStatus = ok ? 'ok' : 'failed';
    const diagnostics = [...row.diagnostics];
    // (no line here: the run's name is already `file.csv:LINE`)
    if (!ok) diagnostics.push({ message: row.metrics.throughput === 0 ? 'throughput 0' : 'no metric values', severity: 'error' });
    const name = `${file}:${row.line}`;
    return {
      name,
      status,
      diagnostics,
      format: 'table' as const,
      header: { factors: {}, properties: {} },
      metrics: row.metrics,
      operations: {},
      series: [],
      sourceLatencyUnit: 'us' as const,
      lines: 1,
      file: name,
      root,
      sha256,
      factors: { phase: 'run', ...row.factors },
      origin: { scheme: `table:${table.shape}`, fromName: {}, fromContent: row.factors, conflicts: [], ambiguities: [] },
    };
  });
}
