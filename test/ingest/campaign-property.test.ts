/**
 * Issue 19's property test: over generated campaigns whose truth is known
 * (test/ingest/truth-campaigns.ts), the default summary (no --group) either recovers the true
 * configurations exactly, or says that it cannot tell (an ambiguity asking for a file-name
 * scheme). It NEVER pools runs of different configurations into one group.
 *
 * Where the names mark repetitions without doubt (start-time folders, `run<k>` files, `rep<k>`
 * tokens, appended invocations), asking is not enough: the truth must be recovered. Only a bare
 * trailing number (`output-3.txt`: a repetition, or a step of something?) may leave the tool asking.
 *
 * 200 seeded campaigns of at most 60 files each, written to a temporary folder, loaded with
 * `loadRuns` and analysed with `analyze` (the default grouping; pairwise intervals are not
 * computed: they do not change the groups and cost most of the time).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import type { GroupResult } from '../../src/analysis/types.js';
import { loadRuns } from '../../src/ingest/load.js';
import { generateTruthCampaign, type GeneratedCampaign } from './truth-campaigns.js';
import { asksForScheme, comparePartition, describeReport, type PartitionReport } from './truth-partition.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => 1 + i);

const tmpRoot = mkdtempSync(path.join(tmpdir(), 'ycsb-campaigns-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

function write(c: GeneratedCampaign): string {
  const dir = path.join(tmpRoot, `seed-${c.seed}`);
  const made = new Set<string>();
  for (const f of c.files) {
    const p = path.join(dir, f.path);
    const d = path.dirname(p);
    if (!made.has(d)) mkdirSync(d, { recursive: true });
    made.add(d);
    writeFileSync(p, f.text);
  }
  return dir;
}

const campaigns = SEEDS.map(generateTruthCampaign);

describe('the generator', () => {

  it('is deterministic and small: the same seed gives the same files, at most 60 a campaign', () => {
    for (const seed of [1, 17, 123]) expect(generateTruthCampaign(seed)).toEqual(campaigns[seed - 1]);
    for (const c of campaigns) expect(c.files.length, c.layout).toBeLessThanOrEqual(60);
    expect(Math.max(...campaigns.map((c) => c.files.length))).toBeGreaterThan(30);
  });

  it('every invocation of every file belongs to exactly one run of the truth', () => {
    for (const c of campaigns) {
      const members = c.truth.flatMap((t) => [...t.ok, ...t.notOk]).flatMap((id) => id.split(' + '));
      expect(new Set(members).size, `seed ${c.seed}: an invocation in two runs`).toBe(members.length);
      const expected = c.files.flatMap((f) => {
        const n = (f.text.match(/^Command line: /gm) ?? []).length;
        return n === 1 ? [f.path] : Array.from({ length: n }, (_, k) => `${f.path}#${k + 1}`);
      });
      expect([...members].sort(), `seed ${c.seed} (${c.layout})`).toEqual(expected.sort());
    }
  });

  it('repetitions share their content but for the server address; configurations differ in what names or content show', () => {
    for (const c of campaigns) {
      const textOf = new Map(c.files.map((f) => [f.path, f.text]));
      const commandOf = (id: string) => {
        const [p, k] = id.split('#');
        const cmds = [...textOf.get(p)!.matchAll(/^Command line: (.*)$/gm)].map((m) => m[1]);
        return cmds[k === undefined ? 0 : Number(k) - 1]
          .replace(/(hosts|redis\.host|mongodb\.url)=\S+/g, '$1=*')
          .replace(/-p (insertstart|insertcount)=\d+ /g, '');
      };
      for (const t of c.truth) {
        const cmds = new Set([...t.ok, ...t.notOk].flatMap((id) => id.split(' + ')).map(commandOf));
        expect(cmds.size, `seed ${c.seed}: ${t.key}`).toBe(1);
      }
      const visible = [...c.visible.values()];
      expect(new Set(visible).size, `seed ${c.seed}: two configurations look the same`).toBe(visible.length);
    }
  });

  it('covers the layouts the issue names', () => {
    const count = (f: (c: GeneratedCampaign) => boolean) => campaigns.filter(f).length;
    for (const style of ['timestamp-folder', 'run-file', 'rep-token', 'appended', 'trailing-number'] as const) {
      expect(count((c) => c.repStyle === style), style).toBeGreaterThanOrEqual(15);
    }
    expect(count((c) => c.clients > 1), 'client splits').toBeGreaterThanOrEqual(20);
    expect(count((c) => c.clients > 1 && c.repStyle === 'appended'), 'client files each holding appended runs').toBeGreaterThanOrEqual(5);
    expect(count((c) => c.loads), 'loads').toBeGreaterThanOrEqual(20);
    expect(count((c) => c.partial), 'a run cut off').toBeGreaterThanOrEqual(20);
    expect(count((c) => c.hidden), 'configurations told apart by content only').toBeGreaterThanOrEqual(30);
    for (const token of ['deployment(folder', 'scenario(folder', 'raf(token', 'fieldcount(', 'opcount(none', 'rf(token', 'threads(folder']) {
      expect(count((c) => c.layout.includes(token)), token).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('the comparison with the truth (can pass, and can fail)', () => {
  /** Groups as an implementation that gets it right would make them: one per run configuration. */
  function perfect(c: GeneratedCampaign): GroupResult[] {
    const asRun = (id: string) => (id.includes(' + ') ? { file: id.split(' + ')[0], files: id.split(' + ') } : { file: id });
    return c.truth
      .filter((t) => t.phase === 'run')
      .map((t, i) => ({ key: `g${i}`, n: t.ok.length, runs: t.ok.map(asRun), failed: t.notOk.map((id) => ({ ...asRun(id), status: 'partial', reason: 'cut off' })) }) as unknown as GroupResult);
  }
  const several = campaigns.filter((c) => c.truth.filter((t) => t.phase === 'run' && t.ok.length >= 2).length >= 2);

  it('the right groups are exact', () => {
    for (const c of campaigns) expect(describeReport(comparePartition(perfect(c), c.truth)), `seed ${c.seed}`).toBe('exact');
  });

  it('two configurations in one group are pooled; a configuration split in two is not recovered', () => {
    expect(several.length).toBeGreaterThan(50);
    for (const c of several) {
      const groups = perfect(c).filter((g) => g.runs.length >= 2);
      const merged = { ...groups[0], runs: [...groups[0].runs, ...groups[1].runs] } as GroupResult;
      const pooled = comparePartition([merged, ...groups.slice(2)], c.truth);
      expect(pooled.pooled.length, `seed ${c.seed}`).toBe(1);
      const split = [{ ...groups[0], runs: groups[0].runs.slice(0, 1) }, { ...groups[0], runs: groups[0].runs.slice(1) }, ...groups.slice(1)] as GroupResult[];
      const report = comparePartition(split, c.truth);
      expect([report.pooled.length, report.exact], `seed ${c.seed}`).toEqual([0, false]);
    }
  });
});

