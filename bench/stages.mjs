// In-process stage timings on the built library (dist): node --expose-gc bench/stages.mjs DIR GROUP
// Prints one line: load (discover + read + parse, with the CLI's lean runs: each run's series digested
// as it is read, load-phase runs' not), analysis, heap kept after load, peak RSS.
import { loadInputs } from '../dist/cli/common.js';
import { leanRunExceptLoad } from '../dist/cli/lean.js';
import { analyze } from '../dist/analysis/analyze.js';

const [dir, group = ''] = process.argv.slice(2);
const io = { stdout: { write() {} }, stderr: { write() {} }, cwd: process.cwd(), env: {} };
const t0 = performance.now();
const inv = await loadInputs([dir], {}, io, { onRun: leanRunExceptLoad });
const t1 = performance.now();
globalThis.gc?.();
const heap = process.memoryUsage().heapUsed;
// as the CLI's text summary: load runs not digested, nothing computed that its default view does not print
const result = analyze(inv, { group: group.split(',').filter(Boolean), pairIntervals: false, view: 'summary' });
const t2 = performance.now();
let samples = 0;
for (const r of inv.runs) samples += r.seriesDigest?.samples ?? r.series.length;
console.log(
  `load ${((t1 - t0) / 1000).toFixed(2)} s (${inv.runs.length} runs, ${samples} status samples digested as read, ${Math.round(heap / 2 ** 20)} MB heap kept), ` +
    `analysis ${((t2 - t1) / 1000).toFixed(2)} s (${result.groups.length} groups, ${result.series.length} series), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
