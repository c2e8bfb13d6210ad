/**
 * The provenance of an output that `fill` produced: a JSON file beside the output
 * (`.<name>.provenance.json`: hidden, so the loader never reads it as an output). The exec side
 * writes it (src/exec/provenance.ts, src/exec/execute.ts); the report reads it back into its methods
 * (src/ingest/provenance.ts, src/report/provenance.ts).
 */

/** The folder `fill` keeps beside a campaign's outputs: its journal, and the outputs it kept aside. */
export const FILL_DIR = '.analyze-fill';

/** The provenance file's name beside an output named `name` in the campaign (hidden). */
export function provenanceName(name: string): string {
  return `.${name}.provenance.json`;
}

/** The output a hidden provenance file's name describes, or undefined when it is not one. */
export function provenanceOutputOf(fileName: string): string | undefined {
  const m = /^\.(.+)\.provenance\.json$/.exec(fileName);
  return m ? m[1] : undefined;
}

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
