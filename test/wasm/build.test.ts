/**
 * The WebAssembly modules the project runs are the ones its AssemblyScript sources compile to:
 * wasm/build.mjs compiles each source of MODULES again and the bytes must be the embedded ones
 * (`npm run build:wasm` rewrites them after a source changes).
 */
import { describe, expect, it } from 'vitest';
import { STATUS_SCAN_WASM } from '../../src/ingest/formats/status-scan-wasm.js';
import { PELT_WASM } from '../../src/stats/pelt-wasm.js';
import { DIGEST_WASM } from '../../src/analysis/digest-wasm.js';
// @ts-expect-error: a plain ES module without types (the build script)
import { compile, MODULES } from '../../wasm/build.mjs';

const EMBEDDED: Record<string, string> = { 'status-scan': STATUS_SCAN_WASM, pelt: PELT_WASM, digest: DIGEST_WASM };

describe('every embedded WebAssembly module is its wasm/ source compiled', () => {
  it('covers every module the build script knows', () => {
    expect(Object.keys(MODULES).sort()).toEqual(Object.keys(EMBEDDED).sort());
  });
  for (const key of Object.keys(EMBEDDED)) {
    it(`wasm/${key}.ts compiles to the embedded bytes`, async () => {
      const bytes: Buffer = await compile(key);
      expect(bytes.toString('base64')).toBe(EMBEDDED[key]);
    }, 60_000);
  }
});
