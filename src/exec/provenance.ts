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

export const PROVENANCE_SCHEMA = 'ycsb-analyze/provenance@1';

export interface NodeInfo {
  name: string;
  kubeletVersion?: string;
  containerRuntimeVersion?: string;
  osImage?: string;
  kernelVersion?: string;
  architecture?: string;
  roles: string[];
  ready?: boolean;
}

export interface PodInfo {
  name: string;
  node?: string;
  phase?: string;
  labels: Record<string, string>;
  containers: { name: string; image?: string; imageID?: string; restartCount?: number }[];
}

export interface Provenance {
  schema: typeof PROVENANCE_SCHEMA;
  /** Campaign-relative path of the output this describes (or where it was kept). */
  output: string;
  step: string;
  attempt: number;
  context?: string;
  namespace: string;
  start: string;
  end: string;
  /** The exact argv that ran the script (kubectl included). */
  command: string[];
  /** The file the script wrote in the output folder, and the name the experiment file expected. */
  remote?: { dir: string; file: string; expected: string };
  script?: { path: string; sha256?: string };
  nodes: NodeInfo[];
  pods: PodInfo[];
  /** Whether the output measures the same thing as the configuration's existing runs. */
  comparable: boolean | 'not checked';
  differences?: string;
  /** What could not be collected (the run is kept all the same). */
  errors: string[];
}

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
