/**
 * Compact letter display (significance letters): levels that share a letter are not significantly
 * different. Insert-and-absorb algorithm of Piepho (2004), "An algorithm for a letter-based
 * representation of all-pairwise comparisons", J. Comput. Graph. Stat. 13(2), 456–466.
 *
 * @example
 * letters(['1', '2', '3'], [{ a: '1', b: '2', p: 0.001 }, { a: '1', b: '3', p: 0.0001 }, { a: '2', b: '3', p: 0.4 }], 0.05)
 * // => { '1': 'a', '2': 'b', '3': 'b' }
 */
export function letters(levels: string[], pairs: { a: string; b: string; p: number }[], alpha: number): Record<string, string> {
  let cols: Set<string>[] = [new Set(levels)];
  for (const { a, b, p } of pairs) {
    if (!(p < alpha)) continue;
    const next: Set<string>[] = [];
    for (const c of cols) {
      if (c.has(a) && c.has(b)) {
        const c1 = new Set(c);
        c1.delete(a);
        const c2 = new Set(c);
        c2.delete(b);
        next.push(c1, c2);
      } else next.push(c);
    }
    // Absorb: drop columns contained in another (and duplicates).
    cols = next.filter((c, i) => c.size > 0 && !next.some((d, j) => j !== i && isSubset(c, d) && (c.size < d.size || j < i)));
  }
  // Letters in order of the first level (in the given order) each column contains.
  const rank = (c: Set<string>) => Math.min(...[...c].map((l) => levels.indexOf(l)));
  cols.sort((x, y) => rank(x) - rank(y) || x.size - y.size);
  const out: Record<string, string> = Object.fromEntries(levels.map((l) => [l, '']));
  cols.forEach((c, i) => {
    const letter = i < 26 ? String.fromCharCode(97 + i) : `${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`;
    for (const l of levels) if (c.has(l)) out[l] += letter;
  });
  return out;
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
