// The page's script, bundled for the browser and inlined into the page by
// html.ts. It draws the graph where Graphviz placed it, runs the same
// engine as the command line on the page's values (again whenever a
// variable changes), and walks through the forward and the backward pass a
// step at a time, saying each step as --explain says it.
import { BackpropError } from '../errors.js';
import { backward, forward, type Value } from '../graph/engine.js';
import { tensorOf, type Trace, unusedStatements } from '../graph/graph.js';
import { nameNodes, outputName } from '../graph/names.js';
import type { Tensor } from '../graph/tensor.js';
import { drawing, OUTPUT } from '../render/drawing.js';
import { explanation, type Step } from '../render/explain.js';
import { warningText } from '../render/messages.js';
import { formatNumber } from '../render/number.js';
import { PHRASES } from '../render/phrases.js';
import type { Report } from '../render/report.js';
import { formatTensor, programHead, tableRows } from '../render/table.js';
import { graphOf, type PageData } from './data.js';

const SVG = 'http://www.w3.org/2000/svg';
/** A step's time on screen when playing: long enough to read it aloud. */
const PACE_MS = 1600;

const data = JSON.parse(document.getElementById('backprop-data')!.textContent!) as PageData;
const say = PHRASES[data.lang];
const graph = graphOf(data.graph);
const names = nameNodes(graph);
// What the output is called: f, or the name its statement gives it (L = …).
const output = outputName(graph);
const values = new Map<string, Value>(
  data.values.map(([name, v]) => [name, typeof v === 'number' ? v : { shape: v.shape, data: Float64Array.from(v.data) }]),
);
const seed = data.seed ? Float64Array.from(data.seed) : undefined;
const options = { lang: data.lang, ...(data.precision === undefined ? {} : { precision: data.precision }) };
const fmt = (x: number): string => formatNumber(x, data.precision);

/** Who uses each edge: the node whose input it is. */
const userOf = new Int32Array(graph.args.length);
for (let i = 0; i < graph.size; i++) for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) userOf[e] = i;

let trace: Trace = run();
let steps: Step[] = [];
/** -1: the whole graph at once; else the step under way. */
let current = -1;
let playing: ReturnType<typeof setInterval> | undefined;

/** The graph again with the values as they are now; the page keeps one trace, so its arrays are filled again. */
function run(reuse?: Trace): Trace {
  return backward(forward(graph, values, reuse), seed, reuse);
}

// ——— building the page, once ———

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const main = element('main', { class: 'bp' });
document.body.append(main);

const header = element('header');
header.append(element('h1', {}, 'backprop'), element('pre', { class: 'program' }, programHead({ trace, names }).join('\n')));
main.append(header);

