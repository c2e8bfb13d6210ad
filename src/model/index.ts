export * from './run.js';
export * from './summary.js';
export * from './inventory.js';
