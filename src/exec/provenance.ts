/**
 * Provenance of an output fill produced: a JSON file written beside it
 * (`.<name>.provenance.json`, hidden so the campaign's loader does not read it as an output).
 *
 * ```
 * kubectl get nodes -o json ──nodesOf──► nodes and versions      (once per execution)
 * kubectl get pods -o json  ──podsOf───► where each pod ran, its images and image IDs
 * sha256sum <script> in the client pod ──► the script's checksum
 * + context, namespace, start, end, the exact command, the file the script wrote
 * ```
 * Pure: the executor runs the commands and writes the file.
 */

import type { NodeInfo, PodInfo } from '../model/index.js';

export { PROVENANCE_SCHEMA, type NodeInfo, type PodInfo, type Provenance } from '../model/index.js';

/** Nodes and their versions from `kubectl get nodes -o json`. */
export function nodesOf(json: string): NodeInfo[] {
  const list = JSON.parse(json) as { items?: any[] };
  return (list.items ?? []).map((n) => {
    const info = n?.status?.nodeInfo ?? {};
    const labels: Record<string, string> = n?.metadata?.labels ?? {};
    const ready = (n?.status?.conditions ?? []).find((c: any) => c?.type === 'Ready');
    return {
      name: String(n?.metadata?.name ?? ''),
      kubeletVersion: info.kubeletVersion,
      containerRuntimeVersion: info.containerRuntimeVersion,
      osImage: info.osImage,
      kernelVersion: info.kernelVersion,
      architecture: info.architecture,
      roles: Object.keys(labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .sort(),
      ...(ready ? { ready: ready.status === 'True' } : {}),
    };
  });
}

/** Pods from `kubectl get pods -o json` that `keep` selects: node, phase, images and image IDs. */
export function podsOf(json: string, keep: (name: string, labels: Record<string, string>) => boolean): PodInfo[] {
  const list = JSON.parse(json) as { items?: any[] };
  const out: PodInfo[] = [];
  for (const p of list.items ?? []) {
    const name = String(p?.metadata?.name ?? '');
    const labels: Record<string, string> = p?.metadata?.labels ?? {};
    if (!keep(name, labels)) continue;
    const statuses: any[] = p?.status?.containerStatuses ?? [];
    const containers = ((p?.spec?.containers ?? []) as any[]).map((c) => {
      const st = statuses.find((s) => s?.name === c?.name) ?? {};
      return { name: String(c?.name ?? ''), image: st.image ?? c?.image, imageID: st.imageID, restartCount: st.restartCount };
    });
    out.push({ name, node: p?.spec?.nodeName, phase: p?.status?.phase, labels, containers });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** Does a label set match a selector such as `app=cassandra` or `app=citus,role=worker`? */
export function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  return selector
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .every((term) => {
      const [k, v] = term.split('=');
      return v === undefined ? k in labels : labels[k] === v;
    });
}

/** The checksum `sha256sum <file>` printed. */
export function sha256Of(text: string): string | undefined {
  const m = /^([0-9a-f]{64})\b/.exec(text.trim());
  return m ? m[1] : undefined;
}
