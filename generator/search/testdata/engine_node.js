// Runs the browser's search engine (static/js/search-engine.js) in node against a
// built index and prints, for each query, the results as the page would list them:
//   node engine_node.js STATIC_JS_DIR INDEX_DIR QUERIES_JSON
// QUERIES_JSON is [{"q": "…", "filters": [["y", "2023"]], "limit": 10, "want": [3, 6]}].
// With a limit the engine is asked, as the page asks it, for one result more than the
// limit, and the metadata and snippets of the first limit results are loaded; without
// one, every result is found and shown. With want, the engine is asked for want[0]
// results, then continues with next(want[1]) and so on, and steps tells what each step
// had found and loaded. Files are loaded the way the page loads them: each is run as a
// script that calls gazetteIndex(name, data).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const [jsDir, indexDir, queriesFile] = process.argv.slice(2);
const norm = require(path.resolve(jsDir, "normalize.js"));
const { Engine } = require(path.resolve(jsDir, "search-engine.js"));

const loaded = [];
function load(file, name) {
  return new Promise((resolve, reject) => {
    let data;
    const code = fs.readFileSync(path.join(indexDir, file), "utf8");
    loaded.push(file);
    vm.runInNewContext(code, { gazetteIndex: (n, d) => { if (n === name) data = d; } });
    data === undefined ? reject(new Error(file + " registered nothing as " + name)) : resolve(data);
  });
}

(async () => {
  const out = [];
  for (const { q, filters, limit, want } of JSON.parse(fs.readFileSync(queriesFile, "utf8"))) {
    const engine = new Engine(load, norm);
    loaded.length = 0;
    const wants = want || [limit ? limit + 1 : undefined];
    const found = await engine.search(q, filters || [], wants[0]);
    const steps = [];
    const step = () => steps.push({ ids: found.results.map((r) => r.id), done: found.done, files: loaded.slice() });
    step();
    for (const w of wants.slice(1)) {
      await found.next(w);
      step();
    }
    const results = [];
    for (const r of found.results.slice(0, limit || found.results.length)) {
      const meta = await engine.entry(r.id);
      const block = await engine.block(meta, r.block >= 0 ? r.block : engine.m.body);
      results.push({
        id: r.id, kind: meta.k, path: meta.u, title: meta.t, anchor: (r.block >= 0 && block && block[0]) || meta.a || "",
        text: block ? block[1] : "", tier: r.tier, phrase: r.phrase,
      });
    }
    out.push({ results, total: found.results.length, done: found.done, files: loaded.slice(), steps });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
