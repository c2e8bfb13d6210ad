/**
 * The provenance of an output that `fill` produced: a JSON file beside the output
 * (`.<name>.provenance.json`: hidden, so the loader never reads it as an output). The exec side
 * writes it (src/exec/provenance.ts, src/exec/execute.ts); the report reads it back into its methods
 * (src/ingest/provenance.ts, src/report/provenance.ts).
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

/** A provenance file read back beside one of the campaign's outputs. */
export interface ProvenanceRecord {
  /** The output it describes, as the inventory names it (relative to its root). */
  file: string;
  /** The provenance file, relative to the same root. */
  path: string;
  provenance: Provenance;
}

/** What the loader found of the provenance files beside the outputs: the ones it read, and the
 * ones it could not read, each with the reason (`path: expected …, found …`). */
export interface ProvenanceSet {
  records: ProvenanceRecord[];
  problems: { path: string; message: string }[];
}
