/**
 * Option values, one parser per kind, shared by every command:
 *
 * | kind                         | parser         | options                                            |
 * |------------------------------|----------------|----------------------------------------------------|
 * | fraction or percentage       | parseFraction  | --confidence, --target-ci                          |
 * | whole number (with a floor)  | parseWhole     | --reps, --bootstrap, --seed, --retries, --step-timeout |
 * | seconds                      | parseSeconds   | --backoff                                          |
 * | comma list                   | list           | --factors                                          |
 * | factor list                  | parseFactors   | --group                                            |
 * | filter                       | parseFilter    | --filter                                           |
 * | repeatable value (globs, …)  | collect        | --include, --exclude, --scheme, --filter           |
 * | one of a few words           | choiceOption, parseChoice | --format, --adjust, --adjust-scope, --exclude-outliers, --order, --adapter, YCSB_ANALYZE_READAHEAD |
 *
 * A value that does not parse is a usage error (exit 2) in one style: what the user gave, what was
 * expected, what was found — `--confidence 1.5: expected a fraction in (0, 1) or a percentage, such
 * as 0.95 or 95%, found "1.5"`.
 */
import { Option } from 'commander';
import { canonicalFactor } from '../model/index.js';
import { CliError, EXIT } from './io.js';

/** The usage error of a value that does not parse. `given`: the option and its value as typed
 * (`--reps x`), or the name of the setting (`YCSB_ANALYZE_READAHEAD`). */
export function badValue(given: string, expected: string, found: string): CliError {
  return new CliError(`${given}: expected ${expected}, found ${JSON.stringify(found)}`, EXIT.usage);
}

/**
 * A fraction in (0, 1) or a percentage with its sign: `0.95`, `95%`. A bare number of 1 or more
 * (`95`, `1.5`) is refused, not guessed. `example`: the two forms the message suggests.
 */
export function parseFraction(option: string, value: string, example: [string, string] = ['0.95', '95%']): number {
  const t = value.trim();
  const f = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (!(f > 0 && f < 1)) {
    throw badValue(`${option} ${value}`, `a fraction in (0, 1) or a percentage, such as ${example[0]} or ${example[1]}`, value);
  }
  return f;
}

/** A whole number of at least `min`: `30`. */
export function parseWhole(option: string, value: string, min = 1): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isInteger(v) || v < min) throw badValue(`${option} ${value}`, `a whole number ≥ ${min}`, value);
  return v === 0 ? 0 : v; // not -0
}

/** A number of seconds, 0 or more: `5`, `0.5`. */
export function parseSeconds(option: string, value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !(v >= 0) || !Number.isFinite(v)) throw badValue(`${option} ${value}`, 'a number of seconds ≥ 0, such as 5', value);
  return v;
}

/** Split `a,b , c` into names (empty items dropped). */
export function list(s: string | undefined): string[] {
  return (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Factor names, comma-separated, each in its canonical spelling: `RF,workload` → rf, workload. */
export function parseFactors(s: string | undefined): string[] {
  return list(s).map(canonicalFactor);
}

/** `db=cassandra,phase=run` (repeatable; `db=cassandra|hbase` for several levels). */
export function parseFilter(specs: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const spec of specs) {
    for (const part of list(spec)) {
      const eq = part.indexOf('=');
      if (eq <= 0 || eq === part.length - 1) throw badValue(`--filter ${spec}`, 'factor=level[|level…]', part);
      const f = canonicalFactor(part.slice(0, eq));
      out[f] = [...(out[f] ?? []), ...part.slice(eq + 1).split('|').map((s) => s.trim())];
    }
  }
  return out;
}

/** Commander's collector of a repeatable option: each use adds one value. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** `a`, `a or b`, `a, b or c`. */
function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** One of `choices`, exactly as written. `given`: see {@link badValue} (default: `option value`). */
export function parseChoice<T extends string>(option: string, value: string, choices: readonly T[], given = `${option} ${value}`): T {
  if (!(choices as readonly string[]).includes(value)) throw badValue(given, orList(choices), value);
  return value as T;
}

/**
 * An option whose value is one of a few words: `--help` lists them (commander's choices), and a
 * value that is none of them is refused by {@link parseChoice}.
 */
export function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  const option = new Option(flags, description).choices(choices);
  return option.argParser((value: string) => parseChoice(`--${option.name()}`, value, choices));
}
