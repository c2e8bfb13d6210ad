/**
 * The slots of the Int32Array (on a SharedArrayBuffer) through which the loader (./readahead.ts)
 * and its read-ahead thread (./readahead-worker.ts) talk.
 */
export const READAHEAD_STATE = {
  /** Written by the loader: the first file no parsing thread has taken yet. */
  FRONTIER: 0,
  /** Written by the loader: non-zero asks the thread to stop. */
  STOP: 1,
  /** Written by the thread: files read to their size so far. */
  READ: 2,
  /** Written by the thread: 1 once its code runs. */
  RUNNING: 3,
  /** Number of slots. */
  SLOTS: 4,
} as const;
