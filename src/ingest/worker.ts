/**
 * A worker thread of the loader's pool (./pool.ts, for loadRunsThreaded in ./load.ts): reads,
 * parses and, with a hook module, reduces the files whose index ranges the main thread sends, and
 * posts back what they became.
 *
 * ```
 * workerData { files, settings, hook?, hookExport? } ──► message { start, end } ──readOne per file──► hook.onRun(run)
 *                                                                   ◄── message { start, results }
 * ```
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Run } from '../model/index.js';
import { readOne, type FileResult, type ReadSettings } from './read.js';
import { StringPool } from './strings.js';

interface Data {
  files: { root: string; path: string }[];
  settings: ReadSettings;
  hook?: string;
  /** The hook module's export to call (default 'onRun'). */
  hookExport?: string;
}

const data = workerData as Data;
const hookExport = data.hookExport ?? 'onRun';
const onRun: ((run: Run) => void) | undefined = data.hook ? ((await import(data.hook)) as Record<string, (run: Run) => void>)[hookExport] : undefined;
if (data.hook && typeof onRun !== 'function') throw new Error(`loader worker: ${data.hook} exports no ${hookExport} function`);
// Strings are copied anyway when a result is sent back: pool only the few that repeat (factor levels).
const pool = new StringPool(2_000);

parentPort!.on('message', (m: { start: number; end: number }) => {
  const results: FileResult[] = [];
  for (let i = m.start; i < m.end; i++) {
    const r = readOne(data.files[i].root, data.files[i].path, data.settings, pool, onRun);
    results.push(r);
  }
  parentPort!.postMessage({ start: m.start, results });
});
