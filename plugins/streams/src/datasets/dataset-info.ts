import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TributaryError } from '@tributary/core';
import { datasetsDir } from '../paths.js';
import { findDataset, listDatasets, type DatasetInfo } from './catalogue.js';
import { downloadsDir } from './fetch-dataset.js';

/** Locates a catalogue entry's file. */
function locate(entry: ReturnType<typeof listDatasets>[number], options: { datasetsDir?: string; cacheDir?: string }): DatasetInfo {
  const path = entry.availability === 'shared' ? join(datasetsDir(options.datasetsDir), entry.file) : join(downloadsDir(options.cacheDir), entry.file);
  return { ...entry, path, present: existsSync(path) };
}

/** Metadata of one dataset (rows, features, classes, drift, source, licence, citation) and where its file is. */
export function datasetInfo(name: string, options: { datasetsDir?: string; cacheDir?: string } = {}): DatasetInfo {
  const entry = findDataset(name, options);
  if (!entry) {
    const names = listDatasets(options).map((d) => d.name);
    throw new TributaryError('INVALID_SPEC', `unknown dataset "${name}"; known: ${names.join(', ')}`);
  }
  return locate(entry, options);
}

/** Every dataset with where its file is. */
export function listDatasetInfos(options: { datasetsDir?: string; cacheDir?: string } = {}): DatasetInfo[] {
  return listDatasets(options).map((d) => locate(d, options));
}
