/**
 * The header of a YCSB output: the `Command line:` arguments (or the java command that started
 * `site.ycsb.Client`), the client version, and the database a binding names (from the one binding
 * table, ../bindings.ts).
 *
 * Pure: no I/O.
 */
import type { Diagnostic, RunHeader } from '../../model/run.js';
import { BINDING_DB } from '../bindings.js';

export { BINDING_DB } from '../bindings.js';

/**
 * The database a binding names, from {@link BINDING_DB}: the class's simple name first
 * (any `HBaseClient…` is hbase, any `Cassandra…Client` is cassandra), then the lower-case
 * binding name. `null`: generic (JDBC); undefined: unknown binding.
 *
 * @example dbFromBinding('site.ycsb.db.hbase2.HBaseClient2') // 'hbase'
 * @example dbFromBinding('site.ycsb.db.JdbcDBClient') // null
 */
export function dbFromBinding(binding: string): string | null | undefined {
  const simple = binding.slice(binding.lastIndexOf('.') + 1);
  if (Object.prototype.hasOwnProperty.call(BINDING_DB, simple)) return BINDING_DB[simple];
  if (simple.startsWith('HBaseClient')) return 'hbase';
  if (simple.startsWith('Cassandra') && simple.endsWith('Client')) return 'cassandra';
  const lower = binding.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(BINDING_DB, lower)) return BINDING_DB[lower];
  return undefined;
}

/** `/opt/ycsb/workloads/workloada` -> `a`; `workloads/my_mix.properties` -> `my_mix`. */
export function workloadName(file: string): string {
  let base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot > 0) base = base.slice(0, dot);
  if (base.length === 9 && base.toLowerCase().startsWith('workload')) {
    const letter = base[8].toLowerCase();
    if (letter >= 'a' && letter <= 'z') return letter;
  }
  return base;
}

function isWorkloadFile(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase();
  return base.startsWith('workload');
}

function isConfigFile(file: string): boolean {
  const f = file.toLowerCase();
  return f.endsWith('.properties') || f.endsWith('.conf') || f.endsWith('.cfg') || f.endsWith('.xml');
}

/** YCSB client options whose value is free text (a -p value, a file path, a class, a label). */
const TEXT_VALUED = new Set(['-p', '-P', '-db', '-l']);

/** {@link splitClientArgs}'s result: the arguments, and the values re-joined across spaces. */
export interface ClientArgs {
  args: string[];
  /** Option values that held spaces, as re-joined: `{ option: '-p', value: 'k=a b' }`. */
  rejoined: { option: string; value: string }[];
}

/**
 * Split YCSB client arguments as YCSB echoes them (`Command line: -db X -p k=v …`, or the tail of
 * the java command the bin/ycsb wrapper prints), re-joining values that held spaces.
 *
 * YCSB prints `" " + arg` for each argument it received (site.ycsb.Client.parseArguments): the
 * shell's quotes are gone, so `-p "hosts=a b"` reads `-p hosts=a b`, and the boundaries between
 * arguments are lost. They can be recovered from YCSB's own grammar: every argument after an
 * option's value must itself be an option (start with `-`), or YCSB stops with a usage text. So
 * a word that follows the value of -p, -P, -db or -l and does not start with `-` is part of that
 * value; it is re-joined with the whitespace printed between them (a value's own spaces and tabs
 * are printed as they were).
 *
 * What cannot be recovered: a value in which a space is followed by `-` (`-p "x=a -b"` reads as
 * `-p x=a` and an option `-b`), and the quote characters themselves (there were none in what
 * YCSB received; a `"` in the echo is part of the value and kept as is).
 *
 * @example splitClientArgs('-p hosts=a b -s').args // ['-p', 'hosts=a b', '-s']
 */
