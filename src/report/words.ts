/**
 * The committee reads words, not command-line flags. Messages that come from the analysis and the
 * loader (warnings, exclusion reasons, diagnostics) were written for the terminal and name flags
 * ("--trim-warmup measures the steady state instead"); the report passes each of them through
 * {@link inWords} before showing it. Only the report's "How to reproduce" line gives flags.
 * Pure.
 */

/** Whole phrases first, so the sentence still reads; the flag dictionary below catches the rest. */
const PHRASES: [RegExp, string][] = [
  [/\(use --include-load to analyse it\)/g, '(the load phase is analysed only on request)'],
  [/not matching --filter /g, 'not matching the filter '],
  [/\(see --json "excluded"\)/g, '(listed as excluded in the JSON output)'],
  [/--group ([^\s:]+): no run has this factor/g, 'grouping factor $1: no run has this factor'],
  [/\bnot in --group\b/g, 'not a grouping factor'],
  [/--twoway needs two factors in --group/g, 'the two-way ANOVA needs two grouping factors'],
  [/;\s*--trim-warmup measures the steady state instead/g, '; the steady-state measure (after the warm-up) avoids this'],
  [/name the factors with --scheme \(see `analyze scheme`\)/g, 'name the factors with a file-name scheme'],
  [/\bwith --scheme '/g, "with the file-name scheme '"],
  [/\bsay so: --scheme '/g, "say so with the file-name scheme '"],
  [/\bSay what it is with --scheme\b/g, 'Say what it is with a file-name scheme'],
  [/\bgive --scheme\b/g, 'give a file-name scheme'],
  [/\bwith --scheme\b/g, 'with a file-name scheme'],
  [/\(or name one with --metric\)/g, '(or name the metric column)'],
];

/** A flag's meaning, for any mention the phrases above did not rewrite. */
const FLAGS: Record<string, string> = {
  group: 'the grouping',
  compare: 'the compared factor',
  filter: 'the filter',
  metric: 'the metric',
  confidence: 'the confidence level',
  bootstrap: 'the bootstrap interval',
  seed: 'the bootstrap seed',
  'exclude-outliers': 'the outlier exclusion',
  adjust: 'the p-value adjustment',
  'adjust-scope': 'the family of the p-value adjustment',
  twoway: 'the two-way ANOVA',
  'target-ci': 'the target interval width',
  'trim-warmup': 'the steady-state measure (after the warm-up)',
  'include-load': 'the inclusion of the load phase',
  json: 'the JSON output',
  csv: 'the CSV output',
  scheme: 'a file-name scheme',
  format: 'the input format',
  report: 'the report',
  pdf: 'the PDF output',
  reps: 'the planned repetitions',
};

/**
 * A terminal message in words: every `--flag` becomes what it means ("--trim-warmup" → "the
 * steady-state measure (after the warm-up)"); an unknown flag becomes "the option 'name'".
 */
export function inWords(message: string): string {
  let s = message;
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  return s.replace(/(^|[^\w-])--([a-z][a-z0-9-]*)/g, (_m, pre: string, flag: string) => `${pre}${FLAGS[flag] ?? `the option '${flag.replace(/-/g, ' ')}'`}`);
}
