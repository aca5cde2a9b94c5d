// mermaid-parse.mjs: does Mermaid's own parser take these files?
//
//   usage: TV_MERMAID_MODULES=DIR node tests/tools/mermaid-parse.mjs FILE.mmd…
//
// DIR is a folder where `npm install mermaid jsdom` was run (Mermaid needs a
// DOM even to parse; jsdom gives it one, no browser).  Prints the diagram
// type of each file; exits 1 at the first file Mermaid rejects, with its
// message.  tests/render/check-text-diagrams.py runs it on every .mmd that
// tcpviz writes when TV_MERMAID_PARSE names a program running this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.TV_MERMAID_MODULES;
if (!dir) {
  console.error('mermaid-parse: set TV_MERMAID_MODULES to a folder with node_modules/mermaid and node_modules/jsdom');
  process.exit(2);
}
const load = (p) => import(pathToFileURL(join(dir, 'node_modules', p)).href);
const { JSDOM } = await load('jsdom/lib/api.js');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;
const { default: mermaid } = await load('mermaid/dist/mermaid.core.mjs');
mermaid.initialize({ startOnLoad: false });

for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`${file}: ${result.diagramType}`);
  } catch (e) {
    console.error(`${file}: ${e.message ?? e}`);
    process.exit(1);
  }
}