// The variables: a number field for each scalar (its accessible name is the variable's), and a slider beside it.
const controls = element('section', { class: 'controls', 'aria-label': say.page.variables });
// The fields in a box of their own: a row that wraps starts under the first field, not under the heading.
const fields = element('div', { class: 'fields' });
controls.append(element('h2', {}, say.page.variables), fields);
const problems = element('ul', { class: 'problems', 'aria-live': 'polite' });
for (const { name } of graph.variables) {
  const v = values.get(name)!;
  if (typeof v !== 'number') continue;
  const row = element('div', { class: 'variable' });
  const id = `variable-${name}`;
  const field = element('input', { id, type: 'number', step: 'any', value: String(v), inputmode: 'decimal' });
  // Twice the value either side, within the doubles: a bound of Infinity is no bound to a browser, which falls back to 0–100.
  const spread = Math.max(1, Math.abs(v)) * 2;
  const low = Math.max(v - spread, -Number.MAX_VALUE);
  const high = Math.min(v + spread, Number.MAX_VALUE);
  const slider = element('input', { type: 'range', min: String(low), max: String(high), step: String(high / 400 - low / 400), value: String(v), 'aria-label': say.page.slider(name) });
  // Why a value is refused, said under the fields (a tooltip is seen only by hovering) and as both inputs' description.
  const problem = element('li', { id: `${id}-problem` });
  field.setAttribute('aria-describedby', problem.id);
  slider.setAttribute('aria-describedby', problem.id);
  const refuse = (from: HTMLInputElement, why: string | undefined): void => {
    from.setAttribute('aria-invalid', String(why !== undefined));
    if (why === undefined) problem.remove();
    else {
      problem.textContent = `${name}: ${why}`;
      problems.append(problem);
    }
  };
  const change = (text: string, from: HTMLInputElement, to: HTMLInputElement): void => {
    const x = Number(text);
    if (text.trim() === '' || !Number.isFinite(x)) return refuse(from, say.page.notANumber);
    const before = values.get(name)!;
    values.set(name, x);
    try {
      recompute();
    } catch (e) {
      // A value the graph refuses (an index out of range): said, and the page as it was.
      values.set(name, before);
      recompute();
      return refuse(from, e instanceof BackpropError ? e.say(data.lang) : String(e));
    }
    refuse(from, undefined);
    if (to !== from) to.value = text;
  };
  field.addEventListener('input', () => change(field.value, field, slider));
  slider.addEventListener('input', () => change(slider.value, slider, field));
  row.append(element('label', { for: id }, name), field, slider);
  fields.append(row);
}
if (graph.variables.some(({ name }) => typeof values.get(name) !== 'number')) fields.append(element('p', { class: 'note' }, say.page.tensorsFixed));
fields.append(problems);
main.append(controls);

// What the command line says on standard error (log(x) of a negative x, relu at 0), said again whenever the values change.
const warnings = element('ul', { class: 'warnings', 'aria-live': 'polite' });
main.append(warnings);

// The stepper: buttons, the counter, and the step said in a live region.
const stepper = element('section', { class: 'stepper', 'aria-label': say.page.steps });
const button = (label: string, shown: string): HTMLButtonElement => element('button', { type: 'button', 'aria-label': label, title: label }, shown);
const buttons = {
  start: button(say.page.start, say.page.buttons.start),
  previous: button(say.page.previous, say.page.buttons.previous),
  next: button(say.page.next, say.page.buttons.next),
  play: button(say.page.play, say.page.buttons.play),
  end: button(say.page.end, say.page.buttons.end),
};
buttons.play.setAttribute('aria-pressed', 'false');
const counter = element('span', { class: 'counter' });
const status = element('div', { role: 'status', 'aria-live': 'polite', class: 'status' });
stepper.append(...Object.values(buttons), counter, status);
main.append(stepper);

// A wide, low graph (the lecture's) reads best across the whole page, with the table under it.
const panes = element('div', { class: data.layout.width > 2.2 * data.layout.height ? 'panes wide' : 'panes' });
main.append(panes);

