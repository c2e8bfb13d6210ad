/**
 * Faults: an unreadable file, a folder that disappears mid-scan, a full disk while writing a report.
 * Each gives a clear message, every file is still accounted for, and no half-written output is left.
 */
import { spawnSync } from 'node:child_process';
import * as realFs from 'node:fs';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';
import { loadRuns } from '../../src/ingest/load.js';
import { generateCampaign } from '../../fixtures/generator.js';

/** A write that fails with ENOSPC after writing part of the data, armed per test. */
const inject = vi.hoisted(() => ({ dir: '', after: -1, count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync = (path: realFs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, opts?: realFs.WriteFileOptions) => {
    // the report folder, or the fresh folder beside it that the report is built in (.NAME.ycsb-analyze-new-PID)
    const inDir = (p: string) => p.startsWith(inject.dir) || p.startsWith(`${inject.dir.slice(0, inject.dir.lastIndexOf('/') + 1)}.${inject.dir.slice(inject.dir.lastIndexOf('/') + 1)}.`);
    if (inject.dir && typeof path === 'string' && inDir(path) && inject.count++ >= inject.after) {
      const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      fs.writeFileSync(path, buf.subarray(0, Math.floor(buf.length / 2))); // the disk filled up half-way
      const err = new Error(`ENOSPC: no space left on device, write '${path}'`) as NodeJS.ErrnoException;
      err.code = 'ENOSPC';
      throw err;
    }
    return fs.writeFileSync(path, data, opts);
  };
  return { ...fs, writeFileSync, default: { ...fs, writeFileSync } };
});

async function cli(argv: string[], cwd: string, stderrHook?: (s: string) => void) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    { write: (s: string) => (stdout += s) },
    { write: (s: string) => ((stderr += s), stderrHook?.(s)), isTTY: stderrHook !== undefined },
    { cwd, env: process.env },
  );
  return { code, stdout, stderr };
}

function files(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, base) : [relative(base, p)];
  });
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'faults-'));
  mkdirSync(join(root, 'camp'));
  for (const f of generateCampaign({ dbs: ['cassandra'], workloads: ['a', 'c'], rfs: [1, 2], reps: 4, seed: 3, intervals: 8 })) writeFileSync(join(root, 'camp', f.name), f.text);
});
afterAll(() => {
  inject.dir = '';
  rmSync(root, { recursive: true, force: true });
});

describe('unreadable inputs', () => {
  it.skipIf(process.getuid?.() === 0)('a file without read permission is listed as unreadable, the others are read', async () => {
    const dir = join(root, 'perm');
    mkdirSync(dir);
    for (const f of generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 2, seed: 4, intervals: 5, loadFiles: false })) writeFileSync(join(dir, f.name), f.text);
    chmodSync(join(dir, 'cassandra-exec-15-1000000-a-2-rf_1.txt'), 0o000);
    const inv = await loadRuns([dir]);
    expect(inv.runs.map((r) => [r.file, r.status])).toEqual([
      ['cassandra-exec-15-1000000-a-1-rf_1.txt', 'ok'],
      ['cassandra-exec-15-1000000-a-2-rf_1.txt', 'unreadable'],
    ]);
    expect(inv.runs[1].diagnostics[0].message).toMatch(/permission denied/);
  });

  it('a file larger than the limit is listed as unreadable with its size, not read', async () => {
    const dir = join(root, 'big');
    mkdirSync(dir);
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(4096, 'x'));
    const inv = await loadRuns([dir], { maxFileBytes: 1024 });
    expect(inv.runs[0].status).toBe('unreadable');
    expect(inv.runs[0].diagnostics[0].message).toBe('too large to read: 4096 bytes, more than the 1024-byte limit');
  });

  it('a folder that disappears mid-scan: the files already read keep their status, the rest are unreadable, none is lost', async () => {
    const dir = join(root, 'vanish');
    mkdirSync(dir);
    for (const f of generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 6, seed: 5, intervals: 5, loadFiles: false })) writeFileSync(join(dir, f.name), f.text);
    // Through the CLI: the progress display (stderr is a TTY) is the hook; its first line comes
    // after the 1st file, and the folder is removed right then.
    let removed = false;
    const r = await cli(['vanish', '--group', 'workload', '--detail'], root, (s) => {
      if (!removed && /reading 1\/6/.test(s)) {
        rmSync(dir, { recursive: true, force: true });
        removed = true;
      }
    });
    expect(removed).toBe(true);
    expect(r.stdout).toMatch(/Inventory: 6 inputs — 1 ok, (0 failed, 0 partial, 0 duplicate, 0 not-ycsb, )?5 unreadable/);
    // (--detail: every file with its whole reason, wrapped to the width)
    expect(r.stdout).toMatch(/unreadable {2}cassandra-exec-15-1000000-a-6-rf_1\.txt: cannot read: ENOENT the file disappeared after\s+it was found/);
  });

  it('the loader hook: folder removed after the 2nd file', async () => {
    const dir = join(root, 'vanish2');
    mkdirSync(dir);
    for (const f of generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 6, seed: 5, intervals: 5, loadFiles: false })) writeFileSync(join(dir, f.name), f.text);
    const inv = await loadRuns([dir], { onProgress: (done) => done === 2 && rmSync(dir, { recursive: true, force: true }) });
    expect(inv.runs.map((x) => x.status)).toEqual(['ok', 'ok', 'unreadable', 'unreadable', 'unreadable', 'unreadable']);
    expect(inv.counts.unreadable).toBe(4);
    expect(inv.runs[5].diagnostics[0].message).toBe('cannot read: ENOENT the file disappeared after it was found');
  });

  // a reader that opened it the usual way would wait for a writer that never comes
  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('a file replaced by a FIFO after the scan: unreadable, and the load goes on', async () => {
    const dir = join(root, 'fifo');
    mkdirSync(dir);
    for (const f of generateCampaign({ dbs: ['cassandra'], workloads: ['a'], rfs: [1], reps: 3, seed: 6, intervals: 5, loadFiles: false })) writeFileSync(join(dir, f.name), f.text);
    const swapped = join(dir, 'cassandra-exec-15-1000000-a-3-rf_1.txt');
    const inv = await loadRuns([dir], {
      onProgress: (done) => {
        if (done === 1) {
          rmSync(swapped);
          expect(spawnSync('mkfifo', [swapped]).status).toBe(0);
        }
      },
    });
    expect(inv.runs.map((x) => x.status)).toEqual(['ok', 'ok', 'unreadable']);
    expect(inv.runs[2].diagnostics[0].message).toBe('cannot read: not a regular file (a pipe, socket or device where a file was found)');
  }, 20_000);
});

