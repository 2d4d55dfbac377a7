package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gazette/generator/output"
)

// The index's layout. Positions are block*span + the term's position in its block:
// block 0 is the title, block 1 the 发文字号, block 2 the other metadata (issuers,
// addressees), blocks 3… the text. Terms of different blocks are never adjacent, and a
// position names its block.
const (
	formatVersion = 2
	span          = 1024
	numberBlock   = 1
	metaBlock     = 2
	firstBody     = 3
	entriesPerM   = 4 // entries per metadata file
	blocksPerX    = 8 // text blocks per snippet file
)

// A where value tells where in an entry a term is: flags for the blocks before the
// text, and above them 1 + the first text block that has it (0 for none).
const (
	inTitle   = 1 << 0
	inNumber  = 1 << numberBlock
	inMeta    = 1 << metaBlock
	whereBits = 3
)

// facet terms start with "=", which the normaliser never leaves in a term.
const (
	facetPrefix = "="
	kindFacet   = 'f'
)

// positional reports whether the index keeps the positions of terms of a kind: those a
// phrase is made of. A CJK unigram is a query of its own (or a group of its own), a
// 发文字号 is searched whole and a facet is a filter: their doc-lists say all a query
// needs.
func positional(kind byte) bool {
	return kind == KindBigram || kind == KindWord || kind == KindMongol
}

// Build returns the index files of every language of the site, sorted by path.
func Build(sites []Site) ([]File, error) {
	return collect(sites, options{})
}

// collect builds the index into a tree held in memory and gives its files.
func collect(sites []Site, opt options) ([]File, error) {
	t := output.NewTree()
	if err := build(sites, opt, t); err != nil {
		return nil, err
	}
	var files []File
	for _, p := range t.Paths() {
		b, _ := t.Get(p)
		files = append(files, File{Path: p, Data: b})
	}
	return files, nil
}

// Write builds the index of every language into sink, file by file as they are made,
// so that a streaming sink holds none of them in memory.
func Write(sites []Site, sink Sink) error { return build(sites, options{}, sink) }

// Sink takes the index's files as they are made: output.Tree is one. Files are added
// under a provisional folder and moved, when all are made, to the folder named by
// their hashes, which browsers may then cache for good.
type Sink interface {
	Add(p string, data []byte) error
	Sum(p string) ([32]byte, bool)
	Move(from, to string) error
}

// options fix the layout of the index instead of deriving it from the corpus, for
// tests; zero fields are derived.
type options struct {
	layout
	partChunks int // position chunks per part
}

func build(sites []Site, opt options, sink Sink) error {
	if len(sites) == 0 {
		return nil
	}
	langs := make([]*langIndex, len(sites))
	n := 0
	for i, s := range sites {
		entries := order(s.Entries)
		langs[i] = &langIndex{site: s, entries: entries, lay: chooseLayout(entries, opt.layout), ids: map[string]int32{}, sink: sink}
		n = max(n, len(entries))
	}

	// The metadata and text files need no terms: they are made while the parts run.
	errs := make([]error, len(langs))
	var wg sync.WaitGroup
	for i, l := range langs {
		wg.Go(func() { errs[i] = entryFiles(l.entries, l.site.Lang, l.put) })
	}

	// Parts run on every core and are joined in order as they come. Chunks are the
	// same in every language: a part is a whole number of them in each.
	lay := langs[0].lay
	size := lay.chunk * orDefault(opt.partChunks, chunksPerPart)
	parts := (n + size - 1) / size
	done := make([]chan *part, parts)
	next := make(chan int, parts)
	for i := range parts {
		done[i] = make(chan *part, 1)
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), parts) {
		go func() {
			for i := range next {
				p := newPart(langs, lay, i*size, min(n, (i+1)*size))
				p.run()
				done[i] <- p
			}
		}()
	}
	for i := range parts {
		p := <-done[i]
		for l := range langs {
			langs[l].join(p, &p.langs[l])
		}
	}

	wg.Wait()
	for i, l := range langs {
		if errs[i] == nil {
			errs[i] = l.failed()
		}
		if errs[i] != nil {
			return fmt.Errorf("search index for %s: %w", sites[i].Lang, errs[i])
		}
	}
	for i, l := range langs {
		wg.Go(func() {
			l.shardFiles()
			errs[i] = l.finish()
		})
	}
	wg.Wait()
	for i := range langs {
		if errs[i] != nil {
			return fmt.Errorf("search index for %s: %w", sites[i].Lang, errs[i])
		}
	}
	return nil
}

