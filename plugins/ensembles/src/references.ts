/** Bibliography keys (docs/bibliography.md) cited by this package's manifests. */
export const REFERENCES = {
  ozaBagging: 'oza2001bagging',
  leveragingBagging: 'bifet2010leveraging',
  adaptiveRandomForest: 'gomes2017arf',
  streamingRandomPatches: 'gomes2019srp',
  dynamicWeightedMajority: 'kolter2007dwm',
  adwinBagging: 'bifet2009adwinbag',
  adwin: 'bifet2007adwin',
} as const;

/** Version of every manifest in this package. */
export const ENSEMBLES_VERSION = '0.1.0';
