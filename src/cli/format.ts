/**
 * Plain-text rendering for the terminal: aligned tables, wrapped prose and numbers people can read,
 * all within a given width (display columns, not UTF-16 units: ─, ±, η² and → are one column each,
 * East Asian wide characters two, combining marks none).
 */

/** The width the output may use: $COLUMNS when set, else the terminal's, else 100 (a pipe or file). */
export function outputWidth(env: Record<string, string | undefined>, out: { isTTY?: boolean; columns?: number }): number {
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS !== undefined && env.COLUMNS.trim() !== '' && Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv);
  if (out.isTTY && typeof out.columns === 'number' && out.columns > 0) return Math.max(MIN_WIDTH, out.columns);
  return DEFAULT_WIDTH;
}

/** Width when the output is not a terminal. */
export const DEFAULT_WIDTH = 100;
/** Narrower than this, nothing useful fits; the output assumes at least this much. */
export const MIN_WIDTH = 40;

/** Display columns of one code point: 0 for combining marks and zero-width characters, 2 for wide ones. */
function cpWidth(cp: number): number {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) return 0;
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * Display columns of a string (no escape sequences: this output has none).
 * @example displayWidth('±5% ─') // 5
 */
export function displayWidth(s: string): number {
  // below U+0300 every character is one column (most of the output): count those first
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x300) i++;
  if (i === s.length) return i;
  let w = i;
  for (const ch of s.slice(i)) w += cpWidth(ch.codePointAt(0)!);
  return w;
}

/** The longest prefix of `s` of at most `width` columns. */
function take(s: string, width: number): [head: string, rest: string] {
  let w = 0;
  let i = 0;
  for (const ch of s) {
    const cw = cpWidth(ch.codePointAt(0)!);
    if (w + cw > width) break;
    w += cw;
    i += ch.length;
  }
  return [s.slice(0, i), s.slice(i)];
}

/** `s` cut to `width` columns, ending in '…' when cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  return take(s, Math.max(0, width - 1))[0] + '…';
}

/**
 * Word-wrap one line of text to `width` columns: the first line starts with `first`, the next ones
 * with `rest` (default: as many spaces as `first` is wide, plus two). A word longer than a line is
 * split (file names have no spaces). Returns the lines, without newlines.
 */
