// The search page: reads the query from the address (?q=…&y=…), asks the engine
// (search-engine.js) and shows the results with their snippets. Index files are loaded
// with <script> elements, which work from file:// where fetch does not. Text from the
// index is only ever inserted as text nodes.
(function () {
  "use strict";
  var norm = window.gazetteNormalize;
  var form = document.getElementById("search-form");
  if (!norm || !window.gazetteSearchEngine || !form) return;

  var labels = JSON.parse(document.getElementById("search-labels").textContent);
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filterBox = form.querySelector(".search-filters");
  var pageSize = 10;

  // Every index file calls gazetteIndex(name, data) when it runs.
  var pending = {};
  window.gazetteIndex = function (name, data) {
    if (pending[name]) {
      pending[name](data);
      delete pending[name];
    }
  };
  function load(path, name) {
    return new Promise(function (resolve, reject) {
      pending[name] = resolve;
      var s = document.createElement("script");
      s.src = path;
      s.onload = function () {
        s.remove();
        if (pending[name]) {
          delete pending[name];
          reject(new Error(path + " registered nothing"));
        }
      };
      s.onerror = function () {
        s.remove();
        delete pending[name];
        reject(new Error("cannot load " + path));
      };
      document.head.appendChild(s);
    });
  }
  var engine = new window.gazetteSearchEngine.Engine(load, norm);

  function format(key, value) {
    return labels[key].replace(/%[ds]/, value);
  }

  function say(text) {
    status.textContent = text;
  }

  var params = new URLSearchParams(location.search);
  var query = params.get("q") || "";
  input.value = query;
  var filters = [];
  form.querySelectorAll("select[data-facet]").forEach(function (sel) {
    var v = params.get(sel.name);
    if (v) filters.push([sel.dataset.facet, v]);
  });

  // fillFilters offers the values the index knows, keeping those in the address.
  function fillFilters(m) {
    m.facets.forEach(function (f) {
      var sel = form.querySelector('select[data-facet="' + f.k + '"]');
      if (!sel) return;
      sel.appendChild(new Option(labels.search_all, ""));
      f.v.forEach(function (v) {
        var label = f.k === "k" ? labels["search_kind_" + v[1]] || v[1] : f.k === "l" ? labels["lang:" + v[1]] || v[1] : v[1];
        sel.appendChild(new Option(label, v[0], false, params.get(sel.name) === v[0]));
      });
    });
    form.querySelectorAll("select[data-facet]").forEach(function (sel) {
      sel.closest("p").hidden = sel.options.length <= 2;
    });
    filterBox.hidden = false;
    filterBox.open = filters.length > 0;
  }

  // ranges finds what to highlight in text: the query's phrases, words (Mongolian by
  // prefix) and, for a 发文字号 query, the number in any spelling.
  function ranges(text, q) {
    var out = [];
    if (q.docnum) {
      var key = q.docnum.slice(1);
      var re = /[\p{Script=Han}]{1,12}[〔\[［【（(﹝]\s*[0-9０-９]{4}\s*[〕\]］】）)﹞]\s*第?\s*[0-9０-９]+\s*号/gu;
      var mt;
      while ((mt = re.exec(text))) {
        var prefix = key.split("|")[0];
        var at = mt[0].indexOf(prefix);
        if (at >= 0 && norm.docnumKey(norm.nfkc(mt[0].slice(at))) === key) out.push([mt.index + at, mt.index + mt[0].length]);
      }
      return out;
    }
    var toks = norm.tokens(text);
    q.groups.forEach(function (g) {
      toks.forEach(function (t, i) {
        if (t.kind !== g[0].kind && !(g[0].kind === "m" && t.kind === "m")) return;
        if (g[0].kind === "m" ? !t.term.startsWith(g[0].term) : t.term !== g[0].term) return;
        var end = t.end;
        for (var k = 1; k < g.length; k++) {
          var want = t.pos + g[k].pos - g[0].pos;
          var hit = null;
          for (var j = i + 1; j < toks.length && toks[j].pos <= want; j++) {
            if (toks[j].pos === want && toks[j].kind === g[k].kind && toks[j].term === g[k].term) hit = toks[j];
          }
          if (!hit) return;
          end = hit.end;
        }
        out.push([t.start, end]);
      });
    });
    out.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    out.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return merged;
  }

  // marked appends text to el as text nodes, with <mark> around the ranges.
  function marked(el, text, rs, from, to) {
    var at = from;
    rs.forEach(function (r) {
      var s = Math.max(r[0], from);
      var e = Math.min(r[1], to);
      if (s >= e) return;
      if (s > at) el.appendChild(document.createTextNode(text.slice(at, s)));
      var m = document.createElement("mark");
      m.textContent = text.slice(s, e);
      el.appendChild(m);
      at = e;
    });
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  // snippet shows about 120 characters of a block around its first match.
  function snippet(el, text, q) {
    var rs = ranges(text, q);
    var width = 120;
    var from = 0;
    if (text.length > width && rs.length) from = Math.max(0, Math.min(rs[0][0] - 30, text.length - width));
    var to = Math.min(text.length, from + width);
    if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from])) from--;
    if (to < text.length && /[\uDC00-\uDFFF]/.test(text[to])) to++;
    if (from > 0) el.appendChild(document.createTextNode("…"));
    marked(el, text, rs, from, to);
    if (to < text.length) el.appendChild(document.createTextNode("…"));
  }

  function setLang(el, tag, m) {
    if (tag && tag !== m.lang) el.lang = tag;
  }

  function resultItem(m, q, r, meta, block) {
    var li = document.createElement("li");
    li.className = "search-result search-" + meta.k;
    var h = document.createElement("h2");
    var a = document.createElement("a");
    // The place of the match: its block's heading, else the entry's own anchor.
    var anchor = (r.block >= 0 && block && block[0]) || meta.a || "";
    a.href = "../" + meta.u + (anchor ? "#" + anchor : "");
    setLang(a, meta.tl, m);
    marked(a, meta.t, ranges(meta.t, q), 0, meta.t.length);
    h.appendChild(a);
    li.appendChild(h);

    var info = document.createElement("p");
    info.className = "search-result-meta";
    var parts = [];
    var kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = labels["search_kind_" + meta.k] || meta.k;
    parts.push(kind);
    if (meta.c) {
      var c = document.createElement("span");
      c.textContent = meta.c;
      setLang(c, meta.bl, m);
      parts.push(c);
    }
    if (meta.is) parts.push(document.createTextNode(meta.is));
    if (meta.d) {
      var t = document.createElement("time");
      t.dateTime = meta.dt;
      t.textContent = meta.d;
      parts.push(t);
    }
    if (meta.n) {
      var n = document.createElement("span");
      n.className = "search-number";
      setLang(n, meta.bl, m);
      marked(n, meta.n, ranges(meta.n, q), 0, meta.n.length);
      parts.push(n);
    }
    parts.forEach(function (p, i) {
      if (i) info.appendChild(document.createTextNode(" · "));
      info.appendChild(p);
    });
    li.appendChild(info);

    if (block) {
      var s = document.createElement("p");
      s.className = "search-snippet";
      setLang(s, meta.bl, m);
      snippet(s, block[1], q);
      li.appendChild(s);
    }
    return li;
  }

  // show adds the next page of results, from index from on, asking the engine to
  // check more candidates first when it has not found one more than the page holds;
  // the status says how many results there are, or that there are more than shown.
  function show(m, found, from) {
    var want = from + pageSize + 1;
    var ready = found.done || found.results.length >= want ? Promise.resolve(found) : found.next(want);
    return ready.then(function () {
      var page = found.results.slice(from, from + pageSize);
      return Promise.all(page.map(function (r) {
        return engine.entry(r.id).then(function (meta) {
          var b = r.block >= 0 ? r.block : m.body;
          return engine.block(meta, b).then(function (block) { return resultItem(m, found.query, r, meta, block); });
        });
      }));
    }).then(function (items) {
      items.forEach(function (li) { list.appendChild(li); });
      var shown = from + items.length;
      say(format("search_results", found.done ? found.results.length : shown + "+"));
      more.hidden = shown >= found.results.length;
      more.onclick = function () {
        more.onclick = null;
        show(m, found, shown).then(function (first) { if (first) first.querySelector("a").focus(); }).catch(failed);
      };
      return items[0];
    });
  }

  function failed(err) {
    say(labels.search_error);
    if (window.console) console.warn(err);
  }

  engine.manifest().then(function (m) {
    fillFilters(m);
    if (!query.trim()) {
      say(labels.search_empty);
      return;
    }
    say(labels.search_loading);
    return engine.search(query, filters, pageSize + 1).then(function (found) {
      if (!found.results.length) {
        say(format("search_no_results", query));
        return;
      }
      return show(m, found, 0);
    });
  }).catch(failed);
})();
