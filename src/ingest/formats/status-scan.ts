/**
 * The status-line scanner: splits an ASCII text into lines and finds, in one call per text, the
 * usual Java status lines with what parseStatusLine would read of them without per-operation stats
 * (t, operations, current throughput, the operations' sequence). WebAssembly with 128-bit SIMD
 * (source: wasm/status-scan.ts): a file's status lines are most of its bytes, and the
 * JavaScript path spends ~10 native string calls a line (~0.75 µs) where the scanner looks at
 * 16 bytes a step.
 *
 * ```
 * text ──encodeInto (ASCII only)──► module memory ──scan──► per line: start, end, claimed?
 *                                                            claimed: t, operations, throughput, key
 * ```
 * Unavailable (no WebAssembly or no SIMD, e.g. node --jitless), not ASCII, over MAX_SCAN_CHARS or
 * MAX_SCAN_LINES: undefined, and the parser reads every line itself, as it always can.
 *
 * Pure: no I/O (the module is embedded).
 */
import { OP_BY_CHAR_LEN, OP_NAMES } from './status.js';
import { STATUS_SCAN_WASM } from './status-scan-wasm.js';
import { growMemory, instantiateEmbedded, type WasmMemory } from '../../stats/wasm.js';

/** Longer texts are not scanned (the module's memory grows to the longest text scanned). */
export const MAX_SCAN_CHARS = 8 * 2 ** 20;
/** Texts with more lines are not scanned (16 + 24 bytes of output a line). */
export const MAX_SCAN_LINES = 2 ** 16;

/** What scanStatusLines found; valid until the next call (its arrays are views of the module's memory). */
export interface StatusScan {
  /** Number of lines, as `text.split('\n')` without the last, empty piece of a text ending in '\n'. */
  lines: number;
  /** Line i: `i32[meta + 4i]` start, `+1` end (before its '\n'), `+2` 1 when claimed, `+3` key (see leanOps). */
  i32: Int32Array;
  meta: number;
  /** Claimed line i: `f64[nums + 3i]` t, `+1` operations, `+2` throughput (NaN: none). */
  f64: Float64Array;
  nums: number;
  /** Whether the first 4,096 characters hold a control character other than \t \n \f \r
   * (NUL included): when not, the parser's binary test would find nothing. */
  suspect: boolean;
}

interface Scanner {
  memory: WasmMemory;
  scan: (inp: number, len: number, outI: number, outF: number, maxLines: number) => number;
  suspect: (inp: number, len: number) => number;
  base: number;
  bytes: Uint8Array;
  i32: Int32Array;
  f64: Float64Array;
}

let scanner: Scanner | null | undefined;
const encoder = new TextEncoder();

function start(): Scanner | null {
  const x = instantiateEmbedded<{
    memory: WasmMemory;
    init: (lut: number, names: number) => void;
    heapBase: () => number;
    scan: Scanner['scan'];
    suspect: Scanner['suspect'];
  }>(STATUS_SCAN_WASM, 'status scanner');
  if (x === null) return null; // no WebAssembly, or no SIMD: the parser reads every line itself
  // tables: OP_BY_CHAR_LEN (128 × 32 bytes), then OP_NAMES in 32-byte slots
  const lut = x.heapBase();
  const names = lut + OP_BY_CHAR_LEN.length;
  const base = names + 32 * OP_NAMES.length;
  if (!growMemory(x.memory, base)) return null;
  const bytes = new Uint8Array(x.memory.buffer);
  bytes.set(new Uint8Array(OP_BY_CHAR_LEN.buffer, OP_BY_CHAR_LEN.byteOffset, OP_BY_CHAR_LEN.length), lut);
  OP_NAMES.forEach((name, i) => encoder.encodeInto(name, bytes.subarray(names + 32 * i, names + 32 * i + 32)));
  x.init(lut, names);
  return { memory: x.memory, scan: x.scan, suspect: x.suspect, base, ...views(x.memory) };
}

function views(memory: WasmMemory): { bytes: Uint8Array; i32: Int32Array; f64: Float64Array } {
  return { bytes: new Uint8Array(memory.buffer), i32: new Int32Array(memory.buffer), f64: new Float64Array(memory.buffer) };
}

/**
 * Scan `text` (see the module comment); undefined when the scanner cannot: the caller then reads
 * every line itself. A line is claimed only when parseStatusLine(line, line.indexOf(' sec: '),
 * false), on the line without its trailing '\r', returns a Java-style line with at least one block
 * whose `ops` is leanOps(key), t and operations as found, and `throughput` as found (NaN: absent);
 * and when Parser.line would reach it (it starts with a digit). Not claimed does not mean not a
 * status line.
 */
export function scanStatusLines(text: string): StatusScan | undefined {
  if (scanner === undefined) scanner = start();
  const s = scanner;
  const len = text.length;
  if (s === null || len > MAX_SCAN_CHARS) return undefined;
  const maxLines = Math.min(len + 1, MAX_SCAN_LINES);
  const inp = s.base;
  const outI = (inp + len + 16) & ~15;
  const outF = outI + 16 * maxLines;
  const need = outF + 24 * maxLines;
  if (need > s.bytes.length) {
    if (!growMemory(s.memory, need)) return undefined; // no memory for it: the parser reads the lines
    Object.assign(s, views(s.memory));
  }
  // ASCII only: every character one byte, so that offsets in the bytes are offsets in the text
  const r = encoder.encodeInto(text, s.bytes.subarray(inp, inp + len));
  if (r.read !== len || r.written !== len) return undefined;
  const lines = s.scan(inp, len, outI, outF, maxLines);
  if (lines < 0) return undefined;
  return { lines, i32: s.i32, meta: outI >> 2, f64: s.f64, nums: outF >> 3, suspect: s.suspect(inp, len) === 1 };
}
