/**
 * The read-ahead thread of the loader (see startReadAhead in ./load.ts): reads the files ahead of
 * the threads that parse them, many at once, so that their bytes are in the page cache when those
 * threads read them. What it reads is thrown away; it writes nothing and parses nothing.
 *
 * ```
 * workerData { paths, state, lanes, ahead, maxBytes }
 *   lane ×lanes: i = max(own next, state[FRONTIER]) ──open──read 64 KiB… to EOF or maxBytes──close──► next i
 *   state[FRONTIER]: the first file no parsing thread has taken yet (files before it are theirs)
 *   state[STOP] ≠ 0: every lane ends after its current file
 *   state[READ]: files read so far (opened and read to the end or the limit)
 * ```
 * A file that cannot be opened or read is skipped (the loader reports it when it reads it).
 * The reads go through libuv's thread pool (UV_THREADPOOL_SIZE threads, 4 by default; the CLI sets 16).
 */
import { close, open, read } from 'node:fs';
import { workerData } from 'node:worker_threads';

interface Data {
  paths: string[];
  /** Int32Array on a SharedArrayBuffer: [FRONTIER, STOP, READ]. */
  state: Int32Array;
  /** Reads in flight at once. */
  lanes: number;
  /** At most this many files beyond the frontier are read. */
  ahead: number;
  /** Bytes of a file read at most (the loader's size limit). */
  maxBytes: number;
}

const FRONTIER = 0;
const STOP = 1;
const READ = 2;
const CHUNK = 64 * 1024;
const { paths, state, lanes, ahead, maxBytes } = workerData as Data;
let next = 0;

function lane(buf: Buffer): void {
  if (Atomics.load(state, STOP) !== 0) return;
  const frontier = Atomics.load(state, FRONTIER);
  const i = Math.max(next, frontier);
  if (i >= paths.length) return;
  if (i >= frontier + ahead) {
    // far enough ahead: wait for the parsing threads
    setTimeout(() => lane(buf), 2);
    return;
  }
  next = i + 1;
  open(paths[i], 'r', (err, fd) => {
    if (err) return lane(buf);
    let pos = 0;
    const more = (): void => {
      read(fd, buf, 0, CHUNK, pos, (err2, n) => {
        if (!err2) pos += n;
        if (!err2 && n === CHUNK && pos < maxBytes && Atomics.load(state, STOP) === 0) more();
        else {
          if (!err2) Atomics.add(state, READ, 1);
          close(fd, () => lane(buf));
        }
      });
    };
    more();
  });
}

for (let k = 0; k < lanes; k++) lane(Buffer.allocUnsafe(CHUNK));
