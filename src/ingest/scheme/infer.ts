/**
 * Inference: the factors of a path no scheme knows, from its tokens, without guessing; what cannot
 * be placed is reported as an ambiguity with the fix in words (or, given the caller's flag, as that
 * flag). Pure.
 */
import { canonicalFactor, type Factors } from '../../model/run.js';
import { nameTimestamps } from '../timestamps.js';
import { compileTemplate, EXTENSION, type FactorSpan } from './template.js';
import { BINDING_NAMES, INFER_KEYS, KNOWN_DATABASES, NOT_KEYS, NUMBER_KEYS, PHASE_WORDS, normalizeFactorValue } from './vocabulary.js';

export interface InferOptions {
  /**
   * The command-line flag that takes a template (e.g. `--scheme`): the fix an ambiguity suggests
   * names it (`--scheme '{db}-{workload}-{rep}'`). Without it the fix is said in words ("the scheme
   * template '{db}-{workload}-{rep}'", "a scheme template naming the factors").
   */
  templateFlag?: string;
}

/** How an ambiguity's fix names a template: `named(t)` one template, `any` a template in general. */
interface FixWording {
  named(template: string): string;
  any: string;
}

function fixWording(flag: string | undefined): FixWording {
  if (flag !== undefined) return { named: (t) => `${flag} '${t}'`, any: flag };
  return { named: (t) => `the scheme template '${t}'`, any: 'a scheme template naming the factors' };
}

export interface InferResult {
  factors: Factors;
  ambiguities: string[];
  spans: FactorSpan[];
  /** The numbers of the file name (its last segment) that no factor took, in order: the reason
   * of an ambiguity (see the identity step, ../identity.ts, which never pools on them). */
  unplaced: string[];
}

interface Candidate {
  factor: string;
  value: string;
  /** Weak candidates (a lone letter as workload) give way to strong ones. */
  weak?: boolean;
  where: string;
}

/** A date written with `_` or `.` between its parts (2025_05_27, 2025.05.27), which the name
 * timestamps (../timestamps.ts) do not read: a date all the same, never a number to place. */
const SEPARATED_DATE = /(?<!\d)(?:19|20)\d{2}([_.])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?!\d)/g;
/** A time on its own only with ':' (17:27:29); '17-27-29' counts as a time only after a date. */
const TIME = /(?<!\d)(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?!\d)/g;
const VERSION = /(?<![\d.])v?\d+(?:\.\d+)+(?![\d])/gi;
const STRONG_WORKLOAD = /workload([\s_-]?)([a-z])(?![a-z])/gi;
const WL_WORKLOAD = /(?<![a-z])wl([\s_-]?)([a-z])(?![a-z])/gi;
const KEY_EQ_VALUE = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*)=([A-Za-z0-9.]+)/g;
const KNOWN_KEY_NUMBER = new RegExp(
  `(?<![a-z0-9])(${Object.keys(INFER_KEYS)
    .sort((a, b) => b.length - a.length)
    .join('|')})[\\s_=-]?(\\d+)(?![0-9])`,
  'gi',
);
const SWITCH = /(?<![a-z0-9])([a-z][a-z0-9]*)[-_=](on|off|true|false|enabled|disabled)(?![a-z0-9])/gi;
/** A key glued to true/false (`raftrue`, `compressionFalse`): key = the boolean. */
const GLUED_BOOLEAN = /(?<![a-z0-9])([a-z]{2,}?)(true|false)(?![a-z0-9])/gi;
/** A number followed by a word that names its factor (`8_threads`, `16threads`, `4-nodes`). */
const NUMBER_KEY = new RegExp(
  `(?<![A-Za-z0-9.])(\\d+)[_-]?(${Object.keys(NUMBER_KEYS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![a-z])`,
  'gi',
);
const LOWER_KEY_UNDERSCORE_NUMBER = /(?<![A-Za-z0-9])([a-z]{2,})_(\d+)(?![0-9])/g;
const BINDING = new RegExp(`(?<![a-z0-9])(${Object.keys(BINDING_NAMES).sort((a, b) => b.length - a.length).join('|')})(?![a-z0-9])`, 'gi');

