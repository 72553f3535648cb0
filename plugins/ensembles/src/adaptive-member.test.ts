import { describe, expect, it } from 'vitest';
import { AdaptiveMember, adaptiveMeasurements } from './adaptive-member.js';

// A drift δ far below the warning δ, so that on an abrupt rise the warning fires a check (32 values) before the drift.
const OPTIONS = { detectDrift: true, useBackground: true, driftDelta: 1e-7, warningDelta: 0.01 };

/** Feeds `count` errors of value `wrong`, spawning numbered models; returns the instance count reached. */
function feed(member: AdaptiveMember<string>, wrong: number, count: number, from: number, spawned: string[]): number {
  for (let i = 0; i < count; i++) member.monitor(wrong, from + i + 1, () => (spawned.push(`m${spawned.length + 1}`), spawned[spawned.length - 1]));
  return from + count;
}

describe('AdaptiveMember', () => {
  it('starts a background model on a warning and swaps it in on the drift that follows', () => {
    const member = new AdaptiveMember('m0', OPTIONS);
    member.recordTest(true, 1);
    member.recordTest(false, 1);
    expect(member.accuracyPercent()).toBe(50);
    const spawned: string[] = [];
    let seen = feed(member, 0, 2000, 0, spawned);
    expect(spawned).toEqual([]);
    // A sustained rise of the error: the looser warning detector fires before the drift detector.
    while (member.drifts === 0 && seen < 10_000) {
      seen = feed(member, 1, 1, seen, spawned);
      if (member.drifts === 0 && member.warnings > 0) expect(member.background).toBe(spawned[spawned.length - 1]);
    }
    expect(member.warnings).toBeGreaterThan(0);
    expect(member.drifts).toBe(1);
    // The current model is the last background one, started at its warning, not a fresh spawn at the drift.
    expect(member.current).toBe(spawned[spawned.length - 1]);
    expect(member.background).toBeNull();
    expect(member.createdOn).toBeLessThan(seen);
    expect(member.createdOn).toBeGreaterThan(2000);
    expect(member.evaluated).toBe(0);
    expect(Number.isNaN(member.accuracyPercent())).toBe(true);
    expect(adaptiveMeasurements([member], seen)).toMatchObject({ members: 1, driftsDetected: 1, backgroundLearners: 0, meanMemberAge: seen - member.createdOn });
  });

  it('replaces the model by a fresh one at the drift when background models are off', () => {
    const member = new AdaptiveMember('m0', { ...OPTIONS, useBackground: false });
    const spawned: string[] = [];
    let seen = feed(member, 0, 2000, 0, spawned);
    while (member.drifts === 0 && seen < 10_000) seen = feed(member, 1, 1, seen, spawned);
    expect(member.warnings).toBe(0);
    expect(spawned).toEqual(['m1']);
    expect(member.current).toBe('m1');
    expect(member.createdOn).toBe(seen);
  });

  it('weights its vote by its accuracy in percent, and by 1 while that is unknown or zero', () => {
    const member = new AdaptiveMember('m0', OPTIONS);
    const vote = new Float64Array([1, 3]);
    const out = new Float64Array(2);
    member.addVote(out, vote, 2, true);
    expect(Array.from(out)).toEqual([0.25, 0.75]);
    for (const correct of [true, true, true, false]) member.recordTest(correct, 1);
    out.fill(0);
    member.addVote(out, vote, 2, true);
    expect(Array.from(out)).toEqual([18.75, 56.25]);
    out.fill(0);
    member.addVote(out, vote, 2, false);
    expect(Array.from(out)).toEqual([0.25, 0.75]);
  });
});
