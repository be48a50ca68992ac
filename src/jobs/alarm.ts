// A sleep that a notification cuts short. A wake that comes while the loop is
// busy is remembered, so the next sleep returns at once and no work is missed.
export class Alarm {
  private woken = false;
  private ring: (() => void) | undefined;

  /** Wakes the sleeper now, or makes its next sleep return at once. */
  readonly wake = (): void => {
    this.woken = true;
    this.ring?.();
  };

  /** Forgets earlier wakes: call before looking for work. */
  reset(): void {
    this.woken = false;
  }

  sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.ring = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.ring = done;
    });
  }
}
