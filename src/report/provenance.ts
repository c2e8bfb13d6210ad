/**
 * The provenance of the runs `fill` produced, for the report: a paragraph for the methods and a CSV
 * with one row per run. Pure.
 *
 * ```
 * ProvenanceSet (read by src/ingest/provenance.ts) ──summariseProvenance──► contexts, time range,
 *   nodes and versions, images and image IDs, scripts and checksums, runs not comparable
 *   ──provenanceParagraph──► sentences for the methods      ──provenanceCsv──► data/provenance.csv
 * ```
 */
import Papa from 'papaparse';
import type { ProvenanceRecord, ProvenanceSet } from '../model/index.js';
import { plural } from './labels.js';

export interface ProvenanceSummary {
  runs: number;
  /** Distinct "context/namespace" pairs (context "unnamed" when the record has none). */
  places: { context?: string; namespace: string; runs: number }[];
  first: string;
  last: string;
  /** Every node seen, by name, with the versions of its last record. */
  nodes: { name: string; kubelet?: string; runtime?: string; os?: string; kernel?: string; arch?: string }[];
  /** Distinct image + image ID, with the pods and nodes they ran on. */
  images: { image: string; imageID?: string; pods: string[]; nodes: string[] }[];
  /** Distinct script path + checksum, with how many runs used it. */
  scripts: { path: string; sha256?: string; runs: number }[];
  /** Records saying the output is not comparable with the configuration's earlier runs. */
  notComparable: { file: string; differences?: string }[];
  /** Records with things that could not be collected. */
  incomplete: number;
}

/** Gather what the records have in common and what differs. */
export function summariseProvenance(records: ProvenanceRecord[]): ProvenanceSummary | undefined {
  if (records.length === 0) return undefined;
  const places = new Map<string, { context?: string; namespace: string; runs: number }>();
  const nodes = new Map<string, ProvenanceSummary['nodes'][number]>();
  const images = new Map<string, { image: string; imageID?: string; pods: Set<string>; nodes: Set<string> }>();
  const scripts = new Map<string, { path: string; sha256?: string; runs: number }>();
  let first = records[0].provenance.start;
  let last = records[0].provenance.end;
  const notComparable: ProvenanceSummary['notComparable'] = [];
  let incomplete = 0;
  for (const { file, provenance: p } of records) {
    const pk = `${p.context ?? ''}\0${p.namespace}`;
    const place = places.get(pk) ?? { ...(p.context !== undefined ? { context: p.context } : {}), namespace: p.namespace, runs: 0 };
    place.runs++;
    places.set(pk, place);
    if (Date.parse(p.start) < Date.parse(first)) first = p.start;
    if (Date.parse(p.end) > Date.parse(last)) last = p.end;
    for (const n of p.nodes) {
      nodes.set(n.name, { name: n.name, kubelet: n.kubeletVersion, runtime: n.containerRuntimeVersion, os: n.osImage, kernel: n.kernelVersion, arch: n.architecture });
    }
    for (const pod of p.pods) {
      for (const c of pod.containers) {
        const image = c.image ?? '(image not recorded)';
        const key = `${image}\0${c.imageID ?? ''}`;
        const entry = images.get(key) ?? { image, ...(c.imageID ? { imageID: c.imageID } : {}), pods: new Set<string>(), nodes: new Set<string>() };
        entry.pods.add(pod.name);
        if (pod.node) entry.nodes.add(pod.node);
        images.set(key, entry);
      }
    }
    if (p.script) {
      const key = `${p.script.path}\0${p.script.sha256 ?? ''}`;
      const s = scripts.get(key) ?? { path: p.script.path, ...(p.script.sha256 ? { sha256: p.script.sha256 } : {}), runs: 0 };
      s.runs++;
      scripts.set(key, s);
    }
    if (p.comparable === false) notComparable.push({ file, ...(p.differences ? { differences: p.differences } : {}) });
    if (p.errors.length > 0) incomplete++;
  }
  const byName = (a: { name: string } | string, b: { name: string } | string) =>
    (typeof a === 'string' ? a : a.name).localeCompare(typeof b === 'string' ? b : b.name, 'en', { numeric: true });
  return {
    runs: records.length,
    places: [...places.values()],
    first,
    last,
    nodes: [...nodes.values()].sort(byName),
    images: [...images.values()].map((i) => ({ image: i.image, ...(i.imageID ? { imageID: i.imageID } : {}), pods: [...i.pods].sort(byName), nodes: [...i.nodes].sort(byName) })),
    scripts: [...scripts.values()],
    notComparable,
    incomplete,
  };
}

/** "v1 on 14 nodes, v2 on 1": the values of one node property, most common first. */
function spread(values: (string | undefined)[], what: string): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  const total = values.length;
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 1 && entries[0][1] === total) return `${what} ${entries[0][0]}`;
  return `${what} ${entries.map(([v, n]) => `${v} on ${n} ${n === 1 ? 'node' : 'nodes'}`).join(', ')}`;
}

function shortId(id: string): string {
  const m = /sha256:([0-9a-f]{12})[0-9a-f]*/.exec(id);
  return m ? `sha256:${m[1]}…` : id;
}

