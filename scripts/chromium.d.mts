export declare const CHROMIUM: string;
export declare const TEST_TOOLS: Record<string, string>;
export declare function ensurePackages(tools?: Record<string, string>): void;
export declare function ensureChromium(): string;
export declare function extensionArgs(dist: string, options?: { gpu?: boolean; alongside?: string[] }): string[];
export interface LaunchedExtension {
  context: import('playwright-core').BrowserContext;
  worker: import('playwright-core').Worker;
  extensionId: string;
  /** chrome-extension://ID */
  base: string;
  /** The options page the extension opened on first install (fresh profiles only), loaded. */
  firstRun: import('playwright-core').Page | undefined;
}
export declare function launchExtension(options: {
  dist: string;
  profileDir: string;
  headless?: boolean;
  display?: string;
  gpu?: boolean;
  viewport?: { width: number; height: number } | null;
  timeoutMs?: number;
  /** Unpacked extensions to load beside it (a test's other extension). */
  alongside?: string[];
}): Promise<LaunchedExtension>;
