// Counts what the generated sequences exercised, so that a property can assert it met the paths it is
// about (merges, combines, removals, refusals) and not only trivial runs. No test-runner imports.

import type { Step } from './run';

/** A count of named outcomes. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Counts a step: its refusal code, or the kinds of its events (merges split by cause). */
  step(step: Step): void {
    if (step.error !== undefined) {
      this.add('refused');
      this.add(`refused:${step.error.code}`);
      return;
    }
    this.add('accepted');
    for (const e of step.events) {
      this.add(e.kind);
      if (e.kind === 'CustomersMerged') this.add(e.cause === null ? 'merge:explicit' : 'merge:changeIdentifier');
    }
  }

  toString(): string {
    return [...this.counts].map(([k, v]) => `${k}=${v}`).join(' ');
  }
}
