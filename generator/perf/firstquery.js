// Weighs a first search query: it runs a built site's own search engine
// (js/search-engine.js with js/normalize.js) on the site's index, read from disk, and
// loads what the search page loads for the first screen of results: the manifest, the
// term shards, then the metadata and snippet text of the first SHOWN results (10 on
// the page). It prints {"bytes", "files", "results"} as JSON: the bytes of every
// distinct file of the index loaded (the page's scripts are not counted).
//   node firstquery.js SITE QUERY SHOWN
"use strict";
const fs = require("fs");
const path = require("path");
const [site, text, shown] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const norm = require(path.resolve(site, "js/normalize.js"));
const { Engine } = require(path.resolve(site, "js/search-engine.js"));
const loaded = new Map();
function load(rel, name) {
  const src = fs.readFileSync(path.join(site, "search", rel));
  loaded.set(rel, src.length);
  let data;
  new Function("gazetteIndex", src.toString("utf8"))((n, d) => {
    if (n === name) data = d;
  });
  return Promise.resolve(data);
}
(async () => {
  const engine = new Engine(load, norm);
  const r = await engine.search(text, []);
  for (const res of r.results.slice(0, shown)) {
    const meta = await engine.entry(res.id);
    await engine.block(meta, res.block >= 0 ? res.block : engine.m.body); // as static/js/search.js does
  }
  let bytes = 0;
  loaded.forEach((n) => (bytes += n));
  process.stdout.write(JSON.stringify({ bytes, files: [...loaded.keys()].sort(), results: r.results.length }));
})().catch((e) => {
  process.stderr.write(String(e.stack || e) + "\n");
  process.exit(1);
});
