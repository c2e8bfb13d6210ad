/** Plain-text rendering for the terminal: aligned tables and numbers people can read. */

/** Render rows as an aligned table; `align` per column, 'l' or 'r'. The first row is the header. */
export function table(rows: string[][], align: ('l' | 'r')[] = []): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i] - [...c].length);
        return (align[i] ?? 'l') === 'r' ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n') + '\n';
}

/** A number with `digits` significant digits, without exponent for everyday magnitudes. */
export function num(x: number | undefined, digits = 4): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e9) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
    return x.toFixed(Math.min(decimals, 10));
  }
  return x.toExponential(digits - 1);
}

/**
 * A p-value as a person reads it: exponent below 1e-4, and never 0. `floor` is the smallest value
 * the method can resolve (1e-300 for tails computed directly; about 1e-9 for the studentized range,
 * whose algorithm is accurate to ~1e-11 absolute): below it the text says `< floor`.
 */
export function pval(p: number | undefined, floor = 1e-300): string {
  if (p === undefined || Number.isNaN(p)) return '–';
  if (p < floor) return `< ${floor.toExponential(0).replace('e-', 'e-')}`;
  if (p < 1e-4) return p.toExponential(1).replace('e-', 'e-');
  return p.toFixed(4);
}

/** Significance stars and words (conventional thresholds). */
export function stars(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return '';
  if (p < 0.001) return '***';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  return 'ns';
}

