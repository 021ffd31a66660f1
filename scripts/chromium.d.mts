export declare const CHROMIUM: string;
export declare const TEST_TOOLS: Record<string, string>;
export declare function ensurePackages(tools?: Record<string, string>): void;
export declare function ensureChromium(): string;
export declare function extensionArgs(dist: string, options?: { gpu?: boolean }): string[];
