/**
 * Vega-Lite → Vega → SVG, in node, without a browser: vega-lite compiles the spec, vega's View
 * renders it headless (`renderer: 'none'`, `toSVG()`). Deterministic: same spec, same bytes.
 * Every spec is validated against the Vega-Lite JSON schema that vega-lite ships.
 */
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';
import { parse, View } from 'vega';
import AjvModule, { type ValidateFunction } from 'ajv';
import { textWidth } from './labels.js';

export { textWidth };

const require = createRequire(import.meta.url);
// ajv's CommonJS default export under NodeNext.
const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;

let validator: ValidateFunction | undefined;

/** The installed folder of a package (its exports hide package.json and the schema). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the ${name} package`);
    dir = up;
  }
}

/**
 * The validator for vega-lite's build/vega-lite-schema.json. ajv runs with `strict: false`:
 * the schema uses keywords without types (`minimum` on untyped unions) that strict mode rejects;
 * unknown formats (uri, uri-reference, color-hex) are accepted as strings.
 */
export function vegaLiteValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(packageDir('vega-lite'), 'build', 'vega-lite-schema.json'), 'utf8')) as object;
    const ajv = new (Ajv as unknown as new (o: object) => { compile: (s: object) => ValidateFunction })({
      allErrors: true,
      strict: false,
      logger: false,
      formats: { uri: true, 'uri-reference': true, 'color-hex': true },
    });
    validator = ajv.compile(schema);
  }
  return validator;
}

export class SpecValidationError extends Error {
  constructor(
    readonly figure: string,
    readonly errors: string[],
  ) {
    super(`the Vega-Lite spec of figure "${figure}" does not validate against the Vega-Lite schema: ${errors.slice(0, 5).join('; ')}`);
    this.name = 'SpecValidationError';
  }
}

/** Schema errors of a spec ([] when it validates). */
export function validateSpec(spec: TopLevelSpec): string[] {
  const v = vegaLiteValidator();
  if (v(spec)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

/** The versions of the renderers (for the methods paragraph). */
export function rendererVersions(): { vega: string; vegaLite: string } {
  const read = (p: string) => (JSON.parse(readFileSync(join(packageDir(p), 'package.json'), 'utf8')) as { version: string }).version;
  return { vega: read('vega'), vegaLite: read('vega-lite') };
}

type TextItem = { text?: unknown; fontSize?: number; fontWeight?: string | number };
const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
function installTextMetrics(): void {
  metrics.width = (item: TextItem, text?: unknown) => {
    const t = text ?? item.text;
    const s = t === undefined || t === null ? '' : Array.isArray(t) ? t.join(' ') : String(t);
    const fw = item.fontWeight;
    const bold = fw === 'bold' || (typeof fw === 'number' && fw >= 600);
    return textWidth(s, item.fontSize ?? 11, bold);
  };
}

/** Render one Vega-Lite spec to an SVG string. Throws SpecValidationError when the spec is invalid. */
export async function renderSvg(spec: TopLevelSpec, name = 'chart'): Promise<string> {
  const errors = validateSpec(spec);
  if (errors.length) throw new SpecValidationError(name, errors);
  const vg = compile(spec).spec;
  installTextMetrics();
  // Gradient and clip ids are process-wide counters: reset them so every render has the same ids.
  (vega as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds();
  const view = new View(parse(vg), { renderer: 'none', logLevel: 0 });
  try {
    const svg = await view.toSVG();
    return svg;
  } finally {
    view.finalize();
  }
}