function stripExtension(base: string): string {
  const m = /\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$/.exec(base);
  return m && m.index > 0 ? base.slice(0, m.index) : base;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Infer factors from a path no scheme knows, without guessing.
 *
 * Read from every segment (folders and file name, extension dropped): dates and times (ignored),
 * dotted versions (`ycsb-0.1.4`, ignored), `workloada`/`Workload A`/`wlA` (workload), `key=value`,
 * a known key before a number (`rf3`, `rf_1`, `bs_7000`, `th8`, `rc100000`, `oc10000`, `rep2`,
 * `run_3`, `iter-4`, `client1` / `client-3`: the index of one client of a run driven by several, factor
 * `client`, never a repetition; see the list in the source), `name-on`/`name-off`, a lower-case
 * `name_<number>` (factor `name`), known database names as whole words (`cassandra`, `MongoDB`,
 * binding names such as `hbase2`), phase words (`load`; `run`, `exec`, `transaction`), and a lone
 * letter a–f as the workload when nothing stronger says which. A number left over (`outputRunA2`:
 * is 2 a repetition or a record-count step?) is NOT assigned: it is reported in `ambiguities`
 * with a suggested template (worded as `opts.templateFlag` says). So are contradicting values (rf 1
 * in a folder, rf 2 in the name) and a name that gives no factor at all.
 */
export function inferFactors(relPath: string, opts: InferOptions = {}): InferResult {
  const fix = fixWording(opts.templateFlag);
  const segments = relPath.split('/');
  const scanned: SegmentScan = { candidates: [], spans: [], numbers: [], unread: [] };
  const { candidates, spans, numbers } = scanned;
  let offset = 0;
  const segInfo: { start: number; text: string }[] = [];

  for (let si = 0; si < segments.length; si++) {
    const original = segments[si];
    const isLast = si === segments.length - 1;
    const text = isLast ? stripExtension(original) : original;
    segInfo.push({ start: offset, text });
    scanSegment(original, text, si, offset, scanned);
    offset += original.length + 1;
  }

  // Resolve candidates per factor.
  const factors: Factors = {};
  const ambiguities: string[] = [];
  const byFactor = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byFactor.get(c.factor) ?? [];
    list.push(c);
    byFactor.set(c.factor, list);
  }
  const dropSpans = new Set<string>();
  for (const [factor, list] of byFactor) {
    const strong = list.filter((c) => !c.weak);
    const use = strong.length > 0 ? strong : list;
    const values = [...new Set(use.map((c) => c.value))];
    if (values.length === 1) {
      factors[factor] = values[0];
      if (strong.length > 0) {
        const weakOther = list.filter((c) => c.weak && c.value !== values[0]);
        if (weakOther.length > 0) {
          ambiguities.push(
            `${relPath}: ${factor} is ${values[0]} (from '${strong[0].where}') but the lone letter ${weakOther[0].value} in '${weakOther[0].where}' could also be a ${factor}; kept ${values[0]}`,
          );
        }
      }
    } else {
      const desc = values.map((v) => `${v} (in '${use.find((c) => c.value === v)?.where}')`);
      ambiguities.push(`${relPath}: ${factor} could be ${listWords(desc)}; left unset — say which with ${fix.any}`);
      dropSpans.add(factor);
    }
  }
  // Weak workload spans that lost are not factor spans.
  const keptSpans = spans.filter((s) => !dropSpans.has(s.factor));

  if (numbers.length > 0) {
    const base = segments[segments.length - 1];
    const nums = numbers.map((n) => n.text);
    const what = nums.length === 1 ? `the number ${nums[0]}` : `the numbers ${listWords(nums)}`;
    const where = [...new Set(numbers.map((n) => segments[n.seg]))].map((s) => `'${s}'`).join(', ');
    const suggestion = suggestTemplate(relPath, segments, keptSpans, numbers, factors);
    if (factors.rep === undefined) {
      ambiguities.push(
        `${relPath}: ${what} in ${where} could be a repetition or a step of another factor (record count, threads, …): not used, rep left unset.` +
          (suggestion
            ? ` If it is the repetition, say so: ${fix.named(suggestion)} (write {recordcount}, {threads}, a name of your own such as {step}, or {_} in place of {rep} if it is not)`
            : ` Say what it is with ${fix.any}`),
      );
    } else {
      ambiguities.push(
        `${relPath}: ${what} in ${where} not used (rep is ${factors.rep}, from '${byFactor.get('rep')?.[0]?.where ?? base}'); if it distinguishes runs, name it` +
          (suggestion ? ` with ${fix.named(suggestion)}` : ` with ${fix.any}`),
      );
    }
  }
  if (Object.keys(factors).length === 0) {
    ambiguities.push(`${relPath}: nothing in the name says which run this is (no database, workload, phase or key-value found); give ${fix.any}`);
  }
  for (const s of spans) if (s.factor === 'date' || s.factor === 'version') keptSpans.includes(s) || keptSpans.push(s);
  keptSpans.sort((a, b) => a.start - b.start);
  const unplaced = numbers.filter((n) => n.seg === segments.length - 1).map((n) => n.text);
  return { factors, ambiguities, spans: dedupeSpans(keptSpans), unplaced };
}

