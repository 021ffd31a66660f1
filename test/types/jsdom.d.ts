/** The little of jsdom the tests use (it ships no types; @types/jsdom is not installed). */
declare module 'jsdom' {
  export class JSDOM {
    constructor(text: string, options?: { contentType?: string });
    readonly window: Window & typeof globalThis;
  }
}
