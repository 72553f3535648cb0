import type { MetricAccumulator, MetricDescriptor, Observation } from '../metric.js';

/** Probabilities are clipped here so one confident mistake cannot make the mean infinite. */
export const LOG_LOSS_EPSILON = 1e-15;

class LogLossAccumulator implements MetricAccumulator {
  private sum = 0;
  private total = 0;
  private loss(o: Observation): number {
    const p = o.y < o.k ? o.proba[o.y] : 0;
    return -Math.log(Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p)));
  }
  update(o: Observation): void {
    this.sum += o.weight * this.loss(o);
    this.total += o.weight;
  }
  revert(o: Observation): void {
    this.sum -= o.weight * this.loss(o);
    this.total -= o.weight;
  }
  value(): number {
    return this.total > 0 ? this.sum / this.total : NaN;
  }
}

/** Mean negative log-likelihood of the true class. */
export const logLoss: MetricDescriptor = {
  id: 'log_loss',
  description: 'Mean of -ln p(true class), probabilities clipped to [1e-15, 1 - 1e-15].',
  higherIsBetter: false,
  create: () => new LogLossAccumulator(),
};
