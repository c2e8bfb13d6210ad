/**
 * `analyze export` through `run(argv, stdout, stderr)`: seed-csv (the old summary script's CSV,
 * checked against bench/old-summary.sh itself on the fixture and on the study), tidy csv, json,
 * --out. Golden files: test/cli/golden (UPDATE_GOLDEN=1 rewrites them).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { cli as runCli } from '../../fixtures/exec/cli.js';

const ROOT = path.resolve(__dirname, '../..');
const GOLDEN = path.join(__dirname, 'golden');

const cli = (argv: string[], cwd = ROOT) => runCli(argv, cwd, {});

/** Compare with test/cli/golden/<name>, or rewrite it with UPDATE_GOLDEN=1. */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${path.relative(ROOT, file)} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual, `differs from ${path.relative(ROOT, file)} (UPDATE_GOLDEN=1 to accept, then review the diff)`).toBe(readFileSync(file, 'utf8'));
}
const FIXTURE = path.join(ROOT, 'fixtures/campaign');
const STUDY = path.resolve(__dirname, '../../../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const HEADER = 'DB,Replication,Index,Workload,Size,RunTime,Throughput,ReadLatency,WriteLatency';

/** Run bench/old-summary.sh DIR with bash (argument array, no shell string). */
function oldSummary(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(ROOT, 'bench/old-summary.sh'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`old-summary.sh exited ${code}: ${err}`))));
  });
}

function csvRows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.trimEnd(), { header: false });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** Sorted data rows compared cell by cell, as text (0.0 is not 0); returns the differences (empty when equal). */
function rowDifferences(ours: string[][], theirs: string[][]): string[] {
  const key = (r: string[]) => r.slice(0, 5).join(',');
  const sort = (rows: string[][]) => [...rows].sort((p, q) => (key(p) < key(q) ? -1 : key(p) > key(q) ? 1 : 0));
  const a = sort(ours);
  const b = sort(theirs);
  const diffs: string[] = [];
  if (a.length !== b.length) diffs.push(`${a.length} rows here, ${b.length} from the old script`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i].length !== b[i].length || a[i].some((c, j) => c !== b[i][j])) diffs.push(`ours ${a[i].join(',')} | old ${b[i].join(',')}`);
  }
  return diffs;
}

describe('export --format seed-csv', () => {
  it('fixtures/campaign: the golden CSV, and the old script\'s rows except the byte-identical copy it counts twice', async () => {
    const r = await cli(['export', 'fixtures/campaign', '--format', 'seed-csv']);
    expect(r.code).toBe(0);
    golden('export-campaign.seed.csv', r.stdout);
    // stderr names the rows that are not measurements, by line, and the copy left out
    const lines = r.stdout.split('\n');
    const failedLine = lines.findIndex((l) => l.startsWith('citus,1,4,c,')) + 1;
    const partialLine = lines.findIndex((l) => l.startsWith('cassandra,2,3,a,')) + 1;
    expect(r.stderr).toBe(
      'analyze export: 1 row is a failed run, written as the old script wrote them (Throughput as printed, 0.0: not a measurement):\n' +
        `  line ${failedLine}: citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt: the run did no useful work: Throughput(ops/sec) is 0.0 (line 14), no operation section; first exception at line 9: Error in database operation: java.net.ConnectException: Connection refused\n` +
        'analyze export: 1 row is a partial run (no summary: empty cells):\n' +
        `  line ${partialLine}: cassandra-exec-15-1000000-a-3-rf_2.txt: 12 status line(s), the last at line 18, a header at line 1, but the output stops before the summary\n` +
        'analyze export: 1 byte-identical copy of a run left out (the old script wrote each as a row of its own): cassandra-exec-15-1000000-c-2-rf_1 (copy).txt\n',
    );
    const ours = csvRows(r.stdout);
    expect(ours[0].join(',')).toBe(HEADER);
    // 2 dbs × 2 workloads × 3 rf × 6 reps, minus the missing one; the failed and the partial run are rows.
    expect(ours).toHaveLength(1 + 71);
    const old = csvRows(await oldSummary(FIXTURE));
    expect(old[0].join(',')).toBe(HEADER);
    // The old script reads the copy's rf as "1 (copy)"; it is the only row we leave out on purpose.
    const oldWithoutCopy = old.slice(1).filter((row) => !row[1].includes('(copy)'));
    expect(old.length - 1 - oldWithoutCopy.length).toBe(1);
    expect(rowDifferences(ours.slice(1), oldWithoutCopy)).toEqual([]);
    // The failed run keeps its 0.0 throughput, the partial one has empty cells (as in the old script).
    const failed = ours.find((row) => row[0] === 'citus' && row[1] === '1' && row[2] === '4' && row[3] === 'c')!;
    expect(failed[6]).toBe('0.0');
    const partial = ours.find((row) => row[0] === 'cassandra' && row[1] === '2' && row[2] === '3' && row[3] === 'a')!;
    expect([partial[5], partial[6]]).toEqual(['', '']);
  }, 300_000); // bench/old-summary.sh forks a dozen processes per file: slow on a busy machine

  describe.skipIf(!existsSync(STUDY))('on the study (lucas-fs YCSB-outputs, read from ../shared)', () => {
    it('equals bench/old-summary.sh row for row, cell for cell as text (sorted), and names the failed rows on stderr', async () => {
      const [r, oldText] = await Promise.all([cli(['export', STUDY, '--format', 'seed-csv']), oldSummary(STUDY)]);
      expect(r.code).toBe(0);
      const ours = csvRows(r.stdout);
      const old = csvRows(oldText);
      expect(ours[0]).toEqual(old[0]);
      expect(ours).toHaveLength(1 + 1080);
      expect(rowDifferences(ours.slice(1), old.slice(1))).toEqual([]);
      expect(r.stderr).toMatch(/^analyze export: 2 rows are failed runs, written as the old script wrote them/);
      for (const f of ['citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt', 'citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt']) {
        const line = Number(new RegExp(`line (\\d+): ${f.replaceAll('.', '\\.')}`).exec(r.stderr)?.[1]);
        expect(r.stdout.split('\n')[line - 1], f).toMatch(/^citus,\d,\d+,[cd],1000000,\d+,0\.0,,$/);
      }
    }, 900_000); // bench/old-summary.sh forks a dozen processes per file: minutes on a busy machine
  });
});

