import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type ParsedRun } from '../../src/model/run.js';
import { dbFromBinding, parseOutputs, parseYcsb, workloadName } from '../../src/ingest/parse.js';
import { parseGoDuration, parseLocaleNumber, parseNumber } from '../../src/ingest/formats/numbers.js';
import { parseStatusLine } from '../../src/ingest/formats/status.js';
import { splitClientArgs } from '../../src/ingest/formats/header.js';

// Expected values below are read off the hand-written fixtures in fixtures/formats/ (not from
// the parser's output): e.g. `[READ], AverageLatency(us), 26543.25` -> read.avg 26543.25.

const dir = path.resolve(__dirname, '../../fixtures/formats');
const fixture = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
const parse = (name: string): ParsedRun => parseYcsb(fixture(name), name);
const messages = (r: ParsedRun): string => r.diagnostics.map((d) => formatDiagnostic(r.name, d)).join('\n');

describe('text exporter with hdrhistogram (hdr-text-run.txt)', () => {
  const r = parse('hdr-text-run.txt');

  it('is ok, ycsb-text, µs', () => {
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ycsb-text');
    expect(r.sourceLatencyUnit).toBe('us');
    expect(r.lines).toBe(56);
  });

  it('reads the overall, GC and operation totals', () => {
    expect(r.metrics.runtime).toBe(30000);
    expect(r.metrics.throughput).toBe(40);
    // READ 1116 + INSERT 74 + READ-FAILED 10; CLEANUP excluded
    expect(r.metrics.operations).toBe(1200);
    expect(r.metrics['gc.count']).toBe(4);
    expect(r.metrics['gc.time']).toBe(30);
  });

  it('names metrics by operation and percentile, E notation included', () => {
    expect(r.metrics['read.count']).toBe(1116);
    expect(r.metrics['read.avg']).toBe(26543.25);
    expect(r.metrics['read.min']).toBe(998);
    expect(r.metrics['read.max']).toBe(23977984); // 2.3977984E7
    expect(r.metrics['read.p95']).toBe(12000);
    expect(r.metrics['read.p99']).toBe(15500);
    expect(r.metrics['read.p99.9']).toBe(20479);
    expect(r.metrics['read.return.ok']).toBe(1116);
    expect(r.metrics['read.return.not_found']).toBe(10);
    expect(r.metrics['insert.return.batched_ok']).toBe(1);
    expect(r.metrics['read-failed.count']).toBe(10);
    expect(r.metrics['read-failed.avg']).toBe(2500);
    expect(r.metrics['cleanup.count']).toBe(4);
    expect(r.operations['READ'].percentiles).toEqual({ '95': 12000, '99': 15500, '99.9': 20479 });
    expect(r.operations['READ'].returns).toEqual({ OK: 1116, NOT_FOUND: 10 });
    expect(Object.keys(r.operations).sort()).toEqual(['CLEANUP', 'INSERT', 'READ', 'READ-FAILED']);
  });

  it('reads the header: command line, version, binding and factors', () => {
    expect(r.header.version).toBe('0.17.0');
    expect(r.header.binding).toBe('site.ycsb.db.CassandraCQLClient');
    expect(r.header.commandLine).toMatch(/^-db site\.ycsb\.db\.CassandraCQLClient -s/);
    expect(r.header.factors).toEqual({
      db: 'cassandra',
      workload: 'd',
      recordcount: '5000',
      operationcount: '1200',
      threads: '4',
      phase: 'run',
    });
    expect(r.header.properties).toEqual({ recordcount: '5000', operationcount: '1200', threadcount: '4' });
  });

  it('keeps the status lines as a series; Long.MAX and NaN are "no value"', () => {
    expect(r.series.map((s) => [s.t, s.operations, s.throughput, s.line])).toEqual([
      [0, 0, undefined, 7],
      [10, 0, undefined, 11],
      [20, 600, 60, 12],
      [30, 1200, 59.5, 13],
    ]);
    const empty = r.series[1].ops['READ'];
    expect(empty.count).toBe(0);
    expect(empty.min).toBeUndefined(); // Min=9223372036854775807
    expect(empty.avg).toBeUndefined(); // Avg=NaN
    expect(empty.max).toBeUndefined();
    const read = r.series[3].ops['READ'];
    expect(read).toEqual({
      count: 556,
      max: 23977984,
      min: 998,
      avg: 48000.1,
      percentiles: { '90': 9100, '99': 16000, '99.9': 23977984, '99.99': 23977984 },
    });
    expect(Object.keys(r.series[3].ops)).toEqual(['READ', 'INSERT', 'READ-FAILED', 'CLEANUP']);
  });

  it('treats [-prefixed driver log lines as neither metrics nor errors', () => {
    expect(r.operations['Thread-2']).toBeUndefined();
    expect(r.operations['cluster1-nio-worker-1']).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('gives the same result with CRLF line ends', () => {
    const crlf = parseYcsb(fixture('hdr-text-run.txt').replace(/\n/g, '\r\n'), 'crlf');
    expect(crlf.status).toBe('ok');
    expect(crlf.metrics).toEqual(r.metrics);
    expect(crlf.series).toEqual(r.series);
    expect(crlf.header).toEqual(r.header);
  });

  it('ignores a byte-order mark', () => {
    const bom = parseYcsb('\uFEFF' + fixture('hdr-text-run.txt'), 'bom');
    expect(bom.metrics).toEqual(r.metrics);
  });
});

describe('CRLF fixture (crlf-run.txt)', () => {
  it('parses values without trailing carriage returns', () => {
    const r = parse('crlf-run.txt');
    expect(r.status).toBe('ok');
    expect(r.metrics['read.avg']).toBe(450.5);
    expect(r.metrics['read.return.ok']).toBe(100);
    expect(r.operations['READ'].returns).toEqual({ OK: 100 });
    expect(r.header.version).toBe('0.17.0');
    expect(r.header.factors.phase).toBe('run');
    expect(r.header.commandLine?.endsWith('\r')).toBe(false);
    expect(r.series[0].ops['READ'].percentiles['99.99']).toBe(900);
  });
});

describe('old histogram measurement, YCSB 0.1.x (histogram-0.1.txt)', () => {
  const r = parse('histogram-0.1.txt');
  it('is ok, ycsb-histogram, latencies normalised from ms to µs', () => {
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ycsb-histogram');
    expect(r.sourceLatencyUnit).toBe('ms');
    expect(r.metrics.runtime).toBe(2500); // float RunTime 2500.0
    expect(r.metrics.throughput).toBe(120);
    expect(r.metrics.operations).toBe(300);
    expect(r.metrics['insert.avg']).toBe(1500.5); // labelled (us)
    expect(r.metrics['insert.max']).toBe(1200000);
    expect(r.metrics['insert.p95']).toBe(3000); // 3 ms
    expect(r.metrics['insert.p99']).toBe(7000); // 7 ms
    expect(r.metrics['insert.return.0']).toBe(298);
    expect(r.metrics['insert.return.-1']).toBe(2);
  });
  it('keeps the ms buckets, overflow included', () => {
    expect(r.operations['INSERT'].histogram).toEqual([
      { bucket: '0', count: 40 },
      { bucket: '1', count: 200 },
      { bucket: '2', count: 45 },
      { bucket: '3', count: 10 },
      { bucket: '4', count: 4 },
      { bucket: '>5', count: 1 },
    ]);
    expect(r.operations['CLEANUP'].histogram).toEqual([
      { bucket: '2', count: 1 },
      { bucket: '>5', count: 0 },
    ]);
  });
  it('reads the 0.1 header and the -load phase', () => {
    expect(r.header.version).toBe('0.1');
    expect(r.header.factors).toEqual({ db: 'redis', workload: 'b', recordcount: '300', phase: 'load' });
  });
});

describe('timeseries measurement (timeseries.txt)', () => {
  const r = parse('timeseries.txt');
  it('keeps the time-offset rows apart from the buckets', () => {
    expect(r.status).toBe('ok');
    expect(r.metrics['read.avg']).toBe(160);
    const read = r.operations['READ'];
    expect(read.histogram).toBeUndefined();
    expect(read.timeseries).toEqual([
      { t: 0, avg: 150.25, line: 17 },
      { t: 1000, avg: 180, line: 18 },
      { t: 2000, line: 19 }, // NaN: no operation in that granule
    ]);
  });
  it('reads old status lines without timestamps and AverageLatency blocks', () => {
    expect(r.series.map((s) => [s.t, s.operations, s.throughput])).toEqual([
      [0, 0, undefined],
      [1, 20, 20],
      [2, 30, 10],
    ]);
    expect(r.series[1].ops['READ'].avg).toBe(150.25);
    expect(r.series[1].ops['READ'].count).toBeUndefined(); // not printed by this measurement
    expect('count' in r.series[1].ops['READ']).toBe(false);
    expect(r.seriesCumulative).toBeUndefined(); // Java StatusThread: per-interval values
  });
  it('tells timeseries rows from hdrhistogram verbose buckets without the property', () => {
    const text = fixture('timeseries.txt').replace(' -p measurementtype=timeseries', '');
    const ts = parseYcsb(text, 'no-prop').operations['READ'];
    expect(ts.timeseries?.map((p) => p.t)).toEqual([0, 1000, 2000]);
    const hdr = parseYcsb(text.replace('[READ], 0, 150.25\n[READ], 1000, 180.0\n[READ], 2000, NaN\n', '[READ], 95, 3.0\n[READ], 180, 20.0\n[READ], 401, 7.0\n'), 'hdr');
    expect(hdr.operations['READ'].histogram).toEqual([
      { bucket: '95', count: 3 },
      { bucket: '180', count: 20 },
      { bucket: '401', count: 7 },
    ]);
  });
});

describe('JSON exporters', () => {
  it('JSON array (json-array.txt)', () => {
    const r = parse('json-array.txt');
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ycsb-json-array');
    expect(r.metrics.runtime).toBe(4000);
    expect(r.metrics.throughput).toBe(25);
    expect(r.metrics.operations).toBe(100);
    expect(r.metrics['update.avg']).toBe(812.5);
    expect(r.metrics['update.max']).toBe(15000); // 1.5E4
    expect(r.metrics['update.p95']).toBe(2000);
    expect(r.metrics['update.return.ok']).toBe(100);
    expect(r.metrics['cleanup.count']).toBe(0);
    expect(r.metrics['cleanup.avg']).toBeUndefined(); // "NaN"
  });
  it('JSON root objects (json-objects.txt)', () => {
    const r = parse('json-objects.txt');
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ycsb-json');
    expect(r.metrics['scan.avg']).toBe(2222.5);
    expect(r.metrics['scan.p99']).toBe(9000);
    expect(r.metrics.operations).toBe(50);
  });
  it('compact JSON on one line', () => {
    const text =
      '[{"metric":"OVERALL","measurement":"RunTime(ms)","value":500},{"metric":"OVERALL","measurement":"Throughput(ops/sec)","value":20.0},' +
      '{"metric":"READ","measurement":"Operations","value":10},{"metric":"READ","measurement":"AverageLatency(us)","value":7.5}]';
    const r = parseYcsb(text, 'compact');
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ycsb-json-array');
    expect(r.metrics['read.avg']).toBe(7.5);
  });
  it('a JSON export cut inside a record is partial', () => {
    const cut = fixture('json-array.txt').split('\n').slice(0, 14).join('\n');
    const r = parseYcsb(cut, 'cut.json');
    expect(r.status).toBe('partial');
    expect(messages(r)).toMatch(/cut inside the \[UPDATE\] section/);
  });
});

describe('status lines', () => {
  it('old status lines without a summary are partial, series kept (status-old.txt)', () => {
    const r = parse('status-old.txt');
    expect(r.status).toBe('partial');
    expect(r.series.map((s) => [s.t, s.operations, s.throughput, s.line])).toEqual([
      [10, 500, 50, 3],
      [20, 1000, 50, 4],
    ]);
    expect(r.series[0].ops['UPDATE'].avg).toBe(1200.5);
    expect(r.series[1].ops['READ'].avg).toBe(790.25);
    expect(r.header.factors.threads).toBe('2');
    expect(r.header.factors.target).toBe('100');
    expect(r.header.factors.db).toBe('mongodb');
  });
  it('parseStatusLine: label, comma-locale decimals, AverageLatency(ms)', () => {
    const s = parseStatusLine('run1 2020-05-31 12:37:56:062 40 sec: 8898270 operations; 181027,5 current ops/sec; est completion in 5 second [READ: Count=452553, Max=2329, Min=1, Avg=19,59, 90=45, 99=69, 99.9=108, 99.99=602]');
    expect(s?.t).toBe(40);
    expect(s?.operations).toBe(8898270);
    expect(s?.throughput).toBe(181027.5);
    expect(s?.ops['READ'].avg).toBe(19.59);
    expect(s?.ops['READ'].percentiles['99.99']).toBe(602);
    const ms = parseStatusLine('10 sec: 5 operations; 0.5 current ops/sec; [INSERT AverageLatency(ms)=1.5]');
    expect(ms?.ops['INSERT'].avg).toBe(1500);
    expect(ms?.sawMs).toBe(true);
    expect(parseStatusLine('abc sec: 5 operations')).toBeUndefined();
    expect(parseStatusLine('took 10 sec: done')).toBeUndefined();
  });
});

describe('go-ycsb', () => {
  const r = parse('go-ycsb-run.txt');
  it('reads the final block after "Run finished"', () => {
    expect(r.status).toBe('ok');
    expect(r.format).toBe('go-ycsb');
    expect(r.metrics.runtime).toBe(20500); // "takes 20.5s"
    expect(r.metrics.throughput).toBe(97.6); // TOTAL OPS
    expect(r.metrics.operations).toBe(2000); // TOTAL Count
    expect(r.metrics['read.count']).toBe(1200);
    expect(r.metrics['read.avg']).toBe(125);
    expect(r.metrics['read.p99.9']).toBe(810);
    expect(r.metrics['read.p99.99']).toBe(950);
    expect(r.metrics['read-modify-write.count']).toBe(100);
    expect(r.operations['TOTAL']).toBeUndefined();
    expect(r.operations['READ-MODIFY-WRITE'].percentiles['50']).toBe(280);
  });
  it('reads the properties block into the header', () => {
    expect(r.header.factors).toEqual({ threads: '8', recordcount: '1000', operationcount: '2000', phase: 'run' });
    expect(r.header.properties.workload).toBe('core');
  });
  it('keeps the running blocks as a series', () => {
    expect(r.series.length).toBe(1);
    expect(r.series[0]).toMatchObject({ t: 10, operations: 1000, line: 9, throughput: 100 });
    expect(r.series[0].ops['UPDATE'].count).toBe(400);
    expect(r.seriesCumulative).toBe(true); // go-ycsb prints running totals
  });
  it('a usage text only is failed', () => {
    const u = parse('go-ycsb-usage.txt');
    expect(u.status).toBe('failed');
    expect(u.format).toBe('go-ycsb');
    expect(u.diagnostics[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(u.diagnostics[0].message).toMatch(/usage text/);
  });
  it('running blocks without the final block are partial', () => {
    const cut = fixture('go-ycsb-run.txt').split('\n').slice(0, 12).join('\n');
    const p = parseYcsb(cut, 'cut');
    expect(p.status).toBe('partial');
    expect(p.series.length).toBe(1);
    expect(p.seriesCumulative).toBe(true);
  });
});

describe('-p values with spaces (command-line-spaces.txt)', () => {
  // YCSB echoes `" " + arg` per argument: the shell's quotes are gone. Words that cannot be
  // arguments of their own (no leading -) after a -p/-P/-db/-l value belong to that value.
  const r = parse('command-line-spaces.txt');
  it('re-joins values across spaces, keeping the printed whitespace', () => {
    expect(r.status).toBe('ok');
    expect(r.header.binding).toBe('site.ycsb.db.JdbcDBClient');
    expect(r.header.factors.workload).toBe('b'); // -P /home/ycsb/My Workloads/workloadb
    expect(r.header.factors.threads).toBe('4');
    expect(r.header.factors.phase).toBe('run');
    expect(r.header.properties).toEqual({
      'db.url': 'jdbc:postgresql://10.0.0.7:5432/ycsb',
      label: 'two  spaced\twords',
      recordcount: '1000',
      operationcount: '200',
      threadcount: '4',
    });
  });
  it('says which values were re-joined, and warns of nothing', () => {
    const info = r.diagnostics.filter((d) => d.severity === 'info' && /command line/.test(d.message));
    expect(info.map((d) => d.line)).toEqual([1, 1, 1]);
    expect(info[0].message).toContain('-P "/home/ycsb/My Workloads/workloadb"');
    expect(info[1].message).toContain('-p "label=two  spaced\\twords"');
    expect(info[2].message).toContain('-l "run 1 of 30"');
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
  it('splitClientArgs: plain lines are split on whitespace as before', () => {
    expect(splitClientArgs('-db a.B -s -P w/workloada -p k=v -threads 8 -t')).toEqual({
      args: ['-db', 'a.B', '-s', '-P', 'w/workloada', '-p', 'k=v', '-threads', '8', '-t'],
      rejoined: [],
    });
    expect(splitClientArgs('-p k=a b').args).toEqual(['-p', 'k=a b']);
    expect(splitClientArgs('-p k=-1 -t').args).toEqual(['-p', 'k=-1', '-t']); // a value may start with -
    expect(splitClientArgs('').args).toEqual([]);
  });
  it('a value holding " -" cannot be recovered: the stray words are named in a warning', () => {
    const ok = fixture('command-line-spaces.txt').replace('-p recordcount=1000', '-p db.options=-c statement_timeout=0 -p recordcount=1000');
    expect(parseYcsb(ok, 'ok').header.properties['db.options']).toBe('-c statement_timeout=0'); // "-" inside a word is fine
    const text = fixture('command-line-spaces.txt').replace('-p recordcount=1000', '-p db.options=ssl -c statement_timeout=0 -p recordcount=1000');
    const w = parseYcsb(text, 'dash');
    expect(w.header.properties['db.options']).toBe('ssl'); // the value was cut at " -"
    const d = w.diagnostics.find((x) => x.severity === 'warning');
    expect(d?.line).toBe(1);
    expect(d?.found).toBe('"-c", "statement_timeout=0"');
    expect(w.header.properties.recordcount).toBe('1000');
  });
  it('the java command printed by bin/ycsb is read the same way when there is no Command line', () => {
    const text = 'java -cp /opt/ycsb/lib/* site.ycsb.Client -db site.ycsb.BasicDB -p basicdb.verbose=false -p label=a b -t\n' +
      fixture('command-line-spaces.txt').split('\n').slice(1).join('\n');
    const j = parseYcsb(text, 'java');
    expect(j.header.properties.label).toBe('a b');
    expect(j.header.commandLine).toBe('-db site.ycsb.BasicDB -p basicdb.verbose=false -p label=a b -t');
    expect(j.diagnostics.some((d) => d.severity === 'info' && d.line === 1 && /label=a b/.test(d.message))).toBe(true);
  });
});

describe('go-ycsb table and json output styles (measurement.output_style)', () => {
  // go-ycsb-table.txt and go-ycsb-json.txt hold the blocks of go-ycsb-run.txt as go-ycsb's
  // util.RenderTable (olekukonko/tablewriter v0.0.5: upper-cased headers, right-aligned numbers)
  // and util.RenderJson (encoding/json: sorted keys, string values) print them.
  const plain = parse('go-ycsb-run.txt');
  for (const name of ['go-ycsb-table.txt', 'go-ycsb-json.txt']) {
    describe(name, () => {
      const r = parse(name);
      it('is an ok go-ycsb run with the final block read off the text', () => {
        expect(r.status).toBe('ok');
        expect(r.format).toBe('go-ycsb');
        expect(r.metrics.runtime).toBe(20500); // "Run finished, takes 20.5s"
        expect(r.metrics.throughput).toBe(97.6); // TOTAL OPS
        expect(r.metrics.operations).toBe(2000); // TOTAL Count
        expect(r.metrics['read.count']).toBe(1200);
        expect(r.metrics['read.avg']).toBe(125);
        expect(r.metrics['read.min']).toBe(10);
        expect(r.metrics['read.max']).toBe(950);
        expect(r.metrics['read.p50']).toBe(105);
        expect(r.metrics['read.p99.9']).toBe(810);
        expect(r.metrics['read.p99.99']).toBe(950);
        expect(r.metrics['update.p95']).toBe(260);
        expect(r.metrics['read-modify-write.count']).toBe(100);
        expect(r.operations['TOTAL']).toBeUndefined();
        expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      });
      it('gives the same metrics, operations and header as the plain style', () => {
        expect(r.metrics).toEqual(plain.metrics);
        expect(r.operations).toEqual(plain.operations);
        expect(r.header.factors).toEqual(plain.header.factors);
        expect(r.header.properties['measurement.output_style']).toBe(name.includes('table') ? 'table' : 'json');
      });
      it('keeps the interval block as a cumulative series sample', () => {
        expect(r.series.length).toBe(1);
        expect(r.series[0]).toMatchObject({ t: 10, operations: 1000, throughput: 100 });
        expect(r.series[0].ops['UPDATE']).toEqual(plain.series[0].ops['UPDATE']);
        expect(r.series[0].ops['READ'].percentiles['99.9']).toBe(800);
        expect(r.seriesCumulative).toBe(true);
      });
      it('without the final block: partial', () => {
        const lines = fixture(name).split('\n');
        const cut = lines.slice(0, lines.findIndex((l) => l.startsWith('Run finished'))).join('\n');
        const p = parseYcsb(cut, 'cut');
        expect(p.status).toBe('partial');
        expect(p.format).toBe('go-ycsb');
        expect(p.series.length).toBe(1);
      });
    });
  }
  it('table: a row that does not fit the header is reported, not read', () => {
    const text = fixture('go-ycsb-table.txt').replace('| UPDATE            |     20.5 |', '| UPDATE            |');
    const r = parseYcsb(text, 'bad-row');
    const d = r.diagnostics.find((x) => /table row/.test(x.message));
    expect(d?.severity).toBe('warning');
    expect(d?.line).toBe(text.split('\n').findIndex((l) => l.startsWith('| UPDATE            |')) + 1);
    expect(r.operations['UPDATE']).toBeUndefined();
  });
  it('json: an unreadable value is an error diagnostic on its line', () => {
    const text = fixture('go-ycsb-json.txt').replace('"Avg(us)":"125"', '"Avg(us)":"12x"');
    const r = parseYcsb(text, 'bad-json');
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d?.line).toBe(text.split('\n').findIndex((l) => l.includes('"12x"')) + 1); // the final block, line 12
    expect(d?.line).toBe(12);
    expect(d?.found).toBe('"12x"');
    expect(r.metrics['read.avg']).toBeUndefined();
  });
  it('other [{ lines and | lines are not taken for go-ycsb blocks', () => {
    const r = parseYcsb('[{"metric":"x"}]\n| a | b |\n[{"Operation":"read"}]\n', 'x');
    expect(r.status).toBe('not-ycsb');
  });
});

describe('YCSB-cpp', () => {
  it('load then run: the run summary, µs latencies from the last status line', () => {
    const r = parse('ycsb-cpp-run.txt');
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ycsb-cpp');
    expect(r.header.factors.phase).toBe('run');
    expect(r.metrics.runtime).toBe(10250);
    expect(r.metrics.throughput).toBe(1951.22); // 1.95122e+03
    expect(r.metrics.operations).toBe(20000);
    expect(r.metrics['read.count']).toBe(19000);
    expect(r.metrics['read.avg']).toBe(20.5);
    expect(r.metrics['update.p99.99']).toBe(800);
    expect(r.metrics['insert.count']).toBeUndefined();
    expect(r.series.map((s) => [s.t, s.operations])).toEqual([
      [0, 0],
      [5, 5000],
      [7, 7000],
      [0, 0],
      [10, 20000],
    ]);
    expect(r.series[1].throughput).toBe(1000); // (5000 - 0) / 5 s
    expect(r.series[2].throughput).toBe(1000); // (7000 - 5000) / 2 s
    expect(r.seriesCumulative).toBe(true); // YCSB-cpp status lines are cumulative since the phase began
  });
  it('a load summary followed by a run without summary is partial', () => {
    const r = parse('ycsb-cpp-cut.txt');
    expect(r.status).toBe('partial');
    const d = r.diagnostics.find((x) => x.severity === 'warning');
    expect(d?.line).toBe(6);
    expect(d?.message).toMatch(/run phase/);
  });
});

describe('failed runs', () => {
  it('Throughput 0.0 and an exception (failed-throughput0.txt)', () => {
    const r = parse('failed-throughput0.txt');
    expect(r.status).toBe('failed');
    expect(r.metrics.throughput).toBe(0);
    expect(r.metrics.runtime).toBe(10161);
    expect(r.header.binding).toBe('site.ycsb.db.JdbcDBClient');
    expect(r.header.factors.db).toBeUndefined(); // generic JDBC
    expect(r.header.factors.workload).toBe('c'); // the workload file, not conf/db.properties
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d?.line).toBe(15);
    expect(d?.message).toMatch(/Throughput\(ops\/sec\) is 0\.0/);
    expect(d?.message).toMatch(/PSQLException/);
    expect(d?.message).toMatch(/line 7/);
    expect(r.series.length).toBe(2);
  });
  it('an exception and no summary (failed-exception.txt)', () => {
    const r = parse('failed-exception.txt');
    expect(r.status).toBe('failed');
    expect(r.header.factors.db).toBe('hbase');
    expect(r.diagnostics[0]).toMatchObject({ line: 5, severity: 'error' });
    expect(r.diagnostics[0].message).toMatch(/IllegalStateException/);
  });
  it('a Java usage text (usage-java.txt)', () => {
    const r = parse('usage-java.txt');
    expect(r.status).toBe('failed');
    expect(r.diagnostics[0].message).toMatch(/usage text/);
  });
  it('0 operations in every section is failed', () => {
    const text = '[OVERALL], RunTime(ms), 100\n[OVERALL], Throughput(ops/sec), 5.0\n[READ], Operations, 0\n[READ], AverageLatency(us), NaN\n';
    const r = parseYcsb(text, 'zero');
    expect(r.status).toBe('failed');
    expect(r.metrics['read.avg']).toBeUndefined();
  });
});

describe('truncated files', () => {
  it('an exception after the last progressing status line, then no summary: partial, cut off (exception-after-progress.txt)', () => {
    // A client-thread exception does not stop YCSB (the study's failed Citus runs log one and still
    // print their summary): the summary is missing because the text was cut.
    const r = parse('exception-after-progress.txt');
    expect(r.status).toBe('partial');
    expect(r.series.map((x) => [x.t, x.operations, x.line])).toEqual([
      [0, 0, 5],
      [10, 678, 6],
      [20, 1400, 7],
      [30, 1400, 17],
    ]);
    const d = r.diagnostics.filter((x) => x.severity !== 'info');
    expect(d.length).toBe(1);
    expect(d[0]).toMatchObject({ line: 17, severity: 'warning' });
    // the lines that led to the decision: last progress (line 7), the exceptions (8 … 16)
    expect(d[0].message).toContain('operations progressed until line 7 (1400 operations at 20 s)');
    expect(d[0].message).toContain('2 exception line(s) (first at line 8: com.datastax.driver.core.exceptions.NoHostAvailableException');
    expect(d[0].message).toContain('the last exception line is 16');
    expect(d[0].message).toMatch(/cut off/);
  });
  it('a WorkloadException after progress stops the client: failed (exception-fatal-after-progress.txt)', () => {
    const r = parse('exception-fatal-after-progress.txt');
    expect(r.status).toBe('failed');
    expect(r.series.length).toBe(3);
    const d = r.diagnostics.filter((x) => x.severity !== 'info');
    expect(d.length).toBe(1);
    expect(d[0]).toMatchObject({ line: 8, severity: 'error' });
    expect(d[0].message).toContain('line 8: site.ycsb.WorkloadException: Error cleaning up the workload');
    expect(d[0].message).toContain('after operations progressed until line 7');
  });
  it('the main thread dying or running out of memory after progress is failed too', () => {
    const head = fixture('exception-after-progress.txt').split('\n').slice(0, 7).join('\n');
    for (const ex of ['Exception in thread "main" java.lang.NullPointerException', 'Exception in thread "Thread-4" java.lang.OutOfMemoryError: Java heap space']) {
      const r = parseYcsb(`${head}\n${ex}\n\tat site.ycsb.Client.main(Client.java:1)\n`, 'x');
      expect(r.status, ex).toBe('failed');
      expect(r.diagnostics.find((x) => x.severity === 'error')?.line, ex).toBe(8);
    }
    // an exception before the progress is only logged: the cut text stays partial
    const before = fixture('exception-after-progress.txt').split('\n');
    const early = [...before.slice(0, 5), before[7], ...before.slice(5, 7)].join('\n');
    const p = parseYcsb(early, 'early');
    expect(p.status).toBe('partial');
    expect(p.diagnostics.find((x) => /exception logged/.test(x.message))?.line).toBe(6);
  });
  it('stops mid-run: partial, series kept (truncated-midrun.txt)', () => {
    const r = parse('truncated-midrun.txt');
    expect(r.status).toBe('partial');
    expect(r.series.length).toBe(4);
    expect(r.series[2].ops['READ'].avg).toBe(12100);
    const d = r.diagnostics.find((x) => x.severity === 'warning');
    expect(d?.line).toBe(8);
    expect(d?.expected).toMatch(/summary/);
  });
  it('regression (partial reason said the missing summary twice): the message names it once in short, the expected part in full', () => {
    const d = parse('truncated-midrun.txt').diagnostics.find((x) => x.severity === 'warning');
    expect(d?.message).toMatch(/, but the output stops before the summary$/);
    expect(d?.message).not.toMatch(/\[OVERALL\]/);
    expect(d?.expected).toBe('summary ([OVERALL], RunTime(ms) / Throughput(ops/sec))');
    const go = parseYcsb(fixture('go-ycsb-run.txt').split('\n').slice(0, 12).join('\n'), 'cut').diagnostics.find((x) => x.severity === 'warning');
    expect(go?.message).toMatch(/, but the output stops before the final go-ycsb block$/);
    expect(go?.expected).toMatch(/^final go-ycsb block \("Run finished/);
    // YCSB-cpp status lines and no Load/Run summary
    const cppText = fixture('ycsb-cpp-cut.txt').split('\n').slice(0, 2).join('\n');
    const cpp = parseYcsb(cppText, 'cpp').diagnostics.find((x) => x.severity === 'warning');
    expect(cpp?.message).toMatch(/, but the output stops before the summary$/);
    expect(cpp?.expected).toMatch(/^summary \("Run runtime\(sec\): …", "Run operations\(ops\): …", "Run throughput\(ops\/sec\): …", or the same for Load\)$/);
    // cut after exceptions: the short name in the message, the full one only as the expected part
    const ex = parse('exception-after-progress.txt').diagnostics.find((x) => x.severity === 'warning');
    expect(ex?.message).toMatch(/ and no summary\. A client-thread exception/);
    expect(ex?.message).not.toMatch(/\[OVERALL\]/);
    expect(ex?.expected).toBe('summary ([OVERALL], RunTime(ms) / Throughput(ops/sec))');
  });
  it('stops inside the last section: partial (truncated-summary.txt)', () => {
    const r = parse('truncated-summary.txt');
    expect(r.status).toBe('partial');
    const d = r.diagnostics.find((x) => x.severity === 'warning');
    expect(d?.line).toBe(12);
    expect(d?.message).toMatch(/\[UPDATE\]/);
  });
  it('every cut of a complete output is partial, never ok, and keeps the series', () => {
    const lines = fixture('hdr-text-run.txt').split('\n');
    const overall = lines.findIndex((l) => l.startsWith('[OVERALL]'));
    for (let cut = 1; cut < lines.length - 1; cut++) {
      const r = parseYcsb(lines.slice(0, cut).join('\n') + '\n', `cut-${cut}`);
      if (cut <= overall) {
        expect(r.status, `cut at ${cut}`).toBe('partial');
        expect(r.series.length, `cut at ${cut}`).toBe(lines.slice(0, cut).filter((l) => / sec: /.test(l)).length);
      } else if (cut < lines.length - 2) {
        expect(r.status, `cut at ${cut}`).not.toBe('ok');
      }
    }
  });
  it('a summary that stops after the [OVERALL] lines is partial', () => {
    const r = parseYcsb('YCSB Client 0.17.0\n[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 10.0\n', 'x');
    expect(r.status).toBe('partial');
  });
});

describe('diagnostics carry line numbers and expected/found', () => {
  it('an unreadable value (bad-value.txt, line 6)', () => {
    const r = parse('bad-value.txt');
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d).toEqual({
      line: 6,
      severity: 'error',
      message: 'unreadable value',
      expected: 'a number after "[READ], AverageLatency(us),"',
      found: '"abc"',
    });
    expect(formatDiagnostic('bad-value.txt', d!)).toBe(
      'bad-value.txt:6: unreadable value: expected a number after "[READ], AverageLatency(us),", found "abc"',
    );
    expect(r.metrics['read.avg']).toBeUndefined();
    expect(r.metrics['read.min']).toBe(100);
    expect(r.status).toBe('ok');
  });
  it('a -p without value in the command line is a warning with its line', () => {
    const r = parseYcsb('Command line: -db site.ycsb.BasicDB -p large.dat -t\n', 'x');
    expect(r.diagnostics[0]).toMatchObject({ line: 1, severity: 'warning', found: '"large.dat"' });
  });
});

describe('workload f (workload-f.txt)', () => {
  it('does not count READ-MODIFY-WRITE twice', () => {
    const r = parse('workload-f.txt');
    expect(r.status).toBe('ok');
    // READ 1000 + UPDATE 500 - RMW 500 (its read and update are counted under READ and UPDATE)
    expect(r.metrics.operations).toBe(1000);
    expect(r.metrics.operations).toBe((r.metrics.throughput * r.metrics.runtime) / 1000);
    expect(r.metrics['read-modify-write.avg']).toBe(120);
    expect(r.header.factors).toEqual({ db: 'rocksdb', workload: 'f', operationcount: '1000', target: '500', phase: 'run' });
  });
});

describe('not-ycsb and hostile input', () => {
  it('plain logs with [-prefixed lines are not-ycsb (not-ycsb.txt)', () => {
    const r = parse('not-ycsb.txt');
    expect(r.status).toBe('not-ycsb');
    expect(r.format).toBe('unknown');
    expect(r.diagnostics[0].message).toMatch(/not a YCSB output/);
  });
  it('empty text: status empty (no bytes, or only white space), not not-ycsb (issue 19)', () => {
    const r = parseYcsb('', 'empty');
    expect(r.status).toBe('empty');
    expect(r.diagnostics[0].message).toMatch(/no bytes/);
    const blank = parseYcsb('\n\n  \r\n\t\n', 'blank');
    expect(blank.status).toBe('empty');
    expect(blank.diagnostics[0].message).toMatch(/only white space \(4 line\(s\)\)/);
    expect(parseOutputs('', 'e').map((x) => x.status)).toEqual(['empty']);
    expect(parseOutputs(' \n', 'e').map((x) => x.status)).toEqual(['empty']);
  });
  it('binary garbage', () => {
    let seed = 12345;
    let s = '';
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += String.fromCharCode(seed % 256);
    }
    const r = parseYcsb(s, 'garbage.bin');
    expect(r.status).toBe('not-ycsb');
    expect(r.diagnostics[0].message).toMatch(/binary/);
    const gz = parseYcsb('\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03' + 'abc'.repeat(10), 'x.gz');
    expect(gz.status).toBe('not-ycsb');
  });
  it('never throws on mangled YCSB text (seeded fuzz)', () => {
    const base = fixture('hdr-text-run.txt') + fixture('go-ycsb-run.txt') + fixture('json-array.txt') + fixture('ycsb-cpp-run.txt');
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = '[],:; =.-\n\r\t0123456789eENaINF"{}abcXYZ';
    for (let k = 0; k < 300; k++) {
      const chars = base.split('');
      for (let m = 0; m < 40; m++) chars[rnd(chars.length)] = alphabet[rnd(alphabet.length)];
      const start = rnd(chars.length);
      const text = chars.slice(start, start + 200 + rnd(4000)).join('');
      const r = parseYcsb(text, `fuzz-${k}`);
      expect(['ok', 'failed', 'partial', 'not-ycsb']).toContain(r.status);
      for (const v of Object.values(r.metrics)) expect(Number.isNaN(v)).toBe(false);
    }
  });
  it('lone CR line ends', () => {
    const r = parseYcsb(fixture('crlf-run.txt').replace(/\r\n/g, '\r'), 'cr');
    expect(r.status).toBe('ok');
    expect(r.metrics['read.avg']).toBe(450.5);
  });
});

describe('a second summary in one file', () => {
  it('uses the last one and says so', () => {
    const one = '[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 10.0\n[INSERT], Operations, 10\n[INSERT], AverageLatency(us), 5.0\n';
    const two = '[OVERALL], RunTime(ms), 2000\n[OVERALL], Throughput(ops/sec), 10.0\n[READ], Operations, 20\n[READ], AverageLatency(us), 7.0\n';
    const r = parseYcsb(one + two, 'two');
    expect(r.status).toBe('ok');
    expect(r.metrics.runtime).toBe(2000);
    expect(r.metrics.operations).toBe(20);
    expect(r.metrics['insert.count']).toBeUndefined();
    expect(r.diagnostics.some((d) => d.line === 5 && d.severity === 'warning')).toBe(true);
  });
});

describe('JVM tracking lines are not operations', () => {
  it('skips THREAD_COUNT and MAX_MEM_USED', () => {
    const text =
      '[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 10.0\n[MAX_MEM_USED], MBs, 120\n' +
      '[THREAD_COUNT], Operations, 5\n[THREAD_COUNT], AverageLatency(us), 12.0\n[READ], Operations, 10\n[READ], AverageLatency(us), 3.0\n';
    const r = parseYcsb(text, 'jvm');
    expect(r.status).toBe('ok');
    expect(r.metrics.operations).toBe(10);
    expect(r.operations['THREAD_COUNT']).toBeUndefined();
  });
});

describe('measurement.interval and the default phase', () => {
  const summary = (ops: string): string =>
    'Command line: -db site.ycsb.BasicDB -P workloads/workloadc\n[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 10.0\n' + ops;
  it('interval=both: Intended-READ is not counted twice', () => {
    const r = parseYcsb(summary('[READ], Operations, 10\n[READ], AverageLatency(us), 3.0\n[Intended-READ], Operations, 10\n[Intended-READ], AverageLatency(us), 9.0\n'), 'both');
    expect(r.status).toBe('ok');
    expect(r.metrics.operations).toBe(10);
    expect(r.metrics['intended-read.avg']).toBe(9);
  });
  it('interval=intended: the Intended- sections are the operations', () => {
    const r = parseYcsb(summary('[Intended-READ], Operations, 10\n[Intended-READ], AverageLatency(us), 9.0\n'), 'intended');
    expect(r.status).toBe('ok');
    expect(r.metrics.operations).toBe(10);
  });
  it('no -t and no -load: the transaction phase, YCSB\'s default', () => {
    expect(parseYcsb(summary('[READ], Operations, 10\n[READ], AverageLatency(us), 3.0\n'), 'x').header.factors.phase).toBe('run');
  });
});

describe('helpers', () => {
  it('parseNumber: Java and C++ notations, NaN, rejects junk', () => {
    expect(parseNumber('2.3977984E7')).toBe(23977984);
    expect(parseNumber('1.95122e+03')).toBe(1951.22);
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('-1')).toBe(-1);
    expect(parseNumber('9223372036854775807')).toBe(9223372036854775807);
    expect(Number.isNaN(parseNumber('NaN'))).toBe(true);
    expect(parseNumber('-Infinity')).toBe(-Infinity);
    for (const bad of ['', 'abc', '12abc', '0x10', '1e', '.', '1_000', '--1', '1.2.3']) expect(parseNumber(bad), bad).toBeUndefined();
    expect(parseLocaleNumber('19,59')).toBe(19.59);
    expect(parseLocaleNumber('1,2,3')).toBeUndefined();
  });
  it('parseGoDuration', () => {
    expect(parseGoDuration('1m26.5s')).toBe(86500);
    expect(parseGoDuration('3h32m36.627008311s')).toBeCloseTo(12756627.008311, 6);
    expect(parseGoDuration('850ms')).toBe(850);
    expect(parseGoDuration('15µs')).toBe(0.015);
    expect(parseGoDuration('later')).toBeUndefined();
  });
  it('dbFromBinding and workloadName', () => {
    expect(dbFromBinding('site.ycsb.db.CassandraCQLClient')).toBe('cassandra');
    expect(dbFromBinding('cassandra-cql')).toBe('cassandra');
    expect(dbFromBinding('site.ycsb.db.hbase2.HBaseClient2')).toBe('hbase');
    expect(dbFromBinding('site.ycsb.db.hbase1.HBaseClient1')).toBe('hbase');
    expect(dbFromBinding('com.yahoo.ycsb.db.MongoDbClient')).toBe('mongodb');
    expect(dbFromBinding('site.ycsb.db.JdbcDBClient')).toBeNull();
    expect(dbFromBinding('com.yahoo.ycsb.db.RedisClient')).toBe('redis');
    expect(dbFromBinding('com.example.HeteroDbClient')).toBeUndefined();
    expect(workloadName('/opt/ycsb/workloads/workloada')).toBe('a');
    expect(workloadName('workloads/workloadF')).toBe('f');
    expect(workloadName('workloads/workload_mixed.properties')).toBe('workload_mixed');
  });
});

describe('regression: fuzz case 205, an overflowed throughput read as ok', () => {
  const text = readFileSync(path.resolve(__dirname, '../../fixtures/formats/hdr-text-run.txt'), 'utf8');
  for (const bad of ['NaN', 'Infinity']) {
    it(`Throughput(ops/sec), ${bad} is not ok`, () => {
      const r = parseYcsb(text.replace(/\[OVERALL\], Throughput\(ops\/sec\), [^\r\n]+/, `[OVERALL], Throughput(ops/sec), ${bad}`), 'x.txt');
      expect(r.status).not.toBe('ok');
    });
  }
  for (const bad of ['-9223372036854775808', '-1.5']) {
    it(`Throughput(ops/sec), ${bad} is failed, with the value found`, () => {
      const mutated = text.replace(/\[OVERALL\], Throughput\(ops\/sec\), [^\r\n]+/, `[OVERALL], Throughput(ops/sec), ${bad}`);
      expect(mutated).not.toBe(text);
      const r = parseYcsb(mutated, 'x.txt');
      expect(r.status).toBe('failed');
      expect(r.diagnostics.some((d) => d.expected === 'a finite number ≥ 0')).toBe(true);
    });
  }
  it('a negative run time is failed too', () => {
    const r = parseYcsb(text.replace(/\[OVERALL\], RunTime\(ms\), [^\r\n]+/, '[OVERALL], RunTime(ms), -5'), 'x.txt');
    expect(r.status).toBe('failed');
  });
});
