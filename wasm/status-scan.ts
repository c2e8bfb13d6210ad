/**
 * AssemblyScript source of the status-line scanner (src/ingest/formats/status-scan.ts loads it).
 * Compiled by `npm run build:wasm` (wasm/build.mjs) into src/ingest/formats/status-scan-wasm.ts;
 * test/wasm/build.test.ts checks that the embedded module is this source's.
 *
 * ```
 * ASCII text in memory ──split at '\n' (SIMD)──► per line: start, end
 *                       ──the usual Java status line?──► claimed: t, operations, throughput, key
 * ```
 * A line is claimed only when parseStatusLine (src/ingest/formats/status.ts), called as the parser
 * calls it without per-operation stats (`ops` false), would return a Java-style line whose blocks
 * all take its lean path, and when every number in it takes its exact fast path (≤ 15 digits): then
 * the values here are the ones it computes, by the same arithmetic. Anything else is left to it.
 * The claim follows parseStatusLine step by step; each step names the JavaScript it mirrors.
 *
 * Memory (set by the caller): the text at `inp`; per line i an Int32 record at outI + 16·i
 * (start, end: offsets of the line in the text, end before its '\n'; claimed 0/1; key) and a
 * Float64 record at outF + 24·i (t, operations, throughput: NaN when the line has none).
 * `lut`: Int8[128 × 32], the index in OP_NAMES by first character × 32 + length (−1: none);
 * `names`: OP_NAMES in 32-byte slots.
 */

let lut: usize = 0;
let names: usize = 0;

/** Where the tables are (the caller writes them once). */
export function init(lutPtr: usize, namesPtr: usize): void {
  lut = lutPtr;
  names = namesPtr;
}

/** The first address the caller may use (after this module's static data), 16-aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

@inline function isDigit(c: u32): bool {
  return c - 48 < 10;
}

/** First p' in [p, e) with mem[p'] == b, or e. */
@inline function findByte(p: usize, e: usize, b: u8): usize {
  const needle = i8x16.splat(<i8>b);
  while (p + 16 <= e) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(p), needle));
    if (m != 0) return p + <usize>ctz(m);
    p += 16;
  }
  while (p < e) {
    if (load<u8>(p) == b) return p;
    p++;
  }
  return e;
}

/** First p' in [p, e − 1) with mem[p'] == b0 and mem[p' + 1] == b1, or e. */
@inline function findPair(p: usize, e: usize, b0: u8, b1: u8): usize {
  const n0 = i8x16.splat(<i8>b0);
  const n1 = i8x16.splat(<i8>b1);
  while (p + 17 <= e) {
    const m = i8x16.bitmask(v128.and(i8x16.eq(v128.load(p), n0), i8x16.eq(v128.load(p + 1), n1)));
    if (m != 0) return p + <usize>ctz(m);
    p += 16;
  }
  while (p + 1 < e) {
    if (load<u8>(p) == b0 && load<u8>(p + 1) == b1) return p;
    p++;
  }
  return e;
}

/** line.indexOf(' sec: ', from) within [p, e): the index, or e. */
function findSec(p: usize, e: usize): usize {
  let q = findPair(p, e, 32, 115); // ' s'
  while (q < e) {
    // "ec: " after ' s'
    if (q + 6 <= e && load<u32>(q + 2) == 0x203a6365) return q;
    q = findPair(q + 1, e, 32, 115);
  }
  return e;
}

/** line.indexOf(' current ops/sec', from) within [p, e): the index, or e. */
function findCurrent(p: usize, e: usize): usize {
  let q = findPair(p, e, 32, 99); // ' c'
  while (q < e) {
    // "current " and " ops/sec" (little-endian u64 loads)
    if (q + 16 <= e && load<u64>(q + 1) == 0x20746e6572727563 && load<u64>(q + 8) == 0x6365732f73706f20) return q;
    q = findPair(q + 1, e, 32, 99);
  }
  return e;
}

/** Whether 'AverageLatency' occurs in [p, e). */
function hasAverageLatency(p: usize, e: usize): bool {
  let q = findPair(p, e, 65, 118); // 'Av'
  while (q < e) {
    // "AverageL", "aten", "cy"
    if (q + 14 <= e && load<u64>(q) == 0x4c65676172657641 && load<u32>(q + 8) == 0x6e657461 && load<u16>(q + 12) == 0x7963) return true;
    q = findPair(q + 1, e, 65, 118);
  }
  return false;
}

/**
 * Whether [inp, inp + min(len, 4096)) holds a control byte other than '\t', '\n', '\f', '\r' (NUL
 * included): binaryReason's first test (src/ingest/parse.ts), which then need not run (in ASCII
 * text there is no U+FFFD).
 */
export function suspect(inp: usize, len: i32): i32 {
  const e = inp + <usize>min(len, 4096);
  const space = i8x16.splat(32);
  let p = inp;
  while (p + 16 <= e) {
    const v = v128.load(p);
    const allowed = v128.or(v128.or(i8x16.eq(v, i8x16.splat(9)), i8x16.eq(v, i8x16.splat(10))), v128.or(i8x16.eq(v, i8x16.splat(12)), i8x16.eq(v, i8x16.splat(13))));
    if (v128.any_true(v128.andnot(i8x16.lt_u(v, space), allowed))) return 1;
    p += 16;
  }
  while (p < e) {
    const c = load<u8>(p);
    if (c < 32 && c != 9 && c != 10 && c != 12 && c != 13) return 1;
    p++;
  }
  return 0;
}

