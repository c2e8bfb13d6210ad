/** `analyze export <dir> --format seed-csv|csv|json [--out FILE]` */
import { existsSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { dirname, basename, join, isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { exportInventory, type ExportFormat } from '../analysis/export.js';
import { addInputOptions, loadInputs, type InputOptions } from './common.js';
import { CliError, EXIT, type Io } from './io.js';
import { choiceOption } from './options.js';

export function register(program: Command, io: Io): void {
  const cmd = program
    .command('export')
    .description('write the runs as the old script\'s CSV (seed-csv), tidy long CSV, or JSON')
    .argument('<dirs...>', 'folders or files to read')
    .addOption(choiceOption('--format <format>', 'output format', ['seed-csv', 'csv', 'json']).default('seed-csv'))
    .option('--out <file>', 'write to this file instead of stdout (never overwrites: refuses if it exists)')
    .option('--force', 'allow --out to replace an existing export file')
    .addHelpText('after', '\nExample:\n  analyze export ycsb/out --format seed-csv --out summary.csv\n');
  addInputOptions(cmd).action(async (dirs: string[], opts: InputOptions & { format: ExportFormat; out?: string; force?: boolean }) => {
    // JSON writes every sample of the status-line series
    const inv = await loadInputs(dirs, opts, io, { series: opts.format === 'json' ? 'full' : 'throughput' });
    const text = exportInventory(inv, opts.format);
    if (!opts.out) {
      io.stdout.write(text);
      return;
    }
    const out = isAbsolute(opts.out) ? opts.out : resolve(io.cwd, opts.out);
    if (existsSync(out) && !opts.force) {
      throw new CliError(`--out ${opts.out}: the file exists; choose another name or add --force`, EXIT.error);
    }
    const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
    await writeFile(tmp, text);
    await rename(tmp, out);
    const rows = opts.format === 'json' ? `${inv.runs.length} inputs` : `${Math.max(0, text.split('\n').length - 2)} rows`;
    io.stderr.write(`wrote ${opts.format} (${rows}) to ${opts.out}\n`);
  });
}
