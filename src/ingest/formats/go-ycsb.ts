/**
 * go-ycsb's plain output style (pkg/measurement, `%-6s - %s`):
 *
 *   READ   - Takes(s): 10.0, Count: 1000, OPS: 100.0, Avg(us): 123, Min(us): 10, Max(us): 900,
 *            50th(us): 100, 90th(us): 200, 95th(us): 250, 99th(us): 400, 99.9th(us): 800, 99.99th(us): 900
 *
 * printed every status interval (running totals) and once more after `Run finished, takes 1m26.2s`.
 *
 * Pure: no I/O.
 */
import { latencyUnitFactor, parseNumber } from './numbers.js';

export interface GoYcsbLine {
  /** Operation as printed (READ, TOTAL, READ_MODIFY_WRITE, READ_ERROR…). */
  op: string;
  takesSec?: number;
  count?: number;
  ops?: number;
  avg?: number;
  min?: number;
  max?: number;
  /** Percentile ('99.9') -> latency in µs. */
  percentiles: Record<string, number>;
  /** Fields whose value could not be read: [key, text]. */
  bad: [string, string][];
}

function isOpChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/**
 * Parse one go-ycsb measurement line; undefined when the line is not one. Never throws.
 *
 * @example parseGoYcsbLine('READ   - Takes(s): 10.0, Count: 5, OPS: 0.5, Avg(us): 12')?.count // 5
 */
export function parseGoYcsbLine(line: string): GoYcsbLine | undefined {
  const dash = line.indexOf(' - ');
  if (dash < 1) return undefined;
  let end = dash;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (end === 0) return undefined;
  for (let i = 0; i < end; i++) if (!isOpChar(line.charCodeAt(i))) return undefined;
  const body = line.slice(dash + 3);
  if (!body.startsWith('Takes(s): ') && !body.startsWith('Count: ')) return undefined;
  const out: GoYcsbLine = { op: line.slice(0, end), percentiles: {}, bad: [] };
  for (const field of body.split(', ')) {
    const colon = field.indexOf(': ');
    if (colon <= 0) continue;
    const key = field.slice(0, colon);
    const text = field.slice(colon + 2);
    const v = parseNumber(text);
    if (v === undefined) {
      out.bad.push([key, text]);
      continue;
    }
    if (key === 'Takes(s)') out.takesSec = v;
    else if (key === 'Count') out.count = v;
    else if (key === 'OPS') out.ops = v;
    else {
      const u = latencyUnitFactor(key);
      const us = v * u.factor;
      if (key.startsWith('Avg(')) out.avg = us;
      else if (key.startsWith('Min(')) out.min = us;
      else if (key.startsWith('Max(')) out.max = us;
      else {
        const th = key.indexOf('th(');
        if (th > 0) out.percentiles[key.slice(0, th)] = us;
      }
    }
  }
  return out;
}
