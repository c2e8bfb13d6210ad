/**
 * FNV-1a, 32 bits: a stable number from a text (deterministic jitter in charts, shuffle seeds and
 * short ids in plans). Not for security.
 * Reference: Fowler, Noll & Vo, "FNV hash" (http://www.isthe.com/chongo/tech/comp/fnv/).
 * @example fnv1a('a') // 3826002220
 */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
