// Bundles the CLI, its parse worker and the library into dist/ with esbuild:
// one file each, so that start-up reads one module instead of hundreds.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { cli: 'src/bin.ts', 'parse-worker': 'src/parse-worker.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define: { BACKPROP_VERSION: JSON.stringify(version) },
  // commander is CommonJS and requires Node's built-ins; ESM output needs a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