// orDefault is v, or def when v is 0.
func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// chunksPerPart is the position chunks a part indexes: parts enough to keep every core
// busy, few enough that joining them costs little.
const chunksPerPart = 8

// order sorts entries newest first, keeping the given order among equal dates: an
// entry's id is its rank by recency, which breaks ties between equal scores.
func order(entries []Entry) []Entry {
	out := slices.Clone(entries)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.After(out[j].Date) })
	return out
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

// layout is how one language's index is cut into files, chosen from the size of the
// corpus so that files stay small as it grows.
type layout struct {
	shards     int // term shards s<k>.js, by hash of the term's key
	groups     int // position groups, by hash of the term's key
	chunk      int // entries per position chunk
	titleChunk int // entries per title file t<k>.js; divides chunk
}

// Targets of the layout, in bytes.
const (
	shardTarget    = 2 << 10  // an average shard holds 1–2 KB: a dictionary of short doc-lists
	ownList        = 1 << 10  // a doc-list longer than this has a file of its own
	positionTarget = 16 << 10 // an average position file holds 8–16 KB
	// posBytesPerRune estimates the bytes of position lists per character of text,
	// 3.2 on synthetic gazettes, a little over; it only sizes the files.
	posBytesPerRune = 3.4
	// chunkEntries is the entries of a position chunk: few enough that the positions
	// of the most frequent terms (工作 fills some 100 bytes per entry) keep a file
	// small, many enough that a page of results of a common phrase lies in one chunk.
	chunkEntries = 64
	// titleEntries is the entries of a title file: an entry's title terms fill some
	// 400 bytes of it.
	titleEntries = 4
)

// chooseLayout sizes the position files from the text the entries hold: as many
// groups of terms as keep a file of a chunk about positionTarget. The shards are sized
// once their doc-lists are known.
func chooseLayout(entries []Entry, opt layout) layout {
	lay := layout{chunk: orDefault(opt.chunk, chunkEntries), groups: opt.groups, shards: opt.shards,
		titleChunk: orDefault(opt.titleChunk, titleEntries)}
	lay.titleChunk = min(lay.titleChunk, lay.chunk)
	if lay.groups == 0 {
		runes := 0
		for i := range entries {
			e := &entries[i]
			runes += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Number)
			for _, m := range e.Meta {
				runes += utf8.RuneCountInString(m)
			}
			for _, b := range e.Blocks {
				runes += utf8.RuneCountInString(b.Text)
			}
		}
		chunks := max(1, (len(entries)+lay.chunk-1)/lay.chunk)
		lay.groups = pow2(int(float64(runes) * posBytesPerRune / positionTarget / float64(chunks)))
	}
	return lay
}

// pow2 is the least power of two at least n, and at least 1.
func pow2(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}

// langIndex is one language's index in the making.
type langIndex struct {
	site    Site
	entries []Entry // in id order
	lay     layout
	ids     map[string]int32 // the terms of the parts joined so far
	terms   []string
	kinds   []byte
	docs    [][]byte // doc-lists by term id
	last    []int32  // the last id in each doc-list
	sink    Sink

	mu    sync.Mutex // put runs in the goroutines of the parts and of the text files
	names []string   // the files put so far, without the folder and .js
	err   error      // the first failed put
}

// building is the provisional folder of a language's index files, under its search
// folder, until their hashes name it.
const building = ".new"

// put adds one file of the index, named without its folder and .js, to the sink.
func (l *langIndex) put(f File) error {
	err := l.sink.Add(l.site.Root+"search/"+building+"/"+f.Path+".js", f.Data)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil && l.err == nil {
		l.err = err
	}
	l.names = append(l.names, f.Path)
	return err
}

