/**
 * The bench's two light scripts (bench/light-summary.sh and bench/light-summary.py) are one contender
 * written twice, in awk and in Python: issue 18's bounds are ratios to them, so they must do the same
 * work. On the study they must print the same lines, and those lines must be the per-configuration
 * n, mean and sd of the [OVERALL] throughputs, computed here from the files independently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
const STUDY = resolve(REPO, '../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const hasPython = spawnSync('python3', ['-c', '0']).status === 0;
const hasAwk = spawnSync('awk', ['BEGIN{}']).status === 0;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('the light scripts of the bench', () => {
  it.skipIf(!existsSync(STUDY) || !hasPython || !hasAwk)('print the same per-configuration n, mean and sd on the study, as the files give them', () => {
    const awk = run('bash', [join(REPO, 'bench/light-summary.sh'), STUDY]);
    const py = run('python3', [join(REPO, 'bench/light-summary.py'), STUDY]);
    expect(py).toBe(awk);
    // the same numbers from the files, independently (every [OVERALL] throughput of an exec file)
    const by = new Map<string, number[]>();
    for (const name of readdirSync(STUDY)) {
      if (!/-exec-.*\.txt$/.test(name)) continue;
      const t = name.slice(0, -4).split('-');
      const config = [...t.slice(0, 5), ...t.slice(6)].join('-');
      for (const m of readFileSync(join(STUDY, name), 'latin1').matchAll(/^\[OVERALL\], Throughput\(ops\/sec\), ([^,\r\n]+)/gm)) {
        by.set(config, [...(by.get(config) ?? []), Number(m[1])]);
      }
    }
    const lines = awk.trim().split('\n');
    expect(lines[0]).toBe('configuration n mean sd');
    expect(lines.length - 1).toBe(by.size);
    for (const line of lines.slice(1)) {
      const [config, n, mean, sd] = line.split(' ');
      const xs = by.get(config);
      expect(xs, config).toBeDefined();
      expect(Number(n)).toBe(xs!.length);
      const m = xs!.reduce((a, b) => a + b, 0) / xs!.length;
      const v = xs!.length > 1 ? xs!.reduce((a, b) => a + (b - m) ** 2, 0) / (xs!.length - 1) : 0;
      // printed to 4 decimals: within half a unit of the last digit (and a relative 1e-9 for rounding)
      expect(Math.abs(Number(mean) - m)).toBeLessThanOrEqual(0.5e-4 + 1e-9 * Math.abs(m));
      expect(Math.abs(Number(sd) - Math.sqrt(v))).toBeLessThanOrEqual(0.5e-4 + 1e-9 * Math.sqrt(v));
    }
  });
});
