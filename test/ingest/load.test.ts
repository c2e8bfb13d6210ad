import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, chmodSync, rmSync, readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode } from '../../src/ingest/decode.js';
import { loadRuns } from '../../src/ingest/load.js';
import { mergeFactors } from '../../src/ingest/to-run.js';
import { generateCampaign } from '../../fixtures/generator.js';
import type { Run } from '../../src/model/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'ycsb-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function campaignDir(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const [okRun] = generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 1, seed: 7 }).filter((f) => f.kind === 'ok');

function byFile(runs: Run[], file: string): Run {
  const r = runs.find((x) => x.file === file);
  if (!r) throw new Error(`no run for ${file}; have ${runs.map((x) => x.file).join(', ')}`);
  return r;
}

describe('loadRuns: every file accounted for', () => {
  it('gives each bad input a status and a reason, and never stops', async () => {
    const dir = campaignDir('bad');
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-1-rf_1.txt'), okRun.text);
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.dat'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0xff]));
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-2-rf_1.txt'), okRun.text.slice(0, Math.floor(okRun.text.length / 2)));
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-3-rf_1.txt'), okRun.text.replace(/\n/g, '\r\n'));
    // Latin-1 bytes (an 'é' as 0xE9) inside an otherwise valid output.
    const latin = Buffer.concat([Buffer.from('# r\xe9sultat\n', 'latin1'), Buffer.from(okRun.text)]);
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-4-rf_1.txt'), latin);
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-5-rf_1.txt'), okRun.text); // duplicate of rep 1
    const unreadable = join(dir, 'cassandra-exec-15-1000000-a-6-rf_1.txt');
    writeFileSync(unreadable, okRun.text);
    chmodSync(unreadable, 0o000);
    const asRoot = process.getuid?.() === 0;

    const inv = await loadRuns([dir]);
    expect(inv.runs.map((r) => r.file)).toEqual([
      'binary.dat',
      'cassandra-exec-15-1000000-a-1-rf_1.txt',
      'cassandra-exec-15-1000000-a-2-rf_1.txt',
      'cassandra-exec-15-1000000-a-3-rf_1.txt',
      'cassandra-exec-15-1000000-a-4-rf_1.txt',
      'cassandra-exec-15-1000000-a-5-rf_1.txt',
      'cassandra-exec-15-1000000-a-6-rf_1.txt',
      'empty.txt',
    ]);
    expect(byFile(inv.runs, 'cassandra-exec-15-1000000-a-1-rf_1.txt').status).toBe('ok');
    expect(byFile(inv.runs, 'empty.txt').status).toBe('empty');
    const bin = byFile(inv.runs, 'binary.dat');
    expect(bin.status).toBe('not-ycsb');
    expect(bin.diagnostics[0].found).toBe('a NUL byte at offset 4');
    expect(byFile(inv.runs, 'cassandra-exec-15-1000000-a-2-rf_1.txt').status).toBe('partial');
    const crlf = byFile(inv.runs, 'cassandra-exec-15-1000000-a-3-rf_1.txt');
    expect(crlf.status).toBe('ok');
    expect(crlf.metrics.throughput).toBe(byFile(inv.runs, 'cassandra-exec-15-1000000-a-1-rf_1.txt').metrics.throughput);
    const lat = byFile(inv.runs, 'cassandra-exec-15-1000000-a-4-rf_1.txt');
    expect(lat.status).toBe('ok');
    expect(lat.diagnostics.some((d) => d.message.includes('not valid UTF-8') && d.line === 1)).toBe(true);
    const dup = byFile(inv.runs, 'cassandra-exec-15-1000000-a-5-rf_1.txt');
    expect(dup.status).toBe('duplicate');
    expect(dup.duplicateOf).toBe('cassandra-exec-15-1000000-a-1-rf_1.txt');
    const unr = byFile(inv.runs, 'cassandra-exec-15-1000000-a-6-rf_1.txt');
    if (asRoot) {
      // root reads a 000 file anyway: then it is simply a second copy of rep 1.
      console.log('loadRuns: running as root, chmod 000 does not make a file unreadable; checked as duplicate instead');
      expect(unr.status).toBe('duplicate');
    } else {
      expect(unr.status).toBe('unreadable');
    }
    const total = Object.values(inv.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(inv.runs.length);
    chmodSync(unreadable, 0o644);
  });

  it('reads paths with spaces and non-ASCII characters, and survives a symlink loop', async () => {
    const dir = campaignDir('names');
    const deep = join(dir, 'Workload A', 'résultats ü');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'cassandra-exec-15-1000000-a-1-rf_1.txt'), okRun.text);
    symlinkSync(dir, join(deep, 'loop'));
    const inv = await loadRuns([dir]);
    const ok = inv.runs.filter((r) => r.status === 'ok');
    expect(ok.map((r) => r.file)).toEqual(['Workload A/résultats ü/cassandra-exec-15-1000000-a-1-rf_1.txt']);
    expect(ok[0].factors).toMatchObject({ db: 'cassandra', workload: 'a', rf: '1', rep: '1' });
    expect(inv.scanErrors.some((e) => /loop/.test(e.message))).toBe(true);
  });

  it('lists the files the default skip list leaves out, with the reason', async () => {
    const dir = campaignDir('skips');
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-1-rf_1.txt'), okRun.text);
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    writeFileSync(join(dir, 'run_all.sh'), 'echo\n');
    const inv = await loadRuns([dir]);
    expect(inv.runs).toHaveLength(1);
    expect(inv.skipped?.map((s) => s.path)).toEqual(['README.md', 'run_all.sh']);
    expect(inv.skipped?.every((s) => s.reason.length > 0)).toBe(true);
  });

  it('reports a missing root as a scan error and still loads the others', async () => {
    const dir = campaignDir('one');
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-1-rf_1.txt'), okRun.text);
    const inv = await loadRuns([join(tmp, 'does-not-exist'), dir]);
    expect(inv.scanErrors).toHaveLength(1);
    expect(inv.scanErrors[0].message).toMatch(/no such file/);
    expect(inv.counts.ok).toBe(1);
  });

  it('fills factors from the content and reports a name/content conflict with both values', async () => {
    const dir = campaignDir('conflict');
    // The name says workload b; the command line says workloada.
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-b-1-rf_1.txt'), okRun.text);
    const inv = await loadRuns([dir]);
    const r = inv.runs[0];
    expect(r.factors.workload).toBe('b');
    expect(r.origin.conflicts).toEqual([{ factor: 'workload', name: 'b', content: 'a' }]);
    expect(r.factors.operationcount).toBe('10000');
  });

  it('reads the old script CSV as a table of runs', async () => {
    const dir = campaignDir('csv');
    writeFileSync(
      join(dir, 'summary.csv'),
      'DB,Replication,Index,Workload,Size,RunTime,Throughput,ReadLatency,WriteLatency\n' +
        'cassandra,1,1,a,1000000,203723,49.086259283438785,18579.623005712034,21219.400162502538\n' +
        'citus,1,6,c,1000000,10161,0.0,,\n',
    );
    const inv = await loadRuns([dir]);
    expect(inv.runs).toHaveLength(2);
    expect(inv.runs[0]).toMatchObject({
      file: 'summary.csv:2',
      status: 'ok',
      factors: { db: 'cassandra', rf: '1', rep: '1', workload: 'a', recordcount: '1000000', phase: 'run' },
    });
    expect(inv.runs[0].metrics).toEqual({ runtime: 203723, throughput: 49.086259283438785, 'read.avg': 18579.623005712034, 'write.avg': 21219.400162502538 });
    expect(inv.runs[1].status).toBe('failed');
  });
});

