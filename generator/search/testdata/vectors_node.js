// Runs the browser's normaliser (static/js/normalize.js) over the shared test vectors
// and prints what it gives, one result per case, for normalize_test.go to compare:
//   node vectors_node.js path/to/normalize.js path/to/vectors.json
"use strict";
const fs = require("fs");
const path = require("path");
const norm = require(path.resolve(process.argv[2]));
const vectors = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const show = (t) => t.kind + ":" + t.term + "@" + t.pos;
const out = vectors.cases.map((c) => {
  const q = norm.query(c.text);
  return {
    tokens: norm.tokens(c.text).map(show),
    query: { docnum: q.docnum, groups: q.groups.map((g) => g.map(show)) },
  };
});
process.stdout.write(JSON.stringify(out));
