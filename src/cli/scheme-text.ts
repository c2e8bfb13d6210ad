/** The terminal text of `analyze scheme`: {@link explainSchemes}'s groups as a table and lists. */
import { factorOrder, type SchemeExplanation } from '../ingest/scheme/index.js';

function summariseLevels(levels: string[]): string {
  const allInts = levels.every((l) => /^\d+$/.test(l));
  if (allInts && levels.length > 3) {
    const nums = levels.map(Number);
    const contiguous = nums.every((n, i) => i === 0 || n === nums[i - 1] + 1);
    if (contiguous) return `${levels[0]}..${levels[levels.length - 1]} (${levels.length} levels)`;
  }
  const shown = levels.length > 8 ? [...levels.slice(0, 8), `… (${levels.length} levels)`] : levels;
  return shown.join(', ');
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function padLeft(s: string, n: number): string {
  return ' '.repeat(Math.max(0, n - [...s].length)) + s;
}

/** A printable text of {@link explainSchemes}'s result: a table (scheme, files, shape, example) with
 * aligned columns, then per group the factors and levels it gave and its ambiguities (at most
 * `maxAmbiguities` messages each, default 3), then the files that share the same factors. */
export function formatExplanation(e: SchemeExplanation, options: { maxAmbiguities?: number } = {}): string {
  const maxAmb = options.maxAmbiguities ?? 3;
  const lines: string[] = [];
  lines.push(`${e.files} file${e.files === 1 ? '' : 's'}, ${e.groups.length} pattern${e.groups.length === 1 ? '' : 's'}`);
  if (e.groups.length === 0) return `${lines.join('\n')}\n`;
  lines.push('');
  const head = ['#', 'scheme', 'files', 'shape', 'example'];
  const rows = e.groups.map((g, i) => [String(i + 1), g.scheme, String(g.count), g.shape, g.example]);
  const widths = head.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...r[c]].length)));
  const fmt = (r: string[]): string =>
    r
      .map((cell, c) => (c === 0 || c === 2 ? padLeft(cell, widths[c]) : c === r.length - 1 ? cell : pad(cell, widths[c])))
      .join('  ')
      .trimEnd();
  lines.push(fmt(head));
  lines.push(fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) lines.push(fmt(r));
  e.groups.forEach((g, i) => {
    lines.push('');
    lines.push(`[${i + 1}] ${g.scheme}  ${g.shape}  (${g.count} file${g.count === 1 ? '' : 's'}, e.g. ${g.example})`);
    const names = Object.keys(g.factors);
    if (names.length === 0) lines.push('    no factors');
    const w = Math.max(0, ...names.map((n) => n.length));
    for (const n of names) lines.push(`    ${pad(n, w)}  ${summariseLevels(g.factors[n])}`);
    if (g.ambiguousFiles > 0) {
      lines.push(`    ambiguous: ${g.ambiguousFiles} of ${g.count} file${g.count === 1 ? '' : 's'}`);
      for (const m of g.ambiguities.slice(0, maxAmb)) lines.push(`      - ${m}`);
      if (g.ambiguities.length > maxAmb) lines.push(`      … ${g.ambiguities.length - maxAmb} more`);
    }
  });
  if (e.collisions.length > 0) {
    lines.push('');
    const n = e.collisions.reduce((s, c) => s + c.files.length, 0);
    lines.push(`${n} files in ${e.collisions.length} set${e.collisions.length === 1 ? '' : 's'} get exactly the same factors (their names hold something no scheme reads):`);
    for (const c of e.collisions.slice(0, maxAmb)) {
      const fs = Object.entries(c.factors)
        .sort(([a], [b]) => factorOrder(a, b))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const shown = c.files.slice(0, 4).join(', ') + (c.files.length > 4 ? `, … (${c.files.length})` : '');
      lines.push(`  - ${fs}: ${shown}`);
    }
    if (e.collisions.length > maxAmb) lines.push(`  … ${e.collisions.length - maxAmb} more sets`);
  }
  return `${lines.join('\n')}\n`;
}