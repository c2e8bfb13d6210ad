/**
 * Ratio of sums Σ operations / Σ seconds: the throughput of several runs taken together, which is
 * the right mean of rates (ops/s).
 *
 * Why: a rate is operations per unit of time, so averaging rates must weight each run by the time
 * it took. The arithmetic mean of per-run rates weights every run equally and overstates the
 * throughput whenever a short (fast) run sits beside a long (slow) one: 100 ops in 1 s and 100 ops
 * in 100 s average to 50.5 ops/s, yet 200 ops took 101 s, 1.98 ops/s. Σ ops / Σ s equals the
 * time-weighted arithmetic mean of the rates and the operation-weighted harmonic mean of the rates
 * (for equal operation counts, the plain harmonic mean), as Fleming & Wallace and Smith recommend
 * for summarising rates.
 *
 * Reference: Fleming, P. J. & Wallace, J. J. (1986), How not to lie with statistics: the correct way
 * to summarize benchmark results, CACM 29(3), 218–221; Smith, J. E. (1988), Characterizing computer
 * performance with a single number, CACM 31(10), 1202–1206; R `sum(ops) / sum(seconds)`.
 * @throws {RangeError} when the arrays are empty or differ in length, a value is negative or not
 * finite, or the total time is 0.
 * @example ratioOfSums([100, 100], [1, 100]) // 1.9801980198019802
 */
export function ratioOfSums(operations: readonly number[], seconds: readonly number[]): number {
  if (operations.length !== seconds.length) {
    throw new RangeError(
      `ratioOfSums: expected as many times as operation counts, found ${operations.length} operation counts and ${seconds.length} times`,
    );
  }
  if (operations.length === 0) throw new RangeError('ratioOfSums: expected at least 1 run, found 0');
  let ops = 0;
  let time = 0;
  for (let i = 0; i < operations.length; i++) {
    const o = operations[i];
    const s = seconds[i];
    if (!(Number.isFinite(o) && o >= 0)) {
      throw new RangeError(`ratioOfSums: expected a finite non-negative operation count at index ${i}, found ${o}`);
    }
    if (!(Number.isFinite(s) && s >= 0)) {
      throw new RangeError(`ratioOfSums: expected a finite non-negative time at index ${i}, found ${s}`);
    }
    ops += o;
    time += s;
  }
  if (time === 0) throw new RangeError('ratioOfSums: expected a positive total time, found 0');
  return ops / time;
}
