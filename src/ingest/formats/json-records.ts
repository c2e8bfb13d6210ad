/**
 * YCSB's JSON exporters (site.ycsb.measurements.exporter.JSONMeasurementsExporter and
 * JSONArrayMeasurementsExporter): Jackson objects `{ "metric" : "READ", "measurement" :
 * "AverageLatency(us)", "value" : 123.4 }`, pretty-printed one key per line, inside an array
 * (`[ {` … `} ]`) or as a sequence of root objects (old com.yahoo.ycsb exporter). Jackson quotes
 * non-finite numbers by default (`"value" : "NaN"`).
 *
 * A line-by-line key scanner rather than JSON.parse, so that the records can be mixed with
 * other output and still carry their line numbers, and a cut file still yields what it holds.
 *
 * Pure: no I/O.
 */

export interface JsonRecord {
  metric: string;
  measurement: string;
  /** The value as text (a number, or the content of a quoted string such as "NaN"). */
  value: string;
  /** 1-based line of the "value" key. */
  line: number;
}

export interface JsonScanState {
  metric?: string;
  measurement?: string;
  value?: string;
  valueLine?: number;
}

/** Quick test: can this line carry one of the exporter's keys? */
export function mayHoldJsonKey(line: string): boolean {
  return line.indexOf('"metric"') >= 0 || line.indexOf('"measurement"') >= 0 || line.indexOf('"value"') >= 0;
}

function readString(line: string, q: number): { text: string; end: number } | undefined {
  let out = '';
  let i = q + 1;
  let from = i;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 92 /* \ */) {
      out += line.slice(from, i);
      const n = line[i + 1];
      out += n === 'n' ? '\n' : n === 't' ? '\t' : (n ?? '');
      i += 2;
      from = i;
      continue;
    }
    if (c === 34 /* " */) return { text: out + line.slice(from, i), end: i + 1 };
    i++;
  }
  return undefined;
}

/** Scan one line; calls `emit` for every record completed on it. Never throws. */
export function scanJsonLine(
  line: string,
  lineNo: number,
  state: JsonScanState,
  emit: (r: JsonRecord) => void,
): void {
  let i = 0;
  while (i < line.length) {
    const q = line.indexOf('"', i);
    if (q < 0) return;
    const key = readString(line, q);
    if (!key) return;
    let j = key.end;
    while (j < line.length && line.charCodeAt(j) === 32) j++;
    if (line.charCodeAt(j) !== 58 /* : */) {
      i = key.end;
      continue;
    }
    j++;
    while (j < line.length && line.charCodeAt(j) === 32) j++;
    let value: string;
    if (line.charCodeAt(j) === 34) {
      const s = readString(line, j);
      if (!s) return;
      value = s.text;
      i = s.end;
    } else {
      let e = j;
      while (e < line.length) {
        const c = line.charCodeAt(e);
        if (c === 44 || c === 125 || c === 93 || c === 32 || c === 9) break;
        e++;
      }
      value = line.slice(j, e);
      i = e;
    }
    if (key.text === 'metric') state.metric = value;
    else if (key.text === 'measurement') state.measurement = value;
    else if (key.text === 'value') {
      state.value = value;
      state.valueLine = lineNo;
    } else continue;
    if (state.metric !== undefined && state.measurement !== undefined && state.value !== undefined) {
      emit({ metric: state.metric, measurement: state.measurement, value: state.value, line: state.valueLine ?? lineNo });
      state.metric = undefined;
      state.measurement = undefined;
      state.value = undefined;
      state.valueLine = undefined;
    }
  }
}
