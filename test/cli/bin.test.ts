/**
 * The built executable (dist/cli/bin.js): it runs the CLI from the CommonJS bundle dist/cli/cli.cjs
 * under the V8 code cache the build wrote, and falls back to the ES modules. Both must print what
 * the CLI prints in-process, the report must load through either, and the cache must be one this
 * Node accepts (a rejected cache costs the start-up time it exists to save, silently).
 * Skipped, with the reason printed, when the build is absent (`npm ci` / `npm run build` make it).
 */
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../../fixtures/exec/cli.js';
import { applyCliV8Flags } from '../../src/cli/v8-flags.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/cli/bin.js');
const BUNDLE = path.join(ROOT, 'dist/cli/cli.cjs');
const built = existsSync(BIN) && existsSync(BUNDLE) && existsSync(`${BUNDLE}.cache`) && existsSync(`${BUNDLE}.cache.stamp`);
if (!built) console.log('skipped the executable tests: run `npm run build` first (dist/cli/cli.cjs, its .cache or .cache.stamp is absent)');

const inProcess = async (argv: string[]): Promise<string> => (await runCli(argv, ROOT, {})).stdout;

function binary(argv: string[], mode: 'off' | 'verbose' = 'verbose'): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, YCSB_ANALYZE_CODE_CACHE: mode };
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The line YCSB_ANALYZE_CODE_CACHE=verbose prints, and the rest of stderr. */
function loadedHow(stderr: string): { how: string; rest: string } {
  const m = /^analyze: (CLI from [^\n]*)\n/.exec(stderr);
  return { how: m ? m[1].replace(BUNDLE, 'cli.cjs') : '(none)', rest: m ? stderr.slice(m[0].length) : stderr };
}

describe.skipIf(!built)('dist/cli/bin.js', () => {
  it('the code cache written by the build is accepted by this Node, and stamped with its cli.cjs', () => {
    applyCliV8Flags(); // as the executable does (V8 rejects a cache made under other flags)
    const source = readFileSync(BUNDLE);
    const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: BUNDLE, cachedData: readFileSync(`${BUNDLE}.cache`) });
    expect(script.cachedDataRejected).toBe(false);
    // the stamp names the bytes it was made from: length and CRC-32 (this Node has zlib.crc32)
    expect(readFileSync(`${BUNDLE}.cache.stamp`, 'utf8').trim()).toBe(`crc32 ${source.length} ${zlib.crc32(source)}`);
  });

  const modes = [
    ['verbose', 'from the bundle and its code cache', 'CLI from cli.cjs, code cache used'],
    ['off', 'from the ES modules (YCSB_ANALYZE_CODE_CACHE=off)', '(none)'],
  ] as const;
  for (const [mode, how, line] of modes) {
    it(`prints what the CLI prints in-process, ${how}`, async () => {
      const argv = ['fixtures/campaign', '--group', 'rf,workload'];
      const r = binary(argv, mode);
      expect({ status: r.status, ...loadedHow(r.stderr) }).toEqual({ status: 0, how: line, rest: '' });
      expect(r.stdout).toBe(await inProcess(argv));
    }, 60_000);

    it(`writes a report (Vega, loaded on demand), ${how}`, () => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-bin-')), 'report');
      const r = binary(['fixtures/campaign', '--group', 'rf,workload', '--report', out], mode);
      const { how: loaded, rest } = loadedHow(r.stderr);
      expect({ status: r.status, loaded, rest: rest.replace(/^report: wrote \d+ files to .*\n$/, '') }).toEqual({ status: 0, loaded: line, rest: '' });
      expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<svg');
    }, 60_000);

    // regression: the report's CliError is another copy of the class when the CLI runs from the
    // bundle; `instanceof` missed it and printed "internal error" with a stack
    it(`a report that cannot be written is a plain error message, ${how}`, () => {
      const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-bin-')), 'a-file');
      writeFileSync(blocker, 'not a folder');
      const r = binary(['fixtures/campaign', '--group', 'rf,workload', '--report', path.join(blocker, 'report')], mode);
      const { rest } = loadedHow(r.stderr);
      expect(r.status).toBe(1);
      expect(rest).toMatch(/^analyze: report: /);
      expect(rest).not.toMatch(/internal error|\n\s+at /);
    }, 60_000);
  }

  it('a code cache stamped for another cli.cjs is not used (V8 checks little more than the length)', async () => {
    const stamp = `${BUNDLE}.cache.stamp`;
    const saved = readFileSync(stamp, 'utf8');
    try {
      // the same length, another CRC-32
      writeFileSync(stamp, saved.replace(/ (\d+)\n?$/, (_, crc: string) => ` ${(Number(crc) + 1) % 2 ** 32}\n`));
      const argv = ['fixtures/campaign', '--group', 'rf,workload'];
      const r = binary(argv);
      expect({ status: r.status, ...loadedHow(r.stderr) }).toEqual({ status: 0, how: 'CLI from cli.cjs, code cache stale (made from another cli.cjs): not used', rest: '' });
      expect(r.stdout).toBe(await inProcess(argv));
    } finally {
      writeFileSync(stamp, saved);
    }
  }, 60_000);
});
