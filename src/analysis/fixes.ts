/**
 * What the analysis' warnings and exclusion reasons ask the reader to change, in words. The library
 * names settings, never a front end's controls: each warning that points to a setting contains one of
 * these phrases verbatim, and a front end may put its own name for the control in its place (the CLI
 * puts its flags: src/cli/flags.ts).
 */
export const FIXES = {
  /** Why a load-phase run is not analysed: `load phase (…)`. */
  includeLoad: 'left out unless the load phase is included',
  /** Why a run is not analysed: `… db=cassandra|hbase`. */
  filter: 'not matching the filter',
  /** Where the runs without a value for the metric are listed: `… are left out (…)`. */
  excludedList: 'listed among the excluded runs',
  /** A grouping factor no run has: `… rf: no run has this factor`. */
  unknownGroup: 'cannot group by',
  /** Factors that vary but are not grouped on: `rf varies in the data but is … : each level is analysed separately`. */
  notGrouped: 'not among the grouping factors',
  /** The two-way ANOVA asked for with fewer than two grouping factors. */
  twowayNeedsTwo: 'the two-way ANOVA needs two grouping factors',
  /** Runs that start with a long stall: `… which dilutes differences; …`. */
  trimWarmup: 'trimming the warm-up measures the steady state instead',
  /** Runs pooled as repetitions without a repetition number: `…; …`. */
  scheme: 'name the factors with a file-name scheme',
} as const;

export type Fix = keyof typeof FIXES;
