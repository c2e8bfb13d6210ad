/**
 * 7. Campaign completeness: configurations × repetitions, each cell ok / outlier / failed /
 * missing. Rows are labelled by what tells them apart.
 */
import type { AnalysisResult } from '../../analysis/types.js';
import type { Run, Factors } from '../../model/index.js';
import { compareLevels, factorsLabel, sortLevels } from '../labels.js';
import type { Completeness, CellStatus } from '../types.js';
import { FAILED_COLOUR, FONT_SIZE, labelWidth, OKABE_ITO, THESIS_WIDTH, Y_TITLE_WIDTH, top, type Figure } from './common.js';

/** States of a repetition: ok calm (sky blue), outlier bright (yellow), failed in the colour of failure, missing grey. */
const STATUS_COLOURS: Record<CellStatus, string> = { ok: OKABE_ITO.skyBlue, outlier: OKABE_ITO.yellow, failed: FAILED_COLOUR, missing: '#d9d9d9' };

/**
 * The completeness grid from the analysis' groups, for when the gap analysis gives none: reps from
 * the runs' factors, and every rep number seen anywhere but absent from a configuration is missing.
 */
export function completenessFromAnalysis(a: AnalysisResult, runs: Run[] = []): Completeness {
  const method = a.options.excludeOutliers;
  const repOf = new Map(runs.map((r) => [r.file, r.factors.rep]));
  const configs = a.groups.map((g) => {
    const reps: Completeness['configurations'][number]['reps'] = [];
    for (const r of g.runs) {
      const flagged = method ? (method === 'iqr' ? r.outlier.iqr !== 'none' : r.outlier[method]) : r.outlier.iqr === 'severe';
      reps.push({ rep: r.rep ?? repOf.get(r.file) ?? r.file, status: flagged || r.excluded ? 'outlier' : 'ok', file: r.file });
    }
    for (const f of g.failed) reps.push({ rep: repOf.get(f.file) ?? f.file, status: 'failed', file: f.file });
    return { factors: g.factors, reps };
  });
  const all = sortLevels(configs.flatMap((c) => c.reps.map((r) => r.rep)));
  for (const c of configs) {
    const have = new Set(c.reps.map((r) => r.rep));
    for (const rep of all) if (!have.has(rep)) c.reps.push({ rep, status: 'missing' });
  }
  return { configurations: configs };
}

/** 7. Campaign completeness: configurations × repetitions, each cell ok / failed / missing / outlier. */
export function completenessSpec(c: Completeness): Figure {
  const values: Record<string, unknown>[] = [];
  const labels: { label: string; factors: Factors }[] = [];
  // Label rows by what tells them apart: leave out factors with one level overall, and factors
  // with one level per database (nodes 15 for Cassandra, 14 for Citus), which only lengthen the label.
  const names = [...new Set(c.configurations.flatMap((conf) => Object.keys(conf.factors)))];
  const omit = names.filter((n) => {
    if (n === 'db') return false;
    const perDb = new Map<string, Set<string>>();
    for (const conf of c.configurations) {
      const db = conf.factors.db ?? '';
      if (!perDb.has(db)) perDb.set(db, new Set());
      perDb.get(db)!.add(conf.factors[n] ?? '');
    }
    return [...perDb.values()].every((levels) => levels.size === 1);
  });
  for (const conf of c.configurations) {
    const label = factorsLabel(conf.factors, omit);
    labels.push({ label, factors: conf.factors });
    for (const r of conf.reps) values.push({ config: label, rep: r.rep, status: r.status, file: r.file ?? '' });
  }
  labels.sort((x, y) => {
    const keys = sortLevels([...Object.keys(x.factors), ...Object.keys(y.factors)]).sort((p, q) => (p === 'db' ? -1 : q === 'db' ? 1 : p < q ? -1 : 1));
    for (const k of keys) {
      const cmp = compareLevels(x.factors[k] ?? '', y.factors[k] ?? '');
      if (cmp !== 0) return cmp;
    }
    return 0;
  });
  const reps = sortLevels(values.map((v) => v.rep as string));
  const order: CellStatus[] = ['ok', 'outlier', 'failed', 'missing'];
  // Rows tall enough for their labels: the axes drop labels closer than their size plus 4 px (common.ts), which
  // hid every other configuration at 14 px; here no label is dropped (labelOverlap off, font fits the row).
  const rowH = labels.length > 50 ? 12 : 15;
  const labelSize = Math.min(FONT_SIZE, rowH - 3);
  const labelW = Math.min(240, Math.ceil(Math.max(0, ...labels.map((l) => labelWidth([l.label.replaceAll(' · ', ' ·· ')], labelSize, false)))) + 8);
  const cellW = Math.max(6, Math.min(18, Math.floor((THESIS_WIDTH - 12 - Y_TITLE_WIDTH - labelW - 8) / Math.max(1, reps.length))));
  const spec = {
    data: { values },
    width: cellW * reps.length,
    height: rowH * labels.length,
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'rep', type: 'ordinal', sort: reps, title: 'repetition', axis: { labelAngle: 0, values: reps.length > 12 ? reps.filter((_, i) => i === 0 || (i + 1) % 5 === 0) : reps } },
      y: { field: 'config', type: 'ordinal', sort: labels.map((l) => l.label), title: 'configuration', axis: { labelLimit: labelW, labelOverlap: false, labelFontSize: labelSize } },
      color: { field: 'status', type: 'nominal', title: 'repetition', scale: { domain: order, range: order.map((s) => STATUS_COLOURS[s]) }, legend: { columns: 4 } },
    },
  };
  const count = (s: CellStatus) => values.filter((v) => v.status === s).length;
  return {
    name: 'completeness',
    title: 'Campaign completeness',
    caption: `Cell: one repetition of one configuration (row), coloured by what became of it: ok, an outlier (flagged by an outlier rule), failed (no value), or missing (never run or not found). In all: ${count('ok')} ok, ${count('outlier')} ${count('outlier') === 1 ? 'outlier' : 'outliers'}, ${count('failed')} failed, ${count('missing')} missing.`,
    spec: top(spec, 'campaign completeness'),
  };
}