describe('the default summary on 200 generated campaigns', () => {
  interface Outcome {
    c: GeneratedCampaign;
    report: PartitionReport;
    asks: boolean;
  }
  let outcomes: Outcome[] | undefined;
  async function run(): Promise<Outcome[]> {
    if (outcomes) return outcomes;
    const out: Outcome[] = [];
    for (const c of campaigns) {
      // (the read-ahead thread is for files not in the page cache: these were just written)
      const inv = await loadRuns([write(c)], { readAhead: 'off' });
      const result = analyze(inv, { pairIntervals: false });
      out.push({ c, report: comparePartition(result.groups, c.truth, { phases: ['run'] }), asks: asksForScheme(inv, result) });
    }
    return (outcomes = out);
  }
  const show = (list: Outcome[]) =>
    `${list.length} of ${SEEDS.length} campaigns, e.g.\n` +
    list
      .slice(0, 4)
      .map((o) => `seed ${o.c.seed} (${o.c.layout}):\n${describeReport(o.report, 3)}`)
      .join('\n');

  it('never pools runs of different configurations', async () => {
    const pooled = (await run()).filter((o) => o.report.pooled.length > 0);
    expect(pooled.length, show(pooled)).toBe(0);
  });

  it('recovers the configurations exactly, or asks for a scheme', async () => {
    const neither = (await run()).filter((o) => !o.report.exact && !o.asks);
    expect(neither.length, show(neither)).toBe(0);
  });

  it('recovers them exactly wherever the names mark repetitions without doubt', async () => {
    const missed = (await run()).filter((o) => o.c.unambiguous && !o.report.exact);
    expect(missed.length, show(missed)).toBe(0);
  });
});
