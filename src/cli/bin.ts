#!/usr/bin/env node
/**
 * The `analyze` executable.
 *
 * ```
 * dist/cli/cli.cjs (the whole CLI in one CommonJS bundle) + cli.cjs.cache (V8 code cache, written
 *   by `npm run build` after one run on fixtures/campaign) ──vm.Script──► run(argv, stdout, stderr)
 * otherwise (no bundle) ──import('./main.js')──► run
 * ```
 * The code cache spares the compilation of ~1.7 MB of JavaScript at every start (on the study's
 * summary about 40–60 ms of ~1 s). It is used only when cli.cjs.cache.stamp names the cli.cjs it
 * was made from (its length and CRC-32, zlib's; its sha256 on a Node without zlib.crc32): V8 itself
 * checks little more than the source's length, and a cache from another build would run that
 * build's code. (A guard against a stale build, not against an attacker: whoever can write the
 * stamp can write cli.cjs. CRC-32 rather than sha256 spares every start node:crypto, ~5 ms.) V8
 * rejects the cache, and the bundle is compiled as usual, under another Node version or other V8
 * flags. Nothing is written at run time, except when YCSB_ANALYZE_CODE_CACHE=write asks for the
 * cache (the build does). YCSB_ANALYZE_CODE_CACHE=off runs the ES modules; =verbose says on stderr
 * which way the CLI was loaded.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { applyCliV8Flags } from './v8-flags.js';

type Run = (argv: string[], stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream) => Promise<number>;
type Lazy = typeof import('./lazy.js').lazy;

// V8 flags for large campaigns (see v8-flags.ts), before the bundle is compiled: its code cache is
// made under them.
applyCliV8Flags();

const mode = process.env.YCSB_ANALYZE_CODE_CACHE;
const say = (what: string) => {
  if (mode === 'verbose') process.stderr.write(`analyze: ${what}\n`);
};

/** What cli.cjs.cache.stamp holds for a cli.cjs of these bytes: `crc32 <length> <CRC-32>`, or `sha256 <hex>`. */
function stampOf(bytes: Uint8Array, require: NodeJS.Require): string {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (crc32 !== undefined) return `crc32 ${bytes.length} ${crc32(bytes)}`;
  return `sha256 ${(require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(bytes).digest('hex')}`;
}

/** `run` from dist/cli/cli.cjs through vm.Script with its code cache; undefined when not built. */
function fromBundle(): Run | undefined {
  const file = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  if (!existsSync(file) || mode === 'off') return undefined;
  const bytes = readFileSync(file);
  const requireFromBundle = createRequire(file);
  const stamp = stampOf(bytes, requireFromBundle);
  const cacheFile = `${file}.cache`;
  const stampFile = `${cacheFile}.stamp`;
  let cachedData: Buffer | undefined;
  let cacheState = 'absent';
  if (mode !== 'write' && existsSync(cacheFile)) {
    const written = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
    if (written === stamp) cachedData = readFileSync(cacheFile);
    else cacheState = 'stale (made from another cli.cjs): not used';
  }
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename: file, cachedData });
  if (cachedData) cacheState = script.cachedDataRejected ? 'rejected by V8 (another Node version or V8 flags)' : 'used';
  const mod = { exports: {} as { run?: Run; lazy?: Lazy } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, requireFromBundle, mod, file, dirname(file));
  if (typeof mod.exports.run !== 'function' || mod.exports.lazy === undefined) return undefined;
  // code in a vm.Script cannot import() an ES module: the report comes through this module instead
  mod.exports.lazy.report = () => import('./report.js');
  say(`CLI from ${file}, code cache ${cacheState}`);
  if (mode === 'write') {
    // after the run, so that the functions it compiled lazily are in the cache too
    process.once('exit', () => {
      writeFileSync(cacheFile, script.createCachedData());
      writeFileSync(stampFile, `${stamp}\n`);
    });
  }
  return mod.exports.run;
}

const run: Run =
  fromBundle() ??
  (say('CLI from the ES modules'), ((await import('./main.js')) as { run: Run }).run);

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
