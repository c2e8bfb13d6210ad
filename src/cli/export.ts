/** `analyze export <dir> --format seed-csv|csv|json [--out FILE]` */
import { existsSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { dirname, basename, join, isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { exportInventory, seedCsv, type ExportFormat } from '../analysis/export.js';
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
    if (opts.format === 'seed-csv') {
      // The rows that are not measurements, as the old script wrote them: said once, on stderr.
      const { notes } = seedCsv(inv);
      const failed = notes.filter((n) => n.status === 'failed');
      const partial = notes.filter((n) => n.status === 'partial');
      if (failed.length) io.stderr.write(`analyze export: ${failed.length} ${failed.length === 1 ? 'row is a failed run' : 'rows are failed runs'}, written as the old script wrote them (Throughput as printed, 0.0: not a measurement):\n`);
      for (const n of failed) io.stderr.write(`  line ${n.line}: ${n.file}: ${n.reason}\n`);
      if (partial.length) io.stderr.write(`analyze export: ${partial.length} ${partial.length === 1 ? 'row is a partial run' : 'rows are partial runs'} (no summary: empty cells):\n`);
      for (const n of partial) io.stderr.write(`  line ${n.line}: ${n.file}: ${n.reason}\n`);
      const copies = inv.runs.filter((r) => r.status === 'duplicate' && r.factors.phase !== 'load');
      if (copies.length) io.stderr.write(`analyze export: ${copies.length} byte-identical ${copies.length === 1 ? 'copy' : 'copies'} of a run left out (the old script wrote each as a row of its own): ${copies.map((r) => r.file).join(', ')}\n`);
    }
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