/** How inference reads one folder name on its own (see {@link readSegment}). */
export interface SegmentReading {
  /** Every word and number of it is read: a key and its value, a date, a version, a database, a
   * phase word, a workload letter. */
  fullyRead: boolean;
  /** What it was read as: factor names, and 'date' / 'version' for parts read but not kept. */
  reads: string[];
}

/**
 * How inference reads one folder name on its own, with the rules of {@link inferFactors}: for the
 * identity step (../identity.ts), which makes a folder a factor only where its name says something
 * no scheme reads (`vm_dockered`, not `tc8`, `rc1000-op1000`, `8_threads`, `mongodb` or a date).
 * @example readSegment('8_threads') // { fullyRead: true, reads: ['threads'] }
 * @example readSegment('vm_dockered').fullyRead // false
 */
export function readSegment(segment: string): SegmentReading {
  const scanned: SegmentScan = { candidates: [], spans: [], numbers: [], unread: [] };
  scanSegment(segment, segment, 0, 0, scanned);
  const reads = new Set<string>(scanned.candidates.map((c) => c.factor));
  for (const sp of scanned.spans) if (sp.factor === 'date' || sp.factor === 'version') reads.add(sp.factor);
  return { fullyRead: scanned.numbers.length === 0 && scanned.unread.length === 0, reads: [...reads] };
}

/** What scanning segments collects: candidates, spans, numbers left over, words not read. */
interface SegmentScan {
  candidates: Candidate[];
  spans: FactorSpan[];
  numbers: { seg: number; start: number; end: number; text: string }[];
  /** Words no rule read (neither a key, a value, a database, a phase word nor a workload letter). */
  unread: string[];
}

/** Scan one segment (`text`: the file name without its extension, or a folder name) at `offset`
 * in the path, the `si`-th segment, with every rule of {@link inferFactors} in order, each on what
 * the ones before left (consumed characters become spaces, so offsets stay valid). */
