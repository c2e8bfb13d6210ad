/**
 * The command line as a function: `run(argv, stdout, stderr) -> exit code`.
 *
 * ```
 * argv ──► commander program ──► one command file (src/cli/<command>.ts)
 *                                   │ load (ingest) → analyse (analysis) → render (report) / plan (exec)
 *                                   ▼
 *                             stdout / stderr ──► exit code
 * ```
 * Commands register themselves from their own files; nothing here knows what they do.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT, type Io, type Out } from './io.js';
import { registerCommands } from './commands.js';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function run(
  argv: string[],
  stdout: Out,
  stderr: Out,
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<number> {
  const io: Io = { stdout, stderr, cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env };
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };

  // 1. Build the program, with output routed to the injected streams.
  const program = new Command('analyze')
    .description('Statistics, reports and gap filling for YCSB benchmark campaigns.')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => stdout.write(s),
      writeErr: (s) => stderr.write(s),
    })
    .version(version(), '-V, --version')
    .showHelpAfterError('(run `analyze --help` for usage)')
    .addHelpText(
      'after',
      `
Examples:
  analyze fixtures/campaign                                   inventory, factor levels, statistics
  analyze ycsb/out --group rf,workload                        compare replication factors per workload
  analyze ycsb/out --group rf,workload --report reports/run1 --pdf
  analyze scheme ycsb/out                                     which naming scheme read each file
  analyze export ycsb/out --format seed-csv --out summary.csv the old script's CSV
  analyze gaps ycsb/out --reps 30                             missing and failed repetitions (exit 3 if any)
  analyze fill ycsb/out --reps 30                             the kubectl plan that fills them (nothing runs without --execute)

The default command (\`summary\`) runs when the first argument is a folder: its options (--group,
--compare, --metric, --filter, --confidence, --bootstrap, --exclude-outliers, --adjust, --twoway,
--target-ci, --trim-warmup, --json, --csv, --report, --pdf, …) are listed by \`analyze summary --help\`.
Run \`analyze <command> --help\` for any command's options.`,
    );

  // 2. Every command adds itself.
  registerCommands(program, io, setExit);

  // 3. Parse and run; turn every failure into a message and an exit code.
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (CliError.is(err)) {
      stderr.write(`analyze: ${err.message}\n`);
      return err.code;
    }
    const e = err as Error;
    stderr.write(`analyze: internal error: ${e?.message ?? String(err)}\n${e?.stack ?? ''}\n`);
    return EXIT.error;
  }
  return exitCode;
}
