// Reads doc-lists with the browser's search engine (static/js/search-engine.js) and
// prints their entries in id order, for lists_test.go to compare:
//   node lists_node.js path/to/search-engine.js LISTS_JSON
// LISTS_JSON is [{"list": "…", "facet": false}].
"use strict";
const fs = require("fs");
const path = require("path");
const { decodeDocs } = require(path.resolve(process.argv[2]));
const lists = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify(lists.map((l) =>
  Array.from(decodeDocs(l.list, l.facet), ([id, where]) => ({ id, where })).sort((a, b) => a.id - b.id))));
