/**
 * The fill journal: an append-only JSON-lines file beside the outputs
 * (`<campaign>/.analyze-fill/journal.jsonl`). Each line is written and flushed (fsync) before the
 * next step starts, so after Ctrl-C, a crash or a lost connection the same command can tell what is
 * finished (never run twice), what was running (run again: its output was never placed) and what
 * the cluster holds (so a resumed fill does not rebuild it).
 */
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

export type JournalEvent = 'start' | 'done' | 'attempt-failed' | 'failed' | 'interrupted' | 'skipped' | 'not-comparable';

export interface JournalEntry {
  t: string;
  event: JournalEvent;
  /** Step id (see ExecStep.id). */
  step: string;
  kind: string;
  group: string;
  attempt?: number;
  /** Campaign-relative output placed, for a done run. */
  output?: string;
  message?: string;
  /** Where a kept output went (not comparable, or a load the campaign already has). */
  keptAs?: string;
  /** The file the script wrote, when it is not the name the experiment file expects. */
  remote?: string;
}

export class Journal {
  readonly entries: JournalEntry[] = [];

  constructor(readonly path: string) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          this.entries.push(JSON.parse(line) as JournalEntry);
        } catch {
          // A line cut by a crash: ignore it (the step it recorded is re-done or re-checked).
        }
      }
    }
  }

  append(e: Omit<JournalEntry, 't'>, now = new Date()): void {
    const entry: JournalEntry = { t: now.toISOString(), ...e };
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, JSON.stringify(entry) + '\n');
    const fd = openSync(this.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.entries.push(entry);
  }

  /** Steps recorded as done. */
  done(): Set<string> {
    return new Set(this.entries.filter((e) => e.event === 'done').map((e) => e.step));
  }

  /**
   * What the cluster holds according to the journal: the group last deployed (no teardown started
   * since), and whether its data was loaded.
   */
  cluster(): { deployed?: string; loaded?: string } {
    let deployed: string | undefined;
    let loaded: string | undefined;
    for (const e of this.entries) {
      if (e.kind === 'teardown' && e.event === 'start') {
        deployed = undefined;
        loaded = undefined;
      } else if (e.kind === 'deploy' && e.event === 'start') {
        deployed = undefined;
        loaded = undefined;
      } else if (e.kind === 'deploy' && e.event === 'done') deployed = e.group;
      else if (e.kind === 'load' && e.event === 'start') loaded = undefined;
      else if (e.kind === 'load' && e.event === 'done' && e.group === deployed) loaded = e.group;
    }
    return { deployed, loaded };
  }
}

/** Step times measured in a journal, per database: the median seconds of each kind of step that
 * finished (from its attempt's start to its done), and how many were measured. */
export type MeasuredCosts = Record<string, Partial<Record<'teardown' | 'deploy' | 'ready' | 'load' | 'run', { seconds: number; n: number }>>>;

/**
 * What the steps of earlier fills took, per database (the `db=` of the group key): a deployment
 * costs its teardown, deploy, ready and load; a repetition its run (Kalibera & Jones' two costs).
 * Only attempts that finished count (a failed attempt's time is not the step's cost).
 */
export function measuredCosts(entries: readonly JournalEntry[]): MeasuredCosts {
  const started = new Map<string, number>();
  const times = new Map<string, Map<string, number[]>>();
  for (const e of entries) {
    const key = `${e.step}#${e.attempt ?? ''}`;
    if (e.event === 'start') started.set(key, Date.parse(e.t));
    else if (e.event === 'done' && started.has(key)) {
      const seconds = (Date.parse(e.t) - started.get(key)!) / 1000;
      started.delete(key);
      if (!Number.isFinite(seconds) || seconds < 0) continue;
      const db = /^db=([^,]+)/.exec(e.group)?.[1] ?? '';
      let byKind = times.get(db);
      if (!byKind) times.set(db, (byKind = new Map()));
      byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), seconds]);
    }
  }
  const out: MeasuredCosts = {};
  for (const [db, byKind] of times) {
    out[db] = {};
    for (const kind of ['teardown', 'deploy', 'ready', 'load', 'run'] as const) {
      const xs = byKind.get(kind);
      if (!xs?.length) continue;
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      out[db][kind] = { seconds: m, n: s.length };
    }
  }
  return out;
}