// failed is the first error of put.
func (l *langIndex) failed() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// join adds a part's doc-lists and position files; parts come in order.
func (l *langIndex) join(p *part, pl *partLang) {
	for tid := range pl.state {
		st := &pl.state[tid]
		if st.firstDoc < 0 {
			continue
		}
		term := p.terms[tid]
		g, ok := l.ids[term]
		if !ok {
			g = int32(len(l.terms))
			l.ids[term] = g
			l.terms = append(l.terms, term)
			l.kinds = append(l.kinds, p.kinds[tid])
			l.docs = append(l.docs, nil)
			l.last = append(l.last, 0)
		}
		l.docs[g] = appendVLQ(l.docs[g], int(st.firstDoc-l.last[g]))
		l.docs[g] = append(l.docs[g], st.docs...)
		l.last[g] = st.lastDoc
	}
	for _, f := range pl.files {
		l.put(f) // a failure is kept for failed
	}
	pl.state, pl.files = nil, nil
}

// shardFiles adds the shards: every term with its doc-list, in the shard of its key.
// A long list has a file of its own, d<shard>-<n>, which the shard names by n: a
// shard then costs a query little whatever other terms share it.
func (l *langIndex) shardFiles() {
	for i := range l.docs {
		l.docs[i] = compactList(l.docs[i], l.kinds[i] == kindFacet)
	}
	if l.lay.shards == 0 {
		size := 0
		for i := range l.terms {
			n := len(l.docs[i])
			if n > ownList {
				n = 2 // the number of its own file
			}
			size += len(l.terms[i]) + n + 6
		}
		l.lay.shards = pow2(size / shardTarget)
	}
	shards := make([][]int32, l.lay.shards)
	for tid := range l.terms {
		s := bucket(l.terms[tid], l.kinds[tid], l.lay.shards)
		shards[s] = append(shards[s], int32(tid))
	}
	for s, tids := range shards {
		// Every shard is written, empty or not: the browser cannot tell a missing file
		// from a failing one.
		sort.Slice(tids, func(i, j int) bool { return l.terms[tids[i]] < l.terms[tids[j]] })
		refs := make([][]byte, len(tids))
		own := 0
		for i, t := range tids {
			if len(l.docs[t]) > ownList {
				refs[i] = strconv.AppendInt(nil, int64(own), 10)
				name := "d" + strconv.Itoa(s) + "-" + string(refs[i])
				b := scriptStart(make([]byte, 0, len(name)+len(l.docs[t])+22), name)
				l.put(File{Path: name, Data: scriptEnd(append(append(append(b, '"'), l.docs[t]...), '"'))})
				own++
			}
		}
		b := termList("s"+strconv.Itoa(s), len(tids), func(i int) (string, []byte, bool) {
			if refs[i] != nil {
				return l.terms[tids[i]], refs[i], true
			}
			return l.terms[tids[i]], l.docs[tids[i]], false
		})
		l.put(File{Path: "s" + strconv.Itoa(s), Data: b})
	}
	l.ids, l.terms, l.kinds, l.docs, l.last = nil, nil, nil, nil, nil
}

// entryFiles puts the metadata files (m<N>) and the text blocks for snippets (x<N>)
// of the entries.
func entryFiles(entries []Entry, lang string, put func(File) error) error {
	block := 0
	var texts [][2]string
	for i := 0; i < len(entries); i += entriesPerM {
		var metas []entryMeta
		for _, e := range entries[i:min(i+entriesPerM, len(entries))] {
			metas = append(metas, newMeta(e, lang, block))
			for _, b := range e.Blocks {
				texts = append(texts, [2]string{b.Anchor, b.Text})
			}
			block += len(e.Blocks)
		}
		name := "m" + strconv.Itoa(i/entriesPerM)
		b, err := script(name, metas)
		if err != nil {
			return err
		}
		if err := put(File{Path: name, Data: b}); err != nil {
			return err
		}
	}
	for i := 0; i < len(texts); i += blocksPerX {
		name := "x" + strconv.Itoa(i/blocksPerX)
		b, err := script(name, texts[i:min(i+blocksPerX, len(texts))])
		if err != nil {
			return err
		}
		if err := put(File{Path: name, Data: b}); err != nil {
			return err
		}
	}
	return nil
}