function scanSegment(original: string, text: string, si: number, offset: number, out: SegmentScan): void {
  const { candidates, spans, numbers, unread } = out;
  // Working copy: consumed characters become spaces (offsets stay valid).
  let w = text;
  const consume = (s: number, e: number): void => {
    w = w.slice(0, s) + ' '.repeat(e - s) + w.slice(e);
  };
  const where = original;
  const scan = (re: RegExp, fn: (m: RegExpExecArray) => void): void => {
    re.lastIndex = 0;
    const found: RegExpExecArray[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(w)) !== null) {
      found.push(m);
      if (m[0].length === 0) re.lastIndex++;
    }
    for (const f of found) fn(f);
  };
  const valueSpan = (m: RegExpExecArray, group: number): [number, number] => {
    const g = m[group];
    const rel = m[0].lastIndexOf(g);
    return [m.index + rel, m.index + rel + g.length];
  };

  // timestamps (../timestamps.ts), but for the six-digit yymmdd: a date only where sibling
  // folders agree (the identity step decides), a number here
  for (const t of nameTimestamps(w)) {
    if (/^\d{6}$/.test(t.text)) continue;
    spans.push({ start: offset + t.index, end: offset + t.index + t.text.length, factor: 'date' });
    consume(t.index, t.index + t.text.length);
  }
  scan(SEPARATED_DATE, (m) => {
    spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'date' });
    consume(m.index, m.index + m[0].length);
  });
  scan(TIME, (m) => {
    spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'date' });
    consume(m.index, m.index + m[0].length);
  });
  scan(VERSION, (m) => {
    spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'version' });
    consume(m.index, m.index + m[0].length);
  });
  for (const re of [STRONG_WORKLOAD, WL_WORKLOAD]) {
    scan(re, (m) => {
      // 'workloads' is a word, not workload s: without a separator only the core letters a–f.
      if (m[1] === '' && !/^[a-f]$/i.test(m[2])) return;
      const [s, e] = valueSpan(m, 2);
      candidates.push({ factor: 'workload', value: normalizeFactorValue('workload', m[2]), where });
      spans.push({ start: offset + s, end: offset + e, factor: 'workload' });
      consume(m.index, m.index + m[0].length);
    });
  }
  scan(KEY_EQ_VALUE, (m) => {
    const key = m[1].toLowerCase();
    const name = key === 'load' ? key : canonicalFactor(INFER_KEYS[key] ?? m[1]); // load=… in a name is not the deployment factor
    const [s, e] = valueSpan(m, 2);
    candidates.push({ factor: name, value: normalizeFactorValue(name, m[2]), where });
    spans.push({ start: offset + s, end: offset + e, factor: name });
    consume(m.index, m.index + m[0].length);
  });
  scan(KNOWN_KEY_NUMBER, (m) => {
    const name = INFER_KEYS[m[1].toLowerCase()];
    const [s, e] = valueSpan(m, 2);
    candidates.push({ factor: name, value: normalizeFactorValue(name, m[2]), where });
    spans.push({ start: offset + s, end: offset + e, factor: name });
    consume(m.index, m.index + m[0].length);
  });
  scan(NUMBER_KEY, (m) => {
    const name = NUMBER_KEYS[m[2].toLowerCase()];
    const s = m.index;
    const e = s + m[1].length;
    candidates.push({ factor: name, value: normalizeFactorValue(name, m[1]), where });
    spans.push({ start: offset + s, end: offset + e, factor: name });
    consume(m.index, m.index + m[0].length);
  });
  scan(SWITCH, (m) => {
    const key = m[1].toLowerCase();
    if (PHASE_WORDS[key] || KNOWN_DATABASES[key]) return;
    const name = canonicalFactor(key);
    const [s, e] = valueSpan(m, 2);
    candidates.push({ factor: name, value: m[2].toLowerCase(), where });
    spans.push({ start: offset + s, end: offset + e, factor: name });
    consume(m.index, m.index + m[0].length);
  });
  scan(GLUED_BOOLEAN, (m) => {
    const key = m[1].toLowerCase();
    if (PHASE_WORDS[key] || KNOWN_DATABASES[key] || NOT_KEYS.has(key)) return;
    const name = canonicalFactor(key);
    const [s, e] = valueSpan(m, 2);
    candidates.push({ factor: name, value: m[2].toLowerCase(), where });
    spans.push({ start: offset + s, end: offset + e, factor: name });
    consume(m.index, m.index + m[0].length);
  });
  scan(LOWER_KEY_UNDERSCORE_NUMBER, (m) => {
    const key = m[1];
    if (NOT_KEYS.has(key) || PHASE_WORDS[key] || KNOWN_DATABASES[key]) return;
    const name = canonicalFactor(key);
    const [s, e] = valueSpan(m, 2);
    candidates.push({ factor: name, value: normalizeFactorValue(name, m[2]), where });
    spans.push({ start: offset + s, end: offset + e, factor: name });
    consume(m.index, m.index + m[0].length);
  });
  scan(BINDING, (m) => {
    candidates.push({ factor: 'db', value: BINDING_NAMES[m[1].toLowerCase()], where });
    spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'db' });
    consume(m.index, m.index + m[0].length);
  });
  // Whole alphabetic runs first (MongoDB), then camel-case / letter-digit pieces.
  scan(/[A-Za-z]+/g, (m) => {
    const l = m[0].toLowerCase();
    if (KNOWN_DATABASES[l]) {
      candidates.push({ factor: 'db', value: KNOWN_DATABASES[l], where });
      spans.push({ start: offset + m.index, end: offset + m.index + m[0].length, factor: 'db' });
      consume(m.index, m.index + m[0].length);
    }
  });
  scan(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g, (m) => {
    const tok = m[0];
    const s = m.index;
    const e = s + tok.length;
    if (/^\d+$/.test(tok)) {
      numbers.push({ seg: si, start: offset + s, end: offset + e, text: tok });
      return;
    }
    const l = tok.toLowerCase();
    if (KNOWN_DATABASES[l]) {
      candidates.push({ factor: 'db', value: KNOWN_DATABASES[l], where });
      spans.push({ start: offset + s, end: offset + e, factor: 'db' });
      return;
    }
    if (PHASE_WORDS[l]) {
      candidates.push({ factor: 'phase', value: PHASE_WORDS[l], where });
      return;
    }
    if (/^[a-f]$/i.test(tok)) {
      candidates.push({ factor: 'workload', value: l, weak: true, where });
      spans.push({ start: offset + s, end: offset + e, factor: 'workload' });
      return;
    }
    unread.push(tok);
  });
}

