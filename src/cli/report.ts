/**
 * The `--report DIR` part of the main command.
 *
 * 1. the completeness grid from the gap analysis (expected reps × what became of each)
 * 2. the latency metrics present, analysed with the same grouping (one table each)
 * 3. the provenance files `fill` wrote beside the outputs it produced (for the methods)
 * 4. writeReport: index.html, figures, tables, data, and with --pdf the PDFs, the whole folder at
 *    once (a folder holding files it did not write is refused unless --force, which keeps it as a backup)
 */
import { isAbsolute, resolve } from 'node:path';
import { analyze } from '../analysis/analyze.js';
import { designFromRuns } from '../analysis/design.js';
import { findGaps } from '../analysis/gaps.js';
import type { AnalysisResult } from '../analysis/types.js';
import type { Inventory } from '../model/index.js';
import { ChromiumMissingError } from '../report/pdf.js';
import type { CellStatus, Completeness } from '../report/types.js';
import { readProvenance } from '../ingest/provenance.js';
import { checkReportFolder, ReportFolderError, writeReport } from '../report/write.js';
import { inCliTerms } from './flags.js';
import { CliError, EXIT, type Io } from './io.js';

export interface ReportCliOptions {
  report?: string;
  pdf?: boolean;
  chromium?: string;
  template?: string;
  stamp?: boolean;
  /** --appendix: one compact line per input file at the end of the report. */
  appendix?: boolean;
  /** --independent-scales: each panel of the means and series figures on its own y scale. */
  independentScales?: boolean;
  /** --series-per-configuration: one throughput-over-time figure per configuration. */
  seriesPerConfiguration?: boolean;
  /** --force: write into a folder holding other files, keeping that folder as DIR.backup-N. */
  force?: boolean;
  /** The command line as given (after the program name), for the report's "How to reproduce" line. */
  argv?: string[];
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Expected repetitions per configuration, from the observed design, with each cell's state. */
export function completenessOf(inventory: Inventory, analysis: AnalysisResult): Completeness {
  const runs = inventory.runs.filter((r) => r.factors.phase !== 'load');
  const design = designFromRuns(runs);
  const gaps = findGaps(runs, design);
  const outliers = new Set(analysis.groups.flatMap((g) => g.runs.filter((r) => r.outlier.iqr !== 'none' || r.outlier.grubbs).map((r) => r.file)));
  // Index the ok runs by configuration and rep once (a lookup per cell would be quadratic).
  const okByConfigRep = new Map<string, string>();
  const keyOf = (factors: Record<string, string>, names: string[], rep: string) => names.map((n) => `${n}=${factors[n] ?? ''}`).join(',') + `#${rep}`;
  const configNames = new Map<string, string[]>();
  for (const c of gaps.configurations) configNames.set(c.key, Object.keys(c.factors).sort());
  const nameSets = [...new Set([...configNames.values()].map((n) => n.join(',')))].map((n) => n.split(','));
  for (const r of runs) {
    if (r.status !== 'ok' || r.factors.rep === undefined) continue;
    for (const names of nameSets) {
      const k = keyOf(r.factors, names, r.factors.rep);
      if (!okByConfigRep.has(k)) okByConfigRep.set(k, r.file);
    }
  }
  const configurations = gaps.configurations.map((c) => {
    const cells = new Map<number, { rep: string; status: CellStatus; file?: string }>();
    for (let rep = 1; rep <= c.expected; rep++) cells.set(rep, { rep: String(rep), status: 'missing' });
    for (const f of c.failed) cells.set(f.rep, { rep: String(f.rep), status: 'failed', file: f.file });
    const names = configNames.get(c.key)!;
    for (const rep of c.okReps) {
      const file = okByConfigRep.get(keyOf(c.factors, names, String(rep)));
      cells.set(rep, { rep: String(rep), status: file && outliers.has(file) ? 'outlier' : 'ok', file });
    }
    return { factors: c.factors, reps: [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v) };
  });
  return { configurations };
}

/** Latency metrics worth a table of their own: average and tail of every operation present. */
function latencyMetrics(inventory: Inventory, analysis: AnalysisResult): string[] {
  const main = analysis.metric;
  const present = new Set<string>();
  for (const r of inventory.runs) {
    if (r.status !== 'ok' || (r.factors.phase === 'load' && !analysis.options.includeLoad)) continue;
    for (const m of Object.keys(r.metrics)) present.add(m);
  }
  const wanted: string[] = [];
  for (const op of ['read', 'update', 'insert', 'scan', 'read-modify-write']) {
    for (const s of ['avg', 'p95', 'p99']) {
      const m = `${op}.${s}`;
      if (present.has(m) && m !== main) wanted.push(m);
    }
  }
  return wanted;
}

/** The report folder's path from --report. */
function reportDir(o: ReportCliOptions, io: Io): string {
  return isAbsolute(o.report!) ? o.report! : resolve(io.cwd, o.report!);
}

/** A refused report folder as the CLI says it: what was found, and the flag that allows it. */
function folderError(err: ReportFolderError, o: ReportCliOptions): CliError {
  if (err.kind !== 'foreign') return new CliError(`--report ${o.report}: ${err.message}`, EXIT.usage);
  const shown = err.found.slice(0, 5).map((f) => `  ${f.path}  (${f.why})`).join('\n');
  const more = err.found.length > 5 ? `\n  … and ${err.found.length - 5} more` : '';
  return new CliError(
    `--report ${o.report}: the report replaces this whole folder, and it holds ${err.found.length === 1 ? 'an entry' : `${err.found.length} entries`} ycsb-analyze did not write:\n${shown}${more}\n` +
      (err.earlierReport ? 'It looks like a report of an earlier version, which kept no list of its files.\n' : '') +
      `Give a new or empty folder, or add --force: the folder as it is now is then kept, untouched, as ${err.dir}.backup-N beside the new report (nothing is deleted).`,
    EXIT.usage,
  );
}

/** Before a long analysis: refuse a report folder that would be refused at the end anyway. */
export function checkReportTarget(o: ReportCliOptions, io: Io): void {
  try {
    checkReportFolder(reportDir(o, io), o.force === true);
  } catch (err) {
    if (err instanceof ReportFolderError) throw folderError(err, o);
    throw err;
  }
}

export async function writeReportFromCli(inventory: Inventory, analysis: AnalysisResult, o: ReportCliOptions, io: Io): Promise<void> {
  const dir = reportDir(o, io);
  // 1. Completeness.
  const completeness = completenessOf(inventory, analysis);
  // 2. Further metrics, same grouping.
  const more = latencyMetrics(inventory, analysis).map((metric) => inCliTerms(analyze(inventory, { ...analysis.options, metric, bootstrap: undefined })));
  // 3. The provenance of the runs fill produced (files beside the outputs), for the methods.
  const provenance = readProvenance(inventory);
  // 4. Write.
  try {
    const result = await writeReport(dir, {
      analysis,
      more,
      inventory,
      completeness,
      provenance,
      options: {
        pdf: o.pdf,
        chromium: o.chromium,
        template: o.template ? (isAbsolute(o.template) ? o.template : resolve(io.cwd, o.template)) : undefined,
        stamp: o.stamp,
        appendix: o.appendix === true,
        independentScales: o.independentScales === true,
        seriesPerConfiguration: o.seriesPerConfiguration === true,
        force: o.force === true,
        reproduce: o.argv ? ['analyze', ...o.argv].map(shellWord).join(' ') : undefined,
      },
    });
    if (result.backup) io.stderr.write(`report: ${o.report} held files ycsb-analyze did not write; the folder as it was is kept, untouched, as ${result.backup}\n`);
    if (result.leftover) io.stderr.write(`report: could not remove the earlier report's folder ${result.leftover} completely; check it and delete it\n`);
    io.stderr.write(`report: wrote ${result.files.length} files to ${o.report} (open ${o.report}/index.html)\n`);
  } catch (err) {
    if (err instanceof ReportFolderError) throw folderError(err, o);
    if (err instanceof ChromiumMissingError) {
      io.stderr.write(`report: the HTML, figures and tables are written to ${o.report}, but no PDF: ${err.message}\n`);
      throw new CliError('--pdf needs Chromium', EXIT.error);
    }
    throw new CliError(`report: ${(err as Error).message}`);
  }
}
