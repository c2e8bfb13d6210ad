/**
 * The read-ahead thread of the loader (see startReadAhead in ./readahead.ts): reads the files ahead
 * of the threads that parse them, several at once, so that their bytes are in the page cache when
 * those threads read them. What it reads is thrown away; it writes nothing and parses nothing.
 *
 * ```
 * workerData { paths, state, lanes, ahead, aheadBytes, maxBytes }
 *   state[RUNNING] = 1 once this code runs
 *   lane ×lanes: i = max(own next, state[FRONTIER]) (or a file put back, below)
 *     ──open (non-blocking)──fstat: a regular file of at most maxBytes, not yet taken?
 *     ──its size fits in the byte budget? (else put back; wait)──read 64 KiB… to that size──close──► next i
 *   state[FRONTIER]: the first file no parsing thread has taken yet (files before it are theirs)
 *   a lane waits (one shared timer) while it is `ahead` files or `aheadBytes` bytes (files started,
 *     counted whole) beyond the frontier
 *   state[STOP] ≠ 0: every lane ends after its current read, closing its file; the thread then exits
 *   state[READ]: files read so far (to their size)
 * ```
 * A file that cannot be opened or read, is not a regular file or is over the loader's size limit is
 * skipped (the loader reports it when it reads it). The reads go through libuv's thread pool, shared
 * with the rest of the process: `lanes` is kept to about twice its size.
 */
import { close, constants, fstat, open, read } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { READAHEAD_STATE } from './readahead-state.js';

interface Data {
  paths: string[];
  /** Int32Array on a SharedArrayBuffer, slots READAHEAD_STATE (./readahead-state.ts). */
  state: Int32Array;
  /** Reads in flight at once. */
  lanes: number;
  /** At most this many files beyond the frontier are read… */
  ahead: number;
  /** …and at most about this many bytes (the page cache they fill must hold them until parsed). */
  aheadBytes: number;
  /** Files larger than this are not read (the loader does not read them either). */
  maxBytes: number;
}

const { FRONTIER, STOP, READ, RUNNING } = READAHEAD_STATE;
const CHUNK = 64 * 1024;
// O_NONBLOCK: opening a FIFO put in place of a file after discovery must not block a pool thread
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const { paths, state, lanes, ahead, aheadBytes, maxBytes } = workerData as Data;

let next = 0;
/** Bytes read of each file at or beyond `counted` (files before it are behind the frontier). */
const sizes = new Float64Array(paths.length);
let counted = 0;
let bytesAhead = 0;

/** Lanes waiting for the frontier to move, woken together by one timer. */
const waiting: Buffer[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
function wait(buf: Buffer): void {
  waiting.push(buf);
  timer ??= setTimeout(() => {
    timer = undefined;
    for (const b of waiting.splice(0)) lane(b);
  }, 5);
}

/** Files put back because they did not fit in the byte budget, largest index first. */
const retry: number[] = [];

function lane(buf: Buffer): void {
  if (Atomics.load(state, STOP) !== 0) return;
  const frontier = Atomics.load(state, FRONTIER);
  for (; counted < frontier && counted < paths.length; counted++) bytesAhead -= sizes[counted];
  while (retry.length > 0 && retry[retry.length - 1] < frontier) retry.pop();
  const again = retry.length > 0;
  const i = again ? retry[retry.length - 1] : Math.max(next, frontier);
  if (i >= paths.length) return;
  if (i >= frontier + ahead || bytesAhead >= aheadBytes) return wait(buf);
  if (again) retry.pop();
  else next = i + 1;
  open(paths[i], FLAGS, (err, fd) => {
    if (err) return lane(buf);
    const done = (): void => close(fd, () => lane(buf));
    fstat(fd, (err1, st) => {
      // not a regular file, over the size limit, or taken by a parsing thread meanwhile: not read
      if (err1 || !st.isFile() || st.size > maxBytes || i < counted) return done();
      // the whole file is counted against the budget before it is read (a lane reads it to the
      // end): one that does not fit waits, unless nothing else is ahead
      if (bytesAhead > 0 && bytesAhead + st.size > aheadBytes) {
        retry.push(i);
        retry.sort((a, b) => b - a);
        return close(fd, () => wait(buf));
      }
      sizes[i] = st.size;
      bytesAhead += st.size;
      let pos = 0;
      const more = (): void => {
        read(fd, buf, 0, CHUNK, pos, (err2, n) => {
          if (err2) return done();
          pos += n;
          // to the size fstat gave (a file that grows meanwhile is not followed)
          if (n === CHUNK && pos < st.size && Atomics.load(state, STOP) === 0) return more();
          if (n < CHUNK || pos >= st.size) Atomics.add(state, READ, 1);
          done();
        });
      };
      if (st.size === 0) {
        Atomics.add(state, READ, 1);
        return done();
      }
      more();
    });
  });
}

Atomics.store(state, RUNNING, 1);
for (let k = 0; k < lanes; k++) lane(Buffer.allocUnsafe(CHUNK));