describe('decode and mergeFactors', () => {
  it('decodes UTF-8 exactly and falls back to Latin-1 with the byte that broke it', () => {
    expect(decode(Buffer.from('µs ✓\n')).text).toBe('µs ✓\n');
    const d = decode(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x63]));
    expect(d.text).toBe('a\nbÿc');
    expect(d.diagnostic).toMatchObject({ line: 2, found: 'byte 0xff at offset 3' });
  });
  it('reads ASCII the same by its fast path as the UTF-8 decoder does, also from a view into a larger buffer', () => {
    const ascii = Buffer.from('2021-09-10 12:00:01:000 1 sec: 32 operations; 32 current ops/sec;\r\n[OVERALL], RunTime(ms), 1000\t~\x7f\x01\n');
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    expect(decode(ascii)).toEqual({ text: utf8.decode(ascii) });
    const big = Buffer.concat([Buffer.from('héllo '), ascii, Buffer.from(' wörld')]);
    const view = big.subarray(7, 7 + ascii.length);
    expect(decode(view)).toEqual({ text: utf8.decode(ascii) });
    // one byte above 0x7f anywhere: the UTF-8 decoder, not Latin-1
    expect(decode(Buffer.from('a µ b')).text).toBe('a µ b');
  });
  it('lets the name win and keeps both values on conflict; equal numbers are not a conflict', () => {
    expect(mergeFactors({ rf: '3', recordcount: '1000000' }, { recordcount: '1e6', db: 'cassandra', rf: '2' })).toEqual({
      factors: { rf: '3', recordcount: '1000000', db: 'cassandra' },
      conflicts: [{ factor: 'rf', name: '3', content: '2' }],
    });
  });
});