if (!existsSync(STUDY)) console.warn(`export.test: the study comparison is skipped: ${STUDY} does not exist (shared data not mounted)`);

interface RGroup {
  files: string[];
  values: number[];
}
const ref = JSON.parse(readFileSync(path.join(ROOT, 'test/analysis/reference/analysis.json'), 'utf8')) as {
  campaigns: { fixture: { duplicates: { dropped: string; kept: string }[]; metrics: { throughput: { groups: RGroup[] } } } };
};

describe('export --format csv (tidy: one row per run × metric)', () => {
  it('has every file with its status and factors, and the throughput R reads from each run', async () => {
    const r = await cli(['export', 'fixtures/campaign', '--format', 'csv']);
    expect(r.code).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(r.stdout.trimEnd(), { header: true });
    expect(parsed.errors).toEqual([]);
    const fields = parsed.meta.fields!;
    expect(fields.slice(0, 2)).toEqual(['file', 'status']);
    expect(fields.slice(-3)).toEqual(['metric', 'value', 'unit']);
    expect(fields).toEqual(expect.arrayContaining(['db', 'phase', 'workload', 'rf', 'rep', 'nodes', 'recordcount']));
    expect(new Set(parsed.data.map((x) => x.file)).size).toBe(79);
    const status = (f: string) => parsed.data.find((x) => x.file === f)?.status;
    expect(status('run-notes.txt')).toBe('not-ycsb');
    expect(status('citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt')).toBe('failed');
    expect(status('cassandra-exec-15-1000000-a-3-rf_2.txt')).toBe('partial');
    const dup = ref.campaigns.fixture.duplicates[0];
    expect([status(dup.kept), status(dup.dropped)].sort()).toEqual(['duplicate', 'ok']);
    const throughput = new Map(parsed.data.filter((x) => x.metric === 'throughput').map((x) => [x.file, x]));
    let checked = 0;
    for (const g of ref.campaigns.fixture.metrics.throughput.groups) {
      g.files.forEach((f, i) => {
        const file = throughput.has(f) ? f : f === dup.kept ? dup.dropped : f;
        const row = throughput.get(file);
        expect(row, f).toBeDefined();
        expect(row!.unit).toBe('ops/s');
        expect(Math.abs(Number(row!.value) - g.values[i]), f).toBeLessThanOrEqual(1e-12 * g.values[i]);
        checked++;
      });
    }
    expect(checked).toBe(69); // 72 planned − 1 missing − 2 failed or partial
  });
});

