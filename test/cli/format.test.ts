/**
 * The terminal's text primitives (src/cli/format.ts): the width the output may use, display width,
 * word wrapping, tables that wrap their columns or drop them to fit, p-values with bounds.
 */
import { describe, expect, it } from 'vitest';
import { columnsThatFit, displayWidth, outputWidth, pval, table, truncate, wrapLines, wrapText } from '../../src/cli/format.js';

describe('outputWidth: $COLUMNS, else the terminal, else 100', () => {
  it('honours COLUMNS first, then a terminal\'s columns, and is 100 when piped', () => {
    expect(outputWidth({ COLUMNS: '80' }, { isTTY: true, columns: 200 })).toBe(80);
    expect(outputWidth({}, { isTTY: true, columns: 132 })).toBe(132);
    expect(outputWidth({}, { isTTY: false, columns: 132 })).toBe(100);
    expect(outputWidth({}, {})).toBe(100);
    // nonsense in COLUMNS is ignored; a tiny width is raised to what still makes sense
    expect(outputWidth({ COLUMNS: 'wide' }, {})).toBe(100);
    expect(outputWidth({ COLUMNS: '' }, { isTTY: true, columns: 90 })).toBe(90);
    expect(outputWidth({ COLUMNS: '10' }, {})).toBe(40);
  });
});

describe('displayWidth counts display columns, not UTF-16 units', () => {
  it('box drawing, ±, →, superscripts: one column; combining marks: none; CJK: two', () => {
    expect(displayWidth('─────')).toBe(5);
    expect(displayWidth('±5% → η²')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('表')).toBe(2);
    expect(displayWidth('𝑥')).toBe(1); // astral plane, two UTF-16 units
  });
  it('truncate cuts to the width with an ellipsis, and leaves what fits alone', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(displayWidth(truncate('表表表表', 5))).toBeLessThanOrEqual(5);
  });
});

describe('wrapText and wrapLines keep every line within the width', () => {
  it('wraps at spaces with the given first and continuation prefixes', () => {
    expect(wrapText('one two three four five', 12, '  ! ', '    ')).toEqual(['  ! one two', '    three', '    four', '    five']);
    expect(wrapText('one two three four five', 13, '  ! ', '    ')).toEqual(['  ! one two', '    three', '    four five']);
  });
  it('cuts a word longer than a line (file names have no spaces)', () => {
    const lines = wrapText('see citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt now', 20, '', '  ');
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.join('').replace(/ /g, '')).toBe('seecitus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txtnow');
  });
  it('wrapLines leaves lines that fit untouched and indents continuations under their own indentation', () => {
    const text = 'short\n  failed      a-long-file.txt: the run did no useful work at all, nothing';
    const out = wrapLines(text, 40).split('\n');
    expect(out[0]).toBe('short');
    expect(out.every((l) => displayWidth(l) <= 40)).toBe(true);
    expect(out[2].startsWith('              ')).toBe(true);
  });
});

describe('table: aligned, and within the width by wrapping its columns into blocks', () => {
  const rows = [
    ['pair', 'alpha', 'beta', 'gamma', 'delta'],
    ['1 → 2', '1.000', '22.00', '333.0', '4444'],
    ['1 → 3', '-1.00', '-22.0', '-333', '-4444'],
  ];
  it('fits on one block when it can', () => {
    expect(table(rows, ['l', 'r', 'r', 'r', 'r'])).toBe(
      'pair   alpha   beta  gamma  delta\n─────  ─────  ─────  ─────  ─────\n1 → 2  1.000  22.00  333.0   4444\n1 → 3  -1.00  -22.0   -333  -4444\n',
    );
  });
  it('too wide: blocks that each start with the row labels, every line within the width, no cell lost', () => {
    const out = table(rows, ['l', 'r', 'r', 'r', 'r'], { width: 20, indent: '  ' });
    const lines = out.split('\n');
    expect(lines.every((l) => displayWidth(l) <= 20)).toBe(true);
    for (const cell of rows.flat()) expect(out).toContain(cell);
    expect(lines.filter((l) => l.startsWith('  pair')).length).toBeGreaterThan(1);
  });
});

describe('columnsThatFit: drops the least wanted columns first, and says which', () => {
  const rows = [
    ['db', 'n', 'mean', 'median', 'outliers', 'failed'],
    ['cassandra', '30', '60.96', '61.61', '1 iqr, 1 mad, 1 grubbs', '1'],
  ];
  const priority = [Infinity, Infinity, Infinity, 1, 2, 6];
  it('keeps everything that fits', () => {
    expect(columnsThatFit(rows, priority, 200)).toEqual({ keep: [0, 1, 2, 3, 4, 5], dropped: [] });
  });
  it('drops by priority, then puts back a dropped column that fits again', () => {
    // all: 9+2+5+6+22+6 + 5·2 = 60; median (lowest) goes first, then outliers: 28 + 3·2 = 34;
    // median then fits back when 36 columns are allowed
    expect(columnsThatFit(rows, priority, 48)).toEqual({ keep: [0, 1, 2, 3, 5], dropped: ['outliers'] });
    expect(columnsThatFit(rows, priority, 36)).toEqual({ keep: [0, 1, 2, 3, 5], dropped: ['outliers'] });
    expect(columnsThatFit(rows, priority, 35)).toEqual({ keep: [0, 1, 2, 5], dropped: ['median', 'outliers'] });
  });
  it('never drops a column of infinite priority', () => {
    expect(columnsThatFit(rows, priority, 5).keep).toEqual([0, 1, 2]);
  });
});

describe('pval', () => {
  it('an upper bound is shown as such, never as a value', () => {
    expect(pval(NaN, 1e-9)).toBe('< 1e-9');
    expect(pval(3.1e-10)).toBe('3.1e-10');
    expect(pval(0.04321)).toBe('0.0432');
    expect(pval(0)).toBe('< 1e-300');
    expect(pval(undefined)).toBe('–');
  });
});
