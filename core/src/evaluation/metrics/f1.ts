import type { MetricAccumulator, MetricDescriptor, Observation } from '../metric.js';

class MacroF1Accumulator implements MetricAccumulator {
  private tp = new Float64Array(4);
  private fp = new Float64Array(4);
  private fn = new Float64Array(4);

  private ensure(c: number): void {
    if (c < this.tp.length) return;
    const size = Math.max(c + 1, this.tp.length * 2);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.tp = grow(this.tp);
    this.fp = grow(this.fp);
    this.fn = grow(this.fn);
  }

  private add(o: Observation, sign: number): void {
    this.ensure(Math.max(o.y, o.predicted));
    const w = sign * o.weight;
    if (o.y === o.predicted) this.tp[o.y] += w;
    else {
      this.fp[o.predicted] += w;
      this.fn[o.y] += w;
    }
  }
  update(o: Observation): void {
    this.add(o, 1);
  }
  revert(o: Observation): void {
    this.add(o, -1);
  }
  value(): number {
    let sum = 0;
    let classes = 0;
    for (let c = 0; c < this.tp.length; c++) {
      const denominator = 2 * this.tp[c] + this.fp[c] + this.fn[c];
      if (denominator <= 1e-12) continue; // class neither present nor predicted
      sum += (2 * this.tp[c]) / denominator;
      classes++;
    }
    return classes > 0 ? sum / classes : NaN;
  }
}

/** Macro-averaged F1 over the classes present or predicted. */
export const f1Macro: MetricDescriptor = {
  id: 'f1_macro',
  description: 'Macro F1: unweighted mean over classes (present or predicted) of 2TP / (2TP + FP + FN).',
  higherIsBetter: true,
  create: () => new MacroF1Accumulator(),
};
