/**
 * The template compiler: a file-name template (`{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}`)
 * -> a matcher of the last segments of a path, giving factors and where each was read. The user's
 * templates and the built-in schemes (./builtin.ts) are compiled here. Pure.
 */
import { canonicalFactor, type Factors } from '../../model/run.js';
import { NUMERIC_FACTORS, PHASE_WORDS, normalizeFactorValue } from './vocabulary.js';

/** A part of the path a factor was read from (offsets into the relative path). */
export interface FactorSpan {
  start: number;
  end: number;
  /** Canonical factor name, or '_' (ignored), 'date', 'version' for parts read but not kept. */
  factor: string;
}

export interface TemplateMatch {
  factors: Factors;
  spans: FactorSpan[];
  /** Offset in the path where the matched part starts (templates match the last segments). */
  start: number;
}

export interface CompiledTemplate {
  /** The template as given. */
  template: string;
  /** Canonical factor names in placeholder order ('_' for ignored parts). */
  placeholders: string[];
  /** How many path segments (folders + file name) the template covers. */
  segments: number;
  regex: RegExp;
  /** Phase implied by the template's literal text (`…-load-…` -> load, `…-exec-…` -> run). */
  literalPhase?: string;
  /** Match the last `segments` segments of a relative path (POSIX separators); case-insensitive. */
  match(relPath: string): TemplateMatch | undefined;
}

type Piece = { kind: 'literal'; text: string; col: number } | { kind: 'placeholder'; name: string; raw: string; col: number };

function templateError(template: string, col: number, what: string): Error {
  const caret = `${' '.repeat(col)}^`;
  return new Error(`invalid file-name template '${template}': ${what} at column ${col + 1}\n  ${template}\n  ${caret}`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface CompileMode {
  /** Built-in schemes use strict value patterns (db a word without '-', workload one letter). */
  strict: boolean;
}

/** Which numeric-placeholder pattern, which text pattern. */
function valuePattern(name: string, mode: CompileMode): { re: string; numeric: boolean } {
  if (mode.strict) {
    if (name === 'db') return { re: '[a-z][a-z0-9]*', numeric: false };
    if (name === 'workload') return { re: '[a-z]', numeric: false };
    if (NUMERIC_FACTORS.has(name)) return { re: '\\d+', numeric: true };
    if (name === '_') return { re: '[^/]+?', numeric: false };
    return { re: '[a-z0-9]+', numeric: false };
  }
  if (name === 'rep') return { re: '\\d+', numeric: true };
  if (NUMERIC_FACTORS.has(name)) return { re: '\\d+(?:\\.\\d+)?[kmgb]?', numeric: true };
  return { re: '[^/]+?', numeric: false };
}

function parseTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let lit = '';
  let litCol = 0;
  const flush = (): void => {
    if (lit) pieces.push({ kind: 'literal', text: lit, col: litCol });
    lit = '';
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      if (!lit) litCol = i;
      lit += '{';
      i++;
      continue;
    }
    if (c === '}' && template[i + 1] === '}') {
      if (!lit) litCol = i;
      lit += '}';
      i++;
      continue;
    }
    if (c === '{') {
      const close = template.indexOf('}', i + 1);
      const nextOpen = template.indexOf('{', i + 1);
      const slash = template.indexOf('/', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close) || (slash >= 0 && slash < close)) {
        throw templateError(template, i, "'{' is not closed by '}'");
      }
      const raw = template.slice(i + 1, close);
      const name = raw.trim();
      if (name === '') throw templateError(template, i, "empty placeholder '{}' (use {_} to ignore a part)");
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw templateError(template, i + 1, `placeholder name '${raw}' is not a name (letters, digits, '_')`);
      }
      flush();
      pieces.push({ kind: 'placeholder', name: name === '_' ? '_' : canonicalFactor(name), raw: name, col: i });
      i = close;
      continue;
    }
    if (c === '}') throw templateError(template, i, "'}' without a matching '{' (write '}}' for a literal '}')");
    if (c === '*' || c === '?') {
      throw templateError(template, i, `wildcard '${c}': templates match text literally; use {_} to ignore a part`);
    }
    if (c === '\\') throw templateError(template, i, "backslash: separate folders with '/'");
    if (!lit) litCol = i;
    lit += c;
  }
  flush();
  return pieces;
}

/** A file extension at the end of a name (`.txt`). */
export const EXTENSION = /\.[A-Za-z0-9]+$/;

