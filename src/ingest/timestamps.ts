/**
 * Timestamps: in file and folder names (a run's start time, never a repetition number or a
 * factor level), and on YCSB's status lines.
 *
 * Name formats recognised ({@link NAME_TIMESTAMP_FORMATS}), the digits standing alone (no digit
 * right before or after):
 *   YYYYMMDDhhmmss, YYYYMMDD_hhmmss (or -), YYYY-MM-DD_hh-mm-ss (or T / space, - or .),
 *   YYYY-MM-DDThh:mm:ss (or space; fraction and zone suffix matched and dropped),
 *   YYYYMMDDhhmm, YYYYMMDD_hhmm (or -), YYYY-MM-DD_hh-mm, YYYY-MM-DDThh:mm,
 *   YYYY-MM-DD, YYYYMMDD, yymmdd.
 * Each is checked: year 1990–2099, month 1–12, a day that exists in that month (leap years
 * counted), hour 0–23, minute and second 0–59. So 100000000 (nine digits) and 10000000 (year 1000)
 * are no dates, nor is a 12-digit number whose month is 13. A six-digit yymmdd is the weakest
 * form: 180503 reads as 2018-05-03 whatever it meant; callers should accept it only where the
 * siblings agree (every sibling folder a date).
 *
 * Times are naive local times, as the names and YCSB print them: no zone is assumed or added.
 *
 * Pure: no I/O, no imports.
 */

/** A timestamp found in a name. */
export interface NameTimestamp {
  /** ISO 8601 without zone: `2018-05-03` (day), `2018-05-03T07:26` (minute), `2018-05-03T07:26:00` (second). */
  iso: string;
  precision: 'day' | 'minute' | 'second';
  /** The text matched, as written in the name. */
  text: string;
  /** Where the text starts in the segment. */
  index: number;
}

interface Format {
  name: string;
  re: RegExp;
  precision: NameTimestamp['precision'];
  /** Two-digit year. */
  shortYear?: boolean;
}

/** The name formats, most precise first; groups: year, month, day[, hour, minute[, second]].
 * (Global regular expressions keep state: they stay inside this module.) */
const FORMATS: readonly Readonly<Format>[] = [
  { name: 'YYYYMMDDhhmmss', re: /(?<!\d)(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?!\d)/g, precision: 'second' },
  { name: 'YYYYMMDD_hhmmss', re: /(?<!\d)(\d{4})(\d{2})(\d{2})[_-](\d{2})(\d{2})(\d{2})(?!\d)/g, precision: 'second' },
  { name: 'YYYY-MM-DD_hh-mm-ss', re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})[_T ](\d{2})[-.](\d{2})[-.](\d{2})(?!\d)/g, precision: 'second' },
  {
    name: 'YYYY-MM-DDThh:mm:ss',
    re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?(?!\d)/g,
    precision: 'second',
  },
  { name: 'YYYY-MM-DDThh:mm', re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?![\d:])/g, precision: 'minute' },
  { name: 'YYYYMMDD_hhmm', re: /(?<!\d)(\d{4})(\d{2})(\d{2})[_-](\d{2})(\d{2})(?!\d)/g, precision: 'minute' },
  { name: 'YYYY-MM-DD_hh-mm', re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})(?![\d-])/g, precision: 'minute' },
  { name: 'YYYYMMDDhhmm', re: /(?<!\d)(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?!\d)/g, precision: 'minute' },
  { name: 'YYYY-MM-DD', re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?![\d])/g, precision: 'day' },
  { name: 'YYYYMMDD', re: /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g, precision: 'day' },
  { name: 'yymmdd', re: /(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)/g, precision: 'day', shortYear: true },
];

