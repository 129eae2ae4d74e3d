/** Types of `scripts/strict-arity.mjs` (the build-time check of extra positional arguments). */
export declare function strictArity(file: string, text: string): string | undefined;
export declare function strictArityVite(): {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): { code: string; map: null } | undefined;
};
export declare function strictArityEsbuild(): {
  name: string;
  setup(build: {
    onLoad(
      options: { filter: RegExp },
      callback: (args: { path: string }) => { contents: string; loader: 'ts' } | undefined,
    ): void;
  }): void;
};