describe('loadRuns on the shipped campaign', () => {
  it('accounts for all 79 files of fixtures/campaign', async () => {
    const inv = await loadRuns([resolve(__dirname, '../../fixtures/campaign')]);
    expect(inv.runs).toHaveLength(79);
    expect(inv.counts).toEqual({ ok: 75, failed: 1, partial: 1, duplicate: 1, 'not-ycsb': 1, unreadable: 0 });
    const copy = inv.runs.find((r) => r.status === 'duplicate')!;
    // The copy is the duplicate, not the file whose name the campaign's scheme reads.
    expect(copy.file).toBe('cassandra-exec-15-1000000-c-2-rf_1 (copy).txt');
    expect(copy.duplicateOf).toBe('cassandra-exec-15-1000000-c-2-rf_1.txt');
    expect(readFileSync(resolve(__dirname, '../../fixtures/campaign/run-notes.txt'), 'utf8')).toContain('Campaign notes');
  });
});

describe("loadRuns with hash 'crc32' (the CLI's summary)", () => {
  const view = (runs: Run[]) => runs.map((r) => ({ file: r.file, status: r.status, duplicateOf: r.duplicateOf, diagnostics: r.diagnostics, factors: r.factors, metrics: r.metrics }));
  it('finds the same duplicates as sha256 on fixtures/campaign, and keeps no sha256', async () => {
    const root = resolve(__dirname, '../../fixtures/campaign');
    const bySha = await loadRuns([root]);
    const byCrc = await loadRuns([root], { hash: 'crc32' });
    expect(view(byCrc.runs)).toEqual(view(bySha.runs));
    expect(byCrc.counts.duplicate).toBe(1);
    expect(bySha.runs.every((r) => typeof r.sha256 === 'string' && r.sha256.length === 64)).toBe(true);
    expect(byCrc.runs.every((r) => r.sha256 === undefined)).toBe(true);
  });
  it('does not take equal size and CRC-32 for equal bytes: the files are read again and compared', async () => {
    // "plumless" and "buckeroo": a well-known CRC-32 collision of two 8-byte strings
    expect(zlib.crc32('plumless')).toBe(zlib.crc32('buckeroo'));
    const dir = campaignDir('crc-collision');
    const text = (word: string) => okRun.text.replace('YCSB Client', `${word} YCSB Client`);
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-1-rf_1.txt'), text('plumless'));
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-2-rf_1.txt'), text('buckeroo'));
    writeFileSync(join(dir, 'cassandra-exec-15-1000000-a-3-rf_1.txt'), text('plumless')); // a real copy of rep 1
    expect(zlib.crc32(text('plumless'))).toBe(zlib.crc32(text('buckeroo')));
    const inv = await loadRuns([dir], { hash: 'crc32' });
    expect(inv.runs.map((r) => [r.file, r.status, r.duplicateOf])).toEqual([
      ['cassandra-exec-15-1000000-a-1-rf_1.txt', 'ok', undefined],
      ['cassandra-exec-15-1000000-a-2-rf_1.txt', 'ok', undefined],
      ['cassandra-exec-15-1000000-a-3-rf_1.txt', 'duplicate', 'cassandra-exec-15-1000000-a-1-rf_1.txt'],
    ]);
    expect(view((await loadRuns([dir])).runs)).toEqual(view(inv.runs));
  });
  it('compares a file rewritten between the two reads by its new bytes, and takes one removed for no duplicate', async () => {
    const dir = campaignDir('crc-changed');
    for (const rep of [1, 2, 3]) writeFileSync(join(dir, `cassandra-exec-15-1000000-a-${rep}-rf_1.txt`), okRun.text);
    // the hook runs as each file is read: rep 2 is rewritten after its read, rep 3 removed
    const onRun = (run: Run) => {
      if (run.file.includes('-a-2-')) writeFileSync(join(dir, run.file), okRun.text + '\n');
      if (run.file.includes('-a-3-')) rmSync(join(dir, run.file));
    };
    const inv = await loadRuns([dir], { hash: 'crc32', onRun });
    expect(inv.runs.map((r) => [r.file, r.status])).toEqual([
      ['cassandra-exec-15-1000000-a-1-rf_1.txt', 'ok'],
      ['cassandra-exec-15-1000000-a-2-rf_1.txt', 'ok'],
      ['cassandra-exec-15-1000000-a-3-rf_1.txt', 'ok'],
    ]);
    // by sha256 (no second read) the same bytes as read are duplicates
    for (const rep of [1, 2, 3]) writeFileSync(join(dir, `cassandra-exec-15-1000000-a-${rep}-rf_1.txt`), okRun.text);
    expect((await loadRuns([dir])).counts.duplicate).toBe(2);
  });
});

