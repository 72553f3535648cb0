import { describe, expect, it } from 'vitest';
import { TributaryError } from '@tributary/core';
import { ADWIN, ADWINChangeDetector, adwinManifest } from './adwin.js';
import { bernoulliStream, detectionPositions } from './test-streams.js';

describe('ADWIN', () => {
  it('detects a rise of the error rate soon after it happens', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const values = bernoulliStream(3000, 1000, 0.2, 0.8, seed);
      const positions = detectionPositions(new ADWIN(), values);
      const first = positions.find((p) => p >= 1000);
      expect(positions.filter((p) => p < 1000)).toEqual([]);
      expect(first).toBeDefined();
      expect(first! - 1000).toBeLessThan(100);
    }
  });

  it('raises no drift on a stationary stream of 10,000', () => {
    for (const seed of [11, 12, 13]) {
      const values = bernoulliStream(10_000, 10_000, 0.3, 0.3, seed);
      const adwin = new ADWIN();
      expect(detectionPositions(adwin, values)).toEqual([]);
      expect(adwin.width).toBe(10_000);
    }
  });

  it('shrinks its window after the change and estimates the mean of the kept window', () => {
    const values = bernoulliStream(2000, 1000, 0.2, 0.8, 7);
    const adwin = new ADWIN();
    for (let i = 0; i < 1200; i++) adwin.update(values[i]);
    expect(adwin.width).toBeLessThan(400);
    expect(adwin.width).toBeGreaterThan(0);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 1200 - adwin.width; i < 1200; i++) {
      sum += values[i];
      sumSquares += values[i] * values[i];
    }
    const mean = sum / adwin.width;
    expect(adwin.estimation).toBeCloseTo(mean, 10);
    expect(adwin.variance).toBeCloseTo(sumSquares / adwin.width - mean * mean, 8);
    expect(adwin.estimation).toBeGreaterThan(0.6);
  });

  it('keeps width, sum and variance exact on real values without a change', () => {
    const adwin = new ADWIN({ delta: 1e-9 });
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < 5000; i++) {
      const v = Math.sin(i) * 3 + 1;
      adwin.update(v);
      sum += v;
      sumSquares += v * v;
    }
    expect(adwin.width).toBe(5000);
    expect(adwin.sum).toBeCloseTo(sum, 8);
    expect(adwin.variance).toBeCloseTo(sumSquares / 5000 - (sum / 5000) ** 2, 8);
    // memory grows logarithmically: far fewer buckets than items
    expect(adwin.sizeInBytes()).toBeLessThan(5000);
  });

  it('detects decreases too, which the change-detector wrapper ignores', () => {
    const values = bernoulliStream(3000, 1000, 0.8, 0.2, 3);
    const raw = detectionPositions(new ADWIN(), values);
    const wrapped = detectionPositions(new ADWINChangeDetector(), values);
    expect(raw.some((p) => p >= 1000)).toBe(true);
    expect(wrapped).toEqual([]);
    const rising = bernoulliStream(3000, 1000, 0.2, 0.8, 3);
    expect(detectionPositions(new ADWINChangeDetector(), rising).some((p) => p >= 1000 && p < 1100)).toBe(true);
  });

  it('a smaller delta detects later or never earlier', () => {
    const values = bernoulliStream(3000, 1000, 0.3, 0.5, 21);
    const loose = detectionPositions(new ADWIN({ delta: 0.1 }), values).find((p) => p >= 1000) ?? Infinity;
    const strict = detectionPositions(new ADWIN({ delta: 1e-6 }), values).find((p) => p >= 1000) ?? Infinity;
    expect(strict).toBeGreaterThanOrEqual(loose);
  });

  it('clone and reset give an unlearned detector with the same parameters', () => {
    const adwin = new ADWIN({ delta: 0.01 });
    for (let i = 0; i < 100; i++) adwin.update(i % 2);
    const copy = adwin.clone();
    expect(copy.width).toBe(0);
    expect(copy.params.delta).toBe(0.01);
    adwin.reset();
    expect(adwin.width).toBe(0);
    expect(adwin.estimation).toBe(0);
  });

  it('rejects invalid hyperparameters with a coded error', () => {
    expect(() => adwinManifest.create({ delta: 0 })).toThrow(TributaryError);
    expect(() => adwinManifest.create({ clock: 1.5 })).toThrow(/clock/);
    expect(() => adwinManifest.create({ bogus: 1 })).toThrow(/unknown hyperparameter/);
  });
});
