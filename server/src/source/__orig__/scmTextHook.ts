import * as fs from 'node:fs';

// esbuild inlines `.scm` imports with its `text` loader (`--loader:.scm=text`). Unbundled runs
// (tsx in tests and development) load the same imports through this CommonJS hook instead.
// It must be imported before any `.scm` file; in the bundle it is a harmless no-op.
if (typeof require === 'function' && require.extensions && !require.extensions['.scm']) {
  require.extensions['.scm'] = (module, filename) => {
    module.exports = fs.readFileSync(filename, 'utf8');
  };
}
