// The search engine: it answers a query from the index that generator/search writes,
// loading only what the query needs. It knows nothing of the page: load(path, name)
// brings the file path (relative to the index's manifest) and resolves with the data
// it registers under name, with a <script> element in the browser and from disk in the
// tests. See the package comment of generator/search for the index's layout.
(function (root) {
  "use strict";

  function Engine(load, norm) {
    this.load = load;
    this.norm = norm;
    this.files = {};
    this.terms = {};
  }

  // file loads a file of the index once.
  Engine.prototype.file = function (name) {
    if (!this.files[name]) {
      var path = name === "manifest" ? "manifest.js" : this.m.dir + "/" + name + ".js";
      this.files[name] = this.load(path, name);
    }
    return this.files[name];
  };

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.mp) {
      this.mp = this.load("manifest.js", "manifest").then(function (m) {
        self.m = m;
        return m;
      });
    }
    return this.mp;
  };

  // shardOf returns the index of the shard whose range holds term, or -1.
  Engine.prototype.shardOf = function (term) {
    var s = this.m.shards;
    var lo = 0;
    var hi = s.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (s[mid] <= term) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };

  // decode reads a posting list (see encodePostings in index.go): Map of entry id →
  // sorted positions.
  var vlqLast = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  var vlqMore = "WXYZabcdefghijklmnopqrstuvwxyz+/";
  function decode(str, span) {
    var out = new Map();
    var scale = 1;
    if (str[0] === "^") {
      scale = span;
      str = str.slice(1);
    }
    var id = 0;
    str.split(" ").forEach(function (e) {
      var nums = [];
      var acc = 0;
      for (var i = 0; i < e.length; i++) {
        var d = vlqLast.indexOf(e[i]);
        if (d >= 0) {
          nums.push(acc * 32 + d);
          acc = 0;
        } else {
          acc = acc * 32 + vlqMore.indexOf(e[i]);
        }
      }
      id += nums[0];
      var pos = [];
      var p = 0;
      for (var k = 1; k < nums.length; k++) {
        p += nums[k];
        pos.push(p * scale);
      }
      out.set(id, pos);
    });
    return out;
  }

  // postings resolves with the postings of every term that is term (exact) or starts
  // with it (prefix), merged into one Map.
  Engine.prototype.postings = function (term, prefix) {
    var self = this;
    var first = this.shardOf(term);
    var last = prefix ? this.shardOf(term + "\uffff") : first;
    if (first < 0 && last < 0) return Promise.resolve(new Map());
    var names = [];
    for (var i = Math.max(first, 0); i <= last; i++) names.push("s" + i);
    return Promise.all(names.map(function (n) { return self.file(n); })).then(function (shards) {
      var merged = new Map();
      shards.forEach(function (sh) {
        for (var i = 0; i < sh.length; i += 2) {
          var t = sh[i];
          if (t === term || (prefix && t.startsWith(term))) {
            if (!self.terms[t]) self.terms[t] = decode(sh[i + 1], self.m.span);
            self.terms[t].forEach(function (pos, id) {
              merged.set(id, merged.has(id) ? union(merged.get(id), pos) : pos);
            });
          }
        }
      });
      return merged;
    });
  };

  function union(a, b) {
    return Array.from(new Set(a.concat(b))).sort(function (x, y) { return x - y; });
  }

  // groupMatches resolves with the entries where a group of the query matches: Map of
  // entry id → the positions where the group starts. Terms of one group must sit at
  // their relative positions (a CJK run matches only as a substring).
  Engine.prototype.groupMatches = function (group) {
    var self = this;
    return Promise.all(group.map(function (t) {
      return self.postings(t.term, t.kind === "m");
    })).then(function (lists) {
      var out = new Map();
      lists[0].forEach(function (pos, id) {
        var starts = pos.filter(function (p) {
          for (var k = 1; k < group.length; k++) {
            var other = lists[k].get(id);
            if (!other || other.indexOf(p + group[k].pos - group[0].pos) < 0) return false;
          }
          return true;
        });
        if (starts.length) out.set(id, starts);
      });
      return out;
    });
  };

  // search resolves with every entry that matches the query and the filters, best
  // first: {query, results: [{id, tier, phrase, block}]}. filters is a list of
  // [key, value] pairs, e.g. [["y", "2023"]].
  Engine.prototype.search = function (text, filters) {
    var self = this;
    return this.manifest().then(function (m) {
      var q = self.norm.query(text);
      if (!q.groups.length && !q.docnum) return { query: q, results: [] };
      var byNumber = q.docnum ? self.postings(q.docnum, false) : Promise.resolve(new Map());
      return byNumber.then(function (num) {
        if (num.size) {
          q.groups = [];
          return [num];
        }
        q.docnum = "";
        return Promise.all(q.groups.map(function (g) { return self.groupMatches(g); }));
      }).then(function (matches) {
        return Promise.all((filters || []).map(function (f) {
          return self.postings("=" + f[0] + f[1], false);
        })).then(function (facets) {
          return { query: q, results: rank(m, q, matches.concat(facets), matches.length) };
        });
      });
    });
  };

  // rank keeps the entries found by every list and orders them: title (or, for a
  // document number, its 发文字号 field) first, then exact phrase, then near words,
  // then recency, which is the entry id.
  function rank(m, q, lists, scored) {
    if (!lists.length) return [];
    var span = m.span;
    var out = [];
    lists[0].forEach(function (_, id) {
      for (var i = 1; i < lists.length; i++) if (!lists[i].has(id)) return;
      var occ = lists.slice(0, scored).map(function (l) { return l.get(id); });
      var r = { id: id, tier: 0, phrase: 0, block: -1 };
      if (q.docnum) {
        var blocks = occ[0].map(function (p) { return Math.floor(p / span); });
        r.tier = blocks.indexOf(1) >= 0 ? 2 : blocks.indexOf(0) >= 0 ? 1 : 0;
        r.block = firstBody(occ[0], span, m.body);
      } else {
        // Blocks 0 and 1 are the title and the 发文字号.
        var inTitle = occ.filter(function (o) { return o[0] < 2 * span; }).length;
        r.tier = inTitle === occ.length ? 2 : inTitle > 0 ? 1 : 0;
        var ph = phrase(q.groups, occ, span, m.body);
        r.phrase = ph.level;
        r.block = ph.block >= 0 ? ph.block : firstBody(occ[0], span, m.body);
      }
      out.push(r);
    });
    out.sort(function (a, b) {
      return b.tier - a.tier || b.phrase - a.phrase || a.id - b.id;
    });
    return out;
  }

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

  // entry resolves with an entry's metadata.
  Engine.prototype.entry = function (id) {
    var m = this.m;
    return this.file("m" + Math.floor(id / m.mfile)).then(function (list) { return list[id % m.mfile]; });
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

  var api = { Engine: Engine, decode: decode };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.gazetteSearchEngine = api;
})(this);
