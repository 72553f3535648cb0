import { readFileSync } from 'node:fs';
import type { LearnerManifest } from '@tributary/core';
import { plugins as bayes } from '@tributary/naive-bayes';
import { describe, expect, it } from 'vitest';
import { plugins as trees } from './index.js';

type MoaOptions = Record<string, { name: string; default: string }>;

// Option defaults read from MOA itself by bench/moa-reference/generate.mjs.
const generated = JSON.parse(readFileSync(new URL('./testdata/moa-defaults.json', import.meta.url), 'utf8')) as { classes: Record<string, MoaOptions> };

/** Defaults of a class, with those a CLI string overrides (e.g. ARF's `-l "ARFHoeffdingTree -g 50 ..."`). */
function moaDefaults(moaClass: string, overrides = ''): Record<string, string> {
  const options = generated.classes[moaClass];
  expect(options, `MOA class ${moaClass} was not dumped`).toBeDefined();
  const values = Object.fromEntries(Object.entries(options).map(([letter, o]) => [letter, o.default]));
  const tokens = overrides.trim().split(/\s+/).slice(1);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].startsWith('-')) continue;
    const next = tokens[i + 1];
    values[tokens[i].slice(1)] = next !== undefined && !next.startsWith('-') ? next : 'set';
  }
  return values;
}

function expectSameDefault(manifest: LearnerManifest, native: string, moaValue: string | undefined): void {
  const property = manifest.hyperparameters.properties[native];
  const nativeDefault = property.default;
  const where = `${manifest.id}.${native}`;
  expect(moaValue, `${where}: MOA has no such option`).toBeDefined();
  if (property.type === 'boolean') {
    // A MOA flag is off by default when its default CLI string is empty.
    expect(moaValue === '' ? false : true, where).toBe(nativeDefault);
  } else if (property.enum) {
    const translated = manifest.equivalents?.moa?.values?.[native]?.[String(nativeDefault)];
    expect(translated, `${where}: no MOA spelling for ${String(nativeDefault)}`).toBe(moaValue);
  } else {
    expect(Number(moaValue), where).toBe(nativeDefault);
  }
}

const manifests = [...trees, ...bayes].filter((m): m is LearnerManifest => m.kind === 'learner');

describe('manifest defaults equal MOA defaults', () => {
  for (const manifest of manifests) {
    const moa = manifest.equivalents?.moa;
    if (!moa) continue;
    it(`${manifest.id} = ${moa.id}`, () => {
      const moaClass = moa.id.replace(/^moa:/, '');
      // ARF's trees are configured by AdaptiveRandomForest's -l option, which overrides the tree class's own defaults.
      const overrides = manifest.id === 'arf-hoeffding-tree' ? generated.classes['meta.AdaptiveRandomForest'].l.default : '';
      const defaults = moaDefaults(moaClass, overrides);
      for (const [native, letter] of Object.entries(moa.params)) expectSameDefault(manifest, native, defaults[letter]);
      // Options nested in MOA class options (-n, -s) are checked against those classes.
      const properties = manifest.hyperparameters.properties;
      if ('numBins' in properties) expect(properties.numBins.default).toBe(Number(moaDefaults('core.attributeclassobservers.GaussianNumericAttributeClassObserver').n));
      if ('minBranchFraction' in properties) expect(properties.minBranchFraction.default).toBe(Number(moaDefaults('core.splitcriteria.InfoGainSplitCriterion').f));
    });
  }

  it('every MOA option of the trees is either mapped or knowingly absent', () => {
    const known = new Set(['n', 'd']); // observer classes: fixed to MOA's defaults (Gaussian, nominal); numBins covers -n's own option
    for (const manifest of manifests) {
      const moa = manifest.equivalents?.moa;
      if (!moa || !moa.id.startsWith('moa:trees.')) continue;
      const mapped = new Set(Object.values(moa.params));
      const missing = Object.keys(generated.classes[moa.id.replace(/^moa:/, '')]).filter((letter) => !mapped.has(letter) && !known.has(letter));
      // HAT and EFDT leave out options MOA accepts but never acts on (documented in their schemas).
      const inert = manifest.id === 'hoeffding-adaptive-tree' ? ['m', 'e', 'z', 'r', 'q'] : manifest.id === 'efdt' ? ['m', 'e', 'z', 'r', 'l', 'q'] : [];
      expect(missing.filter((l) => !inert.includes(l)), manifest.id).toEqual([]);
    }
  });

});
