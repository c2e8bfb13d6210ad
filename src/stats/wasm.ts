/**
 * Instantiating the project's embedded WebAssembly modules (PELT's search here, the status-line
 * scanner in ingest): both are computation only, compiled from wasm/ and embedded as base64.
 * Not a statistic: the one helper the two share.
 */

/** A module's memory, as the project's lib (no DOM/WebAssembly types) sees it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/**
 * The exports of the module embedded as `base64`, or null when it cannot run here (no WebAssembly,
 * e.g. node --jitless, or a feature it needs, such as SIMD): the caller's JavaScript then runs.
 */
export function instantiateEmbedded<T>(base64: string, name: string): T | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (wasm === undefined) return null;
    const module = new wasm.Module(Buffer.from(base64, 'base64'));
    const abort = () => {
      throw new Error(`${name}: abort`);
    };
    return new wasm.Instance(module, { env: { abort } }).exports as T;
  } catch {
    return null;
  }
}

/** Grow `memory` to at least `bytes`; false when it cannot grow (the caller falls back). */
export function growMemory(memory: WasmMemory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  } catch {
    return false;
  }
}
