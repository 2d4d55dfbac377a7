package zzold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The index's layout. Positions are block*span + the term's position in its block:
// block 0 is the title, block 1 the 发文字号, block 2 the other metadata (issuers,
// addressees), blocks 3… the text. Terms of different blocks are never adjacent, and a
// position names its block.
const (
	formatVersion = 1
	span          = 1024
	numberBlock   = 1
	metaBlock     = 2
	firstBody     = 3
	shardTarget   = 2000 // bytes of postings per term shard, about
	entriesPerM   = 8    // entries per metadata file
	blocksPerX    = 8    // text blocks per snippet file
)

// facet terms start with "=", which the normaliser never leaves in a term.
const facetPrefix = "="

// Build returns the index files of every language of the site, sorted by path.
func Build(sites []Site) ([]File, error) {
	var files []File
	for _, s := range sites {
		fs, err := buildSite(s)
		if err != nil {
			return nil, fmt.Errorf("search index for %s: %w", s.Lang, err)
		}
		files = append(files, fs...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

type posting struct {
	entry int
	pos   []int // sorted, distinct; none for facets
}

// order sorts entries newest first, keeping the given order among equal dates: an
// entry's id is its rank by recency, which breaks ties between equal scores.
func order(entries []Entry) []Entry {
	out := slices.Clone(entries)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.After(out[j].Date) })
	return out
}

// invert gives every term of every entry with its postings, in entry order.
func invert(entries []Entry) map[string][]posting {
	terms := map[string][]posting{}
	per := map[string][]int{} // the current entry's terms and positions
	for id, e := range entries {
		clear(per)
		add := func(block int, text string) {
			for _, t := range Tokens(text) {
				if t.Pos >= span {
					break
				}
				p := block*span + t.Pos
				if t.Kind == KindUnigram {
					p = block * span // unigrams only say which blocks hold the character
				}
				per[t.Term] = append(per[t.Term], p)
			}
			for _, d := range docnumTerms(text) {
				per[d] = append(per[d], block*span)
			}
		}
		add(0, e.Title)
		add(numberBlock, e.Number)
		if d := DocnumTerm(e.Number); d != "" {
			per[d] = append(per[d], numberBlock*span)
		}
		add(metaBlock, strings.Join(e.Meta, "\n"))
		for i, b := range e.Blocks {
			add(firstBody+i, b.Text)
		}
		for _, f := range facets(e) {
			per[facetPrefix+f[0]+f[1]] = []int{}
		}
		for term, ps := range per {
			slices.Sort(ps)
			terms[term] = append(terms[term], posting{entry: id, pos: slices.Compact(ps)})
		}
	}
	return terms
}

// facets are the filterable values of an entry as (key, value) pairs: y year, i issue,
// s section, o issuer, k kind, l language of the text.
func facets(e Entry) [][2]string {
	var out [][2]string
	if !e.Date.IsZero() {
		out = append(out, [2]string{"y", strconv.Itoa(e.Date.Year())})
	}
	if e.IssueKey != "" {
		out = append(out, [2]string{"i", e.IssueKey})
	}
	if e.Section != "" {
		out = append(out, [2]string{"s", e.Section})
	}
	for _, o := range e.Issuers {
		out = append(out, [2]string{"o", o})
	}
	out = append(out, [2]string{"k", e.Kind})
	if e.BodyLang != "" {
		out = append(out, [2]string{"l", e.BodyLang})
	}
	return out
}

// The digits of the posting lists: a number is written in base 32, most significant
// digit first, every digit but the last from vlqMore and the last from vlqLast, so
// that numbers need no separators.
const (
	vlqLast = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
	vlqMore = "WXYZabcdefghijklmnopqrstuvwxyz+/"
)

func writeVLQ(b *strings.Builder, n int) {
	var digits [14]byte
	i := len(digits) - 1
	digits[i] = vlqLast[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		digits[i] = vlqMore[n&31]
	}
	b.Write(digits[i:])
}

// encodePostings writes a posting list compactly: entries separated by spaces, each
// the id's difference to the previous id followed by its positions, the first
// absolute and the others as differences. A list that starts with "^" gives block
// numbers instead of positions (unigrams, see invert).
func encodePostings(ps []posting, blocks bool) string {
	var b strings.Builder
	if blocks {
		b.WriteByte('^')
	}
	prev := 0
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeVLQ(&b, p.entry-prev)
		prev = p.entry
		last := 0
		for _, q := range p.pos {
			if blocks {
				q /= span
			}
			writeVLQ(&b, q-last)
			last = q
		}
	}
	return b.String()
}

// isUnigram reports whether term is a CJK unigram, whose positions only name blocks.
func isUnigram(term string) bool {
	r, n := utf8.DecodeRuneInString(term)
	return n == len(term) && isCJK(r)
}

