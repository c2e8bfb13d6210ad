/**
 * The text `analyze gaps` prints: the total line first, then each configuration (with deployments,
 * each deployment) with something to say, the loads, the files not in the design and the notes.
 * Pure.
 */
import type { ConfigGaps, GapReport, ToRun } from './gaps.js';

/** The one-line total printed first by `analyze gaps`. */
export function gapSummaryLine(r: GapReport): string {
  const t = r.totals;
  if (r.complete) {
    const shape = r.design.deployments !== undefined ? `${r.design.deployments} deployments × ${r.design.repetitions} repetitions` : `${r.design.repetitions} repetitions`;
    return `complete: ${t.configurations} configurations × ${shape}${t.duplicates ? `, ${t.duplicates} duplicated repetitions to check` : ''}`;
  }
  const parts = [
    `${t.configurations - t.complete} of ${t.configurations} configurations incomplete`,
    `${t.missing} missing`,
    `${t.failed} failed`,
    ...(t.notComparable ? [`${t.notComparable} not comparable`] : []),
    `${t.duplicates} duplicated`,
  ];
  if (t.ciExtra) parts.push(`${t.ciExtra} more for the CI target`);
  if (r.design.loadOutputs) parts.push(`${t.loadsMissing} ${t.loadsMissing === 1 ? 'load' : 'loads'} missing`);
  parts.push(`${t.toRun} runs to fill`);
  return `gaps: ${parts.join(', ')}`;
}

/** The text `analyze gaps` prints: the total, what the design is when it is not every combination
 * of the levels seen, then each configuration with something to say. */
export function formatGaps(r: GapReport): string {
  const lines = [gapSummaryLine(r)];
  if (r.design.combinations !== undefined) {
    lines.push(
      `design: the ${r.design.configurations} configurations observed, not all ${r.design.combinations} combinations of the levels seen ` +
        `(a configuration never run is not counted missing; an experiment file declares the design)`,
    );
  }
  const list = (xs: number[]) => compactRanges(xs);
  for (const c of r.configurations) {
    if (c.complete && c.duplicates.length === 0 && c.failed.length === 0 && !c.notComparable) continue;
    if (c.deployments) {
      lines.push(...formatDeployments(c, r.design.deployments!, r.design.repetitions));
      continue;
    }
    lines.push(`${c.key}: ${c.usable}/${c.expected} usable`);
    if (c.missing.length) lines.push(`  missing reps: ${list(c.missing)}`);
    for (const f of c.failed) lines.push(`  ${f.status} rep ${f.rep}: ${f.file}: ${f.reason}`);
    for (const f of c.notComparable ?? []) lines.push(`  not comparable rep ${f.rep}: ${f.file}: ${f.differences} (not counted)`);
    for (const d of c.duplicates) {
      if (d.identical) lines.push(`  duplicate rep ${d.rep} (byte-identical): ${d.files.join(', ')}`);
      else lines.push(`  re-run rep ${d.rep}: ${d.files.length} outputs of this configuration and repetition: ${d.files.join(', ')} (${d.files[0]} counted)`);
    }
    if (c.ci) {
      lines.push(
        `  CI target ±${fmtPct(c.ci.target)} on ${c.ci.metric}: n=${c.ci.n}, needs ${c.ci.needed} → ${c.ci.additional} more` +
          (c.ci.warnings.length ? ` (${c.ci.warnings.join('; ')})` : ''),
      );
    }
    const extra = c.toRun.filter((t) => t.reason !== 'missing');
    if (extra.length) lines.push(`  new reps to run: ${extra.map((t) => `${t.rep} (${t.reason === 'ci-target' ? 'CI target' : `replaces ${t.replaces ?? 'a failed rep'}`})`).join(', ')}`);
  }
  for (const l of r.loads) {
    if (l.status === 'ok') continue;
    const where = l.deployment !== undefined ? `${l.clusterKey}, deployment ${l.deployment}` : l.clusterKey;
    lines.push(`${where}: load output ${l.status}${l.files.length ? `: ${l.files.join(', ')}` : ''}${l.unfillable ? ` (not filled: ${l.unfillable})` : ''}`);
  }
  for (const u of r.unexpected) lines.push(`not in the design: ${u.file}: ${u.reason}`);
  for (const n of r.notes ?? []) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}

/** A configuration counted per deployment: what each deployment lacks, and what fill will run. */
function formatDeployments(c: ConfigGaps, k: number, n: number): string[] {
  const deps = c.deployments!;
  const complete = deps.filter((d) => d.complete).length;
  const lines = [`${c.key}: ${complete}/${k} deployments complete (${n} repetitions each), ${c.usable} usable runs`];
  for (const d of deps) {
    const head = `  deployment ${d.deployment}: ${d.usable}/${n} usable`;
    const parts: string[] = [];
    if (d.usable === 0 && d.missing.length === n) parts.push('not begun');
    else if (d.missing.length) parts.push(`missing reps: ${compactRanges(d.missing)}`);
    if (d.standing) parts.push('still deployed: filled in place');
    if (!d.complete || d.failed.length || d.notComparable || d.duplicates.length) lines.push(parts.length ? `${head}, ${parts.join(', ')}` : head);
    for (const f of d.failed) lines.push(`    ${f.status} rep ${f.rep}: ${f.file}: ${f.reason}`);
    for (const f of d.notComparable ?? []) lines.push(`    not comparable rep ${f.rep}: ${f.file}: ${f.differences} (not counted)`);
    for (const x of d.duplicates) lines.push(`    ${x.identical ? 'duplicate' : 're-run'} rep ${x.rep}: ${x.files.join(', ')} (${x.files[0]} counted)`);
  }
  if (c.ci) lines.push(`  CI target ±${fmtPct(c.ci.target)} on ${c.ci.metric}: ${c.ci.warnings.join('; ')}`);
  const planned = new Map<string, ToRun[]>();
  for (const t of c.toRun) planned.set(t.deployment!, [...(planned.get(t.deployment!) ?? []), t]);
  for (const [dep, ts] of planned) {
    const what = ts[0].reason === 'replaces-failed' && ts.every((t) => t.rep <= n) && !deps.some((d) => d.deployment === dep && d.usable > 0)
      ? `a new deployment ${dep}${ts[0].replaces ? ` replacing ${ts[0].replaces}` : ''}: reps ${compactRanges(ts.map((t) => t.rep))}`
      : `deployment ${dep}: reps ${compactRanges(ts.map((t) => t.rep))}`;
    lines.push(`  to run: ${what}`);
  }
  return lines;
}

function fmtPct(x: number): string {
  return `${+(x * 100).toPrecision(6)}%`;
}

/** 1,2,3,5,7,8 -> "1-3, 5, 7-8". */
export function compactRanges(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}
