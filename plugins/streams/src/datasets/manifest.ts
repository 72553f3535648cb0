import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TributaryError } from '@tributary/core';
import { datasetsDir } from '../paths.js';

/** One entry of the shared datasets' `manifest.json` (fields as written there). */
export interface SharedDatasetRecord {
  name: string;
  title: string;
  file: string;
  rows: number;
  features: number;
  numeric_features: number;
  nominal_features: number;
  /** Names of the nominal features; a few entries write a phrase such as "all 99 features" instead. */
  nominal_feature_names: string[] | string;
  classes: number;
  class_distribution: Record<string, number>;
  target: string;
  missing_values: number;
  drift: string;
  drift_note?: string;
  source_repo?: string;
  source_path?: string;
  source_commit?: string;
  conversion?: string;
  also_found_in?: string;
  license: string;
  citation: string;
  bytes: number;
  sha256: string;
}

const manifests = new Map<string, SharedDatasetRecord[]>();

/**
 * Reads `manifest.json` of a datasets folder (cached per folder). A folder with
 * no manifest yields an empty list, so a checkout without `../shared` still works.
 */
export function readSharedManifest(dir?: string): SharedDatasetRecord[] {
  const folder = datasetsDir(dir);
  const known = manifests.get(folder);
  if (known) return known;
  const path = join(folder, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    manifests.set(folder, []);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TributaryError('INVALID_DATA', `datasets manifest ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new TributaryError('INVALID_DATA', `datasets manifest ${path} must be a JSON array of datasets`);
  const records = parsed as SharedDatasetRecord[];
  manifests.set(folder, records);
  return records;
}
