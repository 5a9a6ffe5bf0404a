export interface Span {
  start: number;
  end: number;
}

/**
 * Which characters of a command line some phase has already read. Every
 * phase takes the spans it understood; what no phase took is reported back
 * to the operator as not understood, so nothing said is dropped unseen.
 */
export class SpanTracker {
  private readonly taken: Uint8Array;

  constructor(readonly text: string) {
    this.taken = new Uint8Array(text.length);
  }

  isTaken(index: number): boolean {
    return this.taken[index] === 1;
  }

  isFree(span: Span): boolean {
    for (let index = span.start; index < span.end; index++) if (this.taken[index] === 1) return false;
    return true;
  }

  take(span: Span): void {
    this.taken.fill(1, Math.max(0, span.start), Math.min(this.text.length, span.end));
  }

  takeAll(): void {
    this.taken.fill(1);
  }

  /** Matches of a global pattern whose whole span is still free. */
  *freeMatches(pattern: RegExp): Generator<RegExpExecArray & Span> {
    for (const match of this.text.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (span.end > span.start && this.isFree(span)) yield Object.assign(match as RegExpExecArray, span);
    }
  }

  /** The untaken text as one trimmed string, taken characters read as spaces (a reason, the leftovers). */
  freeText(): string {
    let result = '';
    for (let index = 0; index < this.text.length; index++) result += this.taken[index] === 1 ? ' ' : this.text[index];
    return result
      .replace(/\s+/g, ' ')
      .replace(/^[\s,，:：]+|[\s,，。.!！]+$/g, '')
      .trim();
  }

  /** The free text between two positions, trimmed: what separates two things that were read. */
  gapText(start: number, end: number): string {
    let result = '';
    for (let index = start; index < end; index++) result += this.taken[index] === 1 ? '\u0000' : this.text[index];
    return result.trim();
  }
}

export const spanOf = (match: { index: number; 0: string }): Span => ({ start: match.index, end: match.index + match[0].length });
