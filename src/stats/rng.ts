/**
 * A small seeded pseudo-random number generator: **xoshiro128\*\*** 1.1 (Blackman & Vigna), a
 * 128-bit-state generator with 32-bit outputs, seeded by **SplitMix32** (the Weyl sequence
 * `seed + k · 0x9E3779B9` passed through the MurmurHash3 `fmix32` finaliser) so that any 32-bit
 * seed, 0 included, gives a valid non-zero state.
 *
 * Only 32-bit integer arithmetic (`Math.imul`, shifts, `>>> 0`) is used, so a seed gives the same
 * sequence on every platform and JavaScript engine. The sequence is reproduced in R by
 * test/stats/reference/bootstrap.R, which checks it against the published test vector.
 *
 * Reference: Blackman, D. & Vigna, S. (2021), Scrambled linear pseudorandom number generators,
 * ACM Transactions on Mathematical Software 47(4), 36; https://prng.di.unimi.it/xoshiro128starstar.c.
 */

/** A seeded stream of random numbers. */
export interface Rng {
  /** Next raw output, an integer in [0, 2^32). */
  nextUint32(): number;
  /** Next uniform integer in [0, n), without modulo bias (rejection sampling). */
  randomInt(n: number): number;
  /** Next uniform number in [0, 1) with 53 random bits (two 32-bit outputs). */
  random(): number;
}

const TWO32 = 4294967296;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** SplitMix32 step: the k-th value (k = 1, 2, …) of fmix32(seed + k · 0x9E3779B9). */
function splitmix32(seed: number, k: number): number {
  let z = (seed + Math.imul(k, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates a xoshiro128** generator from a raw 128-bit state (four 32-bit words, not all 0).
 * Mostly for checking against the reference implementation; use `createRng(seed)` otherwise.
 * @throws {RangeError} when a word is not an integer in [0, 2^32) or all four are 0.
 * @example createRngFromState([1, 2, 3, 4]).nextUint32() // 11520
 */
export function createRngFromState(state: readonly [number, number, number, number]): Rng {
  for (const w of state) {
    if (!Number.isInteger(w) || w < 0 || w >= TWO32) {
      throw new RangeError(`createRngFromState: expected 32-bit unsigned words, found ${w}`);
    }
  }
  if (state.every((w) => w === 0)) {
    throw new RangeError('createRngFromState: the state must not be all zero');
  }
  let s0 = state[0] >>> 0;
  let s1 = state[1] >>> 0;
  let s2 = state[2] >>> 0;
  let s3 = state[3] >>> 0;

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  }

  function randomInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO32) {
      throw new RangeError(`randomInt: expected an integer n in [1, 2^32], found ${n}`);
    }
    // Accept u < limit, the largest multiple of n not above 2^32, then u mod n is uniform.
    const limit = TWO32 - (TWO32 % n);
    for (;;) {
      const u = nextUint32();
      if (u < limit) return u % n;
    }
  }

  function random(): number {
    const a = nextUint32() >>> 5; // 27 bits
    const b = nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  return { nextUint32, randomInt, random };
}

/**
 * Seeded pseudo-random generator: xoshiro128** with its state filled by four SplitMix32 outputs of
 * `seed` (see the module comment). The same seed always gives the same sequence.
 *
 * Reference: Blackman & Vigna (2021), ACM TOMS 47(4), 36.
 * @throws {RangeError} when `seed` is not an integer in [0, 2^32).
 * @example createRng(1).randomInt(10) // 8 (first output 2442144158, mod 10)
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO32) {
    throw new RangeError(`createRng: expected an integer seed in [0, 2^32), found ${seed}`);
  }
  return createRngFromState([
    splitmix32(seed, 1),
    splitmix32(seed, 2),
    splitmix32(seed, 3),
    splitmix32(seed, 4),
  ]);
}
