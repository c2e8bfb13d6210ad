/** Reading back fill's provenance files: what is read, and what is refused with its reason. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProvenance, provenancePathOf, readProvenance } from '../../src/ingest/provenance.js';
import { loadRuns } from '../../src/ingest/load.js';
import { provenanceParagraph } from '../../src/report/provenance.js';

const GOOD = {
  schema: 'ycsb-analyze/provenance@1',
  output: 'x/run-1.txt',
  step: 'run:a',
  attempt: 1,
  context: 'default',
  namespace: 'default',
  start: '2026-01-02T03:04:05.000Z',
  end: '2026-01-02T03:14:05.000Z',
  command: ['kubectl', 'exec', 'ycsb-benchmark', '--', '/scripts/run.sh'],
  nodes: [{ name: 'n1', roles: [] }],
  pods: [{ name: 'ycsb-benchmark', node: 'n1', labels: {}, containers: [{ name: 'c', image: 'img', imageID: 'sha256:' + 'a'.repeat(64) }] }],
  comparable: false,
  differences: 'operationcount 1000 vs 10000',
  errors: [],
};

describe('checkProvenance', () => {
  it('reads a record and names the first thing wrong with a bad one', () => {
    expect('provenance' in checkProvenance(GOOD)).toBe(true);
    expect(checkProvenance([])).toEqual({ error: 'expected a JSON object, found []' });
    expect(checkProvenance({ ...GOOD, schema: 'ycsb-analyze/provenance@2' })).toEqual({ error: 'expected schema "ycsb-analyze/provenance@1", found "ycsb-analyze/provenance@2"' });
    expect(checkProvenance({ ...GOOD, start: 'yesterday' })).toEqual({ error: 'expected "start" to be a date and time (ISO 8601), found "yesterday"' });
    expect(checkProvenance({ ...GOOD, command: 'kubectl exec' })).toEqual({ error: 'expected "command" to be a list of strings, found "kubectl exec"' });
    expect(checkProvenance({ ...GOOD, comparable: 'yes' })).toEqual({ error: 'expected "comparable" to be true, false or "not checked", found "yes"' });
    const { pods: _p, ...noPods } = GOOD;
    expect(checkProvenance(noPods)).toEqual({ error: 'expected "pods" to be a list, found nothing' });
  });
  it('puts the file beside its output, hidden', () => {
    expect(provenancePathOf('a/b/run-1.txt')).toBe('a/b/.run-1.txt.provenance.json');
    expect(provenancePathOf('run-1.txt')).toBe('.run-1.txt.provenance.json');
  });
});

describe('readProvenance on a folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'prov-'));
    mkdirSync(join(dir, 'x'));
    const out = 'YCSB Client 0.17.0\nCommand line: -db site.ycsb.BasicDB -t\n[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 100.0\n';
    for (const f of ['x/run-1.txt', 'x/run-2.txt', 'x/run-3.txt']) writeFileSync(join(dir, f), out.replace('1000', f.slice(-5, -4) + '000'));
    writeFileSync(join(dir, provenancePathOf('x/run-1.txt')), JSON.stringify(GOOD));
    writeFileSync(join(dir, provenancePathOf('x/run-2.txt')), '{ not json');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the good one, lists the bad one with its reason, says nothing of a run without one', async () => {
    const inv = await loadRuns([dir]);
    expect(inv.runs.map((r) => r.file)).toEqual(['x/run-1.txt', 'x/run-2.txt', 'x/run-3.txt']); // the hidden files are no inputs
    const set = readProvenance(inv);
    expect(set.records.map((r) => [r.file, r.path])).toEqual([['x/run-1.txt', 'x/.run-1.txt.provenance.json']]);
    expect(set.problems).toHaveLength(1);
    expect(set.problems[0].path).toBe('x/.run-2.txt.provenance.json');
    expect(set.problems[0].message).toMatch(/^expected JSON, found text that does not parse \(/);
    const [text] = provenanceParagraph(set, 3);
    expect(text).toContain('1 of the 3 runs was produced later by ycsb-analyze');
    expect(text).toContain('on 2026-01-02, 03:04–03:14 UTC');
    expect(text).toContain('img (sha256:aaaaaaaaaaaa…) in ycsb-benchmark on n1');
    expect(text).toContain("1 of them differs from the configuration's earlier runs (operationcount 1000 vs 10000) and was kept as a series of its own");
    expect(text).toContain('1 provenance file could not be read (x/.run-2.txt.provenance.json: expected JSON');
  });
});
