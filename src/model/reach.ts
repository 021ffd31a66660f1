/** Why the extension could not reach the page at all (before any SDK call). */
export type ReachProblem =
  | { kind: 'no-tab' }
  | { kind: 'tab-closed' }
  | { kind: 'forbidden'; url?: string }
  | { kind: 'no-access'; url?: string }
  | { kind: 'navigated' }
  /** The tab now shows a page of another origin than the one checked: nothing was sent. */
  | { kind: 'other-page'; command: string }
  /** The page's answer failed the checks of session/page-answer: nothing of it is used. */
  | { kind: 'untrusted'; reason: string }
  /** The page did not answer by the extension's own deadline. */
  | { kind: 'no-answer'; waitedMs: number }
  | { kind: 'failed'; message: string };

export class ReachError extends Error {
  constructor(readonly problem: ReachProblem) {
    super(problem.kind);
  }
}