export function wrapText(text: string, width: number, first = '', rest?: string): string[] {
  const cont = rest ?? ' '.repeat(displayWidth(first) + 2);
  const lines: string[] = [];
  let line = first;
  let lineW = displayWidth(first);
  let prefixW = lineW;
  let empty = true;
  const push = () => {
    lines.push(line.trimEnd());
    line = cont;
    lineW = prefixW = displayWidth(cont);
    empty = true;
  };
  for (const word of text.split(/ +/).filter((x) => x !== '')) {
    let w = word;
    let ww = displayWidth(w);
    const sep = empty ? 0 : 1;
    if (lineW + sep + ww <= width) {
      line += (empty ? '' : ' ') + w;
      lineW += sep + ww;
      empty = false;
      continue;
    }
    if (!empty) push();
    // the word alone is longer than a line: cut it
    while (prefixW + ww > width && width - prefixW > 0) {
      const [head, tail] = take(w, width - prefixW);
      line += head;
      push();
      w = tail;
      ww = displayWidth(w);
    }
    line += w;
    lineW += ww;
    empty = ww === 0;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * Every line of `text` within `width` columns: longer lines are wrapped at spaces, continued under
 * their own indentation plus two spaces. Lines that fit are left alone.
 */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((l) => {
      if (displayWidth(l) <= width) return l;
      const indent = /^ */.exec(l)![0];
      const lead = /^( *(?:[!✗→] |[a-z-]+ {2,})?)/.exec(l)![0];
      return wrapText(l.slice(lead.length), width, lead, indent + ' '.repeat(Math.min(displayWidth(lead) - indent.length + 2, 12))).join('\n');
    })
    .join('\n');
}

export interface TableOptions {
  /** Maximum width of a line, indentation included (default: unlimited). */
  width?: number;
  /** Put before every line (default ''). */
  indent?: string;
  /** When the table is too wide, the first `repeat` columns (its row labels) start every block of
   * the remaining columns, so that each block fits (default 1). */
  repeat?: number;
}

/**
 * Render rows as an aligned table; `align` per column, 'l' or 'r'. The first row is the header.
 * Too wide for `options.width`: the columns are wrapped into blocks one under the other, each
 * starting with the row-label columns; a column that cannot fit even alone is cut with '…'.
 */
export function table(rows: string[][], align: ('l' | 'r')[] = [], options: TableOptions = {}): string {
  if (rows.length === 0) return '';
  const indent = options.indent ?? '';
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  const total = (cols: number[]) => cols.reduce((s, i) => s + widths[i], 0) + 2 * Math.max(0, cols.length - 1) + displayWidth(indent);
  const all = widths.map((_, i) => i);
  const max = options.width ?? Infinity;
  if (total(all) <= max) return block(rows, all, widths, align, indent);
  const repeat = Math.min(options.repeat ?? 1, all.length - 1);
  const labels = all.slice(0, repeat);
  const blocks: number[][] = [];
  let current: number[] = [];
  for (const i of all.slice(repeat)) {
    if (current.length > 0 && total([...labels, ...current, i]) > max) {
      blocks.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length) blocks.push(current);
  return blocks
    .map((cols) => {
      const use = total([...labels, ...cols]) <= max ? [...labels, ...cols] : cols;
      const w = [...widths];
      // a single column wider than the line: cut its cells
      const over = total(use) - max;
      if (over > 0) w[use[use.length - 1]] = Math.max(1, w[use[use.length - 1]] - over);
      const cut = rows.map((r) => r.map((c, i) => (displayWidth(c) > w[i] ? truncate(c, w[i]) : c)));
      return block(cut, use, w, align, indent);
    })
    .join('\n');
}

function block(rows: string[][], cols: number[], widths: number[], align: ('l' | 'r')[], indent: string): string {
  const line = (r: string[]) =>
    indent +
    cols
      .map((i) => {
        const c = r[i] ?? '';
        const pad = ' '.repeat(Math.max(0, widths[i] - displayWidth(c)));
        return (align[i] ?? 'l') === 'r' ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), indent + cols.map((i) => '─'.repeat(widths[i])).join('  ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n') + '\n';
}

/**
 * The columns of a table to keep so that it fits `width`: columns are dropped lowest `priority`
 * first (a higher number is kept longer; Infinity is never dropped). Returns the kept column
 * indexes in their order and the names (header cells) of the dropped ones.
 */
export function columnsThatFit(rows: string[][], priority: number[], width: number, indent = 0): { keep: number[]; dropped: string[] } {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  let keep = widths.map((_, i) => i);
  const total = () => indent + keep.reduce((s, i) => s + widths[i], 0) + 2 * Math.max(0, keep.length - 1);
  const order = [...keep].filter((i) => Number.isFinite(priority[i])).sort((a, b) => priority[a] - priority[b] || b - a);
  const dropped: number[] = [];
  for (const i of order) {
    if (total() <= width) break;
    keep = keep.filter((k) => k !== i);
    dropped.push(i);
  }
  // a column dropped early may fit again once a wider one is gone: put back what fits, most wanted first
  for (const i of [...dropped].sort((a, b) => priority[b] - priority[a] || a - b)) {
    const trial = [...keep, i].sort((a, b) => a - b);
    if (indent + trial.reduce((s, k) => s + widths[k], 0) + 2 * (trial.length - 1) <= width) {
      keep = trial;
      dropped.splice(dropped.indexOf(i), 1);
    }
  }
  return { keep, dropped: dropped.sort((a, b) => a - b).map((i) => rows[0][i]) };
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
 * A p-value as a person reads it: exponent below 1e-4, and never 0. `upper`: the p-value is only
 * known to be below this bound (Tukey and Games–Howell below their noise floor): '< 1e-9'.
 */
export function pval(p: number | undefined, upper?: number): string {
  if (upper !== undefined) return `< ${upper.toExponential(0)}`;
  if (p === undefined || Number.isNaN(p)) return '–';
  if (p < 1e-300) return '< 1e-300';
  if (p < 1e-4) return p.toExponential(1);
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
