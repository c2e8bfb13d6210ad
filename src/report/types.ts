/**
 * What the report layer takes in besides the AnalysisResult: the campaign's completeness grid
 * (filled by the analysis' gap computation) and the options of `--report`.
 */
import type { AnalysisResult } from '../analysis/types.js';
import type { Factors, Inventory, ProvenanceSet } from '../model/index.js';

/** State of one repetition of one configuration in the completeness grid. */
export type CellStatus = 'ok' | 'failed' | 'missing' | 'outlier';

/** The expected repetitions of every configuration and what became of each. */
export interface Completeness {
  configurations: {
    /** The levels that identify the configuration (without rep). */
    factors: Factors;
    /** One entry per expected repetition (1..reps), plus any extra found. */
    reps: { rep: string; status: CellStatus; file?: string }[];
  }[];
}

export interface ReportOptions {
  /** Also print report.pdf and figures/NAME.pdf with headless Chromium. */
  pdf?: boolean;
  /** Chromium executable (default /usr/bin/chromium). */
  chromium?: string;
  /** A template file (report.html) or a folder holding report.html and report.css. */
  template?: string;
  /** Write the generation time (an ISO string, or true for now). Off by default: same input, same bytes. */
  stamp?: boolean | string;
  /** Report title (default: "YCSB analysis: <metric>"). */
  title?: string;
  /** Add the appendix: one compact line per input file (the per-run table is always in the CSV files). */
  appendix?: boolean;
  /** Give every panel of the means and series figures its own y scale (default: one scale shared across panels). */
  independentScales?: boolean;
  /** One throughput-over-time figure per configuration instead of small multiples of up to 12 panels. */
  seriesPerConfiguration?: boolean;
  /**
   * Write into a folder that holds files this tool did not write (or changed since it wrote them).
   * Nothing is deleted: the folder as it was is renamed to DIR.backup-N beside the new report.
   * Without it such a folder is refused (ReportFolderError).
   */
  force?: boolean;
  /** The exact command that made the report, shown once as "How to reproduce". */
  reproduce?: string;
}

/** Everything writeReport needs. */
export interface ReportInput {
  /** The main analysis (the metric of --metric). */
  analysis: AnalysisResult;
  /** Analyses of further metrics (same grouping), each rendered as its own table. */
  more?: AnalysisResult[];
  inventory: Inventory;
  /** The completeness grid; without it the completeness chart is built from the analysis' groups. */
  completeness?: Completeness;
  /** The provenance files beside the outputs `fill` produced (src/ingest/provenance.ts), for the methods. */
  provenance?: ProvenanceSet;
  options?: ReportOptions;
}
