/**
 * What a deployment costs, as `fill` measured it: the journal it keeps beside the campaign
 * (`<campaign>/.analyze-fill/journal.jsonl`) holds the start and end of every step it ran.
 *
 * ```
 * each root ──► .analyze-fill/journal.jsonl (absent: nothing) ──measuredCosts (exec/journal)──►
 *   per database, the median seconds of teardown, deploy, ready, load ──sum──► one deployment's cost
 * ```
 * For AnalysisOptions.deploymentSeconds: the advice on more deployments or more repetitions per
 * deployment (Kalibera & Jones) then costs a deployment by what it took, not by its load run alone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Journal, measuredCosts, type JournalEntry } from '../exec/journal.js';
import { FILL_DIR } from '../model/index.js';

/** The journal of a campaign folder filled with the default settings. */
export function journalPathOf(root: string): string {
  return join(root, FILL_DIR, 'journal.jsonl');
}

/** Per database: teardown + deploy + ready + load seconds (the medians of the steps that finished),
 * and how many kinds of step were measured; undefined when no journal measured a load or a deploy. */
export function deploymentSecondsFromJournals(roots: readonly string[]): Record<string, { seconds: number; steps: number }> | undefined {
  const entries: JournalEntry[] = [];
  for (const root of roots) {
    const path = journalPathOf(root);
    if (existsSync(path)) entries.push(...new Journal(path).entries);
  }
  if (entries.length === 0) return undefined;
  const out: Record<string, { seconds: number; steps: number }> = {};
  for (const [db, kinds] of Object.entries(measuredCosts(entries))) {
    if (!kinds.load && !kinds.deploy) continue; // a teardown alone is not what a deployment costs
    const parts = (['teardown', 'deploy', 'ready', 'load'] as const).map((k) => kinds[k]).filter((x) => x !== undefined);
    out[db] = { seconds: parts.reduce((s, x) => s + x.seconds, 0), steps: parts.length };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
