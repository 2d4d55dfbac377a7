// Package search builds the site's search index, which the browser queries without a
// server (static/js/search-engine.js).
//
// It takes, for each language of the site, the entries a reader can find: every
// document page, every chronicle event (an entry of its own, linked by its anchor)
// and every issue page, each with the text that language's page shows, translated or
// not. Entries are numbered newest first; the id breaks ties in the ranking. Every file
// is a plain script calling the global gazetteIndex(name, data), so that it loads with
// a <script> element from file:// as well as over HTTP, where fetch of local files is
// blocked. Under <language root>search/ are a small manifest.js and, in a folder
// named by the hash of the content, the files the manifest sizes (format 3):
//
//   - s<k>.js, the term shards: ["term", list, …] for the terms whose key hashes to k
//     (FNV-1a of its UTF-8 bytes, mod the manifest's s). A term's key is the term,
//     except for a Mongolian word, which is matched by prefix: its first two
//     characters, so that every word a query word of two or more characters begins lies
//     in the query word's shard. A one-character Mongolian query word finds only that
//     one-character word. A list longer than 1 KB is in a file of its own, d<k>-<n>.js,
//     and the shard gives n in its place.
//   - A doc-list: the entries that have the term, each its id's difference to the
//     previous id and a where value, 2 × (1 + the first text block that has the term,
//     0 for none), plus one when its title, 发文字号 or other metadata has it, followed
//     then by those flags (1, 2, 4). After "~" a where value is instead one number,
//     flags | (1 + first text block) << 3; after "!" the ids are a bitmap (the first
//     id, the number of digits, six entries a digit). A facet's list ("=" + key +
//     value: y year, i issue, s section, o issuer, k kind, l language) has ids only.
//     Numbers are base 32, the last digit from 0–9A–V and the others from W–Z a–z + /.
//   - p<g>-<c>.js, the positions of the terms of phrases (CJK bigrams, words,
//     Mongolian words) whose key hashes to g (mod the manifest's g), in the entries of
//     chunk c (id / the manifest's c): ["term", list, …], a list giving for each entry
//     its id's difference to the previous one (the first: to the chunk's first id)
//     and its positions, the first as it is and the others as differences, entries
//     apart by spaces. A position is block*1024 + the term's place in the block: block
//     0 is the title, 1 the 发文字号, 2 the other metadata, 3… the text blocks.
//   - t<k>.js: the same for the entries k × tc … (k+1) × tc − 1, of every term each
//     has in its title or 发文字号: what checking a phrase in titles needs.
//   - m<N>.js, the metadata of the results (mfile entries a file), x<N>.js the text
//     blocks for snippets (xfile blocks a file).
//
// A language other than the first holds in its folder only the files that differ from
// the first language's file of the same name: where its pages fall back to the
// untranslated original, most of its index is the same bytes. Its manifest's shared
// names the first language's folder (relative to the manifest's) and, for each family
// of files (s, d, p, t, m, x), a bitmap of those to load from there, six bits a digit
// as in a doc-list's bitmap: bit i of digit k stands for the file numbered 6k + i, a
// position file's number being chunk × g + group and a d file's its shard's (the d
// files of a shard are shared all together or not at all).
//
// The browser loads the manifest, then the doc-lists of the query's terms, which
// answer a word, a single character and a 发文字号 with their ranking (title or
// 发文字号 first, then recency) and snippet block. A phrase of several terms, or a
// query of several words, is checked against the positions of its terms, candidate
// by candidate in the order they would rank at best (those whose title has every
// term, from their title files, first), only until a page of results is sure. Then it
// loads the metadata and text of the results it shows.
//
// It guarantees byte-identical output for the same entries, and that the index and
// the browser normalise text the same way. The normaliser spec, implemented here
// (normalize.go) for the index and in static/js/normalize.js for queries, both
// checked against testdata/vectors.json:
//
//  1. Split the text into clusters (a code point and the combining marks after it)
//     and apply NFKC to each: full-width forms, Kangxi radicals, compatibility and
//     vertical forms fold, NNBSP becomes a space.
//  2. Drop format characters (Cf: MVS, ZWJ, ZWNJ, soft hyphen …), variation selectors
//     (FVS1–4) and U+180A, U+1807; map Mongolian digits to ASCII; lower-case each code
//     point by its simple mapping (U+0130 stays).
//  3. White space, punctuation, symbols and controls separate terms. A run of CJK
//     characters (Han, kana, Hangul) gives every character as a unigram and every
//     adjacent pair as a bigram, at the position of its first character; any other run
//     is one word at the next position.
//  4. A word with Mongolian letters is folded (ᠣ→ᠤ, ᠥ→ᠦ, ᠲ→ᠳ, ᠬ→ᠭ, ᠧ→ᠡ, then
//     ᠶᠢ→ᠢ); if it is then a case suffix (ᠤᠨ ᠦᠨ ᠢᠨ …) it is dropped and takes no
//     position. Mongolian words match by prefix, all other terms exactly.
//  5. A 发文字号 is also one term, "#" + docnum.Normalize of its NFKC form; a query
//     that as a whole is a document number in any spelling finds it.
//
// A query's CJK run of two or more characters is searched as its bigrams at their
// relative positions, so it matches only as a substring: 医保 never matches a page
// with 医 and 保 apart. A single character uses its unigram.
package search

import (
	"time"
)

// Entry kinds.
const (
	KindDocument = "document"
	KindEvent    = "event"
	KindIssue    = "issue"
)

// Entry is one thing a search can find, as one language's pages show it.
type Entry struct {
	Kind      string // KindDocument, KindEvent or KindIssue
	Path      string // the page under the language root, e.g. 2023/02/slug/index.html
	Anchor    string // the place on the page (an event's anchor); "" for the top
	Title     string
	TitleLang string // BCP 47 tag of the title's language
	BodyLang  string // BCP 47 tag of the blocks' language
	Context   string // what the entry is part of: an event's chronicle title
	Number    string // 发文字号 as written
	Meta      []string
	Issue     string // the issue's name in the site's language, e.g. 2023年第2期
	IssueKey  string // the issue's folder, e.g. 2023/02: the value of the issue filter
	Date      time.Time
	DateText  string // the date as the site's language writes it
	Section   string
	Issuers   []string
	Blocks    []Block
}

// Site is the entries of one language of the site.
type Site struct {
	Lang    string // BCP 47 tag of the pages, e.g. mn-Mong
	Root    string // "" for the default language, "mn/" for the others
	Entries []Entry
}

// File is one file of the index, at its path in the output.
type File struct {
	Path string
	Data []byte
}
