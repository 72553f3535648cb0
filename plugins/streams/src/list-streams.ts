import { listDatasets } from './datasets/catalogue.js';
import { GENERATORS } from './generators/definitions.js';
import { SUITE } from './suite.js';

/** One row of `tributary list streams`. */
export interface StreamListing {
  id: string;
  kind: 'dataset' | 'fetch-only dataset' | 'generator' | 'suite';
  rows?: number;
  features?: number;
  classes?: number;
  drift?: string;
  description: string;
}

/** Every stream a spec can name: datasets (shared, then fetch-only), generators, suite scenarios. */
export async function listStreams(options: { datasetsDir?: string } = {}): Promise<StreamListing[]> {
  const datasets: StreamListing[] = listDatasets(options).map((d) => ({
    id: d.name,
    kind: d.availability === 'shared' ? 'dataset' : 'fetch-only dataset',
    rows: d.rows,
    features: d.features,
    classes: d.classes,
    drift: d.drift,
    description: d.title,
  }));
  const generators: StreamListing[] = GENERATORS.map((g) => ({
    id: g.id,
    kind: 'generator',
    description: `${g.description}. Parameters: ${Object.entries(g.hyperparameters.properties).map(([n, p]) => `${n}=${JSON.stringify(p.default)}`).join(', ')}`,
  }));
  const suite: StreamListing[] = SUITE.map((s) => ({ id: `suite:${s.name}`, kind: 'suite', rows: s.instances, drift: s.tags.join(', '), description: `${s.description} — ${s.spec}` }));
  return [...datasets, ...generators, ...suite];
}
