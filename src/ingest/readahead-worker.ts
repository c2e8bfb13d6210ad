/**
 * The read-ahead thread of the loader (see startReadAhead in ./load.ts): reads the files ahead of
 * the threads that parse them, several at once, so that their bytes are in the page cache when
 * those threads read them. What it reads is thrown away; it writes nothing and parses nothing.
 *
 * ```
 * workerData { paths, state, lanes, ahead, aheadBytes, maxBytes }
 *   lane ×lanes: i = max(own next, state[FRONTIER])
 *     ──open (non-blocking)──fstat: a regular file of at most maxBytes?──read 64 KiB… to EOF──close──► next i
 *   state[FRONTIER]: the first file no parsing thread has taken yet (files before it are theirs)
 *   a lane waits (one shared timer) while it is `ahead` files or `aheadBytes` bytes beyond the frontier
 *   state[STOP] ≠ 0: every lane ends after its current read, closing its file; the thread then exits
 *   state[READ]: files read so far (to their end)
 * ```
 * A file that cannot be opened or read, is not a regular file or is over the loader's size limit is
 * skipped (the loader reports it when it reads it). The reads go through libuv's thread pool, shared
 * with the rest of the process: `lanes` is kept to about twice its size.
 */
import { close, constants, fstat, open, read } from 'node:fs';
import { workerData } from 'node:worker_threads';

interface Data {
  paths: string[];
  /** Int32Array on a SharedArrayBuffer: [FRONTIER, STOP, READ]. */
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

const FRONTIER = 0;
const STOP = 1;
const READ = 2;
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

function lane(buf: Buffer): void {
  if (Atomics.load(state, STOP) !== 0) return;
  const frontier = Atomics.load(state, FRONTIER);
  for (; counted < frontier && counted < paths.length; counted++) bytesAhead -= sizes[counted];
  const i = Math.max(next, frontier);
  if (i >= paths.length) return;
  if (i >= frontier + ahead || bytesAhead >= aheadBytes) return wait(buf);
  next = i + 1;
  open(paths[i], FLAGS, (err, fd) => {
    if (err) return lane(buf);
    const done = (): void => close(fd, () => lane(buf));
    fstat(fd, (err1, st) => {
      if (err1 || !st.isFile() || st.size > maxBytes) return done();
      let pos = 0;
      const more = (): void => {
        read(fd, buf, 0, CHUNK, pos, (err2, n) => {
          if (err2) return done();
          pos += n;
          if (i >= counted) {
            sizes[i] += n;
            bytesAhead += n;
          }
          if (n === CHUNK && pos < maxBytes && Atomics.load(state, STOP) === 0) return more();
          if (n < CHUNK) Atomics.add(state, READ, 1);
          done();
        });
      };
      more();
    });
  });
}

for (let k = 0; k < lanes; k++) lane(Buffer.allocUnsafe(CHUNK));
