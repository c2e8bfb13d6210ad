/**
 * --scheme checked against the data (issue 19): a template whose factor name is a near miss of a
 * known one, or that reads none of the files found, is a usage error (exit 2) in one line that says
 * what to write instead; a good one is used. And the inventory's notices: printed in the text,
 * listed in --json only when there are some.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli as runCli } from '../../fixtures/exec/cli.js';
import { compileTemplate } from '../../src/ingest/scheme/index.js';

const ROOT = path.resolve(__dirname, '../..');
const cli = (argv: string[]) => runCli(argv, ROOT, {});
const tmp = mkdtempSync(path.join(tmpdir(), 'ycsb-cli-scheme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder with copies of fixture outputs under other names (`name -> fixture file`). */
function campaign(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), readFileSync(path.join(ROOT, 'fixtures/campaign', from)));
  }
  return dir;
}

describe('--scheme errors: exit 2, one line, what to write instead', () => {
  it('a factor name one letter off a known one: did you mean, and the template as meant', async () => {
    for (const cmd of [[], ['scheme'], ['export', '--format', 'csv']]) {
      const r = await cli([...cmd, 'fixtures/campaign', '--scheme', '{db}-exec-{nodes}-{recordcount}-{wrkload}-{rep}-rf_{rf}']);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain("--scheme '{db}-exec-{nodes}-{recordcount}-{wrkload}-{rep}-rf_{rf}': {wrkload} is not a factor the tool knows; did you mean {workload}?");
      expect(lines[0]).toContain("Write --scheme '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}'");
    }
  });

  it('a template that reads none of the files: an example file and a template that reads it', async () => {
    const dir = campaign('nomatch', { 'results/hbase-rf3-7.txt': 'cassandra-exec-15-1000000-a-1-rf_1.txt', 'results/hbase-rf3-8.txt': 'cassandra-exec-15-1000000-a-2-rf_1.txt' });
    const r = await cli([dir, '--scheme', '{db}-exec-{rep}']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toContain("--scheme '{db}-exec-{rep}' reads none of the 2 files found (e.g. 'results/hbase-rf3-7.txt')");
    const suggested = /e\.g\. --scheme '([^']+)'/.exec(lines[0])?.[1];
    expect(suggested).toBe('{db}-rf{rf}-{_}');
    // what it says to write works
    expect(compileTemplate(suggested!).match('results/hbase-rf3-7.txt')).toBeDefined();
    const ok = await cli([dir, '--scheme', suggested!]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a template that reads the files is used, with names of ones own (bs, fs)', async () => {
    const r = await cli(['fixtures/campaign', '--scheme', '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}-bs_{bs}-fs_{fs}', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).inventory.notices).toBeUndefined();
  });
});

describe('notices: one line each in the inventory, and in --json only when there are some', () => {
  it('folders whose names no scheme reads become factors, and the inventory says so', async () => {
    const dir = campaign('folders', {
      'vm/cassandra-exec-15-1000000-a-1-rf_1.txt': 'cassandra-exec-15-1000000-a-1-rf_1.txt',
      'vm/cassandra-exec-15-1000000-a-2-rf_1.txt': 'cassandra-exec-15-1000000-a-2-rf_1.txt',
      'vm_dockered/cassandra-exec-15-1000000-a-1-rf_1.txt': 'cassandra-exec-15-1000000-a-3-rf_1.txt',
      'vm_dockered/cassandra-exec-15-1000000-a-2-rf_1.txt': 'cassandra-exec-15-1000000-a-4-rf_1.txt',
    });
    const text = await cli([dir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe('  notice      folders separate runs the file names do not: folder1 (vm, vm_dockered) is a factor');
    expect(text.stdout).toMatch(/^folder1 +n/m);
    const json = JSON.parse((await cli([dir, '--json'])).stdout);
    expect(json.inventory.notices).toEqual(['folders separate runs the file names do not: folder1 (vm, vm_dockered) is a factor']);
    expect(json.groups.map((g: { key: string; n: number }) => [g.key, g.n])).toEqual([
      ['folder1=vm', 2],
      ['folder1=vm_dockered', 2],
    ]);
  });
});