describe('a full disk while writing a report', () => {
  let complete: Map<string, Buffer>;
  beforeAll(async () => {
    const r = await cli(['camp', '--group', 'workload,rf', '--report', 'ok-report'], root);
    expect(r.code, r.stderr).toBe(0);
    complete = new Map(files(join(root, 'ok-report')).map((f) => [f, readFileSync(join(root, 'ok-report', f))]));
    expect(complete.size).toBeGreaterThan(5);
  }, 120_000);

  for (const after of [0, 3, 8]) {
    it(`injected ENOSPC on write #${after + 1}: a clear error, no temporary or half-written file left`, async () => {
      const dir = join(root, `full-${after}`);
      inject.dir = dir;
      inject.after = after;
      inject.count = 0;
      try {
        const r = await cli(['camp', '--group', 'workload,rf', '--report', `full-${after}`], root);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/ENOSPC|no space left/);
        expect(r.stderr).not.toMatch(/internal error/);
      } finally {
        inject.dir = '';
      }
      // the folder the report was being built in is gone too
      expect(readdirSync(root).filter((n) => n.startsWith(`.full-${after}.`)), 'a temporary folder was left behind').toEqual([]);
      for (const f of files(dir)) {
        expect(f, 'a temporary file was left behind').not.toMatch(/\.tmp$/);
        // Whatever was written before the failure is whole: byte-identical to the complete report.
        expect(complete.has(f), `unexpected file ${f}`).toBe(true);
        expect(readFileSync(join(dir, f)).equals(complete.get(f)!), `${f} is half-written`).toBe(true);
      }
    });
  }

  const canMount = (() => {
    if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
    const probe = mkdtempSync(join(tmpdir(), 'mnt-probe-'));
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    rmSync(probe, { recursive: true, force: true });
    return ok;
  })();

  it.skipIf(!canMount)('a real full disk (a 64 KiB tmpfs): a clear error, no temporary or half-written file left', async () => {
    const mnt = join(root, 'tiny');
    mkdirSync(mnt);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status).toBe(0);
    try {
      const r = await cli(['camp', '--group', 'workload,rf', '--report', 'tiny/report'], root);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ENOSPC|no space left/);
      expect(r.stderr).not.toMatch(/internal error/);
      for (const f of files(join(mnt, 'report'))) {
        expect(f).not.toMatch(/\.tmp$/);
        expect(readFileSync(join(mnt, 'report', f)).equals(complete.get(f)!), `${f} is half-written`).toBe(true);
      }
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
