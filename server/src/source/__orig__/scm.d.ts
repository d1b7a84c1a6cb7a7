// Query files are imported as text: esbuild's `text` loader in the bundle, `scmTextHook` under tsx.
declare module '*.scm' {
  const source: string;
  export default source;
}
