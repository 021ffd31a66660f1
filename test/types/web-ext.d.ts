declare module 'web-ext' {
  const webExt: {
    cmd: {
      lint(params: { sourceDir: string; output?: 'json' | 'text'; boring?: boolean }, options?: { shouldExitProgram?: boolean }): Promise<unknown>;
    };
  };
  export default webExt;
}
