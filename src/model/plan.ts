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
  /** Stable id used by the journal: `<config key>,rep=<n>`. */
  id: string;
  /** Every factor of the run, rep included. */
  factors: Factors;
  rep: number;
  reason: ToRunReason;
  replaces?: string;
  /** Output path relative to the campaign folder, as the campaign names it. */
  output: string;
}

export interface FillGroup {
  /** Key of the cluster configuration, e.g. `db=cassandra,nodes=15,recordcount=1000000,rf=1`. */
  key: string;
  factors: Factors;
  db: string;
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
  order: 'sequential' | 'randomized';
  seed?: number;
  groups: FillGroup[];
  /** Why some repetitions could not be planned (no naming, unsafe values). */
  errors: string[];
}
