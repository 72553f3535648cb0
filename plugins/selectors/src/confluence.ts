import { normalizeLearnerSpec, Random, resolveHyperparameters, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { ADWINChangeDetector } from '@tributary/drift-detectors';
import type { Candidate } from './candidate.js';
import { SELECTORS_VERSION } from './defaults.js';
import { candidatesHyperparameter, PoolSelector } from './pool-selector.js';
import { RecentBuffer } from './recent-buffer.js';
import { configurationText, mutateConfiguration, rangesOf, type Configuration, type LearnerSpace } from './search-space.js';

/**
 * Confluence's default pool: one or two learners from every family, ensembles
 * included. kNN keeps a 500-instance window (half the default): on the tuning
 * streams that cost half as much with the same accuracy (docs/automl.md).
 */
export const CONFLUENCE_DEFAULT_POOL: LearnerSpec[] = [
  'no-change',
  'naive-bayes',
  'hoeffding-tree',
  'hoeffding-adaptive-tree',
  'efdt',
  'softmax-regression',
  'knn(limit=500)',
  'arf(ensembleSize=10)',
  'leveraging-bag(ensembleSize=5)',
];

export type ConfluenceParams = {
  pool: LearnerSpec[];
  maxCandidates: number;
  fadingFactor: number;
  windowSize: number;
  vote: boolean;
  voteSize: number;
  voteTemperature: number;
  racing: boolean;
  raceInterval: number;
  raceConfidence: number;
  minRaceInstances: number;
  driftReaction: boolean;
  driftConfidence: number;
  warmStart: boolean;
  bufferSize: number;
  maxChallengers: number;
  frozenParams: string[];
  maxCost: number;
  driftCopies: number;
  scoreFraction: number;
  reviveFamilies: boolean;
};

const ID = 'confluence';
const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pool: candidatesHyperparameter(CONFLUENCE_DEFAULT_POOL, 'Initial candidates, across families; any registered learner spec.'),
    maxCandidates: { type: 'integer', default: 10, minimum: 1, maximum: 100, description: 'Most candidates alive at once (bounds memory; maxCost bounds compute).' },
    fadingFactor: { type: 'number', default: 0.998, exclusiveMinimum: 0, maximum: 1, description: 'Fading factor of each candidate’s prequential accuracy (0.998 ≈ the last 500 instances).' },
    windowSize: { type: 'integer', default: 1000, minimum: 10, description: 'Window of the accuracy used for racing bounds.' },
    vote: { type: 'boolean', default: true, description: 'Predict with a performance-weighted vote of the leading candidates (false: the leader alone).' },
    voteSize: { type: 'integer', default: 3, minimum: 1, maximum: 100, description: 'Leading candidates that vote.' },
    voteTemperature: { type: 'number', default: 0.02, exclusiveMinimum: 0, description: 'Vote weight exp((accuracy − best)/temperature): smaller trusts the leader more.' },
    racing: { type: 'boolean', default: true, description: 'Retire candidates whose accuracy is clearly below the leader’s and try challengers near the leader.' },
    raceInterval: { type: 'integer', default: 500, minimum: 1, description: 'Instances between racing rounds.' },
    raceConfidence: { type: 'number', default: 0.01, exclusiveMinimum: 0, maximum: 1, description: 'δ of the Hoeffding bounds compared in racing.' },
    minRaceInstances: { type: 'integer', default: 1000, minimum: 1, description: 'Instances a candidate learns before it can be retired.' },
    driftReaction: { type: 'boolean', default: true, description: 'Watch the leader’s errors with ADWIN; on drift, add fresh copies of the leading candidates.' },
    driftConfidence: { type: 'number', default: 0.002, exclusiveMinimum: 0, maximum: 1, description: 'δ of the ADWIN watching the leader.' },
    warmStart: { type: 'boolean', default: true, description: 'Train newcomers on recent instances before they join (after drift: those since the change).' },
    bufferSize: { type: 'integer', default: 1000, minimum: 0, maximum: 100_000, description: 'Recent instances kept for warm starts.' },
    maxChallengers: { type: 'integer', default: 2, minimum: 0, maximum: 100, description: 'Challengers (mutants of the leader) alive at once; a new one joins only when racing has freed a place.' },
    maxCost: { type: 'number', default: 20, minimum: 1, description: 'Compute budget: the most the pool may cost in all, a candidate costing its ensembleSize (base models trained per instance) or 1. The initial pool is kept whole; a drift copy makes room by retiring the worst candidates old enough to be raced; a challenger only takes budget racing has freed.' },
    scoreFraction: { type: 'number', default: 0.5, exclusiveMinimum: 0, maximum: 1, description: 'Share of the instances on which candidates outside the vote predict and are scored (each draws its own); every candidate still learns every instance.' },
    driftCopies: { type: 'integer', default: 2, minimum: 0, maximum: 100, description: 'Leading candidates copied afresh when the leader’s errors drift.' },
    reviveFamilies: { type: 'boolean', default: true, description: 'Bring back, within the budget, the initial configuration of every family racing has retired entirely, warm-started from the buffer. After its k-th retirement a family waits minRaceInstances × 4^k instances, then is safe from racing for minRaceInstances × 2^k; a drift on the leader’s errors resets k to 0.' },
    frozenParams: { type: 'array', items: { type: 'string' }, default: ['ensembleSize'], description: 'Hyperparameters challengers inherit unchanged from the leader: the ones that set a candidate’s cost, which the pool fixes rather than searches.' },
  },
};

