/**
 * The built executable (dist/cli/bin.js, the esbuild ES-module bundle): it must print what the CLI
 * prints in-process, load the report (Vega) on demand, and turn the report's errors into plain
 * messages. Skipped, with the reason printed, when the build is absent (`npm ci` / `npm run build`
 * make it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from '../../fixtures/exec/cli.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/cli/bin.js');
const built = existsSync(BIN);
if (!built) console.log('skipped the executable tests: run `npm run build` first (dist/cli/bin.js is absent)');

const inProcess = async (argv: string[]): Promise<string> => (await runCli(argv, ROOT, {})).stdout;

function binary(argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('dist/cli/bin.js', () => {
  it('prints what the CLI prints in-process', async () => {
    const argv = ['fixtures/campaign', '--group', 'rf,workload'];
    const r = binary(argv);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toBe(await inProcess(argv));
  }, 60_000);

  it('writes a report (Vega, loaded on demand)', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-bin-')), 'report');
    const r = binary(['fixtures/campaign', '--group', 'rf,workload', '--report', out]);
    expect({ status: r.status, rest: r.stderr.replace(/^report: wrote \d+ files to .*\n$/, '') }).toEqual({ status: 0, rest: '' });
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<svg');
  }, 60_000);

  // regression: the report's CliError was another copy of the class when the CLI ran from a
  // bundle; `instanceof` missed it and printed "internal error" with a stack
  it('a report that cannot be written is a plain error message', () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-bin-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const r = binary(['fixtures/campaign', '--group', 'rf,workload', '--report', path.join(blocker, 'report')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^analyze: report: /);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  }, 60_000);
});
