import type { DatasetEntry } from './catalogue.js';

/**
 * Large standard streams not in the shared folder, downloaded on demand by
 * `fetchDataset` into the cache. Checksums are given only where one was verified.
 */
export const FETCH_ONLY_DATASETS: DatasetEntry[] = [];