/**
 * Confluence: Tributary's model-selection classifier. A diverse pool of learners
 * is scored prequentially with fading accuracy; the leaders vote with weights
 * that fall exponentially with their distance to the best; racing retires the
 * clearly worse and spends their budget on challengers mutated from the leader;
 * drift on the leader's errors brings in fresh copies of the leaders trained on
 * the instances since the change. A compute budget (base models per instance)
 * bounds what newcomers may add, and candidates outside the vote are scored on
 * a sample of the instances only.
 */
export class Confluence extends PoolSelector<ConfluenceParams> {
  private readonly random: Random;
  private readonly detector: ADWINChangeDetector;
  private readonly buffer: RecentBuffer;
  private readonly configurations = new Map<Candidate, Configuration>();
  private readonly challengers = new Set<Candidate>();
  private readonly costs = new Map<Candidate, number>();
  private ranked: Candidate[] = [];
  /** Fading factor of candidates scored on a sample (see scoreFraction). */
  private readonly sampledFading: number;
  private drifts = 0;
  private retired = 0;
  /** The initial pool's configurations, which family revival brings back. */
  private readonly initial: Configuration[];
  /** Per initial configuration: retirements of its whole family so far, and when it may come back. */
  private readonly revivalWaits: { retirements: number; eligibleAt: number }[];
  /** Revived candidates still on trial (safe from racing), and when each trial ends. */
  private readonly trials = new Map<Candidate, number>();
  private revivals = 0;
  /** Where the last detected change began (warm starts replay no further back). */
  private changeAt = 0;

  constructor(params: Partial<ConfluenceParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.random = new Random(context.seed);
    this.detector = new ADWINChangeDetector({ delta: this.params.driftConfidence });
    this.buffer = new RecentBuffer(this.params.bufferSize, context.schema.numFeatures);
    this.sampledFading = Math.pow(this.params.fadingFactor, 1 / Math.min(1, this.params.scoreFraction));
    this.initial = this.params.pool.slice(0, this.params.maxCandidates).map((spec) => normalizeLearnerSpec(spec));
    this.revivalWaits = this.initial.map(() => ({ retirements: 0, eligibleAt: 0 }));
    for (const configuration of this.initial) this.join(configuration, 0);
    this.ranked = [...this.pool];
  }

  private join(configuration: Configuration, warmInstances: number): Candidate {
    const candidate = this.spawn(configuration, this.params.windowSize);
    if (this.params.warmStart && warmInstances > 0) this.buffer.replay(warmInstances, (x, y) => candidate.learner.learnOne(x, y, 1));
    this.configurations.set(candidate, configuration);
    this.costs.set(candidate, this.costOf(configuration));
    this.pool.push(candidate);
    return candidate;
  }

  private retire(candidate: Candidate): void {
    const family = this.configurations.get(candidate)!.id;
    this.pool = this.pool.filter((c) => c !== candidate);
    this.ranked = this.ranked.filter((c) => c !== candidate);
    this.configurations.delete(candidate);
    this.costs.delete(candidate);
    this.challengers.delete(candidate);
    this.trials.delete(candidate);
    this.retired++;
    if (this.hasFamily(family)) return;
    // The family is gone. Waits grow faster than trials, so a family that keeps losing
    // is tried on an ever smaller share of the stream.
    this.initial.forEach((configuration, i) => {
      if (configuration.id !== family) return;
      const wait = this.revivalWaits[i];
      wait.retirements++;
      wait.eligibleAt = this.seen + this.params.minRaceInstances * 4 ** wait.retirements;
    });
  }

