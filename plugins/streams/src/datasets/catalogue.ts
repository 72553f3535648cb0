import { readSharedManifest, type SharedDatasetRecord } from './manifest.js';
import { FETCH_ONLY_DATASETS } from './fetch-only.js';

/** Kind of concept drift known for a dataset. */
export type DriftKind = 'none' | 'unknown' | 'abrupt' | 'gradual' | 'incremental' | 'recurring' | 'mixed';

/** A real dataset of the catalogue: shared (present in the datasets folder) or fetch-only (downloaded on demand). */
export interface DatasetEntry {
  name: string;
  title: string;
  /** `shared`: in the datasets folder; `fetch`: downloaded into the cache by `fetchDataset`. */
  availability: 'shared' | 'fetch';
  /** File name (in the datasets folder, or in the cache once fetched). */
  file: string;
  format: 'csv' | 'arff';
  rows?: number;
  features?: number;
  numericFeatures?: number;
  nominalFeatures?: number;
  /** Columns read as nominal (for CSV files); `all` = every feature. */
  nominalFeatureNames?: string[] | 'all';
  classes?: number;
  /** Instances per class label, when known. */
  classDistribution?: Record<string, number>;
  /** Name of the class column. */
  target?: string;
  /** Column names of a CSV file without a header row. */
  columns?: string[];
  missingValues?: number;
  drift: DriftKind;
  driftNote?: string;
  /** Where the data comes from (repository and path, or web page). */
  source: string;
  license: string;
  citation: string;
  /** Public URL of the file (fetch-only entries). */
  url?: string;
  /** sha256 of the file, when known. */
  sha256?: string;
  /** Size of the file in bytes, when known. */
  bytes?: number;
}

/** Nominal columns of a manifest entry; the phrase "all N features" means every feature. */
function nominalNames(r: SharedDatasetRecord): string[] | 'all' {
  if (Array.isArray(r.nominal_feature_names)) return r.nominal_feature_names;
  return r.nominal_features === r.features ? 'all' : [];
}

function fromShared(r: SharedDatasetRecord): DatasetEntry {
  return {
    name: r.name,
    title: r.title,
    availability: 'shared',
    file: r.file,
    format: /\.arff(\.gz)?$/i.test(r.file) ? 'arff' : 'csv',
    rows: r.rows,
    features: r.features,
    numericFeatures: r.numeric_features,
    nominalFeatures: r.nominal_features,
    nominalFeatureNames: nominalNames(r),
    classes: r.classes,
    classDistribution: r.class_distribution,
    target: r.target,
    missingValues: r.missing_values,
    drift: (['none', 'unknown', 'abrupt', 'gradual', 'incremental', 'recurring', 'mixed'].includes(r.drift) ? r.drift : 'unknown') as DriftKind,
    driftNote: r.drift_note,
    source: r.source_repo ? `github:${r.source_repo}${r.source_path ? ` : ${r.source_path}` : ''}${r.source_commit ? ` @ ${r.source_commit.slice(0, 12)}` : ''}` : 'unknown',
    license: r.license,
    citation: r.citation,
    sha256: r.sha256,
    bytes: r.bytes,
  };
}

/**
 * Every real dataset: the shared ones of the datasets folder's manifest, then the
 * fetch-only ones (a shared entry wins when both have a name).
 */
export function listDatasets(options: { datasetsDir?: string } = {}): DatasetEntry[] {
  const shared = readSharedManifest(options.datasetsDir).map(fromShared);
  const names = new Set(shared.map((d) => d.name));
  return [...shared, ...FETCH_ONLY_DATASETS.filter((d) => !names.has(d.name))];
}

/** The catalogue entry of a dataset name (case-insensitive), or undefined. */
export function findDataset(name: string, options: { datasetsDir?: string } = {}): DatasetEntry | undefined {
  const wanted = name.toLowerCase();
  return listDatasets(options).find((d) => d.name.toLowerCase() === wanted);
}

/** A catalogue entry with where its file is and whether it is there. */
export interface DatasetInfo extends DatasetEntry {
  /** Where the file is (shared folder) or would be (cache). */
  path: string;
  /** Whether the file is present. */
  present: boolean;
}
