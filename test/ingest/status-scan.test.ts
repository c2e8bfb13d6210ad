/**
 * The status-line scanner (src/ingest/formats/status-scan.ts, WebAssembly from wasm/status-scan.ts)
 * against what it stands in for: String.prototype.split('\n') for the lines, parseStatusLine(…,
 * false) for the lines it claims, and parseYcsb without it for whole files. The fuzz
 * (test/hardening/fuzz.test.ts) compares the two parses on 1,000 mutated files too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { generateCampaign, mulberry32 } from '../../fixtures/generator.js';
import { leanOps, parseStatusLine } from '../../src/ingest/formats/status.js';
import { MAX_SCAN_CHARS, MAX_SCAN_LINES, scanStatusLines, type StatusScan } from '../../src/ingest/formats/status-scan.js';
import { parseYcsb } from '../../src/ingest/parse.js';

const STUDY = join(import.meta.dirname, '../../../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');

/** The scan as plain records. */
function records(s: StatusScan) {
  return Array.from({ length: s.lines }, (_, i) => {
    const m = s.meta + 4 * i;
    const v = s.nums + 3 * i;
    return { start: s.i32[m], end: s.i32[m + 1], claimed: s.i32[m + 2] === 1, key: s.i32[m + 3], t: s.f64[v], operations: s.f64[v + 1], throughput: s.f64[v + 2] };
  });
}

/** What the scanner claims of one line, or undefined (the line alone, as a text). */
function claimOf(line: string) {
  const s = scanStatusLines(line);
  if (!s) throw new Error('not scanned');
  const r = records(s)[0];
  return r.claimed ? { t: r.t, operations: r.operations, throughput: r.throughput, ops: leanOps(r.key) } : undefined;
}

/** What parseStatusLine says of the line as Parser.line hands it over, in the claim's terms. */
function jsOf(raw: string) {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const s = parseStatusLine(line, line.indexOf(' sec: '), false);
  if (!s) return undefined;
  return { t: s.t, operations: s.operations, throughput: s.throughput ?? NaN, ops: s.ops, style: s.style };
}

const USUAL = '2021-11-26 16:05:19:000 19 sec: 836 operations; 44 current ops/sec; est completion in 2 seconds [READ: Count=22, Max=98857, Min=7079, Avg=23598.02, 90=37757, 99=56635, 99.9=68434, 99.99=98857] [UPDATE: Count=22, Max=81815, Min=6921, Avg=23069.94, 90=36912] ';

describe('scanStatusLines: lines as split("\\n") gives them', () => {
  it('same pieces on 2,000 random texts of short lines, blank lines, CR and LF (no last empty piece)', () => {
    const rand = mulberry32(7);
    const alphabet = ['a', ' ', '\n', '\n', '\r', '1', '[', ']', 'x'];
    for (let c = 0; c < 2000; c++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const want = text.split('\n');
      if (want[want.length - 1] === '') want.pop();
      const got = records(scanStatusLines(text)!).map((r) => text.slice(r.start, r.end));
      expect([text, got]).toEqual([text, want]);
    }
  });
  it('says whether the first 4,096 characters hold a control character other than \\t \\n \\f \\r (the binary test)', () => {
    const rand = mulberry32(11);
    let flagged = 0;
    for (let c = 0; c < 3000; c++) {
      const len = Math.floor(rand() * 5000);
      const chars = Array.from({ length: len }, () => (rand() < 0.9995 ? 32 + Math.floor(rand() * 95) : Math.floor(rand() * 32)));
      // controls placed around the 4,096 limit and at block edges, too
      if (c % 3 === 0 && len > 0) chars[Math.min(len - 1, 4090 + Math.floor(rand() * 12))] = Math.floor(rand() * 32);
      const text = String.fromCharCode(...chars);
      const want = /[\x00-\x08\x0B\x0E-\x1F]/.test(text.slice(0, 4096));
      expect([c, scanStatusLines(text)!.suspect]).toEqual([c, want]);
      if (want) flagged++;
    }
    expect(flagged).toBeGreaterThan(500);
    expect(flagged).toBeLessThan(2900);
  });
  it('leaves non-ASCII, too long and too many-lined texts to the parser', () => {
    expect(scanStatusLines(`${USUAL}é\n`)).toBeUndefined();
    expect(scanStatusLines(`${USUAL}\u2028\n`)).toBeUndefined();
    expect(scanStatusLines('x'.repeat(MAX_SCAN_CHARS + 1))).toBeUndefined();
    expect(scanStatusLines('\n'.repeat(MAX_SCAN_LINES + 1))).toBeUndefined();
    expect(scanStatusLines('\n'.repeat(MAX_SCAN_LINES))?.lines).toBe(MAX_SCAN_LINES);
    // and still scans after growing its memory
    expect(records(scanStatusLines(`${USUAL}\n`)!)[0].claimed).toBe(true);
  });
});

