import type { MetricAccumulator, MetricDescriptor, Observation } from '../metric.js';

class AccuracyAccumulator implements MetricAccumulator {
  private correct = 0;
  private total = 0;
  update(o: Observation): void {
    this.total += o.weight;
    if (o.predicted === o.y) this.correct += o.weight;
  }
  revert(o: Observation): void {
    this.total -= o.weight;
    if (o.predicted === o.y) this.correct -= o.weight;
  }
  value(): number {
    return this.total > 0 ? this.correct / this.total : NaN;
  }
}

/** Fraction of instances whose predicted class is the true class. */
export const accuracy: MetricDescriptor = {
  id: 'accuracy',
  description: 'Fraction of correctly classified instances (weighted).',
  higherIsBetter: true,
  create: () => new AccuracyAccumulator(),
};
