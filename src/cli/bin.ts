#!/usr/bin/env node
/**
 * The `analyze` executable.
 *
 * ```
 * process.argv ──run (./main.ts)──► stdout / stderr ──► process.exitCode
 * ```
 * `npm run build` bundles it (esbuild, ES modules, split: the report's chunk, with Vega, is loaded
 * only when a command writes a report), so that a start reads a few files instead of a hundred.
 */
import { run } from './main.js';

// `analyze … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

run(process.argv.slice(2), process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`analyze: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