/** The names of the formats {@link nameTimestamps} recognises, most precise first. */
export const NAME_TIMESTAMP_FORMATS: readonly string[] = FORMATS.map((f) => f.name);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The calendar fields if they make a plausible time (year 1990–2099, real day, real clock time). */
function plausible(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  return (
    year >= 1990 &&
    year <= 2099 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

function isoOf(precision: NameTimestamp['precision'], f: readonly number[]): string {
  const day = `${pad(f[0], 4)}-${pad(f[1])}-${pad(f[2])}`;
  if (precision === 'day') return day;
  if (precision === 'minute') return `${day}T${pad(f[3])}:${pad(f[4])}`;
  return `${day}T${pad(f[3])}:${pad(f[4])}:${pad(f[5])}`;
}

/**
 * Every plausible timestamp in a name segment (a file or folder name), in order of position;
 * where several formats match overlapping text, the longest match (then the most precise) wins.
 */
export function nameTimestamps(segment: string): NameTimestamp[] {
  const found: NameTimestamp[] = [];
  for (const fmt of FORMATS) {
    fmt.re.lastIndex = 0;
    for (let m = fmt.re.exec(segment); m !== null; m = fmt.re.exec(segment)) {
      const nums = m.slice(1).filter((g) => g !== undefined).map(Number);
      if (fmt.shortYear) nums[0] += nums[0] >= 90 ? 1900 : 2000;
      if (!plausible(nums[0], nums[1], nums[2], nums[3], nums[4], nums[5])) continue;
      found.push({ iso: isoOf(fmt.precision, nums), precision: fmt.precision, text: m[0], index: m.index });
    }
  }
  const rank = { second: 3, minute: 2, day: 1 } as const;
  found.sort((a, b) => b.text.length - a.text.length || rank[b.precision] - rank[a.precision] || a.index - b.index);
  const kept: NameTimestamp[] = [];
  for (const t of found) {
    const end = t.index + t.text.length;
    if (kept.some((k) => t.index < k.index + k.text.length && k.index < end)) continue;
    kept.push(t);
  }
  return kept.sort((a, b) => a.index - b.index);
}

/**
 * The first plausible timestamp in a name segment, or undefined.
 *
 * @example nameTimestamp('201805030726') // { iso: '2018-05-03T07:26', precision: 'minute', text: '201805030726', index: 0 }
 * @example nameTimestamp('run-2025-05-27_17-27-29.txt')?.iso // '2025-05-27T17:27:29'
 * @example nameTimestamp('rc100000000') // undefined
 */
export function nameTimestamp(segment: string): NameTimestamp | undefined {
  return nameTimestamps(segment)[0];
}

/** A YCSB status-line time: ISO with milliseconds, and the seconds since the start YCSB printed. */
export interface StatusTimestamp {
  /** `2018-11-23T04:29:16.517` (naive local time; `.000` when the line has no milliseconds). */
  iso: string;
  /** The `N sec:` count after the time, when present. */
  secondsSinceStart?: number;
}

/** `2018-11-23 04:29:16:517 10 sec: …` (YCSB: yyyy-MM-dd HH:mm:ss:SSS) or YCSB-cpp's
 * `2024-03-19 22:49:17 5 sec: …` (no milliseconds). */
const STATUS_STAMP = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[:.,](\d{1,3}))?(?:\s+(\d+)\s+sec\b)?/;

/**
 * The time at the start of a status line, or undefined when the line does not start with a
 * plausible one.
 *
 * @example statusTimestamp('2018-11-23 04:29:16:517 10 sec: 1601 operations; …')
 *   // { iso: '2018-11-23T04:29:16.517', secondsSinceStart: 10 }
 */
export function statusTimestamp(line: string): StatusTimestamp | undefined {
  const m = STATUS_STAMP.exec(line);
  if (!m) return undefined;
  const f = m.slice(1, 7).map(Number);
  if (!plausible(f[0], f[1], f[2], f[3], f[4], f[5])) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const out: StatusTimestamp = { iso: `${isoOf('second', f)}.${pad(ms, 3)}` };
  if (m[8] !== undefined) out.secondsSinceStart = Number(m[8]);
  return out;
}

/** `YYYY-MM-DD[Thh:mm[:ss[.fff]]]` -> its fields, or undefined. */
const ISO_NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * The start of a run from its first status line: that line's time minus the seconds since the
 * start it prints. YCSB floors the seconds, so the start is known to within a second (and to the
 * millisecond only when the line was printed at a whole second). Calendar arithmetic on the naive
 * time (no zone, no daylight-saving shifts). Returns ISO with milliseconds.
 *
 * @example startFromStatus('2018-11-23T04:29:26.454', 10) // '2018-11-23T04:29:16.454'
 * @throws when `firstStamp` is not a naive ISO time or `secondsSinceStart` is not a finite number ≥ 0
 */
export function startFromStatus(firstStamp: string, secondsSinceStart: number): string {
  const m = ISO_NAIVE.exec(firstStamp);
  if (!m) {
    throw new Error(
      `startFromStatus: expected a naive ISO time such as 2018-11-23T04:29:16.517, found ${JSON.stringify(firstStamp)}`,
    );
  }
  if (!Number.isFinite(secondsSinceStart) || secondsSinceStart < 0) {
    throw new Error(`startFromStatus: expected seconds since the start ≥ 0, found ${secondsSinceStart}`);
  }
  const f = m.slice(1, 7).map((g) => (g === undefined ? 0 : Number(g)));
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const t = Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5], ms) - Math.round(secondsSinceStart * 1000);
  const d = new Date(t);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}
