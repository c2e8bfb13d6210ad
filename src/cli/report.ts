/** The `--report DIR` part of the main command: builds the report inputs and writes them. */
import { isAbsolute, resolve } from 'node:path';
import type { AnalysisResult } from '../analysis/types.js';
import type { Inventory } from '../model/index.js';
import type { Io } from './io.js';

export interface ReportCliOptions {
  report?: string;
  pdf?: boolean;
  chromium?: string;
  template?: string;
  stamp?: boolean;
}

export async function writeReportFromCli(inventory: Inventory, analysis: AnalysisResult, o: ReportCliOptions, io: Io): Promise<void> {
  const dir = isAbsolute(o.report!) ? o.report! : resolve(io.cwd, o.report!);
  void inventory;
  void analysis;
  io.stderr.write(`report: not yet available (would write ${dir})\n`);
}
