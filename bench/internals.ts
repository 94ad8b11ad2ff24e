// What the scale benchmark times, step by step (bundled by bench/run.mjs).
export { parseExpression } from '../src/parse.js';
export { lower } from '../src/lower.js';
export { evaluate, forward, backward } from '../src/engine.js';
export { nameNodes } from '../src/render/labels.js';
export { writeJson } from '../src/render/json.js';
export { renderTable } from '../src/render/table.js';
