export declare function packageDir(dir: string): { zip: Uint8Array; files: string[] };
export declare function packageAll(): Promise<void>;
