// The page's live recompute, timed in Chromium (issue #11): for each page
// given, a scalar variable's field is changed 25 times and two figures are
// taken, as medians: the input handler (the engine's forward and backward
// pass and every number written into the page), and the time until the next
// frame after it has been drawn. Usage: node bench/page-step.mjs NAME=FILE:VARIABLE,… …
// (the first of the variables that the page takes changes: an index refuses 1.5)
// Prints one JSON line. playwright-core is the product's test dependency;
// Chromium is Debian's (CHROMIUM=/path to choose another).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const executablePath = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!executablePath) {
  console.log(JSON.stringify({ skipped: 'no Chromium found (apt-get install chromium)' }));
  process.exit(0);
}
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const results = {};
for (const spec of process.argv.slice(2)) {
  const [name, rest] = spec.split('=');
  const [file, variables] = rest.split(':');
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`file://${file}`);
  results[name] = await page.evaluate(async (ids) => {
    const nextFrame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    for (const id of ids) {
      const field = document.getElementById(`variable-${id}`);
      const start = Number(field.value);
      const handler = [];
      const frame = [];
      for (let k = 0; k < 30; k++) {
        await nextFrame();
        field.value = String(start + (k % 2 ? 0.5 : -0.25) * (1 + Math.abs(start)));
        const t = performance.now();
        field.dispatchEvent(new Event('input'));
        const h = performance.now() - t;
        await new Promise((done) => requestAnimationFrame(done)); // the frame that shows it
        if (field.getAttribute('aria-invalid') === 'true') break;
        if (k >= 5) {
          handler.push(h);
          frame.push(performance.now() - t);
        }
      }
      if (handler.length === 25) return { variable: id, handler: median(handler), frame: median(frame) };
    }
    throw new Error(`the page took none of ${ids.join(', ')}`);
  }, variables.split(','));
  await page.close();
}
await browser.close();
console.log(JSON.stringify(results));
