#!/usr/bin/env node
import { run } from './main.js';

run(process.argv.slice(2), process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`analyze: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
