import type { MetricAccumulator, MetricDescriptor, Observation } from '../metric.js';

/** Marginals of the confusion matrix: enough for Cohen's kappa without storing k×k cells. */
class KappaAccumulator implements MetricAccumulator {
  private trueCounts = new Float64Array(4);
  private predictedCounts = new Float64Array(4);
  private correct = 0;
  private total = 0;

  private ensure(c: number): void {
    if (c < this.trueCounts.length) return;
    const size = Math.max(c + 1, this.trueCounts.length * 2);
    const t = new Float64Array(size);
    t.set(this.trueCounts);
    this.trueCounts = t;
    const p = new Float64Array(size);
    p.set(this.predictedCounts);
    this.predictedCounts = p;
  }

  private add(o: Observation, sign: number): void {
    this.ensure(Math.max(o.y, o.predicted));
    const w = sign * o.weight;
    this.trueCounts[o.y] += w;
    this.predictedCounts[o.predicted] += w;
    this.total += w;
    if (o.y === o.predicted) this.correct += w;
  }

  update(o: Observation): void {
    this.add(o, 1);
  }
  revert(o: Observation): void {
    this.add(o, -1);
  }
  value(): number {
    if (this.total <= 0) return NaN;
    const p0 = this.correct / this.total;
    let pc = 0;
    for (let c = 0; c < this.trueCounts.length; c++) pc += (this.trueCounts[c] / this.total) * (this.predictedCounts[c] / this.total);
    return pc >= 1 ? (p0 >= 1 ? 1 : 0) : (p0 - pc) / (1 - pc);
  }
}

/** Kappa against a baseline classifier whose correctness the evaluator records per observation. */
class BaselineKappaAccumulator implements MetricAccumulator {
  private correct = 0;
  private baselineCorrect = 0;
  private total = 0;
  constructor(private readonly baseline: 'majorityCorrect' | 'noChangeCorrect') {}
  private add(o: Observation, sign: number): void {
    const w = sign * o.weight;
    this.total += w;
    if (o.y === o.predicted) this.correct += w;
    if (o[this.baseline]) this.baselineCorrect += w;
  }
  update(o: Observation): void {
    this.add(o, 1);
  }
  revert(o: Observation): void {
    this.add(o, -1);
  }
  value(): number {
    if (this.total <= 0) return NaN;
    const p0 = this.correct / this.total;
    const pb = this.baselineCorrect / this.total;
    // When the baseline is perfect, kappa is undefined; report 0 unless the learner is perfect too (as MOA).
    return pb >= 1 ? (p0 >= 1 ? 1 : 0) : (p0 - pb) / (1 - pb);
  }
}

/** Cohen's kappa: agreement beyond chance given the marginals of the confusion matrix. */
export const kappa: MetricDescriptor = {
  id: 'kappa',
  description: "Cohen's kappa: (p0 - pc) / (1 - pc), pc from the confusion matrix's marginals.",
  higherIsBetter: true,
  create: () => new KappaAccumulator(),
};

/** Kappa-M: gain over the majority-class classifier (Bifet et al. 2015). */
export const kappaM: MetricDescriptor = {
  id: 'kappa_m',
  description: 'Kappa-M: (p0 - pm) / (1 - pm), pm = accuracy of predicting the most frequent class seen so far.',
  higherIsBetter: true,
  create: () => new BaselineKappaAccumulator('majorityCorrect'),
};

/** Kappa-temporal: gain over the no-change classifier (Žliobaitė et al. 2015). */
export const kappaT: MetricDescriptor = {
  id: 'kappa_t',
  description: 'Kappa-temporal: (p0 - pe) / (1 - pe), pe = accuracy of predicting the previous true label.',
  higherIsBetter: true,
  create: () => new BaselineKappaAccumulator('noChangeCorrect'),
};
