/**
 * Number reading for YCSB outputs, without regular expressions (no backtracking on hostile input).
 *
 * Pure: no I/O, no imports.
 */

/** Java's Long.MAX_VALUE, printed by HdrHistogram as the minimum of an empty interval. */
export const LONG_MAX = 9223372036854775807;

/** Values at or above this are Long.MAX_VALUE placeholders ("no value"), not latencies. */
export const NO_VALUE_THRESHOLD = 9.2e18;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Read a number as Java, C++ or Go print it: optional sign, digits with an optional fraction,
 * an optional exponent (`2.3977984E7`, `1.44026e+06`), or `NaN` / `Infinity` / `-Infinity`.
 * Surrounding spaces are ignored. Returns undefined when the text is not exactly a number
 * (empty text, `abc`, `12abc`, `0x10`).
 *
 * @example parseNumber('2.3977984E7') // 23977984
 * @example parseNumber('NaN') // NaN
 * @example parseNumber('abc') // undefined
 */
export function parseNumber(text: string): number | undefined {
  // Number() does the reading; what it accepts beyond Java/C/Go decimals is rejected here:
  // empty or blank text (-> 0), hexadecimal/binary/octal prefixes (0x10, 0b1, 0o7).
  const v = Number(text);
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  if (i === text.length) return undefined;
  if (Number.isNaN(v)) {
    let end = text.length;
    while (end > i && text.charCodeAt(end - 1) <= 32) end--;
    return end - i === 3 && text.startsWith('NaN', i) ? NaN : undefined;
  }
  const c = text.charCodeAt(i);
  if (c === 48 /* 0 */ && i + 1 < text.length) {
    const n = text.charCodeAt(i + 1) | 0x20;
    if (n === 120 /* x */ || n === 98 /* b */ || n === 111 /* o */) return undefined;
  }
  return v;
}

/**
 * Like {@link parseNumber}, but also accepts a decimal comma as Java's DecimalFormat prints it
 * in comma locales (`19,59` in a status line), when the text holds no decimal point.
 *
 * @example parseLocaleNumber('19,59') // 19.59
 */
export function parseLocaleNumber(text: string): number | undefined {
  const v = parseNumber(text);
  if (v !== undefined) return v;
  const comma = text.indexOf(',');
  if (comma < 0 || text.indexOf('.') >= 0 || text.indexOf(',', comma + 1) >= 0) return undefined;
  return parseNumber(text.slice(0, comma) + '.' + text.slice(comma + 1));
}

/** Read an unsigned decimal integer made only of digits; undefined otherwise. */
export function parseUnsignedInt(text: string): number | undefined {
  if (text.length === 0) return undefined;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return undefined;
  return Number(text);
}

const GO_UNITS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  'µs': 0.001,
  'μs': 0.001,
  ns: 0.000001,
};

/**
 * Read a Go `time.Duration` string (`1m26.189185571s`, `3h32m36.6s`, `850ms`) and return
 * milliseconds; undefined when the text is not a duration.
 *
 * @example parseGoDuration('1m26.5s') // 86500
 */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s.length === 0) return undefined;
  let i = 0;
  let total = 0;
  let parts = 0;
  while (i < s.length) {
    const numStart = i;
    while (i < s.length && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 46)) i++;
    if (i === numStart) return undefined;
    const value = parseNumber(s.slice(numStart, i));
    if (value === undefined) return undefined;
    const unitStart = i;
    while (i < s.length && !isDigit(s.charCodeAt(i)) && s.charCodeAt(i) !== 46) i++;
    const factor = GO_UNITS[s.slice(unitStart, i)];
    if (factor === undefined) return undefined;
    total += value * factor;
    parts++;
  }
  return parts > 0 ? total : undefined;
}

/**
 * Factor that turns a latency printed in the unit named in a label such as
 * `AverageLatency(us)` / `95thPercentileLatency(ms)` / `Avg(us)` into microseconds.
 * Returns the factor and the unit seen; µs when the label names no unit.
 */
export function latencyUnitFactor(label: string): { factor: number; unit: 'us' | 'ms' | 'ns' | 's' } {
  const open = label.lastIndexOf('(');
  if (open >= 0) {
    const close = label.indexOf(')', open);
    const unit = label.slice(open + 1, close < 0 ? label.length : close);
    if (unit === 'ms') return { factor: 1000, unit: 'ms' };
    if (unit === 'ns') return { factor: 0.001, unit: 'ns' };
    if (unit === 's' || unit === 'sec') return { factor: 1e6, unit: 's' };
  }
  return { factor: 1, unit: 'us' };
}
