import type { Random } from '@tributary/core';

/**
 * Poisson(λ) draws with exactly the sequence of `Random.nextPoisson(λ)` (MOA's
 * `MiscUtils.poisson`), with e^λ and the loop bound computed once instead of
 * per draw: ensembles draw one weight per member per instance.
 */
export class PoissonSampler {
  private readonly expLambda: number;
  private readonly maxTerms: number;

  /** @param lambda mean of the distribution (> 0). */
  constructor(
    private readonly random: Random,
    readonly lambda: number,
  ) {
    this.expLambda = Math.exp(lambda);
    this.maxTerms = Math.max(100, 10 * Math.ceil(lambda));
  }

  /** One draw. */
  next(): number {
    const lambda = this.lambda;
    if (lambda >= 100) return this.random.nextPoisson(lambda);
    let product = 1;
    let sum = 1;
    const threshold = this.random.nextDouble() * this.expLambda;
    let i = 1;
    const max = this.maxTerms;
    while (i < max && sum <= threshold) {
      product *= lambda / i;
      sum += product;
      i++;
    }
    return i - 1;
  }
}
