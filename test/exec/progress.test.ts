import { describe, it, expect } from 'vitest';
import { formatDuration, Progress } from '../../src/exec/progress.js';

describe('Progress', () => {
  it('plain lines when not a terminal: step, reps done / total, elapsed, ETA from the mean run time', () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({ write: (s) => out.push(s) }, 6, 3, () => t);
    p.show(1, 'teardown');
    t = 60_000;
    p.runFinished(30_000);
    p.show(5, 'run rep=2');
    expect(out).toEqual([
      '[1/6] teardown · reps 0/3 · elapsed 0:00:00 · ETA ?\n',
      '[5/6] run rep=2 · reps 1/3 · elapsed 0:01:00 · ETA 0:01:00\n',
    ]);
  });

  it('redraws one line on a terminal and keeps notes above it', () => {
    const out: string[] = [];
    const p = new Progress({ write: (s) => out.push(s), isTTY: true }, 2, 1, () => 0);
    p.show(1, 'deploy');
    p.note('retry 1/2');
    p.show(2, 'run');
    p.finish();
    expect(out.join('')).toBe('\r\x1b[K[1/2] deploy · reps 0/1 · elapsed 0:00:00 · ETA ?\r\x1b[Kretry 1/2\n\r\x1b[K[2/2] run · reps 0/1 · elapsed 0:00:00 · ETA ?\n');
  });

  it('formats durations as h:mm:ss', () => {
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(NaN)).toBe('?');
  });
});
