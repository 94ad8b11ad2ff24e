// Bundles the CLI, its worker, the page's script and the library into dist/ with esbuild:
// one file each, so that start-up reads one module instead of hundreds.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A clean dist/: nothing of an earlier build (a renamed bundle) lingers.
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// @viz-js/viz (Graphviz in WebAssembly, 1.5 MB) stays out of the bundle: it is loaded only for --format svg.
const common = { bundle: true, minify: process.env.MINIFY !== '0', platform: 'node', target: 'node20', logLevel: 'warning', external: ['@viz-js/viz'] };

// The CLI and its worker as CommonJS: Node 20 loads a CommonJS file about
// 8 ms faster than an ES module, a twelfth of its whole start-up.
await build({
  ...common,
  entryPoints: { cli: 'src/cli/bin.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { BACKPROP_VERSION: JSON.stringify(version), 'import.meta.url': 'BACKPROP_URL' },
  banner: { js: "const BACKPROP_URL = require('node:url').pathToFileURL(__filename).href;" },
});

// One run writes the code cache that bin/backprop.cjs starts from (see there).
rmSync(new URL('../dist/cli.cjs.cache', import.meta.url), { force: true });
execFileSync(process.execPath, [fileURLToPath(new URL('../bin/backprop.cjs', import.meta.url)), '(x+y)*z', 'x=-2', 'y=5', 'z=-4'], { stdio: 'ignore' });

// The page's script (--format html inlines it): the engine and the renderers it needs, for the browser.
await build({ ...common, platform: 'browser', target: 'es2020', entryPoints: { page: 'src/page/app.ts' }, outdir: 'dist', format: 'iife', external: [] });

// The library, for `import { run } from 'backprop'`, with its type declarations.
// keepNames: a library's caller sees its classes by name (console.log of an error said `e [BackpropError]`).
await build({ ...common, keepNames: true, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', format: 'esm' });
execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', fileURLToPath(new URL('../tsconfig.build.json', import.meta.url))], { stdio: 'inherit' });
