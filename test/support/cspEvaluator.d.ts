// The CSP evaluator electronegativity uses (a dependency of @doyensec/electronegativity), as the tests call it.
declare module '@doyensec/csp-evaluator' {
  export interface Finding {
    type: number;
    description: string;
    /** 10 high, 20 syntax, 30 medium, 40 high-maybe, 45 strict CSP, 50 medium-maybe, 60 info, 100 none. */
    severity: number;
    directive: string;
    value?: string;
  }
  export class CspParser {
    constructor(policy: string);
    csp: unknown;
  }
  export class CspEvaluator {
    constructor(csp: unknown, version?: unknown);
    evaluate(): Finding[];
  }
  export const Version: { CSP1: unknown; CSP2: unknown; CSP3: unknown };
}