// The graph, where Graphviz placed it; its numbers are filled in by update().
const d0 = drawing(trace, names, data.precision, data.plainGates);
const { layout } = data;
const figure = element('figure', { class: 'graph' });
const picture = svg('svg', { role: 'img', 'aria-label': say.page.graph, viewBox: `0 0 ${layout.width} ${layout.height}` });
const view = { x: 0, y: 0, w: layout.width, h: layout.height };
const edgeTexts: { value?: SVGTextElement; gradient?: SVGTextElement }[] = [];
const edgeGroups: SVGGElement[] = [];
d0.edges.forEach((e, k) => {
  const g = svg('g', { class: 'edge' });
  const { path, tip, label } = layout.edges[k]!;
  if (path.length >= 2) {
    let dPath = `M${path[0]},${path[1]}`;
    for (let p = 2; p + 5 < path.length; p += 6) dPath += ` C${path.slice(p, p + 6).join(',')}`;
    g.append(svg('path', { d: dPath }));
    if (tip) {
      // The arrowhead: from the path's last point to its tip.
      const [x0, y0, x1, y1] = [path[path.length - 2]!, path[path.length - 1]!, tip[0]!, tip[1]!];
      const [dx, dy] = [x1 - x0, y1 - y0];
      const n = Math.hypot(dx, dy) || 1;
      const [px, py] = [(-dy / n) * 3.5, (dx / n) * 3.5];
      g.append(svg('polygon', { points: `${x1},${y1} ${x0 + px},${y0 + py} ${x0 - px},${y0 - py}` }));
    }
  }
  const texts: { value?: SVGTextElement; gradient?: SVGTextElement } = {};
  if (d0.labelled && label) {
    texts.value = svg('text', { class: 'value', x: label[0]!, y: label[1]! - 2 });
    g.append(texts.value);
    if (e.gradient !== undefined) {
      texts.gradient = svg('text', { class: 'gradient', x: label[0]!, y: label[1]! + 11 });
      g.append(texts.gradient);
    }
  }
  edgeTexts.push(texts);
  edgeGroups.push(g);
  picture.append(g);
});
const nodeGroups: SVGGElement[] = [];
d0.nodes.forEach((n, k) => {
  const { x, y, w, h } = layout.nodes[k]!;
  const g = svg('g', { class: n.leaf ? 'node leaf' : 'node', 'data-node': n.node === undefined ? 'f' : names.ids[n.node]! });
  if (!n.leaf) g.append(svg('ellipse', { cx: x, cy: y, rx: w / 2, ry: h / 2 }));
  g.append(svg('text', { x, y: n.name === undefined ? y + 4 : y - 1 }, n.label));
  if (n.name !== undefined) g.append(svg('text', { class: 'name', x, y: y + 12 }, n.name));
  nodeGroups.push(g);
  picture.append(g);
});
const zoom = element('div', { class: 'zoom' });
const zoomButtons = {
  in: element('button', { type: 'button', 'aria-label': say.page.zoomIn, title: say.page.zoomIn }, '+'),
  out: element('button', { type: 'button', 'aria-label': say.page.zoomOut, title: say.page.zoomOut }, '−'),
  fit: element('button', { type: 'button', 'aria-label': say.page.fit, title: say.page.fit }, '⤢'),
};
zoom.append(...Object.values(zoomButtons));
figure.append(picture, zoom);
if (!d0.labelled) {
  figure.classList.add('large');
  figure.append(element('figcaption', {}, say.page.large));
}
panes.append(figure);

const tableSection = element('section', { class: 'nodes', 'aria-label': say.page.table });
const table = element('table');
const gradients = element('ul', { class: 'gradients' });
tableSection.append(table, gradients);
panes.append(tableSection);

// ——— filling in the numbers ———

/** A tensor as a small grid, each entry tinted by its sign and size (a heat map), its shape under it. */
function grid(t: Tensor): HTMLElement {
  const box = element('div', { class: 'grid' });
  const rows = t.shape.length === 1 ? 1 : t.shape[0]!;
  const cols = t.shape.length === 1 ? t.shape[0]! : t.shape[1]!;
  const keep = (n: number): number[] => (n <= 7 ? [...Array(n).keys()] : [0, 1, 2, -1, n - 3, n - 2, n - 1]);
  let scale = 0;
  for (const x of t.data) if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
  const body = element('table');
  for (const r of keep(rows)) {
    const tr = element('tr');
    for (const c of keep(cols)) {
      if (r < 0 || c < 0) {
        tr.append(element('td', { class: 'gap' }, '…'));
        continue;
      }
      const x = t.data[r * cols + c]!;
      const alpha = scale > 0 && Number.isFinite(x) ? (Math.abs(x) / scale) * 0.55 : 0;
      tr.append(element('td', { style: `background: ${x < 0 ? `rgba(9, 105, 218, ${alpha})` : `rgba(207, 34, 46, ${alpha})`}` }, fmt(x)));
    }
    body.append(tr);
  }
  box.append(body, element('span', { class: 'shape' }, t.shape.join('×')));
  return box;
}