describe('scanStatusLines: a claimed line reads as parseStatusLine reads it', () => {
  // [what, line, claimed?]: claimed lines must read as JavaScript reads them (the same shared ops
  // object: JavaScript took its lean path); the others are left to JavaScript
  const edits: [string, string, boolean][] = [
    ['the usual line', USUAL, true],
    ['CRLF', `${USUAL}\r`, true],
    ['no throughput', USUAL.replace('44 current ops/sec; ', ''), true],
    ['a decimal throughput', USUAL.replace('44 current', '43.85 current'), true],
    ['a comma decimal', USUAL.replace('44 current', '43,85 current'), true],
    ['-0', USUAL.replace('44 current', '-0 current'), true],
    ['15 digits', USUAL.replace('44 current', '123456789012345 current'), true],
    ['16 digits', USUAL.replace('44 current', '1234567890123456 current'), false],
    ['an exponent', USUAL.replace('44 current', '1e3 current'), false],
    ['an empty token', USUAL.replace('44 current', ' current'), false],
    ['NaN', USUAL.replace('44 current', 'NaN current'), false],
    ['t of 16 digits', USUAL.replace('19 sec', '1234567890123456 sec'), false],
    ['t at the line start', USUAL.slice(24), true],
    ['t after a letter', USUAL.replace(' 19 sec', ' x19 sec'), false],
    ['operations of 16 digits', USUAL.replace('836 operations', '1234567890123456 operations'), false],
    ['AverageLatency in a block', USUAL.replace('Min=7079', 'AverageLatency(us)=7079'), false],
    ['AverageLatency after the blocks', `${USUAL}AverageLatency`, false],
    ['a histogram block', USUAL.replace('[UPDATE: Count=22, Max=81815', '[UPDATE AverageLatency(us)=81815'), false],
    ['an unknown operation', USUAL.replace('[UPDATE:', '[UPSERT:'), false],
    ['a lower-case operation', USUAL.replace('[UPDATE:', '[update:'), false],
    ['READ-MODIFY-WRITE-FAILED', USUAL.replace('[UPDATE:', '[READ-MODIFY-WRITE-FAILED:'), true],
    ['a block without Max', USUAL.replace('Count=22, Max=81815', 'Count=22 Max=81815'), false],
    ['an empty count', USUAL.replace('Count=22, Max=81815', 'Count=, Max=81815'), false],
    ['an unclosed last block', USUAL.trimEnd().slice(0, -1), true],
    ['a stray [ at the end', `${USUAL}[`, true],
    ['7 blocks', `${USUAL}${'[READ: Count=1, Max=2] '.repeat(5)}`, true],
    ['8 blocks', `${USUAL}${'[READ: Count=1, Max=2] '.repeat(6)}`, false],
    ['9 blocks', `${USUAL}${'[READ: Count=1, Max=2] '.repeat(7)}`, false],
    ['no block', USUAL.slice(0, USUAL.indexOf('[')), false],
    ['a second " sec: "', USUAL.replace('est completion', '5 sec: 9 operations; est completion'), true],
    ['a leading space', ` ${USUAL}`, false],
    ['a leading [', `[x] ${USUAL}`, false],
    ['a go-ycsb line', 'READ   - Takes(s): 10.0, Count: 100, OPS: 10.0, Avg(us): 100', false],
    ['YCSB-cpp', '2021-11-26 16:05:19 19 sec: 836 operations; [READ: Count=22 Max=98.86 Min=7.08 Avg=23.60 90=37.76]', false],
  ];
  for (const [what, line, claimed] of edits) {
    it(`${what}: ${claimed ? 'claimed, read the same' : 'left to JavaScript'}`, () => {
      const got = claimOf(line);
      if (!claimed) return expect(got).toBeUndefined();
      expect(got).toBeDefined();
      const js = jsOf(line)!;
      expect({ ...got, style: 'java' }).toEqual(js);
      expect(got!.ops).toBe(js.ops); // the very object JavaScript's lean path shares
    });
  }
  it('-0 stays -0', () => {
    expect(Object.is(claimOf(USUAL.replace('44 current', '-0 current'))!.throughput, -0)).toBe(true);
  });
});