/**
 * Sentences for the methods: which runs were produced later by the tool's gap filling, where and
 * with what (the committee's words: no command-line flags). Empty when there is nothing to say.
 */
export function provenanceParagraph(set: ProvenanceSet | undefined, totalRuns: number): string[] {
  if (!set || (set.records.length === 0 && set.problems.length === 0)) return [];
  const out: string[] = [];
  const s = summariseProvenance(set.records);
  if (s) {
    const where = s.places.map((p) => `context “${p.context ?? 'unnamed'}”, namespace “${p.namespace}”${s.places.length > 1 ? ` (${plural(p.runs, 'run')})` : ''}`).join('; ');
    const range = s.first.slice(0, 10) === s.last.slice(0, 10) ? `on ${s.first.slice(0, 10)}, ${s.first.slice(11, 16)}–${s.last.slice(11, 16)} UTC` : `between ${s.first.slice(0, 16).replace('T', ' ')} and ${s.last.slice(0, 16).replace('T', ' ')} UTC`;
    const n = s.runs.toLocaleString('en-US');
    out.push(
      `${n} of the ${totalRuns.toLocaleString('en-US')} runs ${s.runs === 1 ? 'was' : 'were'} produced later by ycsb-analyze, re-running missing repetitions, each with a provenance record beside its output: Kubernetes ${where}, ${range}.`,
    );
    const node = [
      spread(s.nodes.map((n) => n.kubelet), 'kubelet'),
      spread(s.nodes.map((n) => n.runtime), 'runtime'),
      spread(s.nodes.map((n) => n.os), 'OS'),
      spread(s.nodes.map((n) => n.kernel), 'kernel'),
      spread(s.nodes.map((n) => n.arch), 'architecture'),
    ].filter((x): x is string => x !== undefined);
    if (s.nodes.length > 0) out.push(`The cluster had ${plural(s.nodes.length, 'node')}${node.length ? ` (${node.join('; ')})` : ''}.`);
    if (s.images.length > 0) {
      const imgs = s.images.map((i) => `${i.image}${i.imageID ? ` (${shortId(i.imageID)})` : ''} in ${i.pods.length <= 3 ? i.pods.join(', ') : `${plural(i.pods.length, 'pod')}`}${i.nodes.length ? ` on ${i.nodes.length <= 3 ? i.nodes.join(', ') : plural(i.nodes.length, 'node')}` : ''}`);
      out.push(`Images: ${imgs.join('; ')}.`);
    }
    if (s.scripts.length > 0) {
      out.push(`Scripts: ${s.scripts.map((x) => `${x.path}${x.sha256 ? ` (sha256 ${x.sha256.slice(0, 12)}…)` : ' (checksum not recorded)'}${s.scripts.length > 1 ? `, ${plural(x.runs, 'run')}` : ''}`).join('; ')}.`);
    }
    if (s.notComparable.length > 0) {
      const diffs = [...new Set(s.notComparable.map((n) => n.differences ?? 'differences not recorded'))];
      out.push(
        `${plural(s.notComparable.length, 'of them differs', 'of them differ')} from the configuration's earlier runs (${diffs.join('; ')}) and ${s.notComparable.length === 1 ? 'was' : 'were'} kept as a series of ${s.notComparable.length === 1 ? 'its' : 'their'} own, never pooled with the earlier runs.`,
      );
    }
    if (s.incomplete > 0) out.push(`For ${plural(s.incomplete, 'run')} part of the provenance could not be collected (listed in data/provenance.csv).`);
  }
  if (set.problems.length > 0) {
    const shown = set.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
    out.push(`${plural(set.problems.length, 'provenance file')} could not be read (${shown.join('; ')}${set.problems.length > 3 ? `; and ${set.problems.length - 3} more, in data/provenance.csv` : ''}).`);
  }
  return [out.join(' ')];
}

/** One row per provenance file: what it says, or why it could not be read. */
export function provenanceCsv(set: ProvenanceSet): string {
  const fields = ['file', 'provenance', 'status', 'step', 'attempt', 'context', 'namespace', 'start', 'end', 'command', 'script', 'script_sha256', 'comparable', 'differences', 'nodes', 'pods', 'errors'];
  const rows: (string | number)[][] = set.records.map(({ file, path, provenance: p }) => [
    file,
    path,
    'read',
    p.step,
    p.attempt,
    p.context ?? '',
    p.namespace,
    p.start,
    p.end,
    p.command.join(' '),
    p.script?.path ?? '',
    p.script?.sha256 ?? '',
    String(p.comparable),
    p.differences ?? '',
    p.nodes.length,
    p.pods.map((pod) => `${pod.name}@${pod.node ?? '?'} ${pod.containers.map((c) => `${c.image ?? '?'} ${c.imageID ?? '?'}`).join(' ')}`).join('; '),
    p.errors.join('; '),
  ]);
  for (const pr of set.problems) rows.push(['', pr.path, `unreadable: ${pr.message}`, '', '', '', '', '', '', '', '', '', '', '', '', '', '']);
  return Papa.unparse({ fields, data: rows }, { newline: '\n', quotes: false, escapeFormulae: false }) + '\n';
}
