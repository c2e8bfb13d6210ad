/**
 * Issue 20: "The analysis reads [the provenance of every run fill produces] and shows it in the
 * report's methods." End to end on the cluster simulator (the real rpicloud scripts): a campaign
 * missing one repetition is filled, then reported; the methods name where and with what the
 * filled run ran, as its provenance file says; data/provenance.csv has its row; a damaged
 * provenance file is listed with its reason and does not stop the report.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { cli } from '../../fixtures/exec/cli.js';
import { recordCassandraCampaign, writeExperiment } from '../../fixtures/exec/sim/campaign.js';
import { createSimulator, hasCluster, placeRpicloud, type Simulator } from '../../fixtures/exec/sim/cluster.js';

const SHORT = { teardown: 60, deploy: 60, ready: 60, load: 60, run: 60, fetch: 60 };

/** The methods section of a report's index.html, as text. */
function methods(html: string): string {
  const m = /<section[^>]*id="methods"[\s\S]*?<\/section>/.exec(html) ?? /id="methods"[\s\S]*?(?=<h2)/.exec(html);
  if (!m) throw new Error('no methods section in index.html');
  return m[0].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}

describe.skipIf(!hasCluster)('the report reads the provenance of the runs fill produced', { timeout: 300_000 }, () => {
  let root: string;
  let sim: Simulator;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fill-provenance-'));
    sim = createSimulator(root);
    placeRpicloud(root);
    recordCassandraCampaign(sim, join(root, 'campaign'), { workloads: ['a'], rfs: [1], reps: 4, skip: ['a-3-1'] });
    writeExperiment(join(root, 'experiment.yaml'), { workloads: ['a'], rfs: [1], reps: 4 }, (e) => {
      e.cluster.timeouts = SHORT;
    });
    const r = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--backoff', '0'], root, sim.env);
    if (r.code !== 0) throw new Error(`fill failed: ${r.stdout}${r.stderr}`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the methods say where, when and with what the filled run ran, as its provenance file says', async () => {
    const prov = JSON.parse(readFileSync(join(root, 'campaign', '.cassandra-exec-15-1000000-a-3-rf_1.txt.provenance.json'), 'utf8'));
    const r = await cli(['campaign', '--group', 'workload', '--report', 'rep'], root, sim.env);
    expect(r.code, r.stderr).toBe(0);
    const text = methods(readFileSync(join(root, 'rep', 'index.html'), 'utf8'));
    // 5 inputs (the load and 4 runs), one produced by fill.
    expect(text).toContain(`1 of the 5 runs was produced later by ycsb-analyze, re-running missing repetitions, each with a provenance record beside its output: Kubernetes context “${prov.context}”, namespace “${prov.namespace}”, on ${prov.start.slice(0, 10)}`);
    expect(prov.nodes.length).toBeGreaterThan(0);
    expect(text).toContain(`The cluster had ${prov.nodes.length} node${prov.nodes.length === 1 ? '' : 's'} (kubelet `);
    for (const n of prov.nodes) for (const v of [n.kubeletVersion, n.containerRuntimeVersion, n.osImage, n.kernelVersion, n.architecture]) expect(text).toContain(v);
    expect(prov.script.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(`Scripts: ${prov.script.path} (sha256 ${prov.script.sha256.slice(0, 12)}…)`);
    const client = prov.pods.find((p: { name: string }) => p.name === 'ycsb-benchmark');
    expect(client, 'the client pod is recorded').toBeDefined();
    expect(text).toContain(`${client.containers[0].image}`);
    const paragraph = text.slice(text.indexOf('1 of the 5 runs'), text.indexOf('How to reproduce'));
    expect(paragraph).not.toMatch(/--[a-z]/); // committee text: no command-line flags
    const csv = Papa.parse<Record<string, string>>(readFileSync(join(root, 'rep', 'data', 'provenance.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatchObject({ file: 'cassandra-exec-15-1000000-a-3-rf_1.txt', provenance: '.cassandra-exec-15-1000000-a-3-rf_1.txt.provenance.json', status: 'read', context: prov.context, namespace: prov.namespace, start: prov.start, end: prov.end, command: prov.command.join(' '), script_sha256: prov.script.sha256, comparable: String(prov.comparable) });
  });

  it('a damaged provenance file is listed with its reason, and the report is written all the same', async () => {
    writeFileSync(join(root, 'campaign', '.cassandra-exec-15-1000000-a-1-rf_1.txt.provenance.json'), '{"schema": "something-else@3"}');
    const r = await cli(['campaign', '--group', 'workload', '--report', 'rep2'], root, sim.env);
    expect(r.code, r.stderr).toBe(0);
    const text = methods(readFileSync(join(root, 'rep2', 'index.html'), 'utf8'));
    expect(text).toContain('1 provenance file could not be read (.cassandra-exec-15-1000000-a-1-rf_1.txt.provenance.json: expected schema “ycsb-analyze/provenance@1”, found “something-else@3”).'.replace(/[“”]/g, '"'));
    const csv = Papa.parse<Record<string, string>>(readFileSync(join(root, 'rep2', 'data', 'provenance.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(csv.map((row) => row.status)).toEqual(['read', 'unreadable: expected schema "ycsb-analyze/provenance@1", found "something-else@3"']);
  });
});
