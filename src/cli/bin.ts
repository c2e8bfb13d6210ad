#!/usr/bin/env node
/**
 * The `analyze` executable.
 *
 * ```
 * dist/cli/cli.cjs (the whole CLI in one CommonJS bundle) + cli.cjs.cache (V8 code cache, written
 *   by `npm run build` after one run on fixtures/campaign) ──vm.Script──► run(argv, stdout, stderr)
 * otherwise (no bundle, a cache V8 rejects is simply not used) ──import('./main.js')──► run
 * ```
 * The code cache spares the compilation of ~1.8 MB of JavaScript at every start (on the study's
 * summary about 40–60 ms of ~1 s). Nothing is ever written at run time, except when
 * YCSB_ANALYZE_CODE_CACHE=write asks for the cache (the build does); YCSB_ANALYZE_CODE_CACHE=off
 * runs the ES modules.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

type Run = (argv: string[], stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream) => Promise<number>;
type Lazy = typeof import('./lazy.js').lazy;

/** `run` from dist/cli/cli.cjs through vm.Script with its code cache; undefined when not built. */
function fromBundle(): Run | undefined {
  const file = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  if (!existsSync(file) || process.env.YCSB_ANALYZE_CODE_CACHE === 'off') return undefined;
  const writeCache = process.env.YCSB_ANALYZE_CODE_CACHE === 'write';
  const cacheFile = `${file}.cache`;
  const cachedData = !writeCache && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {} as { run?: Run; lazy?: Lazy } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  if (typeof mod.exports.run !== 'function' || mod.exports.lazy === undefined) return undefined;
  // code in a vm.Script cannot import() an ES module: the report comes through this module instead
  mod.exports.lazy.report = () => import('./report.js');
  // after the run, so that the functions it compiled lazily are in the cache too
  if (writeCache) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  return mod.exports.run;
}

const run: Run = fromBundle() ?? ((await import('./main.js')) as { run: Run }).run;

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
