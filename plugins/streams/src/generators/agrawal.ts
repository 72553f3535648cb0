import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of the Agrawal generator (MOA `generators.AgrawalGenerator`). */
export interface AgrawalParams {
  /** Loan function 1..10 (MOA -f, default 1). */
  function: number;
  /** Seed of the instance generator (MOA -i instanceRandomSeed, default 1). */
  seed: number;
  /** Perturbation of numeric values as a fraction of their range, 0..1 (MOA -p peturbFraction, default 0.05). */
  perturbFraction: number;
  /** Alternate the classes (MOA -b balanceClasses, default false). */
  balanceClasses: boolean;
}

type LoanFunction = (salary: number, commission: number, age: number, elevel: number, hvalue: number, hyears: number, loan: number) => number;

const within = (v: number, lo: number, hi: number) => lo <= v && v <= hi;

/** The ten loan functions of Agrawal et al. (1993); 0 = groupA, 1 = groupB. */
const FUNCTIONS: LoanFunction[] = [
  (_s, _c, age) => (age < 40 || age >= 60 ? 0 : 1),
  (salary, _c, age) => {
    if (age < 40) return within(salary, 50000, 100000) ? 0 : 1;
    if (age < 60) return within(salary, 75000, 125000) ? 0 : 1;
    return within(salary, 25000, 75000) ? 0 : 1;
  },
  (_s, _c, age, elevel) => {
    if (age < 40) return elevel <= 1 ? 0 : 1;
    if (age < 60) return elevel >= 1 && elevel <= 3 ? 0 : 1;
    return elevel >= 2 && elevel <= 4 ? 0 : 1;
  },
  (salary, _c, age, elevel) => {
    if (age < 40) return elevel <= 1 ? (within(salary, 25000, 75000) ? 0 : 1) : within(salary, 50000, 100000) ? 0 : 1;
    if (age < 60) return elevel >= 1 && elevel <= 3 ? (within(salary, 50000, 100000) ? 0 : 1) : within(salary, 75000, 125000) ? 0 : 1;
    return elevel >= 2 && elevel <= 4 ? (within(salary, 50000, 100000) ? 0 : 1) : within(salary, 25000, 75000) ? 0 : 1;
  },
  (salary, _c, age, _e, _h, _y, loan) => {
    if (age < 40) return within(salary, 50000, 100000) ? (within(loan, 100000, 300000) ? 0 : 1) : within(loan, 200000, 400000) ? 0 : 1;
    if (age < 60) return within(salary, 75000, 125000) ? (within(loan, 200000, 400000) ? 0 : 1) : within(loan, 300000, 500000) ? 0 : 1;
    return within(salary, 25000, 75000) ? (within(loan, 300000, 500000) ? 0 : 1) : within(loan, 100000, 300000) ? 0 : 1;
  },
  (salary, commission, age) => {
    const total = salary + commission;
    if (age < 40) return within(total, 50000, 100000) ? 0 : 1;
    if (age < 60) return within(total, 75000, 125000) ? 0 : 1;
    return within(total, 25000, 75000) ? 0 : 1;
  },
  (salary, commission, _a, _e, _h, _y, loan) => ((2 * (salary + commission)) / 3 - loan / 5 - 20000 > 0 ? 0 : 1),
  (salary, commission, _a, elevel) => ((2 * (salary + commission)) / 3 - 5000 * elevel - 20000 > 0 ? 0 : 1),
  (salary, commission, _a, elevel, _h, _y, loan) => ((2 * (salary + commission)) / 3 - 5000 * elevel - loan / 5 - 10000 > 0 ? 0 : 1),
  (salary, commission, _a, elevel, hvalue, hyears) => {
    const equity = hyears >= 20 ? (hvalue * (hyears - 20)) / 10 : 0;
    return (2 * (salary + commission)) / 3 - 5000 * elevel + equity / 5 - 10000 > 0 ? 0 : 1;
  },
];

/** Java's `Math.round` for doubles: floor(v + 0.5). */
const javaRound = (v: number) => Math.floor(v + 0.5);

/**
 * Agrawal's loan-applicant generator: six numeric and three nominal attributes
 * (elevel, car, zipcode) and ten classification functions. Draw order, value
 * ranges and the perturbation follow MOA, so the stream equals MOA's for the
 * same seed — including MOA's clamp of the perturbed hvalue to [0, 135000].
 */
export class AgrawalGenerator implements InstanceGenerator {
  readonly schema = new StreamSchema(
    [
      { name: 'salary', kind: 'numeric' },
      { name: 'commission', kind: 'numeric' },
      { name: 'age', kind: 'numeric' },
      { name: 'elevel', kind: 'nominal', values: Array.from({ length: 5 }, (_, i) => `level${i}`) },
      { name: 'car', kind: 'nominal', values: Array.from({ length: 20 }, (_, i) => `car${i + 1}`) },
      { name: 'zipcode', kind: 'nominal', values: Array.from({ length: 9 }, (_, i) => `zipcode${i + 1}`) },
      { name: 'hvalue', kind: 'numeric' },
      { name: 'hyears', kind: 'numeric' },
      { name: 'loan', kind: 'numeric' },
    ],
    'class',
    ['groupA', 'groupB'],
  );
  private random!: Random;
  private nextClassShouldBeZero = false;
  private readonly classify: LoanFunction;

  constructor(readonly params: AgrawalParams) {
    this.classify = FUNCTIONS[params.function - 1];
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    this.nextClassShouldBeZero = false;
  }

  private perturb(value: number, range: number, min: number, max: number): number {
    const v = value + range * (2 * (this.random.nextDouble() - 0.5)) * this.params.perturbFraction;
    return v < min ? min : v > max ? max : v;
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    let salary: number, commission: number, age: number, elevel: number, car: number, zipcode: number, hvalue: number, hyears: number, loan: number, group: number;
    for (;;) {
      salary = 20000 + 130000 * r.nextDouble();
      commission = salary >= 75000 ? 0 : 10000 + 65000 * r.nextDouble();
      age = 20 + r.nextInt(61);
      elevel = r.nextInt(5);
      car = r.nextInt(20);
      zipcode = r.nextInt(9);
      hvalue = (9 - zipcode) * 100000 * (0.5 + r.nextDouble());
      hyears = 1 + r.nextInt(30);
      loan = r.nextDouble() * 500000;
      group = this.classify(salary, commission, age, elevel, hvalue, hyears, loan);
      if (!this.params.balanceClasses) break;
      if ((this.nextClassShouldBeZero && group === 0) || (!this.nextClassShouldBeZero && group === 1)) {
        this.nextClassShouldBeZero = !this.nextClassShouldBeZero;
        break;
      }
    }
    if (this.params.perturbFraction > 0) {
      salary = this.perturb(salary, 130000, 20000, 150000);
      if (commission > 0) commission = this.perturb(commission, 65000, 10000, 75000);
      age = javaRound(this.perturb(age, 60, 20, 80));
      hvalue = this.perturb(hvalue, (9 - zipcode) * 100000, 0, 135000);
      hyears = javaRound(this.perturb(hyears, 29, 1, 30));
      loan = this.perturb(loan, 500000, 0, 500000);
    }
    x[offset] = salary;
    x[offset + 1] = commission;
    x[offset + 2] = age;
    x[offset + 3] = elevel;
    x[offset + 4] = car;
    x[offset + 5] = zipcode;
    x[offset + 6] = hvalue;
    x[offset + 7] = hyears;
    x[offset + 8] = loan;
    return group;
  }
}
