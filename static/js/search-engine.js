// The search engine: it answers a query from the index that generator/search writes,
// loading only what the query needs. It knows nothing of the page: load(path, name)
// brings the file path (relative to the index's manifest) and resolves with the data
// it registers under name, with a <script> element in the browser and from disk in the
// tests. See the package comment of generator/search for the index's layout.
(function (root) {
  "use strict";

  var version = 3;

  // fnv1a is the 32-bit FNV-1a hash of the UTF-8 bytes of key, as generator/search
  // computes it (hash.go; both checked against testdata/hash.json).
  function fnv1a(key) {
    var h = 0x811c9dc5;
    function add(b) {
      h = Math.imul(h ^ b, 0x01000193) >>> 0;
    }
    for (var c of key) {
      var cp = c.codePointAt(0);
      if (cp < 0x80) {
        add(cp);
      } else if (cp < 0x800) {
        add(0xc0 | (cp >> 6));
        add(0x80 | (cp & 63));
      } else if (cp < 0x10000) {
        add(0xe0 | (cp >> 12));
        add(0x80 | ((cp >> 6) & 63));
        add(0x80 | (cp & 63));
      } else {
        add(0xf0 | (cp >> 18));
        add(0x80 | ((cp >> 12) & 63));
        add(0x80 | ((cp >> 6) & 63));
        add(0x80 | (cp & 63));
      }
    }
    return h >>> 0;
  }

  // termKey places a term in its shard and position group: a Mongolian word (kind "m")
  // by its first two characters, so that the words it is a prefix of lie beside it.
  function termKey(term, kind) {
    return kind === "m" ? Array.from(term).slice(0, 2).join("") : term;
  }

  // matches tells whether the index term t answers the query term: exactly, or for a
  // Mongolian word of two or more characters, by prefix. A one-character Mongolian word
  // finds only itself: the words it starts lie in other shards.
  function matches(t, term, kind) {
    return t === term || (kind === "m" && t.startsWith(term) && Array.from(term).length >= 2);
  }

  // The digits of doc-lists and position lists (see lists.go): a number is base 32,
  // its last digit from vlqLast, the others from vlqMore; a bitmap digit is six bits,
  // its value the digit's place in both strings together.
  var vlqLast = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  var vlqMore = "WXYZabcdefghijklmnopqrstuvwxyz+/";
  var digit = {};
  for (var d = 0; d < 32; d++) {
    digit[vlqLast[d]] = d;
    digit[vlqMore[d]] = 32 + d;
  }

  // reader reads the numbers of str one after the other from index i.
  function reader(str, i) {
    return {
      i: i,
      more: function () { return this.i < str.length; },
      next: function () {
        var acc = 0;
        for (;;) {
          var v = digit[str[this.i++]];
          if (v < 32) return acc * 32 + v;
          acc = acc * 32 + v - 32;
        }
      },
    };
  }

  // decodeDocs reads a doc-list (see compactList in lists.go): Map of entry id →
  // where value, the flags of the title, 发文字号 and metadata blocks and above them 1 +
  // the first text block that has the term; a facet's list has ids only. The ids are
  // differences, or after "!" a bitmap; the where values are written with their flags
  // apart, or after "~" as they are.
  function decodeDocs(str, facet) {
    var out = new Map();
    var r = reader(str, 0);
    var byFlags = str[r.i] === "~";
    if (byFlags) r.i++;
    var ids = null;
    if (str[r.i] === "!") {
      r.i++;
      var first = r.next();
      var digits = r.next();
      ids = [];
      for (var c = 0; c < digits; c++) {
        var bits = digit[str[r.i + c]];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) ids.push(first + 6 * c + b);
      }
      r.i += digits;
    }
    var id = 0;
    var n = 0;
    while (ids ? n < ids.length : r.more()) {
      if (ids) id = ids[n++];
      else id += r.next();
      var w = 0;
      if (byFlags) {
        w = r.next();
      } else if (!facet) {
        var v = r.next();
        w = (v >> 1) << whereBits;
        if (v & 1) w |= r.next();
      }
      out.set(id, w);
    }
    return out;
  }

  // decodePositions reads a position list of one chunk whose first id is base: Map of
  // entry id → positions.
  function decodePositions(str, base) {
    var out = new Map();
    var id = base;
    str.split(" ").forEach(function (e) {
      var r = reader(e, 0);
      id += r.next();
      var pos = [];
      var p = 0;
      while (r.more()) {
        p += r.next();
        pos.push(p);
      }
      out.set(id, pos);
    });
    return out;
  }

  var whereBits = 3;
  var titleFlags = 3; // the title and the 发文字号: blocks 0 and 1

  // mergeWhere joins the where values of two terms of one query word.
  function mergeWhere(a, b) {
    var fa = a >> whereBits;
    var fb = b >> whereBits;
    var first = fa && fb ? Math.min(fa, fb) : fa || fb;
    return (first << whereBits) | ((a | b) & ((1 << whereBits) - 1));
  }

  function Engine(load, norm) {
    this.load = load;
    this.norm = norm;
    this.files = {};
    this.lists = {};
  }

  // folder is where file name of the index is: the language's own folder, or the first
  // language's for a file the two have alike (the manifest's shared bitmaps: a file's
  // bit is its number; a position file's, chunk × groups + group; a d file's, its shard).
  function folder(m, name) {
    var sh = m.shared;
    if (sh) {
      var bits = sh.bits[name[0]] || "";
      var nums = name.slice(1).split("-").map(Number);
      var bit = name[0] === "p" ? nums[1] * m.g + nums[0] : nums[0];
      var d = Math.floor(bit / 6);
      if (d < bits.length && (digit[bits[d]] >> bit % 6) & 1) return sh.dir;
    }
    return m.dir;
  }

  // file loads a file of the index once.
  Engine.prototype.file = function (name) {
    if (!this.files[name]) {
      var path = name === "manifest" ? "manifest.js" : folder(this.m, name) + "/" + name + ".js";
      this.files[name] = this.load(path, name);
    }
    return this.files[name];
  };

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.mp) {
      this.mp = this.load("manifest.js", "manifest").then(function (m) {
        if (m.v !== version) throw new Error("search index format " + m.v + ", this engine reads " + version);
        self.m = m;
        return m;
      });
    }
    return this.mp;
  };

  // docs resolves with the doc-list of a term, merged over the index terms it matches:
  // Map of entry id → where value.
  Engine.prototype.docs = function (term, kind) {
    var self = this;
    var key = kind + "\u0000" + term;
    if (!this.lists[key]) {
      var shard = "s" + (fnv1a(termKey(term, kind)) % this.m.s);
      this.lists[key] = this.file(shard).then(function (sh) {
        // A long list is in a file of its own, which the shard names by number.
        var lists = [];
        for (var i = 0; i < sh.length; i += 2) {
          if (!matches(sh[i], term, kind)) continue;
          lists.push(typeof sh[i + 1] === "number" ? self.file("d" + shard.slice(1) + "-" + sh[i + 1]) : sh[i + 1]);
        }
        return Promise.all(lists);
      }).then(function (lists) {
        var out = new Map();
        lists.forEach(function (str, i) {
          var list = decodeDocs(str, kind === "=");
          if (i === 0) {
            out = list;
            return;
          }
          list.forEach(function (w, id) {
            out.set(id, out.has(id) ? mergeWhere(out.get(id), w) : w);
          });
        });
        return out;
      });
    }
    return this.lists[key];
  };

  // positions resolves with the positions of a query term in entry id, merged over the
  // index terms it matches, ascending. They come from the position file of the term's
  // group and the entry's chunk or, when title is set and the entry has the term in
  // its title or 发文字号, from the entry's title file, which holds all such terms of a
  // few entries.
  Engine.prototype.positions = function (t, id, title) {
    var m = this.m;
    var size = title ? m.tc : m.c;
    var chunk = Math.floor(id / size);
    var name = title ? "t" + chunk : "p" + (fnv1a(termKey(t.term, t.kind)) % m.g) + "-" + chunk;
    var key = name + "\u0000" + t.kind + t.term;
    if (!this.lists[key]) {
      this.lists[key] = this.file(name).then(function (pf) {
        var out = null;
        for (var i = 0; i < pf.length; i += 2) {
          if (!matches(pf[i], t.term, t.kind)) continue;
          var list = decodePositions(pf[i + 1], chunk * size);
          if (!out) {
            out = list;
            continue;
          }
          list.forEach(function (pos, id) {
            out.set(id, out.has(id) ? union(out.get(id), pos) : pos);
          });
        }
        return out || new Map();
      });
    }
    return this.lists[key].then(function (l) { return l.get(id) || []; });
  };

  function union(a, b) {
    return Array.from(new Set(a.concat(b))).sort(function (x, y) { return x - y; });
  }

  // starts resolves with the positions in entry id where a group of the query starts
  // with its terms at their relative positions (a CJK run matches only as a substring).
  // title: every term is in the entry's title or 发文字号, and its title file has them.
  Engine.prototype.starts = function (group, id, title) {
    return Promise.all(group.map(function (t) { return this.positions(t, id, title); }, this)).then(function (lists) {
      return lists[0].filter(function (p) {
        for (var k = 1; k < group.length; k++) {
          if (lists[k].indexOf(p + group[k].pos - group[0].pos) < 0) return false;
        }
        return true;
      });
    });
  };

  // search resolves with the first results of the query under the filters, best first:
  // {query, results: [{id, tier, phrase, block}], done, next}. filters is a list of
  // [key, value] pairs, e.g. [["y", "2023"]]. A word, a character or a 发文字号 is
  // answered by its doc-list. A phrase of three or more characters, or several words,
  // are checked against the positions of their terms only until want results are
  // sure (all when want is absent): then done is false, and next(want) resolves with
  // the same answer holding at least want results, or all of them.
  Engine.prototype.search = function (text, filters, want) {
    var self = this;
    return this.manifest().then(function (m) {
      var q = self.norm.query(text);
      var found = { query: q, results: [], done: true, next: function () { return Promise.resolve(found); } };
      if (!q.groups.length && !q.docnum) return found;
      var facets = Promise.all((filters || []).map(function (f) { return self.docs("=" + f[0] + f[1], "="); }));
      var byNumber = q.docnum ? self.docs(q.docnum, "n") : Promise.resolve(new Map());
      return Promise.all([byNumber, facets]).then(function (r) {
        var num = r[0];
        var facetLists = r[1];
        if (num.size) {
          q.groups = [];
          found.results = sorted(candidates([num].concat(facetLists)).map(function (id) {
            var w = num.get(id);
            return { id: id, tier: w & 2 ? 2 : w & 1 ? 1 : 0, phrase: 0, block: firstBlock(w, m.body) };
          }));
          return found;
        }
        q.docnum = "";
        if (!q.groups.length) return found;
        return Promise.all(q.groups.map(function (g) {
          return Promise.all(g.map(function (t) { return self.docs(t.term, t.kind); }));
        })).then(function (lists) {
          var ids = candidates([].concat.apply([], lists).concat(facetLists));
          if (q.groups.length === 1 && q.groups[0].length === 1) {
            // One word: its doc-list says all.
            found.results = sorted(ids.map(function (id) {
              var w = lists[0][0].get(id);
              return { id: id, tier: w & titleFlags ? 2 : 0, phrase: 2, block: firstBlock(w, m.body) };
            }));
            return found;
          }
          return self.rank(q, lists, ids, found, want === undefined ? Infinity : want);
        });
      });
    });
  };

  // candidates are the ids in every list, ascending.
  function candidates(lists) {
    var smallest = lists.reduce(function (a, b) { return b.size < a.size ? b : a; });
    var out = [];
    smallest.forEach(function (_, id) {
      for (var i = 0; i < lists.length; i++) if (!lists[i].has(id)) return;
      out.push(id);
    });
    return out.sort(function (a, b) { return a - b; });
  }

  // sorted orders results: title (or, for a document number, its 发文字号 field) first,
  // then exact phrase, then near words, then recency, which is the entry id.
  function sorted(results) {
    return results.sort(function (a, b) {
      return b.tier - a.tier || b.phrase - a.phrase || a.id - b.id;
    });
  }

  // firstBlock is the first text block of a where value, or -1.
  function firstBlock(w, body) {
    var f = w >> whereBits;
    return f ? body + f - 1 : -1;
  }

  // rank finds, among the candidates ids (ascending), the entries where every group of
  // the query occurs, and orders them: by how many groups are in the title (or
  // 发文字号), then exact phrase, near words, apart, then recency. Only positions can
  // tell whether a phrase occurs, and how near the groups are; the doc-lists tell
  // which groups may be in the title. So candidates are checked in the order they
  // would rank at best, a batch at a time, loading the positions each needs (from its
  // title file when the title has every term, else from the position files of its
  // chunk), until want results are sure: an entry is sure once no candidate left
  // could rank above it. found.next carries on.
  Engine.prototype.rank = function (q, lists, ids, found, want) {
    var self = this;
    var m = this.m;
    var span = m.span;
    var groups = q.groups;
    // titled tells whether group gi may be in the title of entry id: all its terms are.
    function titled(gi, id) {
      return lists[gi].every(function (l) { return l.get(id) & titleFlags; });
    }
    var order = ids.map(function (id) {
      var n = 0;
      for (var gi = 0; gi < groups.length; gi++) if (titled(gi, id)) n++;
      return { id: id, tier: n === groups.length ? 2 : n > 0 ? 1 : 0 };
    }).sort(function (a, b) { return b.tier - a.tier || a.id - b.id; });
    var next = 0; // the first candidate of order not checked
    var checked = []; // results of the candidates checked

    function check(c) {
      var title = groups.every(function (g, gi) { return g[0].kind === "u" || titled(gi, c.id); });
      return Promise.all(groups.map(function (g, gi) {
        if (g[0].kind === "u") {
          // A character on its own has no positions: its doc-list names the blocks
          // that rank it.
          var w = lists[gi][0].get(c.id);
          var occ = [];
          for (var b = 0; b < whereBits; b++) if (w & (1 << b)) occ.push(b * span);
          if (w >> whereBits) occ.push(firstBlock(w, m.body) * span);
          return occ;
        }
        return self.starts(g, c.id, title);
      })).then(function (occ) {
        if (occ.some(function (o) { return !o.length; })) return null;
        // Blocks 0 and 1 are the title and the 发文字号.
        var inTitle = occ.filter(function (o) { return o[0] < 2 * span; }).length;
        var ph = phrase(groups, occ, span, m.body);
        return {
          id: c.id, tier: inTitle === occ.length ? 2 : inTitle > 0 ? 1 : 0, phrase: ph.level,
          block: ph.block >= 0 ? ph.block : firstBody(occ[0], span, m.body),
        };
      });
    }

    // sure tells whether no candidate left could rank above r: the best the next one
    // could be is its tier, an exact phrase, and its id, which the later ones exceed.
    function sure(r) {
      var c = order[next];
      return !c || r.tier > c.tier || (r.tier === c.tier && r.phrase === 2 && r.id < c.id);
    }

    function step(target) {
      sorted(checked);
      var n = 0;
      while (n < checked.length && sure(checked[n])) n++;
      found.results = checked.slice(0, n);
      if (n >= target || next >= order.length) return Promise.resolve();
      var batch = order.slice(next, next + Math.max(1, target - n));
      next += batch.length;
      return Promise.all(batch.map(check)).then(function (rs) {
        rs.forEach(function (r) { if (r) checked.push(r); });
        return step(target);
      });
    }

    function run(target) {
      return step(target).then(function () {
        found.done = next >= order.length;
        return found;
      });
    }
    found.next = run;
    // Characters on their own need no positions: all their results cost nothing more.
    return run(groups.every(function (g) { return g[0].kind === "u"; }) ? Infinity : want);
  };

  // firstBody is the block of the first position in the entry's text, or -1.
  function firstBody(pos, span, body) {
    for (var i = 0; i < pos.length; i++) {
      if (pos[i] >= body * span) return Math.floor(pos[i] / span);
    }
    return -1;
  }

  // phrase tells whether the groups occur as the query wrote them (2), near one another
  // in one block (1) or apart (0), and in which text block they first do. Unigram
  // groups know only their blocks and take no part.
  function phrase(groups, occ, span, body) {
    var idx = [];
    groups.forEach(function (g, i) { if (g[0].kind !== "u") idx.push(i); });
    if (idx.length === 0) return { level: 2, block: -1 };
    var g0 = idx[0];
    var best = { level: idx.length === 1 ? 2 : 0, block: -1 };
    var width = groups[idx[idx.length - 1]][0].pos - groups[g0][0].pos + 8;
    occ[g0].forEach(function (p) {
      var exact = true;
      var near = true;
      for (var k = 1; k < idx.length; k++) {
        var want = p + groups[idx[k]][0].pos - groups[g0][0].pos;
        var o = occ[idx[k]];
        if (o.indexOf(want) < 0) exact = false;
        if (!o.some(function (x) { return Math.floor(x / span) === Math.floor(p / span) && Math.abs(x - p) <= width; })) near = false;
      }
      var level = exact ? 2 : near ? 1 : 0;
      var block = Math.floor(p / span);
      if (level > best.level || (level === best.level && best.block < 0 && block >= body)) {
        best = { level: level, block: block >= body ? block : -1 };
      }
    });
    return best;
  }

  // entry resolves with an entry's metadata, its address (u) complete: the index
  // writes a folder's index.html as the folder, which a page opened from disk cannot
  // follow.
  Engine.prototype.entry = function (id) {
    var m = this.m;
    return this.file("m" + Math.floor(id / m.mfile)).then(function (list) {
      var meta = list[id % m.mfile];
      if (meta.u === "" || meta.u.endsWith("/")) meta.u += "index.html";
      return meta;
    });
  };

  // block resolves with [anchor, text] of text block b (an index position's block) of
  // an entry, or null when the entry has no such block.
  Engine.prototype.block = function (meta, b) {
    var m = this.m;
    var i = b - m.body;
    if (i < 0 || i >= meta.nb) return Promise.resolve(null);
    var g = meta.b + i;
    return this.file("x" + Math.floor(g / m.xfile)).then(function (list) { return list[g % m.xfile]; });
  };

  var api = { Engine: Engine, fnv1a: fnv1a, termKey: termKey, decodeDocs: decodeDocs };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.gazetteSearchEngine = api;
})(this);