/** Compile a template: lenient value patterns for the user's ({@link compileTemplate}), strict ones for the built-in schemes. */
export function compile(template: string, mode: CompileMode): CompiledTemplate {
  if (template.trim() === '') throw templateError(template, 0, 'the template is empty');
  if (template.startsWith('/')) throw templateError(template, 0, "a template is relative to the scanned folder and cannot start with '/'");
  if (template.endsWith('/')) throw templateError(template, template.length - 1, "a template cannot end with '/': its last part matches the file name");
  // Segment checks (empty, '.', '..').
  {
    let col = 0;
    for (const seg of template.split('/')) {
      if (seg === '') throw templateError(template, col, "empty folder name ('//')");
      if (seg === '.' || seg === '..') throw templateError(template, col, `'${seg}' is not allowed in a template`);
      col += seg.length + 1;
    }
  }
  const pieces = parseTemplate(template);
  const placeholders: string[] = [];
  let body = '';
  let prev: { numeric: boolean; raw: string } | undefined;
  for (const p of pieces) {
    if (p.kind === 'literal') {
      body += escapeRegex(p.text);
      prev = undefined;
      continue;
    }
    const vp = valuePattern(p.name, mode);
    if (prev && prev.numeric && vp.numeric) {
      throw templateError(
        template,
        p.col,
        `{${prev.raw}} and {${p.raw}} are both numbers with nothing between them: where one ends and the other begins cannot be told`,
      );
    }
    body += `(${vp.re})`;
    placeholders.push(p.name);
    prev = { numeric: vp.numeric, raw: p.raw };
  }
  if (!placeholders.some((n) => n !== '_')) {
    throw templateError(template, 0, 'no placeholder such as {db} or {rep}: the template would give no factor');
  }
  const last = pieces[pieces.length - 1];
  const hasExtension = last.kind === 'literal' && EXTENSION.test(last.text.split('/').pop() ?? '');
  const source = `(?:^|/)${body}${hasExtension ? '' : '(?:\\.[A-Za-z0-9]+)?'}$`;
  const regex = new RegExp(source, 'id');
  const segments = template.split('/').length;

  // Phase from literal text: tokens of the literal parts.
  let literalPhase: string | undefined;
  if (!placeholders.includes('phase')) {
    const words = pieces
      .filter((p): p is Extract<Piece, { kind: 'literal' }> => p.kind === 'literal')
      .flatMap((p) => p.text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [])
      .map((w) => w.toLowerCase());
    const phases = new Set(words.map((w) => PHASE_WORDS[w]).filter((x): x is string => x !== undefined));
    if (phases.size === 1) literalPhase = [...phases][0];
  }

  // Without an extension in the template, the file's own extension is not part of any value
  // (`outputRun{workload}{step}` must not read step = '.txt' from outputRunA.txt): match without it.
  const bare = hasExtension ? undefined : new RegExp(`(?:^|/)${body}$`, 'id');
  // the same patterns without match indices (the `d` flag makes every exec several times slower):
  // most paths are tried against templates that do not match them, and a test says so cheaply
  const quick = new RegExp(bare ? bare.source : source, 'i');
  const match = (relPath: string): TemplateMatch | undefined => {
    const ext = bare ? EXTENSION.exec(relPath.slice(relPath.lastIndexOf('/') + 1)) : null;
    const subject = bare && ext ? relPath.slice(0, relPath.length - ext[0].length) : relPath;
    if (!quick.test(subject)) return undefined;
    const m = bare ? bare.exec(subject) : regex.exec(subject);
    if (!m || !m.indices) return undefined;
    const factors: Factors = {};
    const spans: FactorSpan[] = [];
    for (let i = 0; i < placeholders.length; i++) {
      const name = placeholders[i];
      const value = m[i + 1];
      const idx = m.indices[i + 1];
      if (value === undefined || !idx) return undefined;
      spans.push({ start: idx[0], end: idx[1], factor: name });
      if (name === '_') continue;
      const v = normalizeFactorValue(name, value);
      if (factors[name] !== undefined && factors[name] !== v) return undefined;
      factors[name] = v;
    }
    if (literalPhase && factors.phase === undefined) factors.phase = literalPhase;
    const start = m.index + (m[0].startsWith('/') ? 1 : 0);
    return { factors, spans, start };
  };

  return { template, placeholders, segments, regex, literalPhase, match };
}

/**
 * Compile a user file-name template.
 *
 * Syntax: literal text matches itself (case-insensitively); `{name}` reads a factor, `name` going
 * through {@link canonicalFactor} (`{size}` = recordcount, `{replication}` = rf, `{replicas}` =
 * nodes, `{iter}` = rep, …; unknown names are kept as they are, e.g. `{bs}`); `{_}` matches a part
 * and ignores it; `{{` and `}}` are literal braces; `/` separates folders. The template matches the
 * LAST segments of a path (as many as it has), so `{workload}/{db}-{rep}.txt` matches
 * `results/a/cassandra-1.txt`. Numeric factors (nodes, recordcount, operationcount, threads, rf,
 * rep) match digits (rep: whole numbers only; the others also `1.5`, `10k`, `1M`); other
 * placeholders match as little text as possible (no `/`). If the template does not end in an
 * extension (`.txt`), any extension is accepted. A repeated placeholder must read the same value.
 * A literal word `load` in the template sets phase = load, `exec`/`run`/`transaction` phase = run,
 * unless the template has `{phase}`.
 *
 * Throws an Error naming the problem and its column: empty template, unclosed `{`, stray `}`,
 * empty `{}`, a name that is not a name, `*` or `?` wildcards, backslashes, absolute paths, empty,
 * `.` or `..` folders, two numeric placeholders with nothing between them (`{nodes}{recordcount}`),
 * or no placeholder at all.
 *
 * @example compileTemplate('{db}-exec-{nodes}-{size}-{workload}-{rep}-rf_{replication}')
 *   .match('hbase-exec-15-1000000-b-22-rf_1.txt')?.factors
 *   // { db: 'hbase', nodes: '15', recordcount: '1000000', workload: 'b', rep: '22', rf: '1', phase: 'run' }
 */
export function compileTemplate(template: string): CompiledTemplate {
  return compile(template, { strict: false });
}