// finish names the folder of the files by their names and hashes, moves them there, and
// adds the manifest.
func (l *langIndex) finish() error {
	if err := l.failed(); err != nil {
		return err
	}
	sort.Strings(l.names)
	h := sha256.New()
	from := l.site.Root + "search/" + building
	for _, n := range l.names {
		sum, ok := l.sink.Sum(from + "/" + n + ".js")
		if !ok {
			return fmt.Errorf("index file %s has no checksum", n)
		}
		h.Write([]byte(n))
		h.Write(sum[:])
	}
	dir := hex.EncodeToString(h.Sum(nil))[:12]
	if err := l.sink.Move(from, l.site.Root+"search/"+dir); err != nil {
		return err
	}
	m, err := script("manifest", manifest{
		Version: formatVersion, Lang: l.site.Lang, Dir: dir, Span: span, FirstBody: firstBody,
		EntriesPerFile: entriesPerM, BlocksPerFile: blocksPerX, Entries: len(l.entries),
		Shards: l.lay.shards, Groups: l.lay.groups, Chunk: l.lay.chunk, TitleChunk: l.lay.titleChunk,
		Facets: facetLists(l.entries),
	})
	if err != nil {
		return err
	}
	return l.sink.Add(l.site.Root+"search/manifest.js", m)
}

// manifest is what the browser loads first.
type manifest struct {
	Version        int        `json:"v"`
	Lang           string     `json:"lang"`
	Dir            string     `json:"dir"`   // the hashed folder of the other files
	Span           int        `json:"span"`  // positions per block
	FirstBody      int        `json:"body"`  // the first block of text
	EntriesPerFile int        `json:"mfile"` // entries per m<N>.js
	BlocksPerFile  int        `json:"xfile"` // blocks per x<N>.js
	Entries        int        `json:"n"`     // entries in the index
	Shards         int        `json:"s"`     // term shards: s<fnv1a(key) mod s>.js
	Groups         int        `json:"g"`     // position groups: p<fnv1a(key) mod g>-<chunk>.js
	Chunk          int        `json:"c"`     // entries per position chunk: chunk = id / c
	TitleChunk     int        `json:"tc"`    // entries per title file: t<id / tc>.js
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
// is one per result downloaded, and what the list does not show (section, issuers:
// those are filters) or can tell otherwise (a language that is the page's own, the
// index.html of an address) is left out.
type entryMeta struct {
	Kind      string `json:"k"`
	Path      string `json:"u"` // a folder's index.html as the folder: 2023/02/slug/
	Anchor    string `json:"a,omitempty"`
	Title     string `json:"t"`
	TitleLang string `json:"tl,omitempty"`
	BodyLang  string `json:"bl,omitempty"`
	Context   string `json:"c,omitempty"`
	Number    string `json:"n,omitempty"`
	Issue     string `json:"is,omitempty"`
	Date      string `json:"d,omitempty"`
	DateISO   string `json:"dt,omitempty"`
	Block     int    `json:"b"`  // global index of the first text block
	Blocks    int    `json:"nb"` // how many text blocks follow
}

func newMeta(e Entry, lang string, block int) entryMeta {
	m := entryMeta{
		Kind: e.Kind, Path: e.Path, Anchor: e.Anchor, Title: e.Title,
		Context: e.Context, Number: e.Number, Issue: e.Issue, Date: e.DateText, Block: block, Blocks: len(e.Blocks),
	}
	if m.Path == "index.html" || strings.HasSuffix(m.Path, "/index.html") {
		m.Path = strings.TrimSuffix(m.Path, "index.html")
	}
	if e.TitleLang != lang {
		m.TitleLang = e.TitleLang
	}
	if e.BodyLang != lang {
		m.BodyLang = e.BodyLang
	}
	if !e.Date.IsZero() {
		m.DateISO = e.Date.Format("2006-01-02")
	}
	return m
}
