/**
 * The lean status-line path (`parseStatusLine(line, secAt, false)`, what the loader uses when it keeps
 * only t, operations and throughput) against the full one: same t, operations, throughput, style,
 * sawMs and operation keys in the same order; each entry is the full one or, for a Java
 * hdrhistogram block, the unread `{ percentiles: {} }`. Lines: generated, from the study when it is
 * there, and mutated (names, separators, AverageLatency, YCSB-cpp blocks, many blocks).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCampaign, mulberry32 } from '../../fixtures/generator.js';
import { parseStatusLine, type ParsedStatusLine } from '../../src/ingest/formats/status.js';

const STUDY = path.resolve(__dirname, '../../../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');

function statusLines(texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) for (const l of t.split('\n')) if (l.indexOf(' sec: ') > 0) out.push(l);
  return out;
}

/** Variants of a line that leave or break the usual shape, seeded. */
function mutations(line: string, r: () => number): string[] {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  return [
    line.replace('[READ: ', '[READ-MODIFY-WRITE: '),
    line.replace('[UPDATE: ', '[FOO: '),
    line.replace('[READ: ', '[READ:'),
    line.replace('[READ: ', '[READ '),
    line.replace('[READ: ', '[: '),
    line.replace('Count=', 'Count=x'),
    line.replace(', Max=', ',Max='),
    line.replace(/\]\s*$/, ' AverageLatency(ms)=1.5]'),
    `${line} [INSERT AverageLatency(us)=12.5]`,
    `${line} [CLEANUP: Count=1 Max=2 Min=1 Avg=1.5 90=2 99=2]`,
    line.replace(/\[READ: [^\]]*\]/, '[READ: Count=3, Max=5]').replace(/\[UPDATE: [^\]]*\]/, '[READ: Count=4, Max=6, Min=1, Avg=2.5]'),
    line + ' [READ: Count=1, Max=1, Min=1, Avg=1, 90=1]'.repeat(8),
    line.replace(' current ops/sec', ' ops/sec'),
    line.replace(/\]/, ''),
    line.slice(0, Math.floor(r() * line.length)),
    line.replace(pick(['READ', 'UPDATE', 'Count', 'Max']), pick(['', 'READ', 'X', 'Count'])),
  ];
}

/** The lean result is the full one with Java hdrhistogram entries unread. */
function sameButUnread(lean: ParsedStatusLine | undefined, full: ParsedStatusLine | undefined, line: string): void {
  if (full === undefined || lean === undefined) {
    expect(lean, line).toBe(full);
    return;
  }
  const { ops: lo, ...lrest } = lean;
  const { ops: fo, ...frest } = full;
  expect(lrest, line).toEqual(frest);
  expect(Object.keys(lo), line).toEqual(Object.keys(fo));
  // the text of the last block of each name (a later block of the same name replaces the entry)
  const blocks = new Map<string, string>();
  for (const m of line.slice(line.indexOf(' operations')).matchAll(/\[([^\]]*)\]/g)) {
    const name = /^[^: ]+/.exec(m[1])?.[0];
    if (name !== undefined) blocks.set(name, m[1]);
  }
  for (const k of Object.keys(fo)) {
    const unread = Object.keys(lo[k]).length === 1 && Object.keys(lo[k].percentiles).length === 0 && lo[k].count === undefined;
    if (!unread || Object.keys(fo[k]).length === 1) expect(lo[k], `${k} in ${line}`).toEqual(fo[k]);
    else {
      // unread only for `[NAME: Count=<digits>, Max=…]` without an AverageLatency label
      const block = blocks.get(k) ?? '';
      expect(block.startsWith(`${k}: Count=`) && /^\d+, Max=/.test(block.slice(k.length + 8)) && !block.includes('AverageLatency'), `${k} in ${line}`).toBe(true);
    }
  }
}

