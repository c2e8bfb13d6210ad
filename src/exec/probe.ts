/**
 * What a benchmark script will pass to YCSB, read from its text before anything runs, so the plan
 * can say that a run would not be comparable with the campaign (the study's `cassandra_run.sh`
 * passes `operationcount=1000`; the campaign's runs were made with 10000).
 *
 * ```
 * script text ──drop comments, join `\` continuations──► logical lines
 *   `x=$1` assignments + the script's arguments ──► variables
 *   the `ycsb load|run …` line ──► every `-p key=value` (and -threads, -target) whose value is known
 * ```
 * Pure and deliberately modest: only literal values and `$N` parameters are resolved; anything
 * else (command substitutions, environment variables) is listed as unknown, never guessed.
 */

export interface ScriptProbe {
  phase?: 'load' | 'run';
  /** Properties whose value the script fixes, as YCSB would echo them (`operationcount` → `1000`). */
  properties: Record<string, string>;
  /** Properties whose value depends on something the probe cannot see. */
  unknown: string[];
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** Words of a shell line, quotes kept together (enough for the scripts' `-p "k=$v"` forms). */
function words(line: string): string[] {
  return [...line.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)].map((m) => m[0]);
}

/** Read a script's YCSB invocation. `args` are the arguments the plan passes to the script. */
export function probeScript(text: string, args: string[]): ScriptProbe {
  // 1. Logical lines: comments dropped, continuations joined.
  const lines: string[] = [];
  let cur = '';
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t.startsWith('#')) {
      if (cur) lines.push(cur);
      cur = '';
      continue;
    }
    if (t.endsWith('\\')) cur += t.slice(0, -1) + ' ';
    else {
      lines.push(cur + t);
      cur = '';
    }
  }
  if (cur) lines.push(cur);
  // 2. Variables set from the script's parameters: `name=$1`, `name="$2"`, or a literal.
  const vars = new Map<string, string | undefined>();
  const expand = (v: string): string | undefined => {
    const out = unquote(v).replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|\d)\}?/g, (m, name: string) => {
      const val = /^\d$/.test(name) ? args[Number(name) - 1] : vars.get(name);
      return val === undefined ? '\u0000' : val;
    });
    return out.includes('\u0000') || out.includes('$') || out.includes('`') ? undefined : out;
  };
  const probe: ScriptProbe = { properties: {}, unknown: [] };
  for (const line of lines) {
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(line);
    if (assign) {
      vars.set(assign[1], expand(assign[2]));
      continue;
    }
    const w = words(line);
    const at = w.findIndex((x) => /(^|\/)ycsb$/.test(unquote(x)) && (w[w.indexOf(x) + 1] === 'load' || w[w.indexOf(x) + 1] === 'run'));
    if (at < 0 || probe.phase) continue;
    probe.phase = w[at + 1] as 'load' | 'run';
    for (let i = at + 2; i < w.length; i++) {
      if (w[i] === '>' || w[i].startsWith('>') || w[i] === '|' || w[i] === '&&' || w[i] === ';') break;
      const set = (key: string, value: string) => {
        const v = expand(value);
        if (v === undefined) probe.unknown.push(key);
        else probe.properties[key] = v;
      };
      if (w[i] === '-p' && i + 1 < w.length) {
        const kv = unquote(w[++i]);
        const eq = kv.indexOf('=');
        if (eq > 0) set(kv.slice(0, eq), kv.slice(eq + 1));
      } else if (w[i] === '-threads' && i + 1 < w.length) set('threadcount', w[++i]);
      else if (w[i] === '-target' && i + 1 < w.length) set('target', w[++i]);
    }
  }
  return probe;
}
