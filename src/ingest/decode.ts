/**
 * A file's bytes as text, in the loader (./read.ts): ASCII copied as it is, UTF-8 decoded, anything
 * else read as Latin-1 with a warning that says where the UTF-8 broke; a NUL byte marks a binary file.
 *
 * ```
 * bytes ──NUL in the first 64 KiB?──► binary (no text)
 *       ──ASCII?──────────────────► text (a byte-for-byte copy)
 *       ──valid UTF-8?────────────► text
 *       ──else────────────────────► text as Latin-1 + a warning (line and offset of the first bad byte)
 * ```
 */
import { Buffer, isAscii } from 'node:buffer';
import type { Diagnostic } from '../model/index.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LATIN1 = new TextDecoder('latin1');

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (-1: none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i; // a sequence cut by the end of the file
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decode bytes as UTF-8; on invalid UTF-8, fall back to Latin-1 and say where it broke. */
export function decode(bytes: Uint8Array): { text: string; diagnostic?: Diagnostic; binary?: Diagnostic } {
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  const nul = probe.indexOf(0);
  if (nul >= 0) {
    return {
      text: '',
      binary: { message: 'binary file', expected: 'text', found: `a NUL byte at offset ${nul}`, severity: 'error' },
    };
  }
  // ASCII (most outputs) reads the same as UTF-8 and as Latin-1: a byte-for-byte copy, after a
  // vectorised check, takes about half the time of the validating UTF-8 decoder
  if (isAscii(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    const text = LATIN1.decode(bytes);
    const found = firstInvalidUtf8(bytes);
    const bad = found < 0 ? 0 : found;
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    return {
      text,
      diagnostic: {
        line,
        message: 'not valid UTF-8; read as Latin-1',
        expected: 'UTF-8 text',
        found: `byte 0x${bytes[bad].toString(16)} at offset ${bad}`,
        severity: 'warning',
      },
    };
  }
}
