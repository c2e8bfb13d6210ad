/**
 * Hostile file and folder names through every command (analyze, --json, scheme, export, --report,
 * gaps, fill --execute against the fake kubectl): names with shell metacharacters, quotes,
 * newlines, `..` and HTML. Nothing is executed (no PWNED file appears anywhere), nothing is written
 * outside what the command names, names come back byte for byte, and HTML is escaped in every
 * report output.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, installFakeKubectl } from '../../fixtures/exec/cli.js';
import { generateCampaign } from '../../fixtures/generator.js';

const HTML_DB = '<img src=x onerror=alert(1)>';
const SHELL_DB = "$(touch PWNED);`touch PWNED2`;'\"&|";
/** The campaign folder's own name: a newline, quotes, a command substitution, `..` and HTML. */
const FOLDER = "camp $(touch PWNED3) '\"\n..<b>x";
const SCHEME = '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}';


/** Every path under dir (relative), files and folders. */
function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    out.push(relative(base, p));
    if (statSync(p).isDirectory()) out.push(...walk(p, base));
  }
  return out;
}

describe('hostile names through every command', () => {
  let root: string;
  let camp: string;
  let env: Record<string, string | undefined>;
  const names: string[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'names-'));
    camp = join(root, FOLDER);
    mkdirSync(camp);
    env = installFakeKubectl(root);
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ context: 'rpicloud' }));
    // Three databases (one named with HTML, one with shell syntax) × workload a × rf 1 × reps 1, 2, 4:
    // rep 3 is missing everywhere, so gaps and fill have work to do.
    const files = generateCampaign({ dbs: ['cassandra', 'hbase', 'citus'], workloads: ['a'], rfs: [1], reps: 4, seed: 11, intervals: 6, missing: ['cassandra/a/1/3', 'hbase/a/1/3', 'citus/a/1/3'] });
    for (const f of files) {
      const name = f.name.replace(/^hbase-/, `${HTML_DB}-`).replace(/^citus-(exec|load)-14-(.*)-bs_7000-fs_3000\.txt$/, `${SHELL_DB}-$1-14-$2.txt`);
      writeFileSync(join(camp, name), f.text);
      names.push(name);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const noCommandRan = () => {
    const all = walk(root);
    // What `touch PWNED…` would have created if any name had reached a shell.
    expect(all.filter((p) => /^PWNED\d?$/.test(p.split('/').pop()!))).toEqual([]);
    expect(existsSync(join(process.cwd(), 'PWNED'))).toBe(false);
  };

  it('analyze: every file read under its own name; text and --json name them byte for byte', async () => {
    const r = await cli([FOLDER, '--scheme', SCHEME, '--group', 'db'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Inventory: 12 inputs — 12 ok/);
    const j = await cli([FOLDER, '--scheme', SCHEME, '--group', 'db', '--json'], root);
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.stdout) as { inventory: { files: { file: string; factors: Record<string, string> }[] } };
    expect(parsed.inventory.files.map((f) => f.file).sort()).toEqual([...names].sort());
    // Factor levels are lower-cased by the scheme; the characters themselves are kept.
    const dbs = new Set(parsed.inventory.files.map((f) => f.factors.db));
    expect(dbs.has(HTML_DB)).toBe(true);
    expect(dbs.has(SHELL_DB.toLowerCase())).toBe(true);
    noCommandRan();
  });

  it('scheme: explains the names without running anything', async () => {
    const r = await cli(['scheme', FOLDER, '--scheme', SCHEME], root);
    expect(r.code).toBe(0);
    noCommandRan();
  });

  it('export: every format; --out with metacharacters writes exactly that file and nothing else', async () => {
    for (const format of ['seed-csv', 'csv', 'json']) {
      const r = await cli(['export', FOLDER, '--scheme', SCHEME, '--format', format], root);
      expect(r.code, r.stderr).toBe(0);
    }
    const json = await cli(['export', FOLDER, '--scheme', SCHEME, '--format', 'json'], root);
    expect(json.stdout).toContain(JSON.stringify(SHELL_DB).slice(1, -1));
    const before = new Set(walk(root));
    const out = "out $(touch PWNED4) ';\n.csv";
    const r = await cli(['export', FOLDER, '--scheme', SCHEME, '--format', 'csv', '--out', out], root);
    expect(r.code, r.stderr).toBe(0);
    const added = walk(root).filter((p) => !before.has(p));
    expect(added).toEqual([out]);
    // A quoted CSV cell keeps the HTML and shell names intact.
    expect(readFileSync(join(root, out), 'utf8')).toContain(SHELL_DB.replace(/"/g, '""'));
    noCommandRan();
  });

  it('--report: names with HTML are escaped in the HTML and SVG outputs, and nothing is written outside the report folder', async () => {
    const before = new Set(walk(root));
    const report = 'report <i>$(touch PWNED5)';
    const r = await cli([FOLDER, '--scheme', SCHEME, '--group', 'db', '--report', report], root);
    expect(r.code, r.stderr).toBe(0);
    const added = walk(root).filter((p) => !before.has(p));
    expect(added.length).toBeGreaterThan(3);
    for (const p of added) expect(p === report || p.startsWith(`${report}/`), p).toBe(true);
    const dir = join(root, report);
    const outputs = walk(dir).filter((p) => statSync(join(dir, p)).isFile());
    expect(outputs).toContain('index.html');
    for (const p of outputs.filter((x) => /\.(html|svg)$/.test(x))) {
      const text = readFileSync(join(dir, p), 'utf8');
      expect(text.includes(HTML_DB), `${p} contains the raw <img> tag`).toBe(false);
      expect(text.includes('<b>x'), `${p} contains the raw folder name`).toBe(false);
    }
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/&lt;img src=x onerror=alert\(1\)&gt;/);
    // LaTeX tables: TeX specials of the shell name are escaped ($ & ` would break or inject).
    for (const p of outputs.filter((x) => x.endsWith('.tex'))) {
      const text = readFileSync(join(dir, p), 'utf8');
      expect(text.includes('$(touch PWNED)'), `${p} has an unescaped $`).toBe(false);
    }
    noCommandRan();
  });

  it('gaps: the missing repetitions of every database, names as given', async () => {
    const r = await cli(['gaps', FOLDER, '--scheme', SCHEME], root);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain(HTML_DB);
    noCommandRan();
  });

  it('fill --execute in a folder with a hostile name: the run is placed there, the name reaches kubectl as one argument', async () => {
    const folder = "fill $(touch PWNED6) ';\n<i>";
    mkdirSync(join(root, folder));
    for (const f of generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 4, seed: 12, intervals: 6, missing: ['cassandra/a/1/3'] })) writeFileSync(join(root, folder, f.name), f.text);
    const before = new Set(walk(root));
    // The generated campaign is not what today's scripts run (operationcount, hosts…): this test is about names.
    const r = await cli(['fill', folder, '--context', 'rpicloud', '--execute', '--backoff', '0', '--accept-different'], root, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('placed cassandra-exec-15-1000000-a-3-rf_1.txt');
    expect(existsSync(join(root, folder, 'cassandra-exec-15-1000000-a-3-rf_1.txt'))).toBe(true);
    const calls = readFileSync(join(root, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    const cp = calls.filter((c) => c.includes('cp'));
    expect(cp.length).toBeGreaterThan(0);
    for (const c of cp) expect(c.some((a) => a.startsWith(folder + '/') || a.startsWith(join(root, folder) + '/')), JSON.stringify(c)).toBe(true);
    const added = walk(root).filter((p) => !before.has(p));
    for (const p of added) {
      const ok = p.startsWith(`${folder}/`) || p.startsWith('remote') || p.startsWith('scenario.json') || p === 'calls.jsonl';
      expect(ok, `written outside the campaign: ${JSON.stringify(p)}`).toBe(true);
    }
    noCommandRan();
  });

  it('fill --execute against the fake kubectl: arguments passed as data, outputs placed only in the campaign', async () => {
    const before = new Set(walk(root));
    const r = await cli(['fill', FOLDER, '--context', 'rpicloud', '--execute', '--backoff', '0'], root, env);
    // Databases it cannot deploy (an HTML or shell name) are refused or skipped, never run through a shell.
    expect([0, 1, 3]).toContain(r.code);
    const calls = existsSync(join(root, 'calls.jsonl')) ? readFileSync(join(root, 'calls.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : [];
    for (const c of calls) for (const a of c) expect(typeof a).toBe('string');
    const added = walk(root).filter((p) => !before.has(p));
    for (const p of added) {
      const ok = p.startsWith(`${FOLDER}/`) || p.startsWith('remote') || p.startsWith('scenario.json') || p === 'calls.jsonl';
      expect(ok, `written outside the campaign: ${JSON.stringify(p)}`).toBe(true);
    }
    noCommandRan();
  });
});
