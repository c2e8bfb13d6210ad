import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAME_TIMESTAMP_FORMATS, nameTimestamp, nameTimestamps, startFromStatus, statusTimestamp } from '../../src/ingest/timestamps.js';

describe('nameTimestamp: the formats', () => {
  const cases: [string, string, 'day' | 'minute' | 'second', string][] = [
    ['201805030726', '2018-05-03T07:26', 'minute', '201805030726'],
    ['20180503072615', '2018-05-03T07:26:15', 'second', '20180503072615'],
    ['2025-05-27_17-27-29', '2025-05-27T17:27:29', 'second', '2025-05-27_17-27-29'],
    ['run-2025-05-27_17-27-29.txt', '2025-05-27T17:27:29', 'second', '2025-05-27_17-27-29'],
    ['2018-05-03T07:26:15', '2018-05-03T07:26:15', 'second', '2018-05-03T07:26:15'],
    ['x_2018-05-03T07:26:15.123Z.log', '2018-05-03T07:26:15', 'second', '2018-05-03T07:26:15.123Z'],
    ['2018-05-03T07:26', '2018-05-03T07:26', 'minute', '2018-05-03T07:26'],
    ['out_20180503_072615.txt', '2018-05-03T07:26:15', 'second', '20180503_072615'],
    ['out_20180503-0726.txt', '2018-05-03T07:26', 'minute', '20180503-0726'],
    ['2018-05-03_07-26', '2018-05-03T07:26', 'minute', '2018-05-03_07-26'],
    ['results-20180503', '2018-05-03', 'day', '20180503'],
    ['2018-05-03', '2018-05-03', 'day', '2018-05-03'],
    ['180503', '2018-05-03', 'day', '180503'],
    ['run_991231', '1999-12-31', 'day', '991231'],
    ['leap-20200229', '2020-02-29', 'day', '20200229'],
  ];
  for (const [segment, iso, precision, text] of cases) {
    it(`${segment} -> ${iso} (${precision})`, () => {
      const t = nameTimestamp(segment);
      expect(t).toBeDefined();
      expect(t!.iso).toBe(iso);
      expect(t!.precision).toBe(precision);
      expect(t!.text).toBe(text);
      expect(segment.slice(t!.index, t!.index + t!.text.length)).toBe(text);
    });
  }
});

describe('docs/identity.md', () => {
  it('lists every name format', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../docs/identity.md'), 'utf8');
    expect(NAME_TIMESTAMP_FORMATS.length).toBe(11);
    for (const f of NAME_TIMESTAMP_FORMATS) expect(doc, f).toContain(`| \`${f}\``);
  });
});

describe('nameTimestamp: numbers that are not dates', () => {
  const numbers = [
    '100000000', // a record count (9 digits: no format)
    '10000000', // 8 digits, year 1000
    '25000000', // year 2500, month 00
    '100000', // yymmdd with month 00
    '500000',
    '1000000', // 7 digits
    '201813030726', // 12 digits, month 13
    '201805320726', // day 32
    '201805032460', // hour 24
    '201805030760', // minute 60
    '20180503072660', // second 60
    '20190229', // 2019 is no leap year
    '19890101', // before 1990
    '21000101', // after 2099
    '1',
    '30',
    'rep12',
    'cassandra-exec-15-1000000-a-1-rf_1.txt',
    'rc100000-op100000',
    'out-13-100000-rf3-a-1.txt',
    '8_threads',
    '2018-13-01',
    '2018-02-30',
    '1527435000', // epoch seconds: not a recognised format
  ];
  for (const s of numbers) it(`${s} is no timestamp`, () => expect(nameTimestamp(s)).toBeUndefined());

  it('does not read a date inside a longer run of digits', () => {
    expect(nameTimestamps('x2018050307261')).toEqual([]); // 13 digits
    expect(nameTimestamps('120180503')).toEqual([]); // 9 digits
  });

  it('finds every timestamp of a segment, in order, the most precise reading of each', () => {
    const all = nameTimestamps('from-2018-05-03_07-26-00-to-20180504');
    expect(all.map((t) => [t.iso, t.precision])).toEqual([
      ['2018-05-03T07:26:00', 'second'],
      ['2018-05-04', 'day'],
    ]);
  });
});

