/**
 * ycsb-analyze as a library. The CLI is built on exactly these functions.
 */
export * from './model/index.js';
