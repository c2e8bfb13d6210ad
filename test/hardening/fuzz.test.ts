/**
 * 1,000 seeded fuzz cases of bench/fuzz.ts in the test suite: mutated real, fixture and generated
 * YCSB files through decode + parseOutputs (also without per-operation stats, which must read the same
 * status, format and series but for them) and, in batches, through loadRuns on temp folders; plus the
 * long-line variants through the real loader (16 MB here; `npx tsx bench/fuzz.ts` runs 10,000
 * cases and 100 MB lines).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkParsed, fuzz, makeCase, MUTATIONS, seedCorpus, type FuzzReport } from '../../bench/fuzz.js';
import { firstInvalidUtf8 } from '../../src/ingest/decode.js';

describe('fuzz: mutated YCSB files never crash the ingest and every file gets a status', () => {
  let r: FuzzReport;
  beforeAll(async () => {
    r = await fuzz({ seed: 20240601, cases: 1000, batch: 250, bigMB: 16, study: 20 });
  }, 120_000);
  const semantic = (p: string) => p.startsWith('ok without');

  it('1,000 cases (seed 20240601): no throw, well-formed results, every file comes back once from loadRuns', () => {
    expect(r.failures.filter((f) => !semantic(f.problem))).toEqual([]);
    expect(r.loaderFiles).toBe(1000);
    // The mutations reach every outcome (not only "not-ycsb"): the fuzz is exercising the parser.
    for (const s of ['ok', 'failed', 'partial', 'not-ycsb']) expect(r.statuses[s] ?? 0).toBeGreaterThan(10);
    // (how long they take is measured by bench/fuzz.ts, not here: no timed assertions in tests)
    expect(r.big).toHaveLength(3);
    expect(r.big.map((b) => b.status)).not.toContain('none');
  });

  it('the lean parse (no per-operation stats) reads the status, format and series the full one reads, on many status lines', () => {
    // (a difference is a failure above; here: the comparison really ran, on files with status lines)
    expect(r.lean.cases).toBeGreaterThan(700);
    expect(r.lean.samples).toBeGreaterThan(5000);
  });

  it('a run read as ok has a finite, positive throughput (e.g. Throughput(ops/sec), -9223372036854775808 is not ok)', () => {
    expect(r.failures.filter((f) => semantic(f.problem))).toEqual([]);
  });

  it('cases are reproducible from (seed, id) and every mutation is used', () => {
    const corpus = seedCorpus({ study: 0 });
    const a = makeCase(corpus, 7, 123);
    const b = makeCase(corpus, 7, 123);
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    expect(a.mutations).toEqual(b.mutations);
    const used = new Set<string>();
    for (let i = 0; i < 400; i++) for (const m of makeCase(corpus, 7, i).mutations) used.add(m);
    expect([...used].sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  it('the invariant checker rejects what it must', () => {
    const ok = { name: 'x', status: 'ok', diagnostics: [], format: 'ycsb-text', header: { factors: {}, properties: {} }, metrics: { throughput: 5 }, operations: {}, series: [], sourceLatencyUnit: 'us', lines: 3 } as const;
    expect(checkParsed({ ...ok, metrics: { ...ok.metrics }, diagnostics: [], series: [], operations: {}, header: { factors: {}, properties: {} } }, 'x')).toEqual([]);
    expect(checkParsed({ ...ok, status: 'failed', diagnostics: [], series: [], metrics: {}, operations: {}, header: { factors: {}, properties: {} } }, 'x')).toEqual(['status failed without a reason']);
    expect(checkParsed({ ...ok, metrics: { throughput: NaN }, diagnostics: [], series: [], operations: {}, header: { factors: {}, properties: {} } }, 'x')[0]).toMatch(/finite positive throughput/);
  });
});

describe('firstInvalidUtf8 (the loader locates the bad byte in linear time)', () => {
  const at = (bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
  it('accepts valid sequences of every length', () => {
    expect(at([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80])).toBe(-1);
  });
  it('points at lone, cut, overlong, surrogate and out-of-range sequences', () => {
    expect(at([0x41, 0xff])).toBe(1);
    expect(at([0x41, 0x42, 0xc3])).toBe(2); // cut by the end
    expect(at([0xc0, 0xaf])).toBe(0); // overlong '/'
    expect(at([0xe0, 0x80, 0xaf])).toBe(0); // overlong 3-byte
    expect(at([0x41, 0xed, 0xa0, 0x80])).toBe(1); // UTF-16 surrogate
    expect(at([0xf4, 0x90, 0x80, 0x80])).toBe(0); // > U+10FFFF
    expect(at([0xe2, 0x41, 0xac])).toBe(0); // bad continuation
    expect(at([0x80])).toBe(0);
  });
  it('agrees with TextDecoder on which inputs are valid', () => {
    const dec = new TextDecoder('utf-8', { fatal: true });
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
    for (let k = 0; k < 3000; k++) {
      const b = Uint8Array.from({ length: 1 + Math.floor(rand() * 6) }, () => (rand() < 0.5 ? 0x80 + Math.floor(rand() * 0x80) : Math.floor(rand() * 256)));
      let valid = true;
      try {
        dec.decode(b);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(b) === -1, `bytes ${[...b].map((x) => x.toString(16)).join(' ')}`).toBe(valid);
    }
  });
});
