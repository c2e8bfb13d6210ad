/** `analyze scheme <dir>`: which naming scheme matched each file pattern, and the factors it gave. */
import type { Command } from 'commander';
import { explainSchemes } from '../ingest/scheme/index.js';
import type { Inventory } from '../model/index.js';
import { addInputOptions, loadInputs, type InputOptions } from './common.js';
import type { Io } from './io.js';
import { formatExplanation } from './scheme-text.js';

/** The explanation block for the files of an inventory. */
export function formatExplanationFor(inv: Inventory, templates: string[]): string {
  // file paths (a file of several invocations once, not as file#k); empty files as before (not-ycsb then)
  const paths = [...new Set(inv.runs.filter((r) => r.format !== 'table' && r.status !== 'not-ycsb' && r.status !== 'unreadable' && r.status !== 'empty').map((r) => r.invocation?.path ?? r.file))];
  return formatExplanation(explainSchemes(paths, { templates, templateFlag: '--scheme' }));
}

export function register(program: Command, io: Io): void {
  const cmd = program
    .command('scheme')
    .description('show, per file-name pattern, which naming scheme matched and the factors it gave')
    .argument('<dirs...>', 'folders or files to read')
    .addHelpText('after', "\nExamples:\n  analyze scheme ycsb/out\n  analyze scheme results --scheme '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}'\n");
  addInputOptions(cmd).action(async (dirs: string[], opts: InputOptions) => {
    const inv = await loadInputs(dirs, opts, io);
    io.stdout.write(formatExplanationFor(inv, opts.scheme ?? []));
  });
}
