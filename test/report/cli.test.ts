/**
 * The report options of the CLI: --appendix and --force reach the library, a folder with foreign
 * files is refused with a message that says what was found and what to do, and the report's
 * "How to reproduce" line is the command as given.
 */
import { existsSync, readdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { shellWord } from '../../src/cli/report.js';
import { reproduceText } from './html-text.js';

const CAMPAIGN = path.resolve(__dirname, '../../fixtures/campaign');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { write: (s: string) => out.push(s) }, { write: (s: string) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('analyze --report: --appendix, --force, how to reproduce', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-cli-report-')), 'my report');

  it('writes the report with the exact command as its reproduce line, and no appendix by default', async () => {
    const args = [CAMPAIGN, '--group', 'rf,workload', '--report', dir];
    const r = await cli(args);
    expect(r.err).toMatch(/report: wrote \d+ files/);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(reproduceText(/<p class="reproduce">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '')).toBe(`How to reproduce: analyze ${CAMPAIGN} --group rf,workload --report '${dir}'`);
    expect(html).not.toContain('id="appendix"');
  }, 120_000);

  it('refuses the folder once it holds a file of the user, naming it, and --force keeps it in a backup', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const refused = await cli([CAMPAIGN, '--group', 'rf,workload', '--report', dir, '--appendix']);
    expect(refused.code).toBe(2);
    // Refused before loading and analysing: nothing was printed on stdout.
    expect(refused.out).toBe('');
    expect(refused.err).toContain('notes.txt  (not listed as written by ycsb-analyze)');
    expect(refused.err).toContain('add --force');
    expect(refused.err).toContain(`${dir}.backup-N`);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');

    const forced = await cli([CAMPAIGN, '--group', 'rf,workload', '--report', dir, '--appendix', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.err).toContain(`kept, untouched, as ${dir}.backup-1`);
    expect(readFileSync(path.join(`${dir}.backup-1`, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(path.join(dir, 'notes.txt'))).toBe(false);
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('<section id="appendix">');
  }, 120_000);

  it('--independent-scales and --series-per-configuration reach the figures', async () => {
    const shared = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-cli-scales-')), 'r');
    const own = path.join(mkdtempSync(path.join(tmpdir(), 'ycsb-cli-scales-')), 'r');
    expect((await cli([CAMPAIGN, '--group', 'rf,workload', '--report', shared])).code).toBe(0);
    expect((await cli([CAMPAIGN, '--group', 'rf,workload', '--report', own, '--independent-scales', '--series-per-configuration'])).code).toBe(0);
    const scaleOf = (d: string) => JSON.stringify((JSON.parse(readFileSync(path.join(d, 'figures', 'means.vl.json'), 'utf8')) as { resolve?: unknown }).resolve ?? null);
    expect(scaleOf(shared)).not.toContain('independent');
    expect(scaleOf(own)).toContain('independent');
    const series = (d: string) => readdirSync(path.join(d, 'figures')).filter((f) => f.startsWith('series') && f.endsWith('.vl.json')).length;
    expect(series(own)).toBeGreaterThan(series(shared));
  }, 240_000);
});

describe('shellWord', () => {
  it('quotes only what a shell would split or expand', () => {
    expect(shellWord('rf,workload')).toBe('rf,workload');
    expect(shellWord('../data/x_1.txt')).toBe('../data/x_1.txt');
    expect(shellWord('my report')).toBe("'my report'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('{db}-{rep}')).toBe("'{db}-{rep}'");
    expect(shellWord('$HOME')).toBe("'$HOME'");
  });
});
