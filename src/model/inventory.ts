import type { Run, RunStatus } from './run.js';

/** Everything found under the roots: every file with its status, nothing dropped. */
export interface Inventory {
  /** The roots as given. */
  roots: string[];
  /** Every file found, in a stable order (root, then path with numbers compared numerically). */
  runs: Run[];
  /** Files or folders that could not even be listed (permission, vanished, loop). */
  scanErrors: { path: string; message: string }[];
  /** Files the default skip list left out (licences, READMEs, scripts …), with the reason. */
  skipped?: { path: string; reason: string }[];
  /**
   * What the loader decided about the campaign as a whole, one line each, when there is something
   * to say (absent otherwise): e.g. which properties of the content and which folders became
   * factors because the names alone would have pooled different configurations.
   */
  notices?: string[];
  /** Count per status: every status of RUN_STATUSES, and a rare one (RARE_STATUSES) only when some input has it. */
  counts: Record<RunStatus, number>;
}
