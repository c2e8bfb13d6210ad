/**
 * A fill plan before any command is attached: what to run, grouped by cluster configuration so
 * each one is built once, every output named as the campaign names its files.
 *
 * Made by planFill (src/analysis/plan.ts) from a gap report; turned into kubectl steps by an
 * adapter (src/exec/adapters.ts). Imports nothing but the model.
 */
import type { Factors } from './run.js';

/** Why a repetition is to run: it has no file, it replaces a failed one, or the CI target asks for it. */
export type ToRunReason = 'missing' | 'replaces-failed' | 'ci-target';

export interface FillRun {
  /** Stable id used by the journal: `<config key>,rep=<n>`, or `<config key>,deployment=<d>,rep=<n>`. */
  id: string;
  /** Every factor of the run, rep included (and deployment, when the design has deployments). */
  factors: Factors;
  rep: number;
  reason: ToRunReason;
  replaces?: string;
  /** Output path relative to the campaign folder, as the campaign names it. */
  output: string;
}

export interface FillGroup {
  /** Key of the cluster configuration, e.g. `db=cassandra,nodes=15,recordcount=1000000,rf=1`; with
   * deployments, of one deployment of it: `db=cassandra,…,rf=1,deployment=2`. */
  key: string;
  /** The cluster configuration's factors (without the deployment). */
  factors: Factors;
  db: string;
  /** The deployment this group builds, when the design has deployments (one rebuild each). */
  deployment?: string;
  /** The deployment is still standing (the fill journal says the cluster holds it): its missing
   * repetitions are run on it, and executing refuses if it is no longer there. */
  resume?: boolean;
  load: {
    /** The factors the load runs with (the cluster's, plus the workload it loads with). */
    factors: Factors;
    /** Where its output goes when the campaign has none; absent when the campaign already has one. */
    output?: string;
    /** Name the output would have (for the side copy kept in the journal folder). */
    name: string;
  };
  runs: FillRun[];
}

export interface FillPlanCore {
  /** sequential: groups by key, runs by configuration then rep (the order before randomization
   * was the default). randomized: groups in a seeded random order; within a group the runs of its
   * configurations interleaved at random, each configuration's repetitions in increasing order. */
  order: 'sequential' | 'randomized';
  /** The seed of a randomized order. */
  seed?: number;
  /** When the data is loaded: once per group (deployment), or before every repetition. */
  reload: 'deployment' | 'repetition';
  /** Deployments per configuration, when the design declares them. */
  deployments?: number;
  groups: FillGroup[];
  /** Why some repetitions could not be planned (no naming, unsafe values). */
  errors: string[];
}

/** The configuration a new output is meant to belong to, as the comparability check sees it. */
export interface OutputConfiguration {
  phase: 'run' | 'load';
  /** Key of the run configuration without rep (`db=cassandra,…,workload=b`), or of the cluster
   * configuration for a load. */
  key: string;
  /** Key of the cluster configuration (the factors less the run factors). */
  clusterKey: string;
  /** The configuration's factors (rep included for a run). */
  factors: Factors;
}

/** Whether a new output measures the same thing as the configuration's existing runs. */
export type Comparison = { comparable: true } | { comparable: false; differences: string };

/**
 * Judges a new output's content against the configuration it would fill, e.g. by the YCSB
 * header's signature (binding, workload, record and operation counts, threads, target, -p
 * properties). Given to the executor by the caller, so src/exec parses no YCSB output itself.
 * `differences` reads like `operationcount 1000 vs 10000` (the new value first).
 */
export type CompareOutput = (outputText: string, configuration: OutputConfiguration) => Comparison;