export function splitClientArgs(text: string): ClientArgs {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 9) {
      if (start >= 0) {
        starts.push(start);
        ends.push(i);
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  const args: string[] = [];
  const rejoined: ClientArgs['rejoined'] = [];
  for (let k = 0; k < starts.length; k++) {
    const a = text.slice(starts[k], ends[k]);
    args.push(a);
    if (!TEXT_VALUED.has(a) || k + 1 >= starts.length) continue;
    // the value, and any following words that cannot be arguments of their own
    let last = k + 1;
    while (last + 1 < starts.length && text.charCodeAt(starts[last + 1]) !== 45 /* - */) last++;
    const value = text.slice(starts[k + 1], ends[last]);
    args.push(value);
    if (last > k + 1) rejoined.push({ option: a, value });
    k = last;
  }
  return { args, rejoined };
}

/**
 * Apply YCSB client arguments (`-db X -P file -p k=v -threads N -target N -load -t -s -l label`)
 * to a header, in order (the last setting wins, as in site.ycsb.Client): binding, db, workload,
 * phase, recordcount, operationcount, threads, target, and every -p into properties.
 */
export function applyClientArgs(
  args: string[],
  header: RunHeader,
  line: number,
  diagnostics: Diagnostic[],
): void {
  const workloadFiles: string[] = [];
  const stray: string[] = [];
  const otherFiles: string[] = [];
  const f = header.factors;
  const setProp = (key: string, value: string): void => {
    header.properties[key] = value;
    switch (key) {
      case 'recordcount':
      case 'operationcount':
        f[key] = value;
        break;
      case 'threadcount':
        f.threads = value;
        break;
      case 'target':
        f.target = value;
        break;
      case 'db':
        header.binding = value;
        break;
      case 'dotransactions':
        if (value === 'false') f.phase = 'load';
        else if (value === 'true') f.phase = 'run';
        break;
      default:
        break;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = i + 1 < args.length ? args[i + 1] : undefined;
    switch (a) {
      case '-db':
        if (next !== undefined) {
          header.binding = next;
          i++;
        }
        break;
      case '-P':
        if (next !== undefined) {
          (isWorkloadFile(next) ? workloadFiles : otherFiles).push(next);
          i++;
        }
        break;
      case '-p':
        if (next === undefined) break;
        i++;
        {
          const eq = next.indexOf('=');
          if (eq <= 0) {
            diagnostics.push({
              line,
              severity: 'warning',
              message: 'command line: a -p property without a value is ignored',
              expected: 'name=value after -p',
              found: JSON.stringify(next),
            });
          } else setProp(next.slice(0, eq), next.slice(eq + 1));
        }
        break;
      case '-threads':
        if (next !== undefined) {
          f.threads = next;
          header.properties.threadcount = next;
          i++;
        }
        break;
      case '-target':
        if (next !== undefined) {
          f.target = next;
          header.properties.target = next;
          i++;
        }
        break;
      case '-load':
        f.phase = 'load';
        break;
      case '-t':
        f.phase = 'run';
        break;
      case '-l':
      case '-cp':
      case '-jvm-args':
        if (next !== undefined) i++;
        break;
      case '-s':
        break;
      default:
        stray.push(a);
        break;
    }
  }
  if (stray.length > 0) {
    diagnostics.push({
      line,
      severity: 'warning',
      message:
        'command line: words that are neither YCSB options nor option values (YCSB would have refused them): a value holding " -" was probably split here, and the values around it may be cut (YCSB echoes its arguments without quotes)',
      found: stray.map((w) => JSON.stringify(w)).join(', '),
    });
  }
  if (workloadFiles.length > 0) f.workload = workloadName(workloadFiles[workloadFiles.length - 1]);
  else {
    const candidates = otherFiles.filter((p) => !isConfigFile(p));
    if (candidates.length > 0) f.workload = workloadName(candidates[candidates.length - 1]);
  }
  if (header.binding !== undefined) {
    const db = dbFromBinding(header.binding);
    if (typeof db === 'string') f.db = db;
    else delete f.db;
  }
}

/** The arguments after the client class in a `java … site.ycsb.Client …` line, if it is one
 * (split as {@link splitClientArgs} does). */
export function clientArgsFromJavaLine(line: string): ClientArgs | undefined {
  const markers = ['site.ycsb.Client', 'com.yahoo.ycsb.Client'];
  for (const m of markers) {
    const at = line.indexOf(m);
    if (at < 0) continue;
    const after = line.charCodeAt(at + m.length);
    if (!(Number.isNaN(after) || after === 32 || after === 9)) continue;
    return splitClientArgs(line.slice(at + m.length));
  }
  return undefined;
}

/**
 * Whether a line is the java command the bin/ycsb wrapper echoes (`/usr/bin/java -cp … site.ycsb.Client
 * -db … -t`, or com.yahoo.ycsb.Client): its first word names java, and the client class follows
 * after white space, followed by white space or the end. Not a log or warning line that merely
 * names the class (`WARNING: … access by site.ycsb.Client (…)`). Cheap for other lines: the first
 * word is looked at before the line is searched.
 */
export function isJavaClientLine(line: string): boolean {
  const sp = line.indexOf(' ');
  if (sp < 4 || line.lastIndexOf('java', sp - 4) < 0) return false;
  const at = line.indexOf('ycsb.Client', sp);
  if (at < 0) return false;
  let from: number;
  if (at >= 5 && line.startsWith('site.', at - 5)) from = at - 5;
  else if (at >= 10 && line.startsWith('com.yahoo.', at - 10)) from = at - 10;
  else return false;
  const before = line.charCodeAt(from - 1);
  const after = line.charCodeAt(at + 11);
  if (!(before === 32 || before === 9)) return false;
  return Number.isNaN(after) || after === 32 || after === 9;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** date(1)'s default output: `Fri Nov 23 04:29:16 UTC 2018` (zone optional). */
const DATE_COMMAND = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?: [A-Z]{1,5}| [+-]\d{4})? (\d{4})\s*$/;
/** An ISO-like time alone: `2018-11-23 04:29:16`, `2018-11-23T04:29:16.517+01:00`, `… UTC`. */
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,:](\d{1,9}))?(?: ?(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}))?\s*$/;

/**
 * A date alone on a line (as a script's `date` prints it, or an ISO time), as a naive ISO time
 * (`2018-11-23T04:29:16`, with milliseconds when written); undefined for any other line or an
 * implausible date. The zone, when written, is dropped: times are naive, as YCSB prints them.
 *
 * @example headerDate('Fri Nov 23 04:29:16 UTC 2018') // '2018-11-23T04:29:16'
 */
export function headerDate(line: string): string | undefined {
  const c0 = line.charCodeAt(0);
  let f: number[];
  let frac: string | undefined;
  if (c0 >= 48 && c0 <= 57) {
    const m = DATE_ISO.exec(line);
    if (!m) return undefined;
    f = m.slice(1, 7).map(Number);
    frac = m[7];
  } else if (c0 >= 65 && c0 <= 90) {
    const m = DATE_COMMAND.exec(line);
    if (!m) return undefined;
    f = [Number(m[6]), MONTHS.indexOf(m[1]) + 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  } else return undefined;
  const [y, mo, d, h, mi, s] = f;
  const days = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (y < 1990 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return undefined;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const iso = `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}`;
  return frac === undefined ? iso : `${iso}.${frac.slice(0, 3).padEnd(3, '0')}`;
}
