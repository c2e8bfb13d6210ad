/**
 * File name -> factors.
 *
 * Three ways, tried in this order for every file ({@link assignFactors}, ./assign.ts):
 * 1. the user's templates (`{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}`), in the
 *    order given; see {@link compileTemplate} (./template.ts, the template compiler);
 * 2. the built-in schemes, one for every name the study's scripts write ({@link BUILTIN_SCHEMES},
 *    ./builtin.ts);
 * 3. inference from the tokens of the path ({@link inferFactors}, ./infer.ts), which never guesses:
 *    a number it cannot place (a repetition? a record-count step?) is left out and reported as an
 *    ambiguity with a suggested template (named in words, or as the caller's command-line flag:
 *    see AssignOptions.templateFlag).
 *
 * Values are normalised the same way whichever path matched ({@link normalizeFactorValue},
 * ./vocabulary.ts, which also holds the known names): workload `A`, `workloada`, `Workload A` ->
 * `a`; db lower case (`mongo` -> `mongodb`, `postgresql` -> `postgres`, `hbase2` -> `hbase`);
 * phase `exec`/`run`/`transaction` -> `run`, `load` -> `load`; whole numbers of the numeric factors
 * (nodes, recordcount, operationcount, threads, rf, rep) without leading zeros (`rep` `01` -> `1`).
 * All values are text.
 *
 * {@link explainSchemes} (./explain.ts) groups files by the scheme that read them, for
 * `analyze scheme`; the CLI words the result (src/cli/scheme-text.ts).
 *
 * Pure: no file system.
 */
export { KNOWN_DATABASES, normalizeFactorValue } from './vocabulary.js';
export { compileTemplate, type CompiledTemplate, type FactorSpan, type TemplateMatch } from './template.js';
export { BUILTIN_SCHEMES, type BuiltinScheme } from './builtin.js';
export { inferFactors, readSegment, type InferOptions, type InferResult, type SegmentReading } from './infer.js';
export { assignFactors, type AssignOptions, type FactorAssignment } from './assign.js';
export { explainSchemes, factorOrder, shapeOf, type SchemeExplanation, type SchemeGroup } from './explain.js';
export { checkTemplate, damerauLevenshtein, fileTemplate, nearMissFactor, type TemplateProblem } from './check.js';