  private hasFamily(id: string): boolean {
    for (const configuration of this.configurations.values()) if (configuration.id === id) return true;
    return false;
  }

  /** Instances a revived family replays: the buffer, but nothing from before the last detected change. */
  private warmInstances(): number {
    return Math.min(this.buffer.count, this.seen - this.changeAt);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    const k = this.numClasses;
    const leader = this.ranked[0];
    const voters = this.voters();
    const ranked = this.ranked;
    for (let i = 0; i < ranked.length; i++) {
      const c = ranked[i];
      // Voters are scored on every instance; the others on a random share of them, with the
      // fading factor raised so that their accuracy covers the same stretch of the stream.
      if (i < voters) {
        this.predictWith(c, x, k);
        c.score(y, this.params.fadingFactor);
      } else if (this.params.scoreFraction >= 1 || this.random.nextDouble() < this.params.scoreFraction) {
        this.predictWith(c, x, k);
        c.score(y, this.sampledFading);
      }
      c.learner.learnOne(x, y, weight);
    }
    this.buffer.push(x, y);
    this.seen++;
    this.invalidate();
    this.rank();
    if (this.params.driftReaction && leader && this.detector.update(leader.predicted === y ? 0 : 1)) this.reactToDrift();
    if (this.params.racing && this.seen % this.params.raceInterval === 0) this.race();
  }

  private rank(): void {
    const ranked = this.ranked.length === this.pool.length ? this.ranked : [...this.pool];
    // Insertion sort: the order changes little between instances.
    for (let i = 1; i < ranked.length; i++) {
      const c = ranked[i];
      let j = i - 1;
      while (j >= 0 && ranked[j].fadingAccuracy < c.fadingAccuracy) {
        ranked[j + 1] = ranked[j];
        j--;
      }
      ranked[j + 1] = c;
    }
    this.ranked = ranked;
  }

  private reactToDrift(): void {
    this.drifts++;
    const since = Math.max(1, Math.floor(this.detector.width));
    this.changeAt = this.seen - since;
    // A new concept may suit a family retired under the old one: it may come back from the next round.
    for (const wait of this.revivalWaits) {
      wait.retirements = 0;
      wait.eligibleAt = this.seen;
    }
    // Configurations first: making room may retire one of the leaders themselves.
    const configurations = this.ranked.slice(0, this.params.driftCopies).map((leader) => this.configurations.get(leader)!);
    for (const configuration of configurations) if (this.makeRoom(this.costOf(configuration))) this.join(configuration, since);
    this.ranked = [...this.pool];
    this.rank();
  }

  /**
   * Retires the worst candidates old enough to be raced (never the leader) until a
   * newcomer of cost `cost` fits both bounds; retires nothing when it cannot fit.
   */
  private makeRoom(cost: number): boolean {
    let total = this.poolCost() + cost;
    let count = this.pool.length + 1;
    const victims: Candidate[] = [];
    for (let i = this.ranked.length - 1; i > 0 && (total > this.params.maxCost || count > this.params.maxCandidates); i--) {
      const c = this.ranked[i];
      // Revived candidates on trial may go: a drift copy of a leader matters more than exploration.
      if (this.seen - c.bornAt < this.params.minRaceInstances) continue;
      victims.push(c);
      total -= this.costs.get(c)!;
      count--;
    }
    if (total > this.params.maxCost || count > this.params.maxCandidates) return false;
    for (const c of victims) this.retire(c);
    return true;
  }

  private poolCost(): number {
    let total = 0;
    for (const c of this.pool) total += this.costs.get(c)!;
    return total;
  }

  /** Base models a configuration trains per instance: its ensembleSize, else 1. */
  private costOf(configuration: Configuration): number {
    const manifest = this.context.describeLearner?.(configuration.id);
    const size = manifest ? resolveHyperparameters(manifest.hyperparameters, configuration.params, configuration.id).ensembleSize : configuration.params.ensembleSize;
    return typeof size === 'number' && size > 0 ? size : 1;
  }

