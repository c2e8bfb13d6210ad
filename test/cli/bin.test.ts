/**
 * The built executable (dist/cli/bin.js): it runs the CLI from the CommonJS bundle dist/cli/cli.cjs
 * under the V8 code cache the build wrote, and falls back to the ES modules. Both must print what
 * the CLI prints in-process, the report must load through either, and the cache must be one this
 * Node accepts (a rejected cache costs the start-up time it exists to save, silently).
 * Skipped, with the reason printed, when the build is absent (`npm ci` / `npm run build` make it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Module } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/cli/bin.js');
const BUNDLE = path.join(ROOT, 'dist/cli/cli.cjs');
const built = existsSync(BIN) && existsSync(BUNDLE) && existsSync(`${BUNDLE}.cache`);
if (!built) console.log('skipped the executable tests: run `npm run build` first (dist/cli/cli.cjs or its .cache is absent)');

async function inProcess(argv: string[]): Promise<string> {
  let stdout = '';
  await run(argv, { write: (s: string) => (stdout += s) }, { write: () => {} }, { cwd: ROOT, env: {} });
  return stdout;
}

function binary(argv: string[], mode?: 'off'): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, YCSB_ANALYZE_CODE_CACHE: mode ?? '' };
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('dist/cli/bin.js', () => {
  it('the code cache written by the build is accepted by this Node', () => {
    const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData: readFileSync(`${BUNDLE}.cache`) });
    expect(script.cachedDataRejected).toBe(false);
  });

  for (const mode of [undefined, 'off'] as const) {
    const how = mode === 'off' ? 'from the ES modules (YCSB_ANALYZE_CODE_CACHE=off)' : 'from the bundle and its code cache';
    it(`prints what the CLI prints in-process, ${how}`, async () => {
      const argv = ['fixtures/campaign', '--group', 'rf,workload'];
      const r = binary(argv, mode);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout).toBe(await inProcess(argv));
    }, 60_000);

    it(`writes a report (Vega, loaded on demand), ${how}`, () => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-bin-')), 'report');
      const r = binary(['fixtures/campaign', '--group', 'rf,workload', '--report', out], mode);
      expect({ status: r.status, stderr: r.stderr.replace(/^report: wrote \d+ files to .*\n$/, '') }).toEqual({ status: 0, stderr: '' });
      expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<svg');
    }, 60_000);
  }
});