describe('loadRuns reads each file into a buffer it reuses', () => {
  it('no byte of one file is read as another: files of falling, rising, zero and over-the-buffer sizes in turn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ycsb-reuse-'));
    try {
      const run = generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 1, seed: 12, intervals: 40, statusInterval: 1 }).find((g) => g.name.includes('-exec-'))!.text;
      // names sort in this order; sizes: ~1.2 MB, 1 line, empty, ~25 KB, 5 MB (beyond the 4 MiB reused buffer), ~25 KB cut
      const contents: [string, string][] = [
        ['a-big.txt', run.repeat(50)],
        ['b-tiny.txt', 'x\n'],
        ['c-empty.txt', ''],
        ['d-run.txt', run],
        ['e-huge.txt', `${run}\n${'9'.repeat(5 * 2 ** 20)}\n`],
        ['f-cut.txt', run.slice(0, run.length - 500)],
      ];
      for (const [name, text] of contents) writeFileSync(join(dir, name), text);
      const inv = await loadRuns([dir]);
      const sha = (t: string) => createHash('sha256').update(Buffer.from(t)).digest('hex');
      // a-big.txt is 50 runs appended: 50 invocations, a-big.txt#1 … #50, whose lines add up to the file's
      expect(inv.runs.filter((r) => r.invocation?.path === 'a-big.txt').map((r) => [r.file, r.status])).toEqual(
        Array.from({ length: 50 }, (_, k) => [`a-big.txt#${k + 1}`, 'ok']),
      );
      const files = new Map<string, [string, string | undefined, number]>();
      for (const r of inv.runs) {
        const name = r.invocation?.path ?? r.file;
        const seen = files.get(name);
        if (seen) expect(r.sha256).toBe(seen[1]);
        files.set(name, [name, r.sha256, (seen?.[2] ?? 0) + r.lines]);
      }
      expect([...files.values()]).toEqual(
        contents.map(([name, text]) => [name, sha(text), text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0)]),
      );
      expect(inv.runs.find((r) => r.file === 'd-run.txt')!.status).toBe('ok');
      expect(inv.runs.find((r) => r.file === 'f-cut.txt')!.status).toBe('partial');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
