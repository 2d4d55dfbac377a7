// The search normaliser, the query side of generator/search/normalize.go: the same
// spec, checked against the same test vectors (generator/search/testdata/vectors.json).
// Offsets are UTF-16 indices into the original text, for highlighting.
(function (root) {
  "use strict";

  var isMark = /\p{M}/u;
  var isDropped = /[\p{Cf}\p{Variation_Selector}\u180A\u1807]/u;
  var isSeparator = /[\p{White_Space}\p{P}\p{S}\p{Cc}]/u;
  var isCJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var isMongolianLetter = /[\u1820-\u18AA]/u;
  var isSpace = /\p{White_Space}/u;

  var mongolFolds = { "\u1823": "\u1824", "\u1825": "\u1826", "\u1832": "\u1833", "\u182C": "\u182D", "\u1827": "\u1821" };

  function foldMongol(w) {
    var out = "";
    for (var c of w) out += mongolFolds[c] || c;
    return out.split("\u1836\u1822").join("\u1822");
  }

  var stopwords = {};
  "ᠤᠨ ᠦᠨ ᠢᠨ ᠶᠢᠨ ᠤ ᠦ ᠢ ᠶᠢ ᠳᠤ ᠲᠤ ᠳᠦ ᠲᠦ ᠠᠴᠠ ᠡᠴᠡ ᠪᠠᠷ ᠪᠡᠷ ᠢᠶᠠᠷ ᠢᠶᠡᠷ ᠲᠠᠢ ᠲᠡᠢ ᠪᠠᠨ ᠪᠡᠨ ᠢᠶᠠᠨ ᠢᠶᠡᠨ".split(" ").forEach(function (w) {
    stopwords[foldMongol(w)] = true;
  });

  // fold: Mongolian digits to ASCII; lower case per code point, kept only when it is
  // one code point (U+0130 would become two).
  function fold(c) {
    var cp = c.codePointAt(0);
    if (cp >= 0x1810 && cp <= 0x1819) return String.fromCharCode(48 + cp - 0x1810);
    var l = c.toLowerCase();
    return Array.from(l).length === 1 ? l : c;
  }

  // clusters splits s into a code point plus the combining marks after it.
  function clusters(s) {
    var out = [];
    var i = 0;
    for (var c of s) {
      if (out.length && isMark.test(c)) {
        out[out.length - 1].text += c;
      } else {
        out.push({ text: c, start: i });
      }
      i += c.length;
    }
    out.forEach(function (cl) { cl.end = cl.start + cl.text.length; });
    return out;
  }

  function normalize(s) {
    var out = [];
    clusters(s).forEach(function (cl) {
      for (var c of cl.text.normalize("NFKC")) {
        if (c === "\uFFFD" || isDropped.test(c)) continue;
        out.push({ c: fold(c), start: cl.start, end: cl.end });
      }
    });
    return out;
  }

  function tokens(text) {
    var cs = normalize(text);
    var toks = [];
    var pos = 0;
    var i = 0;
    while (i < cs.length) {
      var c = cs[i].c;
      var j = i;
      if (isSeparator.test(c)) {
        i++;
      } else if (isCJK.test(c)) {
        while (j < cs.length && isCJK.test(cs[j].c)) j++;
        for (var k = i; k < j; k++) {
          toks.push({ term: cs[k].c, kind: "u", pos: pos + k - i, start: cs[k].start, end: cs[k].end });
          if (k + 1 < j) {
            toks.push({ term: cs[k].c + cs[k + 1].c, kind: "b", pos: pos + k - i, start: cs[k].start, end: cs[k + 1].end });
          }
        }
        pos += j - i;
        i = j;
      } else {
        var w = "";
        var mongol = false;
        while (j < cs.length && !isSeparator.test(cs[j].c) && !isCJK.test(cs[j].c)) {
          w += cs[j].c;
          mongol = mongol || isMongolianLetter.test(cs[j].c);
          j++;
        }
        var tok = { term: w, kind: "w", pos: pos, start: cs[i].start, end: cs[j - 1].end };
        i = j;
        if (mongol) {
          tok.term = foldMongol(tok.term);
          tok.kind = "m";
          if (stopwords[tok.term]) continue;
        }
        toks.push(tok);
        pos++;
      }
    }
    return toks;
  }

  function nfkc(s) {
    return clusters(s).map(function (cl) { return cl.text.normalize("NFKC"); }).join("");
  }

  // docnumKey ports docnum.Normalize: the key Prefix|Year|Serial of a document number
  // in any spelling, or "" when s is not one.
  var openers = "〔[［【（(﹝";
  var closers = "〕]］】）)﹞";
  function docnumKey(n) {
    var s = "";
    for (var c of n) {
      if (isSpace.test(c)) continue;
      var cp = c.codePointAt(0);
      s += cp >= 0xFF10 && cp <= 0xFF19 ? String.fromCharCode(48 + cp - 0xFF10) : c;
    }
    var i = 0;
    var cps = Array.from(s);
    while (i < cps.length && openers.indexOf(cps[i]) < 0 && !/[0-9]/.test(cps[i])) i++;
    if (i === 0 || i === cps.length) return "";
    var prefix = cps.slice(0, i).join("");
    var rest = cps.slice(i);
    if (openers.indexOf(rest[0]) >= 0) rest = rest.slice(1);
    var year = rest.slice(0, 4).join("");
    if (!/^(19|20)[0-9]{2}$/.test(year)) return "";
    rest = rest.slice(4);
    if (rest.length && closers.indexOf(rest[0]) >= 0) rest = rest.slice(1);
    if (rest[0] === "第") rest = rest.slice(1);
    var j = 0;
    while (j < rest.length && /[0-9]/.test(rest[j])) j++;
    var tail = rest.slice(j).join("");
    if (j === 0 || (tail !== "" && tail !== "号")) return "";
    var serial = rest.slice(0, j).join("").replace(/^0+/, "") || "0";
    return prefix + "|" + year + "|" + serial;
  }

  function docnumTerm(s) {
    var k = docnumKey(nfkc(s));
    return k ? "#" + k : "";
  }

  // query: the groups of terms that must all match; terms of one group at their
  // relative positions. See ParseQuery in normalize.go.
  function query(q) {
    var out = { docnum: docnumTerm(q), groups: [] };
    var toks = tokens(q);
    var i = 0;
    while (i < toks.length) {
      if (toks[i].kind !== "u") {
        out.groups.push([toks[i]]);
        i++;
        continue;
      }
      var j = i;
      var bigrams = [];
      var unigrams = [];
      while (j < toks.length && (toks[j].kind === "u" || toks[j].kind === "b")) {
        (toks[j].kind === "b" ? bigrams : unigrams).push(toks[j]);
        j++;
        if (toks[j - 1].kind === "u" && (j === toks.length || toks[j].kind !== "b")) break;
      }
      out.groups.push(bigrams.length ? bigrams : unigrams);
      i = j;
    }
    return out;
  }

  var api = { tokens: tokens, query: query, docnumTerm: docnumTerm, docnumKey: docnumKey, nfkc: nfkc };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.gazetteNormalize = api;
})(this);
