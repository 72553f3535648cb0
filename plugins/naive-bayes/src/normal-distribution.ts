/**
 * Cumulative distribution function of the standard normal, computed with the
 * Cephes rational approximations of erf/erfc (the method MOA's
 * `Statistics.normalProbability` uses), so split weights estimated from
 * Gaussians match MOA's to the last bit in ordinary cases.
 */

const HALF_SQRT2 = 7.07106781186547524401e-1;
const MAX_EXP_ARGUMENT = 7.09782712893383996732e2;

// erf(x) ≈ x·T(x²)/U(x²) for |x| ≤ 1
const ERF_T = [9.60497373987051638749e0, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3, 5.55923013010394962768e4];
const ERF_U = [3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4, 4.92673942608635921086e4];
// erfc(x) ≈ exp(−x²)·P(x)/Q(x) for 1 ≤ x < 8
const ERFC_P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687e0, 4.86371970985681366614e1, 1.96520832956077098242e2, 5.26445194995477358631e2,
  9.34528527171957607540e2, 1.02755188689515710272e3, 5.57535335369399327526e2,
];
const ERFC_Q = [
  1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2, 1.82390916687909736289e3, 2.24633760818710981792e3,
  1.65666309194161350182e3, 5.57535340817727675546e2,
];
// erfc(x) ≈ exp(−x²)·R(x)/S(x) for x ≥ 8
const ERFC_R = [5.64189583547755073984e-1, 1.27536670759978104416e0, 5.01905042251180477414e0, 6.16021097993053585195e0, 7.40974269950448939160e0, 2.97886665372100240670e0];
const ERFC_S = [2.26052863220117276590e0, 9.39603524938001434673e0, 1.20489539808096656605e1, 1.70814450747565897222e1, 9.60896809063285878198e0, 3.36907645100081516050e0];

/** Horner evaluation of coef[0]·x^n + … + coef[n]. */
function polynomial(x: number, coef: readonly number[], degree: number): number {
  let result = coef[0];
  for (let i = 1; i <= degree; i++) result = result * x + coef[i];
  return result;
}

/** Horner evaluation of a monic polynomial x^n + coef[0]·x^(n−1) + … + coef[n−1]. */
function monicPolynomial(x: number, coef: readonly number[], degree: number): number {
  let result = x + coef[0];
  for (let i = 1; i < degree; i++) result = result * x + coef[i];
  return result;
}

/** Error function erf(x). */
export function errorFunction(x: number): number {
  if (Math.abs(x) > 1) return 1 - complementaryErrorFunction(x);
  const z = x * x;
  return (x * polynomial(z, ERF_T, 4)) / monicPolynomial(z, ERF_U, 5);
}

/** Complementary error function erfc(a) = 1 − erf(a). */
export function complementaryErrorFunction(a: number): number {
  const x = a < 0 ? -a : a;
  if (x < 1) return 1 - errorFunction(a);
  const exponent = -a * a;
  if (exponent < -MAX_EXP_ARGUMENT) return a < 0 ? 2 : 0;
  const z = Math.exp(exponent);
  let p: number;
  let q: number;
  if (x < 8) {
    p = polynomial(x, ERFC_P, 8);
    q = monicPolynomial(x, ERFC_Q, 8);
  } else {
    p = polynomial(x, ERFC_R, 5);
    q = monicPolynomial(x, ERFC_S, 6);
  }
  let y = (z * p) / q;
  if (a < 0) y = 2 - y;
  if (y === 0) return a < 0 ? 2 : 0;
  return y;
}

/** P(Z ≤ a) for a standard normal Z. */
export function normalProbability(a: number): number {
  const x = a * HALF_SQRT2;
  const z = Math.abs(x);
  if (z < HALF_SQRT2) return 0.5 + 0.5 * errorFunction(x);
  const tail = 0.5 * complementaryErrorFunction(z);
  return x > 0 ? 1 - tail : tail;
}
