/**
 * Checks of what a Vega-Lite spec draws, for the tests: every x/y axis has a title, and no text
 * is smaller than a given size. They walk the spec (layers, facets, concatenations).
 */

type Node = Record<string, unknown>;
const isObj = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Problems with axis titles ([] when none). Every x and y encoding with a field or a datum (one
 * that draws an axis) needs a non-empty title: its own (`title` or `axis.title`), or — when its
 * own is null — the title of the facet it is in (a row's title for y, a column's title for x,
 * drawn once beside the whole grid). An undefined title (Vega-Lite would print the field name)
 * and `axis: null` are problems.
 */
export function axisTitleProblems(spec: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, path: string, grid: { x?: string; y?: string }): void => {
    if (!isObj(node)) return;
    let inherited = grid;
    if (isObj(node.facet)) {
      const f = node.facet;
      inherited = { ...grid };
      const title = (d: unknown) => (isObj(d) && typeof d.title === 'string' && d.title.trim() !== '' ? d.title : undefined);
      if (title(f.row)) inherited.y = title(f.row);
      if (title(f.column)) inherited.x = title(f.column);
    }
    for (const key of ['layer', 'hconcat', 'vconcat', 'concat']) {
      const children = node[key];
      if (Array.isArray(children)) children.forEach((c, i) => visit(c, `${path}/${key}/${i}`, inherited));
    }
    if (isObj(node.spec)) visit(node.spec, `${path}/spec`, inherited);
    const enc = node.encoding;
    if (!isObj(enc)) return;
    for (const ch of ['x', 'y'] as const) {
      const e = enc[ch];
      if (!isObj(e) || !('field' in e || 'datum' in e)) continue;
      const where = `${path}/encoding/${ch}`;
      if (e.axis === null) {
        problems.push(`${where}: axis: null (no axis, no title)`);
        continue;
      }
      const title = isObj(e.axis) && 'title' in e.axis ? e.axis.title : e.title;
      if (typeof title === 'string' && title.trim() !== '') continue;
      if (title === null && inherited[ch]) continue;
      problems.push(`${where}: no title (${title === undefined ? 'undefined: the field name would be printed' : JSON.stringify(title)}) and no ${ch === 'x' ? 'column' : 'row'} title of a grid around it`);
    }
  };
  visit(spec, '', {});
  return problems;
}

/** Every font size a spec sets (config and marks, axes, legends, headers), with where. */
export function fontSizes(spec: unknown): { where: string; size: number }[] {
  const out: { where: string; size: number }[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((c, i) => visit(c, `${path}/${i}`));
    if (!isObj(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data') continue;
      if (/fontSize$/i.test(k) && typeof v === 'number') out.push({ where: `${path}/${k}`, size: v });
      else visit(v, `${path}/${k}`);
    }
  };
  visit(spec, '');
  return out;
}

/** Problems with the axes a rendered SVG draws: an axis without a title in a figure without the grid's title for it. */
export function svgAxisProblems(svg: string): string[] {
  const problems: string[] = [];
  const gridTitle = (role: string): string => {
    const at = svg.indexOf(`role-${role}`);
    if (at < 0) return '';
    const m = /aria-label="Title text '([^']*)'"/.exec(svg.slice(at));
    return m ? m[1] : '';
  };
  const rowTitle = gridTitle('row-title');
  const columnTitle = gridTitle('column-title');
  for (const m of svg.matchAll(/aria-label="([XY])-axis( titled '([^']*)')?/g)) {
    const [, axis, , title] = m;
    if (title && title.trim()) continue;
    if (axis === 'X' ? columnTitle : rowTitle) continue;
    problems.push(`${axis}-axis without a title, in a figure without a ${axis === 'X' ? 'column' : 'row'} title`);
  }
  return problems;
}
