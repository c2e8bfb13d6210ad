import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discover, naturalCompare, naturalSortKey, defaultSkipReason, sortNatural } from '../../src/ingest/discover.js';
import { createRng } from '../../src/stats/rng.js';

let tmp: string;

function touch(rel: string, content = 'x'): void {
  const p = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ycsb-discover-'));
  // nested, numbered
  for (const rep of [1, 2, 10, 3, 20]) touch(`camp/cassandra/a/run-${rep}.txt`);
  touch('camp/cassandra/b/run-1.txt');
  touch('camp/top.log');
  touch('camp/result.json');
  touch('camp/table.csv');
  touch('camp/noext');
  // hidden, node_modules, non-outputs
  touch('camp/.hidden.txt');
  touch('camp/.git/objects/x.txt');
  touch('camp/cassandra/a/.run-1.txt.provenance.json', '{}');
  touch('camp/.analyze-fill/journal.jsonl');
  touch('camp/node_modules/pkg/out.txt');
  touch('camp/sub/node_modules/out.txt');
  touch('camp/README.md');
  touch('camp/LICENSE');
  touch('camp/readme.txt');
  touch('camp/notes.md');
  touch('camp/conf.yaml');
  touch('camp/k8s.yml');
  touch('camp/run.sh');
  touch('camp/plot.py');
  touch('camp/plot.png');
  touch('camp/all.tar.gz');
  // awkward names
  touch('camp/with space/Workload A/outputRunA2.txt');
  touch('camp/ünï-cödé/日本.txt');
  touch('camp/meta/$(rm -rf x) `y` ;&|<>*?[a]{b,c}!#~.txt');
  touch(`camp/meta/quote's "double".txt`);
  touch('camp/meta/new\nline.txt');
  // symlink loop back to an ancestor, a self loop and a broken link
  fs.symlinkSync('..', path.join(tmp, 'camp/cassandra/loop'));
  fs.symlinkSync('self', path.join(tmp, 'camp/self'));
  fs.symlinkSync('does-not-exist.txt', path.join(tmp, 'camp/broken.txt'));
  // a symlink to a file is followed
  fs.symlinkSync('top.log', path.join(tmp, 'camp/link-to-top.log'));
  // an unreadable folder
  touch('camp/locked/secret.txt');
  fs.chmodSync(path.join(tmp, 'camp/locked'), 0o000);
});

