// Weighs a first search query: it runs a built site's own search engine
// (js/search-engine.js with js/normalize.js) on the site's index, read from disk, and
// loads what the search page loads for the first screen of results: the manifest, the
// doc-lists of the query's terms, the positions the engine checks to find one result
// more than the page shows (SHOWN, 10 on the page), then the metadata and snippet text
// of the results shown. It prints {"bytes", "files", "results"} as JSON: the bytes of
// every distinct file of the index loaded (the page's scripts are not counted), and
// how many results the query has in all, found afterwards without counting what that
// loads.
//   node firstquery.js SITE QUERY SHOWN
"use strict";
const fs = require("fs");
const path = require("path");
const [site, text, shown] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const norm = require(path.resolve(site, "js/normalize.js"));
const { Engine } = require(path.resolve(site, "js/search-engine.js"));
const loaded = new Map();
let counting = true;
function load(rel, name) {
  const src = fs.readFileSync(path.join(site, "search", rel));
  if (counting) loaded.set(rel, src.length);
  let data;
  new Function("gazetteIndex", src.toString("utf8"))((n, d) => {
    if (n === name) data = d;
  });
  return Promise.resolve(data);
}
(async () => {
  const engine = new Engine(load, norm);
  const found = await engine.search(text, [], shown + 1); // as static/js/search.js does
  for (const res of found.results.slice(0, shown)) {
    const meta = await engine.entry(res.id);
    await engine.block(meta, res.block >= 0 ? res.block : engine.m.body);
  }
  let bytes = 0;
  loaded.forEach((n) => (bytes += n));
  counting = false;
  await found.next(Infinity);
  process.stdout.write(JSON.stringify({ bytes, files: [...loaded.keys()].sort(), results: found.results.length }));
})().catch((e) => {
  process.stderr.write(String(e.stack || e) + "\n");
  process.exit(1);
});
