/**
 * Regression, issue 18: `analyze gaps --confidence 95%` was refused ("expected a number between 0
 * and 1") while the summary read it as 0.95. Every command that takes a confidence now reads it with
 * the summary's one rule: a fraction in (0, 1) or a percentage (`0.95`, `95%`); a bare `95` is
 * refused, not guessed, with the same message everywhere.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../fixtures/exec/cli.js';

const ROOT = path.resolve(__dirname, '../..');
const run = (argv: string[]) => cli(argv, ROOT, {});

// Each command that takes a confidence, with what makes it read it (gaps and fill: --target-ci).
const commands: [string, string[]][] = [
  ['summary', ['fixtures/campaign', '--group', 'rf,workload', '--json']],
  ['gaps', ['gaps', 'fixtures/campaign', '--target-ci', '5%', '--json']],
  ['fill', ['fill', 'fixtures/campaign', '--target-ci', '5%', '--context', 'lab', '--json']],
];

describe('gaps refused the --confidence 95% that summary accepts (issue 18)', () => {
  for (const [name, argv] of commands) {
    it(`${name}: --confidence 95% is 0.95, and is read (90% gives another answer)`, async () => {
      const fraction = await run([...argv, '--confidence', '0.95']);
      expect(fraction.stderr).toBe('');
      expect(fraction.code).not.toBe(2);
      const percent = await run([...argv, '--confidence', '95%']);
      expect(percent).toEqual(fraction);
      const other = await run([...argv, '--confidence', '90%']);
      expect(other.code).not.toBe(2);
      expect(other.stdout).not.toBe(fraction.stdout);
    }, 60_000);

    it(`${name}: a bare --confidence 95 is refused with the one message`, async () => {
      const r = await run([...argv, '--confidence', '95']);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: 'analyze: --confidence 95: expected a fraction in (0, 1) or a percentage, such as 0.95 or 95%, found "95"\n',
      });
    });
  }
});
