/**
 * File name -> factors: the user's templates, then the built-in schemes, then inference. Pure.
 */
import type { Factors } from '../../model/run.js';
import { matchBuiltin } from './builtin.js';
import { inferFactors, type InferOptions } from './infer.js';
import { compileTemplate, type CompiledTemplate, type FactorSpan } from './template.js';

/** `templateFlag`: how ambiguities word their fix (see InferOptions). */
export interface AssignOptions extends InferOptions {
  /** User templates (see {@link compileTemplate}), tried first, in order. */
  templates?: string[];
}

export interface FactorAssignment {
  factors: Factors;
  /** 'template:<t>', a built-in name (see {@link BUILTIN_SCHEMES}), or 'inferred'. */
  scheme: string;
  ambiguities: string[];
  /** Where each factor was read (offsets into relPath). */
  spans: FactorSpan[];
  /** Offset in relPath where the part the scheme read starts (0 for inference). */
  matchedFrom: number;
  /** Numbers of the file name that inference could not place (see InferResult.unplaced); empty
   * for templates and built-in schemes. */
  unplaced: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

const templateCache = new Map<string, CompiledTemplate>();

function compiledUserTemplate(t: string): CompiledTemplate {
  let c = templateCache.get(t);
  if (!c) {
    c = compileTemplate(t);
    if (templateCache.size > 1000) templateCache.clear();
    templateCache.set(t, c);
  }
  return c;
}

/**
 * The factors of one file from its path relative to the scanned root (POSIX separators):
 * user templates first (in order), then the built-in schemes, then inference.
 * Throws the template's Error if a user template is invalid.
 * @example assignFactors('hbase-exec-15-1000000-b-22-rf_1.txt').factors
 *   // { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'b', rep: '22', rf: '1', phase: 'run' }
 * @example assignFactors('Workload A/outputRunA2.txt').factors // { workload: 'a', phase: 'run' } (+ an ambiguity about the 2)
 */
export function assignFactors(relPath: string, opts: AssignOptions = {}): FactorAssignment {
  for (const t of opts.templates ?? []) {
    const m = compiledUserTemplate(t).match(relPath);
    if (m) return { factors: m.factors, scheme: `template:${t}`, ambiguities: [], spans: m.spans, matchedFrom: m.start, unplaced: NONE };
  }
  const b = matchBuiltin(relPath);
  if (b) return { factors: b.match.factors, scheme: b.name, ambiguities: [], spans: b.match.spans, matchedFrom: b.match.start, unplaced: NONE };
  const inf = inferFactors(relPath, { templateFlag: opts.templateFlag });
  return { factors: inf.factors, scheme: 'inferred', ambiguities: inf.ambiguities, spans: inf.spans, matchedFrom: 0, unplaced: inf.unplaced };
}
