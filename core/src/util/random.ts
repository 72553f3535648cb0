/**
 * A seeded pseudo-random generator with the exact sequence of `java.util.Random`
 * (48-bit linear congruential generator, multiplier 0x5DEECE66D, increment 0xB).
 *
 * Why Java's generator: MOA's learners and generators draw from `java.util.Random`,
 * so using the same sequence lets a native generator reproduce MOA's streams and
 * keeps seeded runs comparable. The 48-bit state is held as two 24-bit halves
 * so every product stays exact in float64 arithmetic.
 */
export class Random {
  private hi = 0; // upper 24 bits of the 48-bit state
  private lo = 0; // lower 24 bits
  private nextNextGaussian = 0;
  private haveNextNextGaussian = false;

  constructor(seed: number = Date.now()) {
    this.setSeed(seed);
  }

  /** Re-seeds as `java.util.Random.setSeed(seed)` (seed taken as a 64-bit integer, low 48 bits used). */
  setSeed(seed: number): void {
    const big = BigInt.asUintN(48, BigInt(Math.trunc(seed)) ^ 0x5deece66dn);
    this.hi = Number(big >> 24n);
    this.lo = Number(big & 0xffffffn);
    this.haveNextNextGaussian = false;
  }

  /** Advances the state and returns its top `bits` bits as a signed 32-bit integer (Java's `next(bits)`). */
  next(bits: number): number {
    // state = state * 0x5DEECE66D + 0xB mod 2^48, multiplier split as mHi * 2^24 + mLo.
    const mHi = 0x5de;
    const mLo = 0xece66d;
    const loProduct = this.lo * mLo + 0xb;
    const carry = Math.floor(loProduct / 0x1000000);
    const newLo = loProduct - carry * 0x1000000;
    const hiProduct = (this.hi * mLo + this.lo * mHi + carry) % 0x1000000;
    this.hi = hiProduct;
    this.lo = newLo;
    // top `bits` of the 48-bit state
    const top = this.hi * 2 ** (bits - 24) + Math.floor(this.lo / 2 ** (48 - bits));
    const value = Math.floor(top) % 2 ** bits;
    return value >= 2 ** 31 ? value - 2 ** 32 : value;
  }

  /** Uniform signed 32-bit integer. */
  nextInt(): number;
  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number;
  nextInt(bound?: number): number {
    if (bound === undefined) return this.next(32);
    if (bound <= 0) throw new RangeError(`bound must be positive, got ${bound}`);
    if ((bound & -bound) === bound) {
      // bound is a power of two, so the product is exact in float64
      return Math.floor((bound * this.next(31)) / 2147483648);
    }
    let bits: number;
    let val: number;
    do {
      bits = this.next(31);
      val = bits % bound;
    } while (bits - val + (bound - 1) >= 2 ** 31);
    return val;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) / 9007199254740992;
  }

  /** Uniform float in [0, 1) with 24 random bits. */
  nextFloat(): number {
    return this.next(24) / 16777216;
  }

  /** A fair coin. */
  nextBoolean(): boolean {
    return this.next(1) !== 0;
  }

  /** Standard normal deviate by the polar method (same sequence as Java). */
  nextGaussian(): number {
    if (this.haveNextNextGaussian) {
      this.haveNextNextGaussian = false;
      return this.nextNextGaussian;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt((-2 * Math.log(s)) / s);
    this.nextNextGaussian = v2 * multiplier;
    this.haveNextNextGaussian = true;
    return v1 * multiplier;
  }

  /** Poisson deviate with mean `lambda` (MOA's `MiscUtils.poisson` method: inversion for small lambda, normal approximation above 100). */
  nextPoisson(lambda: number): number {
    if (lambda < 100) {
      let product = 1;
      let sum = 1;
      const threshold = this.nextDouble() * Math.exp(lambda);
      let i = 1;
      const max = Math.max(100, 10 * Math.ceil(lambda));
      while (i < max && sum <= threshold) {
        product *= lambda / i;
        sum += product;
        i++;
      }
      return i - 1;
    }
    const x = lambda + Math.sqrt(lambda) * this.nextGaussian();
    return x < 0 ? 0 : Math.floor(x);
  }
}