const POW10: StaticArray<f64> = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Split the text [inp, inp + len) at '\n' as String.prototype.split('\n') does, without the last,
 * empty piece of a text that ends with '\n'; fill the records. Returns the number of lines, or −1
 * when there are more than maxLines (nothing is claimed then: the caller parses as usual).
 */
export function scan(inp: usize, len: i32, outI: usize, outF: usize, maxLines: i32): i32 {
  const end = inp + <usize>len;
  let ls = inp;
  let n = 0;
  while (ls < end) {
    const le = findByte(ls, end, 10);
    if (n >= maxLines) return -1;
    const oi = outI + (<usize>n << 4);
    store<i32>(oi, <i32>(ls - inp));
    store<i32>(oi, <i32>(le - inp), 4);
    store<i32>(oi, 0, 8);
    claim(ls, le, oi, outF + <usize>n * 24);
    n++;
    if (le >= end) break;
    ls = le + 1;
  }
  return n;
}

function claim(ls: usize, rawEnd: usize, oi: usize, fo: usize): void {
  // Parser.line: one trailing '\r' is dropped; an empty line is skipped; the status branch is reached
  // without any other branch taking the line when it starts with a digit (not ' ', '\t', '|', '[')
  let e = rawEnd;
  if (e > ls && load<u8>(e - 1) == 13) e--;
  if (e <= ls || !isDigit(load<u8>(ls))) return;
  // secAt = line.indexOf(' sec: '); secAt > 0
  const secAt = findSec(ls, e);
  if (secAt >= e || secAt == ls) return;
  // parseStatusLine: digits right before secAt, at the line's start or after a space
  let j = <isize>secAt - 1;
  while (j >= <isize>ls && isDigit(load<u8>(<usize>j))) j--;
  if (j == <isize>secAt - 1) return;
  if (j >= <isize>ls && load<u8>(<usize>j) != 32) return;
  const ts = <usize>(j + 1);
  if (secAt - ts > 15) return; // digitsValue: Number(slice) beyond 15 digits
  let t: f64 = 0;
  for (let p = ts; p < secAt; p++) t = t * 10 + <f64>(load<u8>(p) - 48);
  // operations: digits after ' sec: ', then ' operations'
  let k = secAt + 6;
  const opsStart = k;
  while (k < e && isDigit(load<u8>(k))) k++;
  if (k == opsStart || k - opsStart > 15) return;
  let ops: f64 = 0;
  for (let p = opsStart; p < k; p++) ops = ops * 10 + <f64>(load<u8>(p) - 48);
  // " operati", "on", "s"
  if (k + 11 > e || load<u64>(k) != 0x6974617265706f20 || load<u16>(k + 8) != 0x6e6f || load<u8>(k + 10) != 0x73) return;
  const rest = k + 11;
  // throughput: the token before the first ' current ops/sec' from rest, back to a ' ' or ';'
  let thr: f64 = NaN;
  const cur = findCurrent(rest, e);
  if (cur < e) {
    let b = cur;
    while (b > rest) {
      const c = load<u8>(b - 1);
      if (c == 32 || c == 59) break;
      b--;
    }
    // readNumber's fast path: [-]digits[(.|,)digits], 1 to 15 digits, the whole token
    let i = b;
    let neg = false;
    if (i < cur && load<u8>(i) == 45) {
      neg = true;
      i++;
    }
    let mant: f64 = 0;
    let digits = 0;
    let frac = -1;
    for (; i < cur; i++) {
      const c = load<u8>(i);
      if (isDigit(c)) {
        mant = mant * 10 + <f64>(c - 48);
        digits++;
        if (frac >= 0) frac++;
      } else if ((c == 46 || c == 44) && frac < 0) frac = 0;
      else break;
    }
    if (i != cur || digits == 0 || digits > 15) return; // parseLocaleNumber's cases: left to it
    const v = frac > 0 ? mant / POW10[frac] : mant;
    thr = neg ? -v : v;
  }
  // the lean path needs no 'AverageLatency' from rest on
  if (hasAverageLatency(rest, e)) return;
  // leanJavaBlocks: every '[' … first ']' after it is `[NAME: Count=<digits>, Max=…` (NAME of
  // OP_NAMES); at least one; at most 7 here (an eighth would overflow the i32 key: left to it)
  let pos = rest;
  let nb = 0;
  let key = 0;
  while (true) {
    const open = findByte(pos, e, 91);
    if (open >= e) break;
    const close = findByte(open + 1, e, 93);
    if (close >= e) break;
    if (nb == 7) return;
    const colon = findByte(open + 1, e, 58);
    const nameLen = colon - open - 1;
    if (colon >= e || nameLen == 0 || nameLen >= 32) return;
    const c0 = <usize>load<u8>(open + 1);
    if (c0 >= 128) return;
    const ki = <i32>load<i8>(lut + c0 * 32 + nameLen);
    if (ki < 0) return;
    const name = names + (<usize>ki << 5);
    for (let q: usize = 0; q < nameLen; q++) if (load<u8>(open + 1 + q) != load<u8>(name + q)) return;
    // ": Count=" then digits then ", Max="
    if (colon + 8 > e || load<u64>(colon) != 0x3d746e756f43203a) return;
    let d = colon + 8;
    const ds = d;
    while (d < e && isDigit(load<u8>(d))) d++;
    if (d == ds || d + 6 > e || load<u32>(d) != 0x614d202c || load<u16>(d + 4) != 0x3d78) return;
    key = key * 16 + ki + 1;
    nb++;
    pos = close + 1;
  }
  if (nb == 0) return;
  store<i32>(oi, 1, 8);
  store<i32>(oi, key, 12);
  store<f64>(fo, t);
  store<f64>(fo, ops, 8);
  store<f64>(fo, thr, 16);
}
