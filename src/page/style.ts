// The page's styles, inlined: the lecture's colours (values forward in
// green, gradients back in red), system fonts only, nothing fetched.
export const STYLE = `
:root { --green: #1a7f37; --red: #cf222e; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --mark: #fff8c5; --focus: #0969da;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; color: var(--ink); }
body { margin: 0; background: #fff; }
.bp { display: grid; gap: 12px; padding: 16px; max-width: 1600px; margin: 0 auto; }
header h1 { font-size: 18px; margin: 0; }
.program { margin: 4px 0 0; font: 15px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }
h2 { font-size: 14px; margin: 0 8px 0 0; }
.controls { display: flex; gap: 8px 20px; align-items: baseline; }
.fields { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
.variable { display: flex; gap: 6px; align-items: center; }
.variable label { font: 600 14px ui-monospace, monospace; min-width: 1.5em; text-align: right; }
.variable input[type=number] { width: 6.5em; font: 14px ui-monospace, monospace; padding: 2px 4px; }
.variable input[aria-invalid=true] { outline: 2px solid var(--red); }
.problems { flex-basis: 100%; list-style: none; padding: 0; margin: 0; color: var(--red); font-size: 14px; }
.problems:empty { display: none; }
.note, figcaption { color: var(--muted); font-size: 13px; margin: 0; }
.stepper { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
button { font-size: 14px; min-width: 2.2em; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; background: #f6f8fa; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
button:disabled { opacity: 0.4; cursor: default; }
.counter { color: var(--muted); font-size: 13px; margin: 0 6px; }
.status { flex-basis: 100%; white-space: pre-wrap; font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; min-height: 3em; }
/* Korean breaks between words, as it is written (바꿉니다 was cut after 바, 노드 in the table's head after 노); a token longer than the line still breaks. */
:lang(ko) .bp { word-break: keep-all; overflow-wrap: break-word; }
.panes { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; align-items: start; }
.panes.wide { grid-template-columns: 1fr; }
@media (max-width: 900px) { .panes { grid-template-columns: 1fr; } }
.graph { position: relative; margin: 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
.graph svg { display: block; width: 100%; height: auto; max-height: 75vh; touch-action: none; cursor: grab; }
.zoom { position: absolute; right: 6px; top: 6px; display: flex; gap: 4px; }
/* A large graph's strokes stay a pixel wide however far the view is zoomed out: 6,000 nodes, fitted, were a blank box. */
.graph.large .edge path, .graph.large .node ellipse { vector-effect: non-scaling-stroke; }
.edge path { fill: none; stroke: #57606a; stroke-width: 1; }
.edge polygon { fill: #57606a; stroke: none; }
.edge text { font: 10px Helvetica, Arial, sans-serif; text-anchor: middle; }
.edge .value { fill: var(--green); }
.edge .gradient { fill: var(--red); }
.edge.sending path { stroke: var(--red); stroke-width: 2; }
.edge.sending polygon { fill: var(--red); }
.edge.receiving path { stroke: var(--green); stroke-width: 2; }
.edge.receiving polygon { fill: var(--green); }
/* The step's numbers moving: the values along their edges into the node, the gradients back against them. */
@media (prefers-reduced-motion: no-preference) {
  .edge.sending path, .edge.receiving path { stroke-dasharray: 6 3; }
  .edge.receiving path { animation: along 0.9s linear infinite; }
  .edge.sending path { animation: back 0.9s linear infinite; }
}
@keyframes along { from { stroke-dashoffset: 9; } to { stroke-dashoffset: 0; } }
@keyframes back { from { stroke-dashoffset: 0; } to { stroke-dashoffset: 9; } }
.hidden { visibility: hidden; }
.node ellipse { fill: #fff; stroke: var(--ink); stroke-width: 1; }
.node text { font: 12px Helvetica, Arial, sans-serif; text-anchor: middle; }
.node .name { font-weight: 700; }
.node.current ellipse { fill: var(--mark); stroke: var(--focus); stroke-width: 3; }
.node.leaf.current text { fill: var(--focus); font-weight: 700; }
.nodes { overflow: auto; max-height: 80vh; }
table { border-collapse: collapse; font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: #f6f8fa; font-family: system-ui, sans-serif; }
tbody tr.current { background: var(--mark); }
/* On a phone the table scrolls sideways: the node's id and its gradient, what a student reads first, stay in view. */
.nodes > table > * > tr > :first-child { position: sticky; left: 0; background: #fff; }
.nodes > table > * > tr > :last-child { position: sticky; right: 0; background: #fff; box-shadow: -1px 0 0 var(--line); }
.nodes > table > thead > tr > * { background: #f6f8fa; z-index: 1; }
.nodes > table > tbody > tr.current > * { background: var(--mark); }
.grid table { font-size: 11px; }
.grid td { border: 1px solid #fff; padding: 1px 4px; text-align: right; }
.grid td.gap { background: none; color: var(--muted); }
.grid .shape { color: var(--muted); font-size: 11px; }
.gradients { list-style: none; padding: 0; font: 14px ui-monospace, monospace; }
.warnings { list-style: none; padding: 0; margin: 0; color: #9a6700; font-size: 14px; }
.warnings:empty { display: none; }
`;
