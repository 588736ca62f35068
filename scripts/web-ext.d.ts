// web-ext ships no types; we use only `cmd.lint`.
declare module 'web-ext' {
  export const cmd: {
    lint(params: Record<string, unknown>, options: Record<string, unknown>): Promise<unknown>;
  };
}