function fillTable(report: Report): void {
  const rows = tableRows(report, options);
  const header = rows[0]!;
  const head = element('thead');
  const tr = element('tr');
  for (const h of header) tr.append(element('th', { scope: 'col' }, h));
  head.append(tr);
  const body = element('tbody');
  const valueColumn = header.length - 3;
  rows.slice(1).forEach((cells, i) => {
    const row = element('tr', { 'data-node': names.ids[i]! });
    cells.forEach((c, k) => {
      const td = element(k === 0 ? 'th' : 'td', k === 0 ? { scope: 'row' } : {});
      const tensor = trace.shape[i]!.length > 0 && (k === valueColumn || k === header.length - 1);
      if (tensor && (k === valueColumn || trace.hasGradient[i])) td.append(grid(tensorOf(trace, i, k === valueColumn ? trace.value : trace.grad)));
      else td.textContent = c;
      row.append(td);
    });
    body.append(row);
  });
  table.replaceChildren(head, body);
  gradients.replaceChildren(
    element('li', {}, `${output} = ${tensorText(tensorOf(trace, graph.size - 1))}`),
    ...graph.variables.map((v) =>
      element('li', {}, `∂${output}/∂${v.name} = ${trace.hasGradient[v.node] ? tensorText(tensorOf(trace, v.node, trace.grad)) : say.indexOnlyCell}`),
    ),
  );
}

const tensorText = (t: Tensor): string => formatTensor(t, fmt);

/** Every number in the page, from the trace. */
function recompute(): void {
  trace = run(trace);
  const report: Report = { trace, names };
  steps = explanation(report, options);
  const d = drawing(trace, names, data.precision, data.plainGates);
  d.edges.forEach((e, k) => {
    const t = edgeTexts[k]!;
    if (t.value) t.value.textContent = e.value;
    if (t.gradient) t.gradient.textContent = e.gradient ?? '';
  });
  d.nodes.forEach((n, k) => {
    if (n.node !== undefined) nodeGroups[k]!.setAttribute('aria-label', `${names.ids[n.node]} = ${tensorText(tensorOf(trace, n.node))}`);
  });
  fillTable(report);
  const statements = unusedStatements(graph);
  warnings.replaceChildren(...(statements ? [statements, ...trace.warnings] : trace.warnings).map((w) => element('li', {}, `${say.warning}: ${warningText(w, trace, names, data.lang)}`)));
  show();
}

// ——— stepping ———

/** What the step under way lets be seen: values up to where the forward pass is, gradients back to where the backward pass is. */
function show(): void {
  const step = current < 0 ? undefined : steps[current];
  const root = graph.size - 1;
  const leaf = (i: number): boolean => graph.first[i] === graph.first[i + 1];
  const forwardAt = step === undefined || step.phase !== 'forward' ? Infinity : step.node ?? (current === 0 ? -1 : root);
  const backwardAt = step === undefined || step.phase === 'gradients' ? -1 : step.phase === 'forward' ? Infinity : step.node ?? root + 1;
  d0.edges.forEach((e, k) => {
    const from = e.edge === undefined ? root : graph.args[e.edge]!;
    const to = e.edge === undefined ? root + 1 : userOf[e.edge]!;
    const valueShown = leaf(from) || from <= forwardAt;
    const gradientShown = to >= backwardAt;
    const t = edgeTexts[k]!;
    t.value?.classList.toggle('hidden', !valueShown);
    t.gradient?.classList.toggle('hidden', !gradientShown);
    // The edges of the step's node: what it takes in on the forward pass, what it sends back on the backward pass.
    const edgeOfStep = step?.node !== undefined && to === step.node;
    edgeGroups[k]!.classList.toggle('receiving', edgeOfStep && step.phase === 'forward');
    edgeGroups[k]!.classList.toggle('sending', edgeOfStep && step.phase === 'backward');
  });
  const at = step?.node;
  d0.nodes.forEach((n, k) => {
    const g = nodeGroups[k]!;
    const here = at !== undefined && n.node === at && n.key !== OUTPUT;
    g.classList.toggle('current', here);
    if (here) g.setAttribute('aria-current', 'step');
    else g.removeAttribute('aria-current');
  });
  for (const row of table.querySelectorAll('tbody tr')) row.classList.toggle('current', at !== undefined && row.getAttribute('data-node') === names.ids[at]);
  status.textContent = step === undefined ? say.page.overview : step.lines.join('\n');
  counter.textContent = step === undefined ? '' : say.page.stepOf(current + 1, steps.length);
  buttons.previous.disabled = current < 0;
  buttons.next.disabled = current >= steps.length - 1;
}

