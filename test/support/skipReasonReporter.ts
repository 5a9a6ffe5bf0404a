import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Says why each skipped test was skipped: a skip must never read like a pass. */
export default class SkipReasonReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description ?? 'no reason given';
    this.skipped.push(`  SKIPPED ${test.titlePath().filter(Boolean).join(' › ')}\n          why: ${reason}`);
  }

  onEnd(): void {
    if (this.skipped.length) console.log(`\n${this.skipped.length} test(s) skipped, NOT passed:\n${this.skipped.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