describe('statusTimestamp and startFromStatus', () => {
  it('reads YCSB and YCSB-cpp status-line times', () => {
    expect(statusTimestamp('2018-11-23 04:29:16:517 10 sec: 1601 operations; 160.1 current ops/sec;')).toEqual({
      iso: '2018-11-23T04:29:16.517',
      secondsSinceStart: 10,
    });
    expect(statusTimestamp('2024-03-19 22:49:17 5 sec: 62692 operations;')).toEqual({
      iso: '2024-03-19T22:49:17.000',
      secondsSinceStart: 5,
    });
    expect(statusTimestamp('2018-05-02 14:54:56:711 0 sec: 0 operations; est completion in 0 seconds')).toEqual({
      iso: '2018-05-02T14:54:56.711',
      secondsSinceStart: 0,
    });
    expect(statusTimestamp('[READ], Operations, 1000')).toBeUndefined();
    expect(statusTimestamp('2018-13-23 04:29:16:517 10 sec:')).toBeUndefined();
  });

  it('subtracts the seconds since the start, across midnight and year ends', () => {
    expect(startFromStatus('2018-11-23T04:29:26.454', 10)).toBe('2018-11-23T04:29:16.454');
    expect(startFromStatus('2018-01-01T00:00:05.000', 10)).toBe('2017-12-31T23:59:55.000');
    expect(startFromStatus('2020-03-01T00:00:00', 1)).toBe('2020-02-29T23:59:59.000');
    expect(startFromStatus('2018-05-03T07:26', 0)).toBe('2018-05-03T07:26:00.000');
    expect(() => startFromStatus('23/11/2018', 0)).toThrow(/expected a naive ISO time/);
    expect(() => startFromStatus('2018-11-23T04:29:26.454', -1)).toThrow(/≥ 0/);
  });
});

// ---------------------------------------------------------------------------------------------
// Real names and status lines (../shared, read-only, beside the checkout)

const shared = path.resolve(__dirname, '../../../shared');
const data = path.join(shared, 'data');
const present = existsSync(data);
if (!present) console.warn(`timestamps.test.ts: real-data cases skipped: ${data} does not exist`);

function walk(dir: string, visit: (p: string, name: string, isDir: boolean) => void): void {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    const isDir = statSync(p).isDirectory();
    visit(p, e, isDir);
    if (isDir) walk(p, visit);
  }
}

describe.skipIf(!present)('timestamps in the real data', () => {
  it('the only timestamps in any name are omi-uulm\'s 124 start-time folders (YYYYMMDDhhmm)', () => {
    const stamped: string[] = [];
    const twelve: string[] = [];
    for (const top of [data, path.join(shared, 'cluster')]) {
      if (!existsSync(top)) continue;
      walk(top, (p, name) => {
        if (nameTimestamp(name)) stamped.push(path.relative(shared, p));
        if (/^\d{12}$/.test(name)) twelve.push(path.relative(shared, p));
      });
    }
    expect(stamped).toEqual(twelve);
    expect(stamped.length).toBe(124);
    expect(stamped.every((p) => p.includes('omi-uulm__Containerized-DBMS-Evaluation/'))).toBe(true);
    for (const p of stamped) expect(nameTimestamp(path.basename(p))!.precision).toBe('minute');
  });

  it('omi-uulm: every run starts 0–15 minutes after its folder\'s time (load first, then run)', () => {
    const root = path.join(data, 'ycsb/more/omi-uulm__Containerized-DBMS-Evaluation');
    let files = 0;
    walk(root, (p, name, isDir) => {
      if (isDir || !name.endsWith('.txt')) return;
      files++;
      const folder = nameTimestamp(path.basename(path.dirname(p)));
      expect(folder, p).toBeDefined();
      const first = readFileSync(p, 'utf8').split('\n').map(statusTimestamp).find((s) => s !== undefined);
      expect(first, p).toBeDefined();
      const start = startFromStatus(first!.iso, first!.secondsSinceStart ?? 0);
      const minutes = (Date.parse(`${start}Z`) - Date.parse(`${folder!.iso}:00Z`)) / 60_000;
      expect(minutes, p).toBeGreaterThanOrEqual(0);
      expect(minutes, p).toBeLessThan(15);
    });
    expect(files).toBe(248);
  });

  it('derrl: the 8 clients\' load and run invocations start together (within 2 s and 15 s)', () => {
    const dir = path.join(data, 'ycsb/more/derrl__3am/benchmark-scripts/redis-benchmark/ycsb-redis-64-only');
    const starts: number[][] = [[], []];
    for (const f of readdirSync(dir)) {
      const zero = readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .map(statusTimestamp)
        .filter((s) => s !== undefined && s.secondsSinceStart === 0);
      expect(zero.length, f).toBe(2); // one "0 sec" line per invocation: load, then run
      zero.forEach((s, k) => starts[k].push(Date.parse(`${startFromStatus(s!.iso, 0)}Z`)));
    }
    expect(starts[0].length).toBe(8);
    const spread = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);
    expect(spread(starts[0])).toBeLessThan(2_000);
    expect(spread(starts[1])).toBeLessThan(15_000);
    expect(Math.min(...starts[1])).toBeGreaterThan(Math.max(...starts[0]));
  });
});