describe('export --format json', () => {
  it('every input with status, factors, metrics, diagnostics and series', async () => {
    const r = await cli(['export', 'fixtures/campaign', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      schema: string;
      roots: string[];
      counts: Record<string, number>;
      runs: { file: string; status: string; duplicateOf?: string; factors: Record<string, string>; metrics: Record<string, number>; diagnostics: { text: string }[]; series: unknown[] }[];
    };
    expect(doc.schema).toBe('ycsb-analyze/runs@1');
    expect(doc.roots).toEqual(['fixtures/campaign']);
    expect(doc.counts).toEqual({ ok: 75, failed: 1, partial: 1, duplicate: 1, 'not-ycsb': 1, unreadable: 0 });
    expect(doc.runs).toHaveLength(79);
    const dup = doc.runs.find((x) => x.status === 'duplicate')!;
    const pair = ref.campaigns.fixture.duplicates[0];
    expect([dup.file, dup.duplicateOf].sort()).toEqual([pair.dropped, pair.kept].sort());
    const failed = doc.runs.find((x) => x.status === 'failed')!;
    expect(failed.diagnostics.map((d) => d.text).join('\n')).toMatch(/citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000\.txt:\d+: .*Throughput/);
    const ok = doc.runs.find((x) => x.file === 'cassandra-exec-15-1000000-a-1-rf_1.txt')!;
    expect(ok.factors).toMatchObject({ db: 'cassandra', workload: 'a', rf: '1', rep: '1', phase: 'run' });
    expect(ok.metrics.throughput).toBe(45.552898303154535);
    expect(ok.metrics.runtime).toBe(219525);
    expect(ok.metrics['read.p95']).toBe(40259);
    expect(ok.series.length).toBeGreaterThan(20);
  });
});

describe('export --out', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the file, says so on stderr, and refuses to overwrite it without --force', async () => {
    const first = await cli(['export', FIXTURE, '--out', 'summary.csv'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/wrote seed-csv \(71 rows\) to summary\.csv/);
    const written = readFileSync(path.join(dir, 'summary.csv'), 'utf8');
    expect(written.split('\n')[0]).toBe(HEADER);
    writeFileSync(path.join(dir, 'summary.csv'), 'keep me\n');
    const again = await cli(['export', FIXTURE, '--out', 'summary.csv'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--out summary\.csv: the file exists; choose another name or add --force/);
    expect(readFileSync(path.join(dir, 'summary.csv'), 'utf8')).toBe('keep me\n');
    const forced = await cli(['export', FIXTURE, '--out', 'summary.csv', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'summary.csv'), 'utf8')).toBe(written);
  });

  it('an unknown --format: exit 2 with the choices', async () => {
    const r = await cli(['export', FIXTURE, '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('analyze: --format xlsx: expected seed-csv, csv or json, found "xlsx"\n');
  });
});

describe('export: every file found, runs named file#k with their lines (issue 19)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ycsb-export-inv-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const out = (args: string, ms: number) => [`Command line: ${args}`, `[OVERALL], RunTime(ms), ${ms}`, `[OVERALL], Throughput(ops/sec), ${2e6 / ms}`, '[READ], Operations, 2000', '[READ], AverageLatency(us), 300.0', ''].join('\n');
  writeFileSync(path.join(root, 'rf1-run1.txt'), out('-db x -t', 10000) + out('-db x -t', 20000));
  writeFileSync(path.join(root, 'rf1-run2.txt'), out('-db x -t', 25000));
  writeFileSync(path.join(root, 'notes.md'), 'x\n');

  it('--format json: the runs with their invocation, the skipped files with the status skipped and the rule', async () => {
    const r = await cli(['export', root, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { counts: Record<string, number>; skipped: { file: string; status: string; reason: string }[]; runs: { file: string; invocation?: { fromLine: number; toLine: number } }[] };
    expect(doc.runs.map((x) => [x.file, x.invocation?.fromLine, x.invocation?.toLine])).toEqual([
      ['rf1-run1.txt#1', 1, 5],
      ['rf1-run1.txt#2', 6, 10],
      ['rf1-run2.txt', undefined, undefined],
    ]);
    expect(doc.skipped.map((x) => [x.file, x.status])).toEqual([['notes.md', 'skipped']]);
    expect(doc.skipped[0].reason).toMatch(/\S/);
    expect(doc.counts.skipped).toBe(1);
  });

  it('--format csv: a lines column when a file holds several invocations', async () => {
    const r = await cli(['export', root, '--format', 'csv']);
    expect(r.code).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(r.stdout.trimEnd(), { header: true });
    expect(parsed.meta.fields!.slice(0, 3)).toEqual(['file', 'status', 'lines']);
    const lines = new Map(parsed.data.map((x) => [x.file, x.lines]));
    expect([...lines]).toEqual([
      ['rf1-run1.txt#1', '1-5'],
      ['rf1-run1.txt#2', '6-10'],
      ['rf1-run2.txt', ''],
    ]);
  });
});
