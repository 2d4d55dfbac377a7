// Computes, with the browser's search engine (static/js/search-engine.js), the hashes
// and term keys of testdata/hash.json and prints them for hash_test.go to compare:
//   node hash_node.js path/to/search-engine.js path/to/hash.json
"use strict";
const fs = require("fs");
const path = require("path");
const { fnv1a, termKey } = require(path.resolve(process.argv[2]));
const v = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify({
  hashes: v.hashes.map((h) => ({ key: h.key, fnv1a: fnv1a(h.key) })),
  keys: v.keys.map((k) => ({ term: k.term, kind: k.kind, key: termKey(k.term, k.kind) })),
}));
