// What the scale benchmark times, step by step (bundled by bench/run.mjs).
export { parseExpression } from '../src/language/parse.js';
export { lower } from '../src/language/lower.js';
export { evaluate, forward, backward } from '../src/graph/engine.js';
export { nameNodes } from '../src/graph/names.js';
export { writeJson } from '../src/render/json.js';
export { renderTable } from '../src/render/table.js';
export { compile, execute } from '../src/pipeline.js';
export { nested } from '../src/render/json.js';
