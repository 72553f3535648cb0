export * from './fixtures.js';
export * from './learner-contract.js';
export * from './session-contract.js';
export * from './heap-snapshot.js';
