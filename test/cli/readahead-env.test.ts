/**
 * YCSB_ANALYZE_READAHEAD reaches the loader: every command that reads a campaign passes the mode it
 * names as LoadOptions.readAhead (the loader itself is tested in test/ingest/readahead.test.ts).
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const seen = vi.hoisted(() => ({ readAhead: [] as unknown[] }));
vi.mock('../../src/ingest/load.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ingest/load.js')>();
  return {
    ...actual,
    loadRuns: (roots: string[], options: import('../../src/ingest/load.js').LoadOptions = {}) => {
      seen.readAhead.push(options.readAhead);
      return actual.loadRuns(roots, options);
    },
    loadRunsThreaded: (roots: string[], options: import('../../src/ingest/load.js').LoadOptions, threads: import('../../src/ingest/load.js').LoadThreads) => {
      seen.readAhead.push(options.readAhead);
      return actual.loadRunsThreaded(roots, options, threads);
    },
  };
});

const { cli } = await import('../../fixtures/exec/cli.js');
const ROOT = path.resolve(__dirname, '../..');

describe('YCSB_ANALYZE_READAHEAD', () => {
  const commands: [string, string[]][] = [
    ['analyze', ['fixtures/campaign']],
    ['export', ['export', 'fixtures/campaign', '--format', 'csv']],
    ['scheme', ['scheme', 'fixtures/campaign']],
    ['gaps', ['gaps', 'fixtures/campaign']],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: passes the mode to the loader (unset: auto)`, async () => {
      const modes: unknown[] = [];
      for (const value of [undefined, 'off', 'on', 'auto']) {
        seen.readAhead.length = 0;
        const env = { ...process.env };
        if (value === undefined) delete env.YCSB_ANALYZE_READAHEAD;
        else env.YCSB_ANALYZE_READAHEAD = value;
        const r = await cli(argv, ROOT, env);
        expect(r.stderr).not.toMatch(/YCSB_ANALYZE_READAHEAD/);
        expect(seen.readAhead.length).toBeGreaterThan(0);
        modes.push([...new Set(seen.readAhead)]);
      }
      expect(modes).toEqual([['auto'], ['off'], ['on'], ['auto']]);
    }, 60_000);
  }
});
