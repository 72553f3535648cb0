/**
 * MOA's `balanceClasses` rule for two-class generators: draw until the class
 * alternates, starting with class 1 (MOA's `nextClassShouldBeZero` starts false).
 */
export class ClassAlternation {
  private nextShouldBeZero = false;

  /** Whether `group` is acceptable now; flips the expectation when it is. */
  accept(group: number): boolean {
    if ((this.nextShouldBeZero && group === 0) || (!this.nextShouldBeZero && group === 1)) {
      this.nextShouldBeZero = !this.nextShouldBeZero;
      return true;
    }
    return false;
  }

  reset(): void {
    this.nextShouldBeZero = false;
  }
}
