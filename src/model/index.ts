export * from './run.js';
export * from './summary.js';
export * from './inventory.js';
export * from './hash.js';
export * from './experiment.js';
export * from './plan.js';
export * from './provenance.js';