function dedupeSpans(spans: FactorSpan[]): FactorSpan[] {
  const out: FactorSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) continue;
    out.push(s);
  }
  return out;
}

/** A template for the segments from the first one holding an unexplained number to the file name,
 * with what was recognised as placeholders, the last unexplained number as {rep} and the others
 * as {_}. Returned only if it compiles and reads the file back with that rep. */
function suggestTemplate(
  relPath: string,
  segments: string[],
  spans: FactorSpan[],
  numbers: { seg: number; start: number; end: number; text: string }[],
  factors: Factors,
): string | undefined {
  const firstSeg = Math.min(...numbers.map((n) => n.seg));
  let segStart = 0;
  for (let i = 0; i < firstSeg; i++) segStart += segments[i].length + 1;
  const base = segments[segments.length - 1];
  const extMatch = EXTENSION.exec(base);
  const ext = extMatch && stripExtension(base) !== base ? extMatch[0] : '';
  const endAll = relPath.length - ext.length;
  const repNum = numbers[numbers.length - 1];
  const parts: { start: number; end: number; text: string }[] = [];
  for (const s of spans) {
    if (s.start < segStart || s.end > endAll) continue;
    let ph: string;
    if (s.factor === 'date' || s.factor === 'version') ph = '{_}';
    else if (s.factor === 'phase') continue;
    else if (factors[s.factor] === undefined) continue;
    else ph = `{${s.factor}}`;
    parts.push({ start: s.start, end: s.end, text: ph });
  }
  const repKnown = factors.rep !== undefined;
  for (const n of numbers) {
    if (n.start < segStart) continue;
    let text = '{_}';
    if (!repKnown && n === repNum) text = '{rep}';
    else if (repKnown) {
      // Name it after the word glued in front of it ('scenario1' -> scenario{scenario}).
      const word = /([a-z]{2,})$/.exec(relPath.slice(0, n.start))?.[1];
      if (word && factors[canonicalFactor(word)] === undefined && !PHASE_WORDS[word] && !NOT_KEYS.has(word)) text = `{${word}}`;
    }
    parts.push({ start: n.start, end: n.end, text });
  }
  parts.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = segStart;
  for (const p of parts) {
    if (p.start < pos) continue;
    out += relPath.slice(pos, p.start).replace(/[{}]/g, (c) => c + c) + p.text;
    pos = p.end;
  }
  out += relPath.slice(pos, endAll).replace(/[{}]/g, (c) => c + c);
  // '*' and '?' cannot be written in a template.
  if (/[*?\\]/.test(out)) return undefined;
  try {
    const t = compileTemplate(out);
    const m = t.match(relPath);
    if (!m) return undefined;
    if (repKnown ? m.factors.rep !== undefined && m.factors.rep !== factors.rep : m.factors.rep !== normalizeFactorValue('rep', repNum.text)) return undefined;
    // it must reproduce the factors it claims: each one it reads as inference read it (rep: the
    // number it is suggested for), and every factor inference read in the part it covers
    const claimed: Factors = repKnown ? factors : { ...factors, rep: normalizeFactorValue('rep', repNum.text) };
    for (const [k, v] of Object.entries(m.factors)) if (claimed[k] !== undefined && claimed[k] !== v) return undefined;
    for (const s of spans) {
      if (s.start < m.start || s.factor === 'date' || s.factor === 'version' || factors[s.factor] === undefined) continue;
      if (m.factors[s.factor] === undefined) return undefined;
    }
    if (repKnown && !/\{(?!_\})[a-z]+\}/.test(out.replace(/\{(db|workload|rep|rf|nodes|recordcount|operationcount|threads|phase)\}/g, ''))) return undefined;
    return out;
  } catch {
    return undefined;
  }
}