describe('parseYcsb reads the same with and without the scanner', () => {
  const same = (text: string, name: string) => {
    const a = parseYcsb(text, name, { statusOps: false });
    const b = parseYcsb(text, name, { statusOps: false, scanner: false });
    return isDeepStrictEqual(a, b) ? undefined : name;
  };
  const claimed = (text: string) => records(scanStatusLines(text)!).filter((r) => r.claimed).length;
  it('generated runs with 1-s and 10-s status lines, failures, stalls and truncations, as LF and CRLF', () => {
    let lines = 0;
    const differ: string[] = [];
    for (const every of [1, 10]) {
      const runs = generateCampaign({ dbs: ['cassandra', 'hbase'], workloads: ['a', 'b', 'c', 'd'], rfs: [1, 3], reps: 2, seed: 40 + every, intervals: 40, statusInterval: every, failures: ['hbase/b/3/1'], truncations: ['cassandra/d/1/2'] });
      for (const g of runs) {
        for (const text of [g.text, g.text.replace(/\n/g, '\r\n')]) {
          const d = same(text, g.name);
          if (d) differ.push(d);
          lines += claimed(text);
        }
      }
    }
    expect(differ).toEqual([]);
    expect(lines).toBeGreaterThan(1000); // the scanner took part
  });
  it('runs cut right after a status line (the partial reason quotes the last line), LF and CRLF, with and without the last line end', () => {
    const text = generateCampaign({ dbs: ['cassandra'], workloads: ['b'], rfs: [2], reps: 1, seed: 8, intervals: 30, statusInterval: 1 }).find((g) => g.name.includes('-exec-'))!.text;
    const cuts: string[] = [];
    for (const at of [9, 20, 30]) {
      const lines = text.split('\n');
      const k = lines.findIndex((l, i) => i >= at && l.includes(' sec: '));
      const head = lines.slice(0, k + 1);
      for (const eol of ['\n', '\r\n']) for (const last of ['', eol]) cuts.push(head.join(eol) + last);
    }
    // a status line short enough to be quoted whole (the reason clips at 60 characters)
    const head = text.split('\n').slice(0, 9);
    for (const eol of ['\n', '\r\n']) for (const last of ['', eol]) cuts.push([...head, '99 sec: 5 operations; [READ: Count=5, Max=9]'].join(eol) + last);
    for (const cut of cuts) {
      const lean = parseYcsb(cut, 'cut', { statusOps: false });
      expect(lean.status).toBe('partial');
      expect(lean).toEqual(parseYcsb(cut, 'cut', { statusOps: false, scanner: false }));
      expect(claimed(cut)).toBeGreaterThan(0);
    }
  });
  it("a status line right after a usage line goes to Parser.line, which reads the usage line's follower", () => {
    const line = '2024-01-02 03:04:10 1 sec: 1 operations; ycsb [READ: Count=1, Max=2]';
    for (const text of [`Usage: foo\n${line}\n${line}\n`, `Usage: foo\n${line.replace('ycsb ', '')}\n${line}\n`, `${line}\nUsage: foo\n${line}\n`]) {
      expect(claimed(text)).toBeGreaterThan(0);
      expect(parseYcsb(text, 'u', { statusOps: false })).toEqual(parseYcsb(text, 'u', { statusOps: false, scanner: false }));
    }
  });
  it('a Java status line after a YCSB-cpp load summary marks where the run phase began, as Parser.line does', () => {
    const load = readFileSync('fixtures/formats/ycsb-cpp-cut.txt', 'latin1').split('\n').slice(0, 5).join('\n');
    const text = `${load}\n2024-01-02 03:04:15 10 sec: 7000 operations; 400 current ops/sec; [READ: Count=2000, Max=9, Min=1, Avg=3]\n`;
    expect(claimed(text)).toBe(1);
    const lean = parseYcsb(text, 'cpp', { statusOps: false });
    expect(lean.status).toBe('partial'); // the load summary is complete, the run phase that follows has none
    expect(lean).toEqual(parseYcsb(text, 'cpp', { statusOps: false, scanner: false }));
  });
  it('every fixture file', () => {
    const differ: string[] = [];
    for (const dir of ['fixtures/formats', 'fixtures/campaign']) {
      for (const n of readdirSync(dir)) {
        const d = same(readFileSync(join(dir, n), 'latin1'), n);
        if (d) differ.push(d);
      }
    }
    expect(differ).toEqual([]);
  });
  it.skipIf(!existsSync(STUDY))("the study's 1,089 files (../shared)", () => {
    const differ: string[] = [];
    let lines = 0;
    for (const n of readdirSync(STUDY)) {
      const text = readFileSync(join(STUDY, n), 'latin1');
      const d = same(text, n);
      if (d) differ.push(d);
      lines += claimed(text);
    }
    expect(differ).toEqual([]);
    expect(lines).toBeGreaterThan(40_000);
  });
});

describe('without WebAssembly (node --jitless)', () => {
  it('scans nothing, and the parser reads every line itself: the same run', async () => {
    const text = generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 1, seed: 3, intervals: 20, statusInterval: 1 })[0].text;
    const want = parseYcsb(text, 'x', { statusOps: false, scanner: false });
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const scan = await import('../../src/ingest/formats/status-scan.js');
      const parse = await import('../../src/ingest/parse.js');
      expect(scan.scanStatusLines(text)).toBeUndefined();
      expect(parse.parseYcsb(text, 'x', { statusOps: false })).toEqual(want);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