// utf16Less orders strings as JavaScript's < does, by UTF-16 code units, so that the
// browser can binary-search the shard boundaries.
func utf16Less(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Key(ra) < utf16Key(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b != ""
}

// utf16Key is the rune's first UTF-16 code unit, made comparable with BMP runes.
func utf16Key(r rune) int {
	if r < 0x10000 {
		return int(r) << 10
	}
	r -= 0x10000
	return int(0xD800+(r>>10))<<10 | int(r&0x3FF)
}

// buildSite writes one language's index.
func buildSite(s Site) ([]File, error) {
	entries := order(s.Entries)
	terms := invert(entries)
	sorted := make([]string, 0, len(terms))
	for t := range terms {
		sorted = append(sorted, t)
	}
	sort.Slice(sorted, func(i, j int) bool { return utf16Less(sorted[i], sorted[j]) })

	data := map[string]any{} // file name in the hashed folder → payload
	var bounds []string
	var shard []string
	size := 0
	flush := func() {
		if len(shard) > 0 {
			data["s"+strconv.Itoa(len(bounds)-1)] = shard
			shard, size = nil, 0
		}
	}
	for _, t := range sorted {
		enc := encodePostings(terms[t], isUnigram(t))
		if size >= shardTarget {
			flush()
		}
		if len(shard) == 0 {
			bounds = append(bounds, t)
		}
		shard = append(shard, t, enc)
		size += len(t) + len(enc) + 6
	}
	flush()

	block := 0
	var texts [][2]string
	for i := 0; i < len(entries); i += entriesPerM {
		var metas []entryMeta
		for _, e := range entries[i:min(i+entriesPerM, len(entries))] {
			metas = append(metas, newMeta(e, block))
			for _, b := range e.Blocks {
				texts = append(texts, [2]string{b.Anchor, b.Text})
			}
			block += len(e.Blocks)
		}
		data["m"+strconv.Itoa(i/entriesPerM)] = metas
	}
	for i := 0; i < len(texts); i += blocksPerX {
		data["x"+strconv.Itoa(i/blocksPerX)] = texts[i:min(i+blocksPerX, len(texts))]
	}

	names := make([]string, 0, len(data))
	for n := range data {
		names = append(names, n)
	}
	sort.Strings(names)
	var files []File
	h := sha256.New()
	for _, n := range names {
		b, err := script(n, data[n])
		if err != nil {
			return nil, err
		}
		h.Write(b)
		files = append(files, File{Path: n, Data: b})
	}
	dir := hex.EncodeToString(h.Sum(nil))[:12]
	for i := range files {
		files[i].Path = s.Root + "search/" + dir + "/" + files[i].Path + ".js"
	}
	m, err := script("manifest", manifest{
		Version: formatVersion, Lang: s.Lang, Dir: dir, Span: span, FirstBody: firstBody,
		EntriesPerFile: entriesPerM, BlocksPerFile: blocksPerX, Entries: len(entries),
		Shards: bounds, Facets: facetLists(entries),
	})
	if err != nil {
		return nil, err
	}
	return append(files, File{Path: s.Root + "search/manifest.js", Data: m}), nil
}

// manifest is what the browser loads first.
type manifest struct {
	Version        int        `json:"v"`
	Lang           string     `json:"lang"`
	Dir            string     `json:"dir"`    // the hashed folder of the other files
	Span           int        `json:"span"`   // positions per block
	FirstBody      int        `json:"body"`   // the first block of text
	EntriesPerFile int        `json:"mfile"`  // entries per m<N>.js
	BlocksPerFile  int        `json:"xfile"`  // blocks per x<N>.js
	Entries        int        `json:"n"`      // entries in the index
	Shards         []string   `json:"shards"` // the first term of each s<N>.js
	Facets         []facetSet `json:"facets"`
}

// facetSet is one filter and its values, each [value, label], in display order.
type facetSet struct {
	Key    string      `json:"k"`
	Values [][2]string `json:"v"`
}

// facetLists gives the filter values found in the entries: years and issues newest
// first, the others in order of first appearance, which the entry order fixes.
func facetLists(entries []Entry) []facetSet {
	seen := map[string]bool{}
	byKey := map[string][][2]string{}
	for _, e := range entries {
		for _, f := range facets(e) {
			if seen[f[0]+f[1]] {
				continue
			}
			seen[f[0]+f[1]] = true
			label := f[1]
			if f[0] == "i" {
				label = e.Issue
			}
			byKey[f[0]] = append(byKey[f[0]], [2]string{f[1], label})
		}
	}
	for _, k := range []string{"y", "i"} {
		sort.SliceStable(byKey[k], func(i, j int) bool { return byKey[k][i][0] > byKey[k][j][0] })
	}
	var out []facetSet
	for _, k := range []string{"y", "i", "s", "o", "k", "l"} {
		if len(byKey[k]) > 0 {
			out = append(out, facetSet{Key: k, Values: byKey[k]})
		}
	}
	return out
}

// entryMeta is an entry as the result list shows it; the keys are short because there
// is one per result downloaded.
type entryMeta struct {
	Kind      string   `json:"k"`
	Path      string   `json:"u"`
	Anchor    string   `json:"a,omitempty"`
	Title     string   `json:"t"`
	TitleLang string   `json:"tl,omitempty"`
	BodyLang  string   `json:"bl,omitempty"`
	Context   string   `json:"c,omitempty"`
	Number    string   `json:"n,omitempty"`
	Issue     string   `json:"is,omitempty"`
	Date      string   `json:"d,omitempty"`
	DateISO   string   `json:"dt,omitempty"`
	Section   string   `json:"s,omitempty"`
	Issuers   []string `json:"o,omitempty"`
	Block     int      `json:"b"`  // global index of the first text block
	Blocks    int      `json:"nb"` // how many text blocks follow
}

func newMeta(e Entry, block int) entryMeta {
	m := entryMeta{
		Kind: e.Kind, Path: e.Path, Anchor: e.Anchor, Title: e.Title, TitleLang: e.TitleLang,
		BodyLang: e.BodyLang, Context: e.Context, Number: e.Number, Issue: e.Issue,
		Date: e.DateText, Section: e.Section, Issuers: e.Issuers, Block: block, Blocks: len(e.Blocks),
	}
	if !e.Date.IsZero() {
		m.DateISO = e.Date.Format("2006-01-02")
	}
	return m
}

// script wraps a payload in the call that registers it with the page.
func script(name string, v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("gazetteIndex(" + strconv.Quote(name) + ",")
	// < > & are escaped (\u003c …), the default: content text holding "</script>"
	// then stays a string wherever the payload ends up (issue 11).
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding %s: %w", name, err)
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(");\n")
	return b.Bytes(), nil
}
