/**
 * The option parsers of src/cli/options.ts: one per kind of value, one message style (what was
 * given, what was expected, what was found), exit 2.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../src/cli/io.js';
import { choiceOption, list, parseChoice, parseFactors, parseFilter, parseFraction, parseSeconds, parseWhole } from '../../src/cli/options.js';

function refusal(f: () => unknown): { message: string; code: number } {
  try {
    f();
  } catch (e) {
    expect(CliError.is(e)).toBe(true);
    return { message: (e as CliError).message, code: (e as CliError).code };
  }
  throw new Error('accepted');
}

describe('parseFraction: a fraction in (0, 1) or a percentage', () => {
  it('reads 0.95, 95% and 95 % alike; 5% is 0.05', () => {
    expect(['0.95', '95%', ' 95% ', '0.95 '].map((v) => parseFraction('--confidence', v))).toEqual([0.95, 0.95, 0.95, 0.95]);
    expect(parseFraction('--target-ci', '5%')).toBe(0.05);
  });
  it('refuses a bare 95, 0, 100%, and words', () => {
    for (const v of ['95', '1', '0', '100%', '0%', '-5%', 'abc', '', '%']) {
      expect(refusal(() => parseFraction('--confidence', v))).toEqual({
        message: `--confidence ${v}: expected a fraction in (0, 1) or a percentage, such as 0.95 or 95%, found ${JSON.stringify(v)}`,
        code: EXIT.usage,
      });
    }
    expect(refusal(() => parseFraction('--target-ci', '5', ['0.05', '5%'])).message).toBe('--target-ci 5: expected a fraction in (0, 1) or a percentage, such as 0.05 or 5%, found "5"');
  });
});

describe('parseWhole: a whole number of at least min', () => {
  it('reads whole numbers from min up', () => {
    expect(parseWhole('--reps', '30')).toBe(30);
    expect(parseWhole('--seed', '0', 0)).toBe(0);
    expect(Object.is(parseWhole('--seed', '-0', 0), 0)).toBe(true);
    expect(parseWhole('--bootstrap', '100', 100)).toBe(100);
  });
  it('refuses fractions, numbers below min, words and nothing', () => {
    for (const [v, min] of [['1.5', 1], ['0', 1], ['99', 100], ['-1', 0], ['x', 1], ['', 0], [' ', 0]] as const) {
      expect(refusal(() => parseWhole('--n', v, min))).toEqual({ message: `--n ${v}: expected a whole number ≥ ${min}, found ${JSON.stringify(v)}`, code: EXIT.usage });
    }
  });
});

describe('parseSeconds: 0 or more seconds', () => {
  it('reads 0, 5 and 0.5', () => expect(['0', '5', '0.5'].map((v) => parseSeconds('--backoff', v))).toEqual([0, 5, 0.5]));
  it('refuses negatives, words, nothing and infinity', () => {
    for (const v of ['-1', 'soon', '', 'Infinity']) {
      expect(refusal(() => parseSeconds('--backoff', v)).message).toBe(`--backoff ${v}: expected a number of seconds ≥ 0, such as 5, found ${JSON.stringify(v)}`);
    }
  });
});

describe('lists, factors and filters', () => {
  it('list drops blanks; parseFactors spells factors canonically', () => {
    expect(list(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(list(undefined)).toEqual([]);
    expect(parseFactors('RF, Workload')).toEqual(['rf', 'workload']);
  });
  it('parseFilter: factor=level|level, repeatable; a part without both sides is refused', () => {
    expect(parseFilter(['db=cassandra|hbase', 'RF=1', 'db=citus'])).toEqual({ db: ['cassandra', 'hbase', 'citus'], rf: ['1'] });
    expect(refusal(() => parseFilter(['rf=1,db']))).toEqual({ message: '--filter rf=1,db: expected factor=level[|level…], found "db"', code: EXIT.usage });
  });
});

describe('choices', () => {
  it('parseChoice: one of the words, exactly', () => {
    expect(parseChoice('--order', 'randomized', ['sequential', 'randomized'])).toBe('randomized');
    expect(refusal(() => parseChoice('--order', 'Randomized', ['sequential', 'randomized'])).message).toBe('--order Randomized: expected sequential or randomized, found "Randomized"');
  });
  it('choiceOption: --help lists the choices, a value outside them is refused in the one style', async () => {
    const program = new Command().exitOverride().addOption(choiceOption('--format <format>', 'output format', ['seed-csv', 'csv', 'json']).default('seed-csv'));
    expect(program.helpInformation()).toMatch(/--format <format>\s+output format \(choices: "seed-csv", "csv", "json", default:\s+"seed-csv"\)/);
    expect(program.parse(['--format', 'csv'], { from: 'user' }).opts().format).toBe('csv');
    expect(refusal(() => new Command().addOption(choiceOption('--format <format>', 'output format', ['seed-csv', 'csv', 'json'])).parse(['--format', 'xlsx'], { from: 'user' })).message).toBe(
      '--format xlsx: expected seed-csv, csv or json, found "xlsx"',
    );
  });
});
