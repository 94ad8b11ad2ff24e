// The page (SPEC §8) in a real browser: Debian's Chromium, driven by
// playwright-core (which downloads nothing), offline, every request that is
// not the page itself blocked and counted. Skipped, and said so, where no
// Chromium is found; .ci/run installs one.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { formatNumber } from '../src/render/number.js';
import { cli } from './cli-harness.js';
import { LECTURE } from './helpers.js';

const CHROMIUM = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!CHROMIUM) console.warn('browser tests SKIPPED: no Chromium found (apt-get install chromium, or CHROMIUM=/path/to/chrome)');

const neuron = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1'];
const work = mkdtempSync(join(tmpdir(), 'backprop-page-'));

/** The page for a command line, written to a file as `--out` writes it. */
async function page(name: string, args: string[]): Promise<string> {
  const files = new Map<string, string>();
  const r = await cli([...args, '--format', 'html', '--out', 'page.html'], { files });
  expect(r.exit, r.stderr).toBe(0);
  const path = join(work, `${name}.html`);
  writeFileSync(path, files.get('page.html')!);
  return path;
}

interface Opened {
  readonly page: Page;
  /** Every request but the page's own, each blocked. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

describe.skipIf(!CHROMIUM)('the page, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      // As the machine's notes say: no sandbox as root, and no background networking to be refused.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Chromium's first start on a fresh machine, beside the other test files on two cores, once took more than vitest's 10 s.
  }, 60_000);
  afterAll(async () => browser?.close());

  async function open(path: string, viewport = { width: 1400, height: 900 }): Promise<Opened> {
    const context = await browser.newContext({ viewport, offline: true });
    const requests: string[] = [];
    const errors: string[] = [];
    const self = `file://${path}`;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === self) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const p = await context.newPage();
    p.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    p.on('pageerror', (e) => void errors.push(String(e)));
    await p.goto(self);
    return { page: p, requests, errors };
  }

  const status = (p: Page): Promise<string> => p.locator('[role=status]').innerText();
  /** What a field is described by, if that is shown: why its value is refused. */
  const problem = async (p: Page, name: string): Promise<string | null> => {
    const id = await p.getByLabel(name, { exact: true }).getAttribute('aria-describedby');
    const said = p.locator(`[id="${id}"]`);
    return (await said.count()) > 0 && (await said.isVisible()) ? said.innerText() : null;
  };
  const currentNode = (p: Page): Promise<string | null> => p.locator('[aria-current="step"]').getAttribute('data-node', { timeout: 1000 }).catch(() => null);

  it("loads offline, fetches nothing, and shows the lecture's numbers", async () => {
    const { page: p, requests, errors } = await open(await page('neuron', neuron));
    await expect.poll(() => p.locator('table tbody tr').count()).toBe(17);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    const text = await p.locator('main').innerText();
    for (const n of ['0.73', '1.37', '-0.53', '0.37', '-0.2', '0.39', '-0.59', '-0.39']) expect(text, n).toContain(n);
    // The graph as the lecture draws it: its gates, its numbers on the edges.
    const graph = await p.locator('svg').textContent();
    for (const gate of ['*-1', 'exp', '+1', '1/x']) expect(graph, gate).toContain(gate);
    expect(await p.locator('svg .edge .gradient').allTextContents()).toContain('-0.53');
    // Drawn at its size, its strokes scale with it, as Graphviz drew them.
    expect(await p.locator('.edge path').first().evaluate((e) => getComputedStyle(e).vectorEffect)).toBe('none');
  });