describe('parseStatusLine: the lean path gives the full path\'s answer, Java blocks unread', () => {
  const generated = statusLines(generateCampaign({ reps: 5, intervals: 40, statusInterval: 1, stallRate: 0.1, seed: 7 }).map((f) => f.text));
  const study = existsSync(STUDY)
    ? statusLines(readdirSync(STUDY).sort().slice(0, 200).map((f) => readFileSync(path.join(STUDY, f), 'utf8')))
    : [];

  it(`on ${generated.length} generated and ${study.length} study lines, and mutations of them`, () => {
    expect(generated.length).toBeGreaterThan(1000);
    const r = mulberry32(99);
    let unreadSeen = 0;
    for (const line of [...generated, ...study]) {
      for (const l of [line, ...(r() < 0.2 ? mutations(line, r) : [])]) {
        const secAt = l.indexOf(' sec: ');
        const lean = parseStatusLine(l, secAt, false);
        sameButUnread(lean, parseStatusLine(l, secAt, true), l);
        if (lean && Object.values(lean.ops).some((e) => e.count === undefined && Object.keys(e).length === 1)) unreadSeen++;
      }
    }
    expect(unreadSeen).toBeGreaterThan(1000);
  });

  it('usual lines share one frozen ops object per sequence of names', () => {
    const a = parseStatusLine('1 sec: 5 operations; 5 current ops/sec; [READ: Count=2, Max=9, Min=1, Avg=4, 90=9] [UPDATE: Count=3, Max=8, Min=2, Avg=5, 90=8]', undefined, false)!;
    const b = parseStatusLine('2 sec: 9 operations; 4 current ops/sec; [READ: Count=1, Max=7, Min=7, Avg=7, 90=7] [UPDATE: Count=3, Max=8, Min=2, Avg=5, 90=8]', undefined, false)!;
    const c = parseStatusLine('3 sec: 9 operations; 0 current ops/sec; [UPDATE: Count=0, Max=0, Min=0, Avg=NaN] [READ: Count=0, Max=0, Min=0, Avg=NaN]', undefined, false)!;
    expect(Object.keys(a.ops)).toEqual(['READ', 'UPDATE']);
    expect(b.ops).toBe(a.ops);
    expect(Object.isFrozen(a.ops)).toBe(true);
    expect(Object.keys(c.ops)).toEqual(['UPDATE', 'READ']);
    expect(c.ops).not.toBe(a.ops);
    // each sequence gets its own keys through the shared path (distinct cache keys): UPDATE alone
    // after READ+UPDATE, READ alone, READ twice, and the order of the names kept
    for (const [blocks, keys] of [
      ['[UPDATE: Count=3, Max=8]', ['UPDATE']],
      ['[READ: Count=3, Max=8]', ['READ']],
      ['[READ: Count=3, Max=8] [READ: Count=1, Max=2]', ['READ']],
      ['[INSERT: Count=3, Max=8] [READ: Count=1, Max=2]', ['INSERT', 'READ']],
      ['[READ: Count=1, Max=2] [INSERT: Count=3, Max=8]', ['READ', 'INSERT']],
      // every operation name YCSB prints, in blocks of up to eight
      ['[READ-MODIFY-WRITE: Count=1, Max=2] [CLEANUP: Count=1, Max=2] [DELETE: Count=1, Max=2] [SCAN: Count=1, Max=2] [READ-FAILED: Count=1, Max=2] [UPDATE-FAILED: Count=1, Max=2]',
        ['READ-MODIFY-WRITE', 'CLEANUP', 'DELETE', 'SCAN', 'READ-FAILED', 'UPDATE-FAILED']],
      ['[INSERT-FAILED: Count=1, Max=2] [SCAN-FAILED: Count=1, Max=2] [DELETE-FAILED: Count=1, Max=2] [READ-MODIFY-WRITE-FAILED: Count=1, Max=2] [UPDATE: Count=1, Max=2] [INSERT: Count=1, Max=2] [READ: Count=1, Max=2] [SCAN: Count=0, Max=0]',
        ['INSERT-FAILED', 'SCAN-FAILED', 'DELETE-FAILED', 'READ-MODIFY-WRITE-FAILED', 'UPDATE', 'INSERT', 'READ', 'SCAN']],
    ] as const) {
      const ops = parseStatusLine(`4 sec: 9 operations; 0 current ops/sec; ${blocks}`, undefined, false)!.ops;
      expect(Object.keys(ops)).toEqual(keys);
      expect(Object.isFrozen(ops), blocks).toBe(true); // the shared (fast) path took it
    }
    // the full path reads the values, in a fresh object each time
    const full = parseStatusLine('1 sec: 5 operations; 5 current ops/sec; [READ: Count=2, Max=9, Min=1, Avg=4, 90=9]')!;
    expect(full.ops.READ).toEqual({ count: 2, max: 9, min: 1, avg: 4, percentiles: { '90': 9 } });
  });
});