function go(to: number): void {
  current = Math.max(-1, Math.min(steps.length - 1, to));
  show();
}

function stop(): void {
  if (playing !== undefined) clearInterval(playing);
  playing = undefined;
  buttons.play.setAttribute('aria-pressed', 'false');
  buttons.play.setAttribute('aria-label', say.page.play);
  buttons.play.textContent = say.page.buttons.play;
}

function play(): void {
  if (playing !== undefined) return stop();
  if (current >= steps.length - 1) go(-1);
  buttons.play.setAttribute('aria-pressed', 'true');
  buttons.play.setAttribute('aria-label', say.page.pause);
  buttons.play.textContent = say.page.buttons.pause;
  const tick = (): void => {
    if (current >= steps.length - 1) return stop();
    go(current + 1);
  };
  tick();
  playing = setInterval(tick, PACE_MS);
}

buttons.start.addEventListener('click', () => (stop(), go(0)));
buttons.previous.addEventListener('click', () => (stop(), go(current - 1)));
buttons.next.addEventListener('click', () => (stop(), go(current + 1)));
buttons.end.addEventListener('click', () => (stop(), go(-1)));
buttons.play.addEventListener('click', play);
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') || event.altKey || event.ctrlKey || event.metaKey) return;
  const moves: Record<string, () => number> = { ArrowRight: () => current + 1, ArrowLeft: () => current - 1, Home: () => 0, End: () => -1 };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  stop();
  go(move());
});

// ——— pan and zoom ———

function setView(): void {
  picture.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
}

function zoomBy(factor: number, cx = view.x + view.w / 2, cy = view.y + view.h / 2): void {
  view.x = cx - (cx - view.x) * factor;
  view.y = cy - (cy - view.y) * factor;
  view.w *= factor;
  view.h *= factor;
  setView();
}

zoomButtons.in.addEventListener('click', () => zoomBy(1 / 1.25));
zoomButtons.out.addEventListener('click', () => zoomBy(1.25));
zoomButtons.fit.addEventListener('click', () => {
  Object.assign(view, { x: 0, y: 0, w: layout.width, h: layout.height });
  setView();
});
picture.addEventListener('wheel', (event) => {
  event.preventDefault();
  const box = picture.getBoundingClientRect();
  const cx = view.x + ((event.clientX - box.left) / box.width) * view.w;
  const cy = view.y + ((event.clientY - box.top) / box.height) * view.h;
  zoomBy(event.deltaY > 0 ? 1.15 : 1 / 1.15, cx, cy);
}, { passive: false });
let drag: { x: number; y: number } | undefined;
picture.addEventListener('pointerdown', (event) => {
  drag = { x: event.clientX, y: event.clientY };
  picture.setPointerCapture(event.pointerId);
});
picture.addEventListener('pointermove', (event) => {
  if (!drag) return;
  const box = picture.getBoundingClientRect();
  view.x -= ((event.clientX - drag.x) / box.width) * view.w;
  view.y -= ((event.clientY - drag.y) / box.height) * view.h;
  drag = { x: event.clientX, y: event.clientY };
  setView();
});
picture.addEventListener('pointerup', () => (drag = undefined));

recompute();