  it("steps with the keys: aria-current moves through the nodes, and the lecture's numbers are said in order", async () => {
    const { page: p, errors } = await open(await page('neuron', neuron));
    const said: string[] = [];
    const visited: (string | null)[] = [];
    for (let k = 0; k < 24; k++) {
      await p.keyboard.press('ArrowRight');
      said.push(await status(p));
      visited.push(await currentNode(p));
    }
    // Forward through every operation, then backward from the output.
    const forward = ['n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11'];
    expect(visited.filter((v) => v !== null).slice(0, 9)).toEqual(forward);
    expect(visited.filter((v) => v !== null).slice(9, 18)).toEqual([...forward].reverse());
    const backward = said.join('\n').slice(said.join('\n').indexOf('Backward pass'));
    const at = ['it sends 1 × -0.53 = -0.53', 'it sends -0.53 × 0.37 = -0.20', 'it sends -0.20 × -1 = 0.20', 'it sends 0.20 × 2 = 0.39'].map((s) => backward.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Back again, and the buttons do the same.
    // At the last step, the keys stay; one back is the step before it.
    const last = said[said.length - 1]!;
    expect(said.filter((x) => x === last).length).toBeGreaterThan(1);
    await p.keyboard.press('ArrowLeft');
    expect(await status(p)).toBe(said[said.indexOf(last) - 1]);
    await p.getByRole('button', { name: 'To the start' }).click();
    expect(await status(p)).toBe('Forward pass: each node from its inputs, in order.');
    await p.getByRole('button', { name: 'Next step (→)' }).click();
    expect(await currentNode(p)).toBe('n3');
    expect(errors).toEqual([]);
  });

  it('keeps each node’s id and gradient in view on a phone, the table scrolling sideways between them', async () => {
    const { page: p, errors } = await open(await page('neuron', neuron), { width: 390, height: 844 });
    const rows = p.locator('.nodes > table > tbody > tr');
    await expect.poll(() => rows.count()).toBe(17);
    const section = (await p.locator('.nodes').boundingBox())!;
    expect(await p.locator('.nodes').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true); // the table is wider than the phone
    for (const k of [0, 8, 16]) {
      const row = rows.nth(k);
      const [id, gradient] = [(await row.locator(':scope > :first-child').boundingBox())!, (await row.locator(':scope > :last-child').boundingBox())!];
      expect(id.x).toBeGreaterThanOrEqual(section.x);
      expect(gradient.x + gradient.width).toBeLessThanOrEqual(section.x + section.width + 1);
    }
    // Scrolled to the far side, the id is still there, over the cells that pass under it.
    await p.locator('.nodes').evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
    const id = (await rows.nth(16).locator(':scope > :first-child').boundingBox())!;
    expect(id.x).toBeGreaterThanOrEqual(section.x);
    expect(await rows.nth(16).locator(':scope > :first-child').innerText()).toBe('n11');
    expect(await rows.nth(16).locator(':scope > :last-child').innerText()).toBe('1');
    expect(errors).toEqual([]);
  });

  it("recomputes every number when a variable changes, to the engine's values", async () => {
    const { page: p, errors } = await open(await page('neuron', neuron));
    await p.getByLabel('x0', { exact: true }).fill('1.5');
    const want = run(neuron[0]!, { w0: 2, x0: 1.5, w1: -3, x1: -2, w2: -3, x2: 1 });
    const text = await p.locator('.gradients').innerText();
    expect(text).toContain(`f = ${formatNumber(want.value as number)}`);
    for (const [name, g] of Object.entries(want.gradients)) expect(text).toContain(`∂f/∂${name} = ${formatNumber(g as number)}`);
    expect(await p.locator('svg').textContent()).toContain(formatNumber(want.value as number));
    // Something that is not a number (here: nothing) changes nothing, and says so.
    await p.getByLabel('x0', { exact: true }).fill('');
    expect(await p.getByLabel('x0', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await problem(p, 'x0')).toBe('x0: Not a number: the page shows the last value that was one.');
    expect(await p.locator('.gradients').innerText()).toBe(text);
    await p.getByLabel('x0', { exact: true }).fill('1.5');
    expect(await problem(p, 'x0')).toBeNull();
    expect(await p.getByLabel('x0', { exact: true }).getAttribute('aria-invalid')).toBe('false');
    expect(errors).toEqual([]);
  });

  it('gives a slider finite bounds around any value, the largest doubles too', async () => {
    for (const x of [0, -3, 1e308, -1.7e308]) {
      const { page: p, errors } = await open(await page(`slider-${x}`, ['x*2', `x=${x}`]));
      const [min, max, step, value] = (await p.getByLabel('x, slider', { exact: true }).evaluate((e: HTMLInputElement) => [e.min, e.max, e.step, e.value])).map(Number);
      for (const n of [min, max, step]) expect(Number.isFinite(n)).toBe(true);
      expect(min).toBeLessThan(x);
      expect(max).toBeGreaterThan(x);
      expect(Math.abs(value! - x)).toBeLessThanOrEqual(step!); // where the slider starts: at x, to its step
      expect(errors).toEqual([]);
    }
  });

  it('says what the command line warns of, as the values change: a value not finite, a kink', async () => {
    const args = ['log(x)*y + relu(z)', 'x=2', 'y=3', 'z=1'];
    const { page: p, errors } = await open(await page('warnings', args));
    const warnings = p.locator('.warnings');
    expect(await warnings.isVisible()).toBe(false); // none at these values
    await p.getByLabel('x', { exact: true }).fill('-5');
    await p.getByLabel('z', { exact: true }).fill('0');
    // The same words as the command line's standard error, from the same values.
    const said = (await cli(['log(x)*y + relu(z)', 'x=-5', 'y=3', 'z=0'])).stderr.trim().split('\n').map((l) => l.replace(/^backprop: /, ''));
    expect(said).toHaveLength(3);
    expect((await warnings.innerText()).split('\n')).toEqual(said);
    await p.getByLabel('x', { exact: true }).fill('2');
    await p.getByLabel('z', { exact: true }).fill('1');
    expect(await warnings.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    // A statement whose value nothing uses is said at any values.
    const unused = await open(await page('unused-statement', ['q = x * 2; f = x + 1', 'x=3']));
    expect(await unused.page.locator('.warnings').innerText()).toBe('warning: q is assigned but not used: nothing after it reads its value');
    expect(unused.errors).toEqual([]);
  });

  it('refuses a value the graph cannot take (an index of 1.5, or 7), says why on the field, and keeps the page as it was', async () => {
    const svm = LECTURE.find((c) => c.id === 'svm-hinge-l2')!;
    writeFileSync(join(work, 'svm.json'), JSON.stringify(svm.vars));
    const { page: p, errors } = await open(await page('svm', [svm.expression, '--vars', join(work, 'svm.json')]));
    const before = await p.locator('.gradients').innerText();
    expect(before).toContain(`f = ${formatNumber(svm.value as number)}`);
    for (const bad of ['1.5', '7']) {
      await p.getByLabel('y', { exact: true }).fill(bad);
      const field = p.getByLabel('y', { exact: true });
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await problem(p, 'y')).toBe(`y: n4 = (W * x)[y]: the index ${bad} is not a whole number from 1 to 3 (indices count from 1, as in mathjs)`);
      expect(await p.locator('.gradients').innerText()).toBe(before);
    }
    // Said in the page's language, as the command line says it.
    const ko = await open(await page('svm-ko', [svm.expression, '--vars', join(work, 'svm.json'), '--lang', 'ko']));
    await ko.page.getByLabel('y', { exact: true }).fill('7');
    expect(await problem(ko.page, 'y')).toBe('y: n4 = (W * x)[y]: 인덱스 7은(는) 1부터 3까지의 정수가 아닙니다 (mathjs처럼 인덱스는 1부터 셉니다)');
    expect(ko.errors).toEqual([]);
    // And it goes on: another variable still recomputes, from the page's last good values.
    await p.getByLabel('lambda', { exact: true }).fill('0.2');
    const want = run(svm.expression, { ...svm.vars, lambda: 0.2 });
    expect(await p.locator('.gradients').innerText()).toContain(`f = ${formatNumber(want.value as number)}`);
    expect(errors).toEqual([]);
  });

  it('is Korean throughout in --lang ko', async () => {
    const { page: p, errors } = await open(await page('neuron-ko', [...neuron, '--lang', 'ko']));
    expect(await p.locator('html').getAttribute('lang')).toBe('ko');
    await p.keyboard.press('ArrowRight');
    expect(await status(p)).toBe('순전파 (forward pass): 각 노드를 입력에서 차례로 계산합니다.');
    expect(await p.getByRole('button', { name: '다음 단계 (→)' }).count()).toBe(1);
    expect(await p.locator('thead').innerText()).toContain('국소 그래디언트');
    expect(errors).toEqual([]);
  });

  it('breaks a Korean step between words, not inside one, on a narrow screen', async () => {
    const { page: p, errors } = await open(await page('statements-ko', ['q = x + y; f = q * z', 'x=-2', 'y=5', 'z=-4', '--lang', 'ko']), { width: 360, height: 700 });
    for (let k = 0; k < 5; k++) await p.keyboard.press('ArrowRight');
    expect(await status(p)).toContain('곱셈 게이트');
    // Where one character's line box ends and the next begins, one of them is not Hangul.
    const cuts = await p.locator('[role=status]').evaluate((el) => {
      const text = el.textContent ?? '';
      const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE) ?? el.firstChild!;
      const range = document.createRange();
      const tops: number[] = [];
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        tops.push(range.getBoundingClientRect().top);
      }
      const hangul = /[\uac00-\ud7a3]/;
      const found: string[] = [];
      let wraps = 0;
      for (let i = 1; i < text.length; i++) {
        if (tops[i]! <= tops[i - 1]! + 1 || text[i - 1] === '\n') continue;
        wraps++;
        if (hangul.test(text[i - 1]!) && hangul.test(text[i]!)) found.push(text.slice(Math.max(0, i - 4), i + 4));
      }
      return { found, wraps };
    });
    expect(cuts.wraps).toBeGreaterThan(2); // it did wrap
    expect(cuts.found).toEqual([]);
    // Nor the table's head: 노드 stays one word (the table scrolls sideways instead).
    const lines = await p.locator('thead th').first().evaluate((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      return [th.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
    });
    expect(lines).toEqual(['노드', 1]);
    expect(errors).toEqual([]);
  });

  it("moves the step's numbers along its edges: the values into the node forward, the gradients back out of it, still where motion is reduced", async () => {
    const { page: p, errors } = await open(await page('statements', ['q = x + y; f = q * z', 'x=-2', 'y=5', 'z=-4']));
    // The animation each highlighted edge's line runs.
    const edges = (cls: string): Promise<string[]> => p.locator(`.edge.${cls} path`).evaluateAll((es) => es.map((e) => getComputedStyle(e).animationName));
    for (let k = 0; k < 3; k++) await p.keyboard.press('ArrowRight'); // forward: f = q * z
    expect(await currentNode(p)).toBe('f');
    const into = await edges('receiving');
    expect(into).toEqual(['along', 'along']);
    expect(await p.locator('.edge.sending').count()).toBe(0);
    for (let k = 0; k < 3; k++) await p.keyboard.press('ArrowRight'); // backward: q sends to x and y
    expect(await currentNode(p)).toBe('q');
    const back = await edges('sending');
    expect(back).toEqual(['back', 'back']);
    expect(await p.locator('.edge.receiving').count()).toBe(0);
    await p.emulateMedia({ reducedMotion: 'reduce' });
    expect(await edges('sending')).toEqual(['none', 'none']);
    expect(errors).toEqual([]);
  });

  it('lines the variables up in a column of their own when they wrap, not under the heading', async () => {
    const { page: p, errors } = await open(await page('six-variables', ['a*b + c*d - u*v', 'a=1', 'b=2', 'c=3', 'd=4', 'u=5', 'v=6']), { width: 700, height: 600 });
    const heading = (await p.locator('.controls h2').boundingBox())!;
    const lefts = await p.locator('.controls .variable').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().left));
    const tops = await p.locator('.controls .variable').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBeGreaterThan(1); // they did wrap
    const rowStarts = lefts.filter((_, k) => k === 0 || tops[k] !== tops[k - 1]);
    for (const left of rowStarts) expect(left).toBeCloseTo(lefts[0]!, 0);
    expect(lefts[0]!).toBeGreaterThan(heading.x + heading.width);
    expect(errors).toEqual([]);
  });

  it('draws tensors as grids with their shapes, named nodes by name, and steps through them', async () => {
    const { page: p, errors, requests } = await open(await page('net', ['h = max(0, W1*x); s = W2*h', '--vars', 'net.json']));
    expect(await p.locator('.grid .shape').allTextContents()).toContain('2×3');
    expect(await p.locator('svg .node .name').allTextContents()).toEqual(['h', 's']);
    // The forward pass (a heading, h, s: s is the output, by its own name), the backward heading, then s.
    for (let k = 0; k < 6; k++) await p.keyboard.press('ArrowRight');
    expect(await currentNode(p)).toBe('s');
    expect(await status(p)).toContain('∂s/∂W2 = g · hᵀ');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens a large graph in seconds, summarised, and still steps', async () => {
    const terms = Array.from({ length: 400 }, (_, i) => `sin(${(i % 7) + 1}*x${i % 5})`).join(' + ');
    const vars = Array.from({ length: 5 }, (_, i) => `x${i}=0.${i + 1}`);
    const start = performance.now();
    const { page: p, errors } = await open(await page('large', [terms, ...vars]));
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(await p.locator('figcaption').innerText()).toContain('drawn without the numbers on its edges');
    expect(await p.locator('svg .node').count()).toBeGreaterThan(1500);
    // Fitted, the picture is scaled far down: its strokes stay a pixel wide, or the box looks empty.
    const scale = await p.locator('.graph svg').evaluate((svg) => (svg as SVGSVGElement).getScreenCTM()!.a);
    expect(scale).toBeLessThan(0.5);
    expect(await p.locator('.edge path').first().evaluate((e) => getComputedStyle(e).vectorEffect)).toBe('non-scaling-stroke');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    expect(await currentNode(p)).not.toBeNull();
    expect(errors).toEqual([]);
  }, 60_000);

  it('makes the README its screenshot', async () => {
    const { page: p } = await open(await page('neuron', neuron), { width: 1200, height: 760 });
    for (let k = 0; k < 14; k++) await p.keyboard.press('ArrowRight');
    await p.screenshot({ path: new URL('../docs/page.png', import.meta.url).pathname });
  });
});

describe('the page, as a file', () => {
  it("is under 1 MB for each of the lecture's examples, and self-contained", async () => {
    for (const c of LECTURE) {
      const files = new Map<string, string>();
      const args = [c.expression, ...Object.entries(c.vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`), '--format', 'html', '--out', 'p.html'];
      expect((await cli(args, { files })).exit, c.id).toBe(0);
      const html = files.get('p.html')!;
      expect(Buffer.byteLength(html), c.id).toBeLessThan(1 << 20);
      // Nothing to fetch: no src or href that leaves the file, no import.
      expect(html, c.id).not.toMatch(/\s(src|href)=["'](?!#)|@import|url\(/);
    }
  });
});