afterAll(() => {
  try {
    fs.chmodSync(path.join(tmp, 'camp/locked'), 0o755);
  } catch {
    /* ignore */
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('discover', () => {
  it('finds outputs recursively, skips hidden, node_modules and non-outputs, in natural order', async () => {
    const root = path.join(tmp, 'camp');
    const r = await discover([root]);
    const paths = r.files.map((f) => f.path);
    for (const f of r.files) expect(f.root).toBe(root);
    const expected = [
      'cassandra/a/run-1.txt',
      'cassandra/a/run-2.txt',
      'cassandra/a/run-3.txt',
      'cassandra/a/run-10.txt',
      'cassandra/a/run-20.txt',
      'cassandra/b/run-1.txt',
      'link-to-top.log',
      ...(isRoot ? ['locked/secret.txt'] : []),
      'meta/$(rm -rf x) `y` ;&|<>*?[a]{b,c}!#~.txt',
      'meta/new\nline.txt',
      `meta/quote's "double".txt`,
      'noext',
      'result.json',
      'table.csv',
      'top.log',
      'with space/Workload A/outputRunA2.txt',
      'ünï-cödé/日本.txt',
    ];
    expect(paths).toEqual(expected);
    // The loop is reported, not followed.
    const loop = r.errors.find((e) => e.path.endsWith('cassandra/loop'));
    expect(loop?.message).toMatch(/symbolic link loop/);
    expect(r.errors.find((e) => e.path.endsWith('/self'))?.message).toMatch(/loop/);
    expect(r.errors.find((e) => e.path.endsWith('/broken.txt'))?.message).toMatch(/broken symbolic link/);
  });

  it('lists every hidden file, and every hidden folder once, as skipped with the reason (issue 19: every file found is in the inventory)', async () => {
    const r = await discover([path.join(tmp, 'camp')]);
    const hidden = r.skipped.filter((s) => s.path.split('/').some((seg) => seg.startsWith('.')));
    expect(hidden.map((s) => [s.path, s.reason])).toEqual([
      ['.analyze-fill/', "fill's journal and the outputs it kept aside (hidden folder, not entered)"],
      ['.git/', 'hidden folder (not entered)'],
      ['.hidden.txt', 'hidden file'],
      ['cassandra/a/.run-1.txt.provenance.json', "provenance record of run-1.txt (read by the report's methods)"],
    ]);
    // with include patterns, only what they match is listed (as for every other file)
    const inc = await discover([path.join(tmp, 'camp')], { include: ['cassandra/**'] });
    expect(inc.skipped).toEqual([]);
  });

  it.skipIf(isRoot)('an unreadable folder is an error entry and the walk goes on (skipped: running as root, chmod 000 does not stop root)', async () => {
    const r = await discover([path.join(tmp, 'camp')]);
    const e = r.errors.find((x) => x.path.endsWith('camp/locked'));
    expect(e?.message).toMatch(/cannot read folder/);
    expect(r.files.some((f) => f.path === 'top.log')).toBe(true);
  });

  it('an unreadable folder (simulated readdir failure, works as root too) is an error entry and the walk goes on', async () => {
    const root = path.join(tmp, 'camp');
    const denied = path.join(root, 'cassandra', 'b');
    const readdir = ((p: fs.PathLike, o: unknown, cb: unknown) => {
      if (path.resolve(String(p)) === denied) {
        const err = Object.assign(new Error(`EACCES: permission denied, scandir '${denied}'`), { code: 'EACCES' });
        (cb as (e: Error) => void)(err);
        return;
      }
      (fs.readdir as unknown as (p: fs.PathLike, o: unknown, cb: unknown) => void)(p, o, cb);
    }) as unknown as typeof fs.readdir;
    const r = await discover([root], { fs: { readdir } });
    expect(r.errors).toContainEqual({ path: `${root}/cassandra/b`, message: expect.stringMatching(/cannot read folder: EACCES/) });
    const paths = r.files.map((f) => f.path);
    expect(paths).not.toContain('cassandra/b/run-1.txt');
    expect(paths).toContain('cassandra/a/run-10.txt');
    expect(paths).toContain('top.log');
  });

  it('a missing root is an error entry; the other roots are still walked', async () => {
    const missing = path.join(tmp, 'nope');
    const r = await discover([missing, path.join(tmp, 'camp/cassandra/b')]);
    expect(r.errors).toEqual([{ path: missing, message: 'no such file or folder' }]);
    expect(r.files).toEqual([{ root: path.join(tmp, 'camp/cassandra/b'), path: 'run-1.txt' }]);
  });

  it('a root that is a single file (even one the defaults would skip)', async () => {
    const file = path.join(tmp, 'camp/notes.md');
    const r = await discover([file]);
    expect(r.files).toEqual([{ root: path.join(tmp, 'camp'), path: 'notes.md' }]);
    expect(r.errors).toEqual([]);
  });

  it('include replaces the defaults (keeps README.md when asked); exclude leaves folders out', async () => {
    const root = path.join(tmp, 'camp');
    const md = await discover([root], { include: ['**/*.md'] });
    expect(md.files.map((f) => f.path)).toEqual(['notes.md', 'README.md']);
    const ex = await discover([root], { exclude: ['cassandra/**', 'meta/**', '**/*.json'] });
    const paths = ex.files.map((f) => f.path);
    expect(paths.some((p) => p.startsWith('cassandra/'))).toBe(false);
    expect(paths.some((p) => p.startsWith('meta/'))).toBe(false);
    expect(paths).not.toContain('result.json');
    expect(paths).toContain('top.log');
    // Hidden files and node_modules only when a pattern names them.
    const hidden = await discover([root], { include: ['.hidden.txt', 'node_modules/**'] });
    expect(hidden.files.map((f) => f.path)).toEqual(['.hidden.txt', 'node_modules/pkg/out.txt']);
  });

  it('a root given twice is read once (regression: the last root skips the path comparison only when nothing came before it)', async () => {
    const once = await discover([path.join(tmp, 'camp')]);
    const twice = await discover([path.join(tmp, 'camp'), path.join(tmp, 'camp')]);
    expect(once.files.length).toBeGreaterThan(1);
    expect(twice.files).toEqual(once.files);
  });
  it("a file found twice under one root through an include pattern with '..' is listed once (regression: the lone-root shortcut listed it twice)", async () => {
    const root = path.join(tmp, 'camp/cassandra/a');
    const plain = await discover([root], { include: ['**/*.txt'] });
    const back = await discover([root], { include: ['**/*.txt', '../a/**/*.txt'] });
    expect(plain.files.map((f) => f.path)).toEqual(['run-1.txt', 'run-2.txt', 'run-3.txt', 'run-10.txt', 'run-20.txt']);
    // each file once, under whichever name fast-glob gave first in natural order
    expect(back.files.map((f) => path.resolve(root, f.path)).sort()).toEqual(plain.files.map((f) => path.resolve(root, f.path)).sort());
  });
  it('a file found twice (two overlapping roots) is listed once', async () => {
    const r = await discover([path.join(tmp, 'camp/cassandra/b'), path.join(tmp, 'camp/cassandra/b/run-1.txt')]);
    expect(r.files).toHaveLength(1);
  });
});

describe('naturalCompare', () => {
  it('orders numbers by value, folder by folder, case-insensitively, stably', () => {
    const input = ['rep-10.txt', 'rep-2.txt', 'rep-1.txt', 'Rep-3.txt', 'a/z', 'a-b', 'a/b', 'rep-02.txt', 'x99999999999999999999', 'x100000000000000000000'];
    expect([...input].sort(naturalCompare)).toEqual([
      'a/b',
      'a/z',
      'a-b',
      'rep-1.txt',
      'rep-02.txt',
      'rep-2.txt',
      'Rep-3.txt',
      'rep-10.txt',
      'x99999999999999999999',
      'x100000000000000000000',
    ]);
    expect(naturalCompare('a', 'a')).toBe(0);
  });
  it('sortNatural (each path cut once) gives the order of sort(naturalCompare)', () => {
    const names: string[] = [];
    for (const db of ['cassandra', 'Citus', 'hbase'])
      for (const w of ['a', 'b', 'B', 'c'])
        for (const rep of [1, 2, 10, 30, 3])
          for (const rf of ['rf_1', 'rf_2', 'rf3']) names.push(`${db}/${w}/${db}-exec-15-1000000-${w}-${String(rep).padStart(rep % 2 ? 1 : 2, '0')}-${rf}.txt`);
    // a fixed shuffle
    const input = names.map((n, i) => ({ n, k: (i * 7919) % names.length })).sort((a, b) => a.k - b.k).map((x) => x.n);
    expect(sortNatural(input, (x) => x)).toEqual([...input].sort(naturalCompare));
  });
});

describe('naturalSortKey (the sort key sortNatural compares)', () => {
  // Paths built from pieces that exercise every rule of naturalCompare: case, leading zeros, digit
  // runs of every length (a key up to 254 digits, the comparator beyond),
  // prefixes, empty folder names, non-ASCII letters whose lower case differs in length (İ), letters
  // above and below the digits and '/', and the two separators U+0000/U+0001 (no key: comparator).
  const PIECES = ['a', 'A', 'b', 'rep-', 'Rep-', '-', '_', '.txt', '', ' ', '~', '!', 'z', 'Z', '[', '`', '{'];
  const BEYOND_ASCII = ['é', 'É', 'İ', 'ǅ', 'ß', '\u{1F600}'];
  const DIGITS = ['0', '1', '2', '9', '00', '01', '10', '010', '99', '100', '007', '0000', '123456789012345678901234567890'];
  function randomPath(rng: ReturnType<typeof createRng>, special: boolean): string {
    const folders = 1 + rng.randomInt(3);
    const names: string[] = [];
    for (let f = 0; f < folders; f++) {
      let name = '';
      const parts = rng.randomInt(5);
      for (let k = 0; k < parts; k++) {
        const r = rng.randomInt(20);
        if (r < 9) name += PIECES[rng.randomInt(PIECES.length)];
        else if (r < 17) name += DIGITS[rng.randomInt(DIGITS.length)];
        else if (r === 17) name += BEYOND_ASCII[rng.randomInt(BEYOND_ASCII.length)];
        else if (r === 18) name += '0'.repeat(rng.randomInt(3)) + '7'.repeat(250 + rng.randomInt(10)); // around the 254-digit byte
        else if (special) name += rng.randomInt(2) ? '\u0001' : '\u0000';
      }
      names.push(name);
    }
    return names.join('/');
  }
  it('orders 3,000 random paths in each of 10 seeds exactly as naturalCompare does (and equal keys only for equal paths)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = createRng(seed);
      // ASCII paths (each has a key); the others are sorted through the comparator, below
      const paths = Array.from({ length: 3000 }, () => randomPath(rng, false)).filter((p) => !/[^\x00-\x7f]/.test(p));
      expect(paths.length).toBeGreaterThan(1000);
      const keys = new Map(paths.map((p) => [p, naturalSortKey(p)]));
      expect([...keys].filter(([, k]) => k === undefined).map(([p]) => p).filter((p) => !/\d{255}/.test(p))).toEqual([]);
      const keyed = paths.filter((p) => keys.get(p) !== undefined);
      // neighbours in the reference order, and random pairs
      const ref = [...paths].sort(naturalCompare);
      const sign = (x: number) => Math.sign(x);
      const byKey = (a: string, b: string) => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      };
      const differ: string[] = [];
      const check = (a: string, b: string) => {
        if (sign(byKey(a, b)) !== sign(naturalCompare(a, b))) differ.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      };
      const refKeyed = [...keyed].sort(naturalCompare);
      for (let i = 1; i < refKeyed.length; i++) check(refKeyed[i - 1], refKeyed[i]);
      for (let i = 0; i < 3000; i++) check(keyed[rng.randomInt(keyed.length)], keyed[rng.randomInt(keyed.length)]);
      expect(differ, `seed ${seed}`).toEqual([]);
      expect(sortNatural(keyed, (p) => p)).toEqual(refKeyed);
      expect(sortNatural(paths, (p) => p)).toEqual(ref);
    }
  });
  it('has no key for a path beyond ASCII or with U+0000 or U+0001, and sortNatural then still sorts by naturalCompare', () => {
    expect(naturalSortKey('a\u0001b')).toBeUndefined();
    expect(naturalSortKey('x/\u0000')).toBeUndefined();
    expect(naturalSortKey('März/run-1.txt')).toBeUndefined();
    expect(naturalSortKey('Marz/run-1.txt')).toBeTypeOf('string');
    const rng = createRng(99);
    const paths = Array.from({ length: 2000 }, () => randomPath(rng, true));
    expect(paths.some((p) => naturalSortKey(p) === undefined)).toBe(true);
    expect(sortNatural(paths, (p) => p)).toEqual([...paths].sort(naturalCompare));
  });
  it('sorts digit runs of 254, 255, 60,000 and 60,001 digits by value (keys up to 254 digits)', () => {
    const runs = [254, 255, 60_000, 60_001].flatMap((n) => [`r${'9'.repeat(n)}`, `r1${'0'.repeat(n - 1)}`, `R0${'5'.repeat(n)}x`]);
    const input = [...runs].reverse();
    expect(sortNatural(input, (p) => p)).toEqual([...input].sort(naturalCompare));
    expect(naturalSortKey(`r${'9'.repeat(254)}`)).toBeTypeOf('string');
    expect(naturalSortKey(`r0${'9'.repeat(254)}`)).toBeTypeOf('string');
    expect(naturalSortKey(`r${'9'.repeat(255)}`)).toBeUndefined();
  });
});

describe('defaultSkipReason', () => {
  it('keeps outputs, skips the documented non-outputs', () => {
    for (const keep of ['out.txt', 'run.log', 'x.out', 'y.dat', 'r.json', 't.csv', 'noext', 'nohup.out']) {
      expect(defaultSkipReason(keep), keep).toBeUndefined();
    }
    for (const skip of ['LICENSE', 'LICENSE.txt', 'README', 'readme.txt', 'a.md', 'a.yaml', 'b.yml', 'c.sh', 'd.py', 'e.png', 'f.tar.gz', 'g.zip', 'h.pdf', 'x~']) {
      expect(defaultSkipReason(skip), skip).toBeDefined();
    }
  });
});
