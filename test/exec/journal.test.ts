/** measuredCosts: what the steps of earlier fills took, from the journal's start and done times. */
import { describe, it, expect } from 'vitest';
import { measuredCosts, type JournalEntry } from '../../src/exec/journal.js';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1) + s * 1000).toISOString();
const step = (kind: string, group: string, id: string, from: number, to: number, attempt = 1, end: 'done' | 'attempt-failed' = 'done'): JournalEntry[] => [
  { t: at(from), event: 'start', step: id, kind, group, attempt },
  { t: at(to), event: end, step: id, kind, group, attempt },
];

describe('measuredCosts', () => {
  it('median seconds per kind of step and database, finished attempts only', () => {
    const c = 'db=cassandra,nodes=15,rf=1';
    const h = 'db=hbase,nodes=15,rf=1';
    const entries = [
      ...step('teardown', c, `teardown:${c}`, 0, 30),
      ...step('load', c, `load:${c}`, 30, 130),
      ...step('run', c, 'run:a1', 130, 140),
      ...step('run', c, 'run:a2', 140, 500, 1, 'attempt-failed'), // not a cost: it failed
      ...step('run', c, 'run:a2', 500, 512, 2),
      ...step('run', c, 'run:a3', 512, 530),
      ...step('load', h, `load:${h}`, 0, 50),
    ];
    expect(measuredCosts(entries)).toEqual({
      cassandra: { teardown: { seconds: 30, n: 1 }, load: { seconds: 100, n: 1 }, run: { seconds: 12, n: 3 } },
      hbase: { load: { seconds: 50, n: 1 } },
    });
    expect(measuredCosts([])).toEqual({});
  });
});