  private race(): void {
    const leader = this.ranked[0];
    if (!leader) return;
    const delta = this.params.raceConfidence;
    const floor = leader.windowAccuracy - leader.bound(delta);
    const beaten = this.pool.filter((c) => c !== leader && this.raceable(c) && c.windowAccuracy + c.bound(delta) < floor);
    for (const c of beaten) if (this.pool.length > 2) this.retire(c);
    // A revived candidate whose trial is over is an ordinary candidate now.
    for (const [c, end] of this.trials) if (this.seen >= end) this.trials.delete(c);
    // Spend the freed budget on a challenger near the leader.
    if (this.pool.length < this.params.maxCandidates && this.challengers.size < this.params.maxChallengers) {
      const parent = this.configurations.get(leader)!;
      const space = this.spaceOf(parent.id);
      if (space && space.ranges.length > 0) {
        const child = mutateConfiguration(parent, space, this.random, 0.3);
        if (this.fits(child) && !this.isLive(child)) this.challengers.add(this.join(child, this.buffer.count));
      }
    }
    if (this.params.reviveFamilies) this.revive();
    this.ranked = [...this.pool];
    this.rank();
  }

  /**
   * Brings back, longest-waiting first, the initial configurations of retired families
   * that fit the budget: racing judges early, and a slow starter (a forest) can lose to a
   * fast one (kNN) over the first instances and win over the rest.
   */
  private revive(): void {
    const due = this.initial
      .map((configuration, i) => ({ configuration, wait: this.revivalWaits[i] }))
      .filter(({ wait }) => wait.eligibleAt <= this.seen)
      .sort((a, b) => a.wait.eligibleAt - b.wait.eligibleAt);
    for (const { configuration, wait } of due) {
      // Checked per newcomer: two initial configurations may share a family.
      if (!this.fits(configuration) || this.hasFamily(configuration.id)) continue;
      const candidate = this.join(configuration, this.warmInstances());
      this.trials.set(candidate, this.seen + this.params.minRaceInstances * 2 ** wait.retirements);
      this.revivals++;
    }
  }

  /** Old enough to be raced, and not on a revival trial. */
  private raceable(c: Candidate): boolean {
    return this.seen - c.bornAt >= this.params.minRaceInstances && !this.trials.has(c);
  }

  /** Whether a newcomer fits both bounds of the pool without retiring anyone. */
  private fits(configuration: Configuration): boolean {
    return this.pool.length < this.params.maxCandidates && this.poolCost() + this.costOf(configuration) <= this.params.maxCost;
  }

  /** Whether a candidate with exactly this configuration is alive (a twin would only repeat it). */
  private isLive(configuration: Configuration): boolean {
    const text = configurationText(configuration);
    return this.pool.some((c) => c.specText === text);
  }

  private spaceOf(id: string): LearnerSpace | undefined {
    const manifest = this.context.describeLearner?.(id);
    if (!manifest) return undefined;
    const frozen = this.params.frozenParams;
    return { id, family: manifest.family ?? id, fixed: {}, ranges: rangesOf(manifest).filter((r) => !frozen.includes(r.name)) };
  }

  /** How many of the leading candidates vote. */
  private voters(): number {
    return Math.min(this.params.vote ? this.params.voteSize : 1, this.ranked.length);
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const ranked = this.ranked;
    if (ranked.length === 0) return;
    const voters = this.voters();
    const best = ranked[0].fadingAccuracy;
    for (let v = 0; v < voters; v++) {
      this.predictWith(ranked[v], x, k);
      const w = Math.exp((ranked[v].fadingAccuracy - best) / this.params.voteTemperature);
      const p = ranked[v].proba;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[c];
      if (sum <= 0) continue;
      for (let c = 0; c < k; c++) out[c] += (w * p[c]) / sum;
    }
  }

  protected leaders(): Candidate[] {
    return this.ranked.slice(0, this.params.vote ? this.params.voteSize : 1);
  }

  override measurements(): Record<string, number> {
    return { candidates: this.pool.length, instances: this.seen, drifts: this.drifts, retired: this.retired, challengers: this.challengers.size, revivals: this.revivals, cost: this.poolCost() };
  }
}

export const confluenceManifest: LearnerManifest<ConfluenceParams> = {
  id: ID,
  kind: 'selector',
  version: SELECTORS_VERSION,
  description: 'Tributary’s model-selection classifier: a raced, drift-aware pool of learners whose leaders vote.',
  family: 'selectors',
  references: ['wu2021chacha', 'verma2024asml', 'kulbach2022evoautoml', 'bifet2007adwin'],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new Confluence(params, context),
};
