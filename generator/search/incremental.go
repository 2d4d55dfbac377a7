package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Indexer writes the index of a site again and again as it changes, with the bytes
// Write gives for the same sites, doing work in proportion to what changed: an entry
// is read (normalised and split into terms) only when its texts changed; of the files
// only those that hold what changed are made again (the doc-lists of the terms whose
// entries or where values changed, with their shards; the position, title, metadata and
// text files of the changed entries); the others are handed to the sink again with the
// bytes and checksum they had.
//
// Entries are compared with the previous build's at the same id, field by field. When
// the number of entries, or with it the layout, changes (an entry added or removed), or
// when most entries changed, every file is made again, from the terms kept of the
// entries whose texts did not change.
//
// The zero Indexer is ready to use. It is not safe for concurrent use.
type Indexer struct {
	opt   options
	dict  dict
	texts map[entryKey][]*textState // the texts of the last build's entries
	langs []*langState              // the last build's languages, as sites were

	// stats says what the last Write did in each language, for tests.
	stats []indexStats
}

// SumSink takes the index files with their SHA-256, which an Indexer keeps from one
// build to the next rather than hashing unchanged files again: output.Tree is one.
type SumSink interface {
	AddSum(p string, data []byte, sum [32]byte) error
}

// indexStats is what a Write did in one language.
type indexStats struct {
	full   bool // every file was made
	read   int  // entries whose texts were read
	made   int  // files made (some of which came out as they were)
	hashed int  // files made with new bytes
	files  int  // files of the index, besides the manifest
}

// dict numbers the terms of every language and build; a term keeps its number for the
// Indexer's life.
type dict struct {
	ids   map[string]uint32
	terms []string
	kinds []byte
	keys  []uint32 // fnv1a of the term's key: its shard and group, mod their numbers
}

// sort puts terms in order.
func (d *dict) sort(tids []uint32) {
	slices.SortFunc(tids, func(a, b uint32) int { return strings.Compare(d.terms[a], d.terms[b]) })
}

func (d *dict) intern(term string, kind byte) uint32 {
	if tid, ok := d.ids[term]; ok {
		return tid
	}
	if d.ids == nil {
		d.ids = map[string]uint32{}
	}
	// A term may be a piece of a long text that the dictionary must not keep alive.
	term = strings.Clone(term)
	tid := uint32(len(d.terms))
	d.ids[term] = tid
	d.terms = append(d.terms, term)
	d.kinds = append(d.kinds, kind)
	d.keys = append(d.keys, fnv1a(termKey(term, kind)))
	return tid
}

// entryKey is an entry's place in the site, the same in every language.
type entryKey struct{ path, anchor string }

// textState is the terms of the texts of an entry (title, 发文字号, metadata, text
// blocks), kept while some language's entry has exactly these texts: the languages
// share it where a page falls back to the original.
type textState struct {
	title, number string
	meta          []string
	blocks        []Block
	runes         int // textRunes of the entry

	// pos lists the terms with positions, each as three uvarints: its id in dict, its
	// where value, the length of its positions, then the positions as a position list
	// writes them (VLQ digits: the first, then differences). plain lists the others,
	// each its id and where value. The position files read only the first.
	pos, plain []byte
}

// recs gives every term of the entry.
func (st *textState) recs(yield func(rec) bool) {
	for rs := st.pos; len(rs) > 0; {
		var r rec
		r, rs = nextRec(rs)
		if !yield(r) {
			return
		}
	}
	for rs := st.plain; len(rs) > 0; {
		tid, rest := uvarint(rs)
		where, rest := uvarint(rest)
		rs = rest
		if !yield(rec{tid: uint32(tid), where: uint32(where)}) {
			return
		}
	}
}

// rec is one term of an entry.
type rec struct {
	tid, where uint32
	pos        []byte
}

// nextRec reads the record at the start of b.
func nextRec(b []byte) (rec, []byte) {
	tid, b := uvarint(b)
	where, b := uvarint(b)
	size, b := uvarint(b)
	return rec{tid: uint32(tid), where: uint32(where), pos: b[:size:size]}, b[size:]
}

// uvarint reads the uvarint at the start of b: most are one byte.
func uvarint(b []byte) (uint64, []byte) {
	if b[0] < 0x80 {
		return uint64(b[0]), b[1:]
	}
	v, n := binary.Uvarint(b)
	return v, b[n:]
}

// titleFlags are the where flags of the blocks a title file holds.
const titleFlags = inTitle | inNumber

// inTitleFile reports whether a term of an entry is in the entry's title file.
func (r rec) inTitleFile() bool { return len(r.pos) > 0 && r.where&titleFlags != 0 }

func newTextState(e *Entry) *textState {
	return &textState{title: e.Title, number: e.Number, meta: e.Meta, blocks: e.Blocks, runes: textRunes(e)}
}

// same reports whether e has these texts.
func (st *textState) same(e *Entry) bool {
	if st.title != e.Title || st.number != e.Number || !slices.Equal(st.meta, e.Meta) || len(st.blocks) != len(e.Blocks) {
		return false
	}
	if len(e.Blocks) > 0 && &st.blocks[0] == &e.Blocks[0] {
		return true
	}
	for i := range e.Blocks {
		if st.blocks[i].Text != e.Blocks[i].Text {
			return false
		}
	}
	return true
}

// sameEntry reports whether two entries are equal in every field.
func sameEntry(a, b *Entry) bool {
	if a.Kind != b.Kind || a.Path != b.Path || a.Anchor != b.Anchor || a.Title != b.Title ||
		a.TitleLang != b.TitleLang || a.BodyLang != b.BodyLang || a.Context != b.Context ||
		a.Number != b.Number || !slices.Equal(a.Meta, b.Meta) || a.Issue != b.Issue ||
		a.IssueKey != b.IssueKey || a.Date != b.Date || a.DateText != b.DateText ||
		a.Section != b.Section || !slices.Equal(a.Issuers, b.Issuers) || len(a.Blocks) != len(b.Blocks) {
		return false
	}
	return len(a.Blocks) == 0 || &a.Blocks[0] == &b.Blocks[0] || slices.Equal(a.Blocks, b.Blocks)
}

// langState is one language's index as the last build left it.
type langState struct {
	lang, root string
	entries    []Entry
	texts      []*textState // by id
	facets     [][]uint32   // by id: the terms of its facets
	blockAt    []int        // by id: the global number of its first text block; then the total
	lay        layout

	lists [][]byte // by term: its doc-list, compacted; nil when no entry has it
	size  int      // the shardWeight of every term
	terms [][]uint32
	owned []int // by shard: its d files

	files map[string]*indexFile // by name
	old   map[string]*indexFile // while every file is made: the previous files
	names []*indexFile          // files in the order of their names; nil when files came or went
	own   []*indexFile          // those not shared with the first language, in order
	share *sharedFiles          // nil in the first language
	dir   string
	facts []facetSet // the manifest's facets

	scratch []positionList // by term, for the position files
	stats   indexStats
}

// kept is b for keeping from one build to the next: without the room to grow that
// appending left, which is up to as much again.
func kept(b []byte) []byte {
	if cap(b)-len(b) > len(b)/8 {
		return append(make([]byte, 0, len(b)), b...)
	}
	return b
}

// indexFile is one file of the index.
type indexFile struct {
	name   string // without folder and .js
	family byte   // its sharedBit
	bit    int
	data   []byte
	sum    [32]byte
}

// put makes file name, keeping the checksum of the previous bytes when they are the
// same.
func (ls *langState) put(name string, data []byte) {
	ls.stats.made++
	f := ls.files[name]
	if f == nil {
		if f = ls.old[name]; f == nil {
			f = &indexFile{name: name}
		}
		f.family, f.bit = sharedBit(name, ls.lay.groups) // the layout may differ from the old one's
		ls.files[name] = f
		ls.names = nil
	}
	if f.data != nil && bytes.Equal(f.data, data) {
		return
	}
	ls.stats.hashed++
	f.data, f.sum = kept(data), sha256.Sum256(data)
}

// build1 is one language of one Write: its entries in id order, with their terms.
type build1 struct {
	site    Site
	entries []Entry
	texts   []*textState
	facets  [][]uint32
	changed []int // the ids whose entries differ from the previous build's
}

// Write writes the index of sites into sink, as Write(sites, sink) does, reusing what
// it made of the previous sites. The Indexer keeps the entries to compare the next
// sites with: neither they nor the slices they hold may change afterwards.
func (ix *Indexer) Write(sites []Site, sink SumSink) error {
	err := ix.write(sites, sink)
	if err != nil {
		// Starting afresh is simpler than knowing how far the failed build got.
		ix.langs, ix.texts = nil, nil
	}
	return err
}

func (ix *Indexer) write(sites []Site, sink SumSink) error {
	ix.stats = make([]indexStats, len(sites))
	if len(sites) == 0 {
		ix.langs, ix.texts = nil, nil
		return nil
	}
	ix.langs = append(ix.langs, make([]*langState, max(0, len(sites)-len(ix.langs)))...)[:len(sites)]
	builds := make([]build1, len(sites))
	made := map[entryKey][]*textState{} // the texts this build reads
	var unread []*textState
	for i, s := range sites {
		ls := ix.langs[i]
		if ls != nil && (ls.lang != s.Lang || ls.root != s.Root) {
			ls, ix.langs[i] = nil, nil
		}
		b := &builds[i]
		b.site, b.entries = s, order(s.Entries)
		b.texts = make([]*textState, len(b.entries))
		b.facets = make([][]uint32, len(b.entries))
		for id := range b.entries {
			e := &b.entries[id]
			if ls != nil && id < len(ls.entries) && sameEntry(&ls.entries[id], e) {
				b.texts[id], b.facets[id] = ls.texts[id], ls.facets[id]
				continue
			}
			b.changed = append(b.changed, id)
			b.facets[id] = ix.facetTerms(e)
			before := len(unread)
			b.texts[id] = ix.textOf(e, made, &unread)
			ix.stats[i].read += len(unread) - before
		}
	}
	ix.read(unread)

	errs := make([]error, len(sites))
	var wg sync.WaitGroup
	for i := range builds {
		wg.Go(func() {
			ls := ix.langs[i]
			b := &builds[i]
			n := len(b.entries)
			runes := 0
			for _, t := range b.texts {
				runes += t.runes
			}
			lay := layoutFor(n, runes, ix.opt.layout)
			full := ls == nil || len(ls.entries) != n || ls.lay.groups != lay.groups ||
				ls.lay.chunk != lay.chunk || ls.lay.titleChunk != lay.titleChunk || len(b.changed) > n/2
			if full {
				ls = &langState{lang: b.site.Lang, root: b.site.Root, files: map[string]*indexFile{}, old: filesOf(ls)}
				ix.langs[i] = ls
			}
			ls.stats = indexStats{full: full, read: ix.stats[i].read}
			ls.grow(len(ix.dict.terms))
			if full {
				errs[i] = ls.build(b, lay, &ix.dict, ix.opt.shards)
			} else {
				errs[i] = ls.update(b, &ix.dict, ix.opt.shards)
			}
			ls.old = nil
			ls.stats.files = len(ls.files)
			ix.stats[i] = ls.stats
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("search index for %s: %w", sites[i].Lang, err)
		}
	}
	for i, ls := range ix.langs {
		if i == 0 {
			ls.finish(nil)
		} else {
			ls.finish(ix.langs[0])
		}
	}
	for i, ls := range ix.langs {
		if ix.stats[i].full {
			ls.scratch = nil // as large as the largest files of every chunk
		}
	}

	next := map[entryKey][]*textState{}
	for i := range builds {
		b := &builds[i]
		for id, t := range b.texts {
			k := entryKey{b.entries[id].Path, b.entries[id].Anchor}
			if !slices.Contains(next[k], t) {
				next[k] = append(next[k], t)
			}
		}
	}
	ix.texts = next

	for i, ls := range ix.langs {
		if err := ls.add(sink); err != nil {
			return fmt.Errorf("search index for %s: %w", sites[i].Lang, err)
		}
	}
	return nil
}

// filesOf is the files of a language's previous index, nil when there is none.
func filesOf(ls *langState) map[string]*indexFile {
	if ls == nil {
		return nil
	}
	return ls.files
}

// textOf gives the terms of e's texts: those of the previous build or of this one
// when some entry had the same texts, else a new textState added to unread.
func (ix *Indexer) textOf(e *Entry, made map[entryKey][]*textState, unread *[]*textState) *textState {
	k := entryKey{e.Path, e.Anchor}
	for _, t := range ix.texts[k] {
		if t.same(e) {
			return t
		}
	}
	for _, t := range made[k] {
		if t.same(e) {
			return t
		}
	}
	t := newTextState(e)
	made[k] = append(made[k], t)
	*unread = append(*unread, t)
	return t
}

// facetTerms gives the terms of e's facets, each once.
func (ix *Indexer) facetTerms(e *Entry) []uint32 {
	var out []uint32
	for _, f := range facets(*e) {
		if tid := ix.dict.intern(facetPrefix+f[0]+f[1], kindFacet); !slices.Contains(out, tid) {
			out = append(out, tid)
		}
	}
	return out
}

// readBatch is the entries a reader reads before the terms new to it join the
// Indexer's dictionary, under a lock: once for many terms rather than for each.
const readBatch = 16

// read finds the terms of texts on every core.
func (ix *Indexer) read(texts []*textState) {
	var mu sync.Mutex // guards ix.dict
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(texts)+readBatch-1)/readBatch) {
		wg.Go(func() {
			r := reader{ids: map[string]int32{}}
			for {
				i := int(next.Add(readBatch)) - readBatch
				if i >= len(texts) {
					return
				}
				r.batch(texts[i:min(i+readBatch, len(texts))], &ix.dict, &mu)
			}
		})
	}
	wg.Wait()
}

// reader finds the terms of entries as part.add does, numbering them in a dictionary
// of its own until a batch is done.
type reader struct {
	sc    scanner
	ids   map[string]int32
	terms []string
	kinds []byte
	glob  []uint32 // by local id: the id in the Indexer's dictionary

	seq   int32    // the entry being read, counted from 1
	seen  []int32  // by local id: seq of the last entry that had it
	where []uint32 // by local id: its where value in that entry
	pos   [][]uint32
	cur   []int32 // the terms of the entry being read

	recs []uint32 // local id, where, start and end in buf, of each term of the batch
	buf  []byte   // their positions
}

func (r *reader) intern(term string, kind byte) int32 {
	if id, ok := r.ids[term]; ok {
		return id
	}
	id := int32(len(r.terms))
	r.ids[term] = id
	r.terms = append(r.terms, term)
	r.kinds = append(r.kinds, kind)
	r.seen = append(r.seen, 0)
	r.where = append(r.where, 0)
	r.pos = append(r.pos, nil)
	return id
}

// batch reads texts and sets their recs.
func (r *reader) batch(texts []*textState, d *dict, mu *sync.Mutex) {
	r.recs, r.buf = r.recs[:0], r.buf[:0]
	ends := make([]int, len(texts))
	for i, t := range texts {
		r.entry(t)
		ends[i] = len(r.recs)
	}
	mu.Lock()
	for id := len(r.glob); id < len(r.terms); id++ {
		r.glob = append(r.glob, d.intern(r.terms[id], r.kinds[id]))
	}
	mu.Unlock()
	var b, plain []byte
	start := 0
	for i, t := range texts {
		b, plain = b[:0], plain[:0]
		for k := start; k < ends[i]; k += 4 {
			tid, where, pos := r.glob[r.recs[k]], r.recs[k+1], r.buf[r.recs[k+2]:r.recs[k+3]]
			if len(pos) == 0 {
				plain = binary.AppendUvarint(binary.AppendUvarint(plain, uint64(tid)), uint64(where))
				continue
			}
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(tid)), uint64(where))
			b = binary.AppendUvarint(b, uint64(len(pos)))
			b = append(b, pos...)
		}
		// Exact copies: the texts are kept for the Indexer's life.
		t.pos, t.plain = append([]byte{}, b...), append([]byte{}, plain...)
		start = ends[i]
	}
}

// entry reads the texts of one entry as part.add does.
func (r *reader) entry(t *textState) {
	r.seq++
	r.cur = r.cur[:0]
	r.text(0, t.title)
	r.text(numberBlock, t.number)
	if d := DocnumTerm(t.number); d != "" {
		r.note(r.intern(d, KindDocnum), KindDocnum, numberBlock*span)
	}
	r.text(metaBlock, strings.Join(t.meta, "\n"))
	for i, b := range t.blocks {
		r.text(firstBody+i, b.Text)
	}
	for _, id := range r.cur {
		start := len(r.buf)
		prev := uint32(0)
		for _, q := range r.pos[id] {
			r.buf = appendVLQ(r.buf, int(q-prev))
			prev = q
		}
		r.recs = append(r.recs, uint32(id), r.where[id], uint32(start), uint32(len(r.buf)))
	}
}

// text reads one text of the entry, at block, as part.read does.
func (r *reader) text(block int, text string) {
	if text == "" {
		return
	}
	stop := false
	r.sc.scan(text, func(term string, kind byte, pos, _, _ int) {
		if stop || pos >= span {
			stop = true // a block holds span positions
			return
		}
		r.note(r.intern(term, kind), kind, block*span+pos)
	})
	for _, d := range docnumTerms(text) {
		r.note(r.intern(d, KindDocnum), KindDocnum, block*span)
	}
}

// note is partLang.note.
func (r *reader) note(id int32, kind byte, q int) {
	if r.seen[id] != r.seq {
		r.seen[id], r.where[id], r.pos[id] = r.seq, 0, r.pos[id][:0]
		r.cur = append(r.cur, id)
	}
	switch b := q / span; {
	case b < firstBody:
		r.where[id] |= 1 << b
	case r.where[id]>>whereBits == 0:
		r.where[id] |= uint32(b-firstBody+1) << whereBits
	}
	if positional(kind) {
		if n := len(r.pos[id]); n == 0 || r.pos[id][n-1] != uint32(q) {
			r.pos[id] = append(r.pos[id], uint32(q))
		}
	}
}

// grow makes room for n terms.
func (ls *langState) grow(n int) {
	if len(ls.lists) < n {
		ls.lists = append(ls.lists, make([][]byte, n-len(ls.lists))...)
	}
}

// build makes every file of the language.
func (ls *langState) build(b *build1, lay layout, d *dict, shards int) error {
	ls.entries, ls.texts, ls.facets, ls.lay = b.entries, b.texts, b.facets, lay
	ls.blockAt = blockStarts(b.entries)
	ls.facts = facetLists(b.entries)
	raw := make([][]byte, len(d.terms))
	last := make([]int32, len(d.terms))
	for id := range b.entries {
		for r := range b.texts[id].recs {
			raw[r.tid] = appendWhere(appendVLQ(raw[r.tid], id-int(last[r.tid])), r.where)
			last[r.tid] = int32(id)
		}
		for _, tid := range b.facets[id] {
			raw[tid] = appendVLQ(raw[tid], id-int(last[tid]))
			last[tid] = int32(id)
		}
	}
	ls.size = 0
	for tid, list := range raw {
		if list != nil {
			ls.lists[tid] = kept(compactList(list, d.kinds[tid] == kindFacet))
			ls.size += shardWeight(d.terms[tid], ls.lists[tid])
		}
	}
	ls.shardAll(d, shards)
	n := len(b.entries)
	for c := range (n + lay.chunk - 1) / lay.chunk {
		ls.chunkFiles(c, nil, d)
	}
	for k := range (n + lay.titleChunk - 1) / lay.titleChunk {
		ls.titleFile(k, d)
	}
	for k := range (n + entriesPerM - 1) / entriesPerM {
		if err := ls.metaFile(k); err != nil {
			return err
		}
	}
	for k := range (ls.blockAt[n] + blocksPerX - 1) / blocksPerX {
		if err := ls.textFile(k); err != nil {
			return err
		}
	}
	return nil
}

// shardAll sorts the terms into the shards, as many as their size calls for, and makes
// every shard.
func (ls *langState) shardAll(d *dict, shards int) {
	ls.lay.shards = orDefault(shards, pow2(ls.size/shardTarget))
	for s := range ls.terms {
		ls.remove("s" + strconv.Itoa(s))
		for k := range ls.owned[s] {
			ls.remove("d" + strconv.Itoa(s) + "-" + strconv.Itoa(k))
		}
	}
	ls.terms = make([][]uint32, ls.lay.shards)
	ls.owned = make([]int, ls.lay.shards)
	for tid, list := range ls.lists {
		if list != nil {
			s := d.keys[tid] % uint32(ls.lay.shards)
			ls.terms[s] = append(ls.terms[s], uint32(tid))
		}
	}
	for s, tids := range ls.terms {
		d.sort(tids)
		ls.shardFile(s, d)
	}
}

// shardFile makes shard s and its d files.
func (ls *langState) shardFile(s int, d *dict) {
	tids := ls.terms[s]
	own, shard := shardFile(s, len(tids), func(i int) (string, []byte) { return d.terms[tids[i]], ls.lists[tids[i]] })
	for _, f := range own {
		ls.put(f.Path, f.Data)
	}
	ls.put(shard.Path, shard.Data)
	for k := len(own); k < ls.owned[s]; k++ {
		ls.remove("d" + strconv.Itoa(s) + "-" + strconv.Itoa(k))
	}
	ls.owned[s] = len(own)
}

func (ls *langState) remove(name string) {
	if _, ok := ls.files[name]; ok {
		delete(ls.files, name)
		ls.names = nil
	}
}

// blockStarts numbers the text blocks of the entries in id order: the first of each,
// then the total.
func blockStarts(entries []Entry) []int {
	at := make([]int, len(entries)+1)
	for id := range entries {
		at[id+1] = at[id] + len(entries[id].Blocks)
	}
	return at
}

// chunkFiles makes the position files of chunk c, of the groups dirty marks (nil: all
// groups), and removes those of them that no longer have terms.
func (ls *langState) chunkFiles(c int, dirty []bool, d *dict) {
	ls.growScratch(len(d.terms))
	groups := uint32(ls.lay.groups)
	byGroup := make([][]uint32, groups)
	base := c * ls.lay.chunk
	for id := base; id < min(len(ls.entries), base+ls.lay.chunk); id++ {
		for rs := ls.texts[id].pos; len(rs) > 0; {
			var r rec
			r, rs = nextRec(rs)
			g := d.keys[r.tid] % groups
			if dirty != nil && !dirty[g] {
				continue
			}
			if ls.scratch[r.tid].addEncoded(int32(id), int32(base), r.pos) {
				byGroup[g] = append(byGroup[g], r.tid)
			}
		}
	}
	for g, tids := range byGroup {
		name := "p" + strconv.Itoa(g) + "-" + strconv.Itoa(c)
		if len(tids) == 0 {
			if dirty != nil && dirty[g] {
				ls.remove(name)
			}
			continue
		}
		ls.put(name, ls.termFile(name, tids, d))
	}
}

// growScratch makes room for the position lists of n terms.
func (ls *langState) growScratch(n int) {
	for len(ls.scratch) < n {
		ls.scratch = append(ls.scratch, positionList{last: -1})
	}
}

// termFile writes the position file name of terms from the scratch lists, which it
// empties.
func (ls *langState) termFile(name string, tids []uint32, d *dict) []byte {
	d.sort(tids)
	b := termList(name, len(tids), func(i int) (string, []byte, bool) { return d.terms[tids[i]], ls.scratch[tids[i]].b, false })
	for _, tid := range tids {
		ls.scratch[tid].reset()
	}
	return b
}

// addEncoded is add for positions already written as a list writes them.
func (l *positionList) addEncoded(id, base int32, pos []byte) bool {
	empty := l.begin(id, base)
	l.b = append(l.b, pos...)
	return empty
}

// titleFile makes the title file of title chunk k, or removes it when no entry of the
// chunk has terms in its title or 发文字号.
func (ls *langState) titleFile(k int, d *dict) {
	ls.growScratch(len(d.terms))
	var tids []uint32
	base := k * ls.lay.titleChunk
	for id := base; id < min(len(ls.entries), base+ls.lay.titleChunk); id++ {
		for rs := ls.texts[id].pos; len(rs) > 0; {
			var r rec
			r, rs = nextRec(rs)
			if r.inTitleFile() && ls.scratch[r.tid].addEncoded(int32(id), int32(base), r.pos) {
				tids = append(tids, r.tid)
			}
		}
	}
	name := "t" + strconv.Itoa(k)
	if len(tids) == 0 {
		ls.remove(name)
		return
	}
	ls.put(name, ls.termFile(name, tids, d))
}

// metaFile makes the metadata file m<k>, as entryFiles does.
func (ls *langState) metaFile(k int) error {
	var metas []entryMeta
	for id := k * entriesPerM; id < min(len(ls.entries), (k+1)*entriesPerM); id++ {
		metas = append(metas, newMeta(ls.entries[id], ls.lang, ls.blockAt[id]))
	}
	name := "m" + strconv.Itoa(k)
	b, err := script(name, metas)
	if err != nil {
		return err
	}
	ls.put(name, b)
	return nil
}

// textFile makes the snippet file x<k>, as entryFiles does.
func (ls *langState) textFile(k int) error {
	first, end := k*blocksPerX, min(ls.blockAt[len(ls.entries)], (k+1)*blocksPerX)
	id := sort.Search(len(ls.entries), func(id int) bool { return ls.blockAt[id+1] > first })
	texts := make([][2]string, 0, end-first)
	for i := first; i < end; i++ {
		for ls.blockAt[id+1] <= i {
			id++
		}
		b := ls.entries[id].Blocks[i-ls.blockAt[id]]
		texts = append(texts, [2]string{b.Anchor, b.Text})
	}
	name := "x" + strconv.Itoa(k)
	b, err := script(name, texts)
	if err != nil {
		return err
	}
	ls.put(name, b)
	return nil
}

// docChange is a change of one entry in a term's doc-list.
type docChange struct {
	id    int32
	where uint32
	has   bool // the entry has the term, with where
}

// update makes the files that hold what changed since the previous build, which had
// as many entries and the same layout.
func (ls *langState) update(b *build1, d *dict, shards int) error {
	chunkGroups := map[int][]bool{} // position chunk → its groups to make
	titles := map[int]bool{}
	changes := map[uint32][]docChange{}
	groups := uint32(ls.lay.groups)
	old := map[uint32]rec{}
	for _, id := range b.changed {
		// Compare the terms of the entry, as it was and as it is.
		c := id / ls.lay.chunk
		dirty := func(tid uint32) {
			if chunkGroups[c] == nil {
				chunkGroups[c] = make([]bool, groups)
			}
			chunkGroups[c][d.keys[tid]%groups] = true
		}
		if before, now := ls.texts[id], b.texts[id]; before != now {
			clear(old)
			for r := range before.recs {
				old[r.tid] = r
			}
			for r := range now.recs {
				o, had := old[r.tid]
				delete(old, r.tid)
				if !had || o.where != r.where {
					changes[r.tid] = append(changes[r.tid], docChange{id: int32(id), where: r.where, has: true})
				}
				if !bytes.Equal(o.pos, r.pos) {
					dirty(r.tid)
				}
				if o.inTitleFile() != r.inTitleFile() || r.inTitleFile() && !bytes.Equal(o.pos, r.pos) {
					titles[id/ls.lay.titleChunk] = true
				}
			}
			for tid, o := range old {
				changes[tid] = append(changes[tid], docChange{id: int32(id)})
				if len(o.pos) > 0 {
					dirty(tid)
				}
				if o.inTitleFile() {
					titles[id/ls.lay.titleChunk] = true
				}
			}
		}
		before, now := ls.facets[id], b.facets[id]
		for _, tid := range now {
			if !slices.Contains(before, tid) {
				changes[tid] = append(changes[tid], docChange{id: int32(id), has: true})
			}
		}
		for _, tid := range before {
			if !slices.Contains(now, tid) {
				changes[tid] = append(changes[tid], docChange{id: int32(id)})
			}
		}
	}
	// The facets of the manifest stay while no entry's facets changed.
	for _, id := range b.changed {
		if before, now := &ls.entries[id], &b.entries[id]; before.Issue != now.Issue || !slices.Equal(facets(*before), facets(*now)) {
			ls.facts = facetLists(b.entries)
			break
		}
	}
	oldAt := ls.blockAt
	ls.entries, ls.texts, ls.facets = b.entries, b.texts, b.facets
	ls.blockAt = blockStarts(b.entries)

	// The doc-lists, and the shards of those that changed.
	shardsDirty := map[int]bool{}
	for tid, cs := range changes {
		facet := d.kinds[tid] == kindFacet
		before := ls.lists[tid]
		var now []byte
		if raw := changeList(expandList(before, facet), facet, cs); raw != nil {
			now = kept(compactList(raw, facet))
		}
		if bytes.Equal(now, before) { // a list is nil or not empty
			continue
		}
		had, has := before != nil, now != nil
		if had {
			ls.size -= shardWeight(d.terms[tid], before)
		}
		if has {
			ls.size += shardWeight(d.terms[tid], now)
		}
		ls.lists[tid] = now
		s := int(d.keys[tid] % uint32(ls.lay.shards))
		shardsDirty[s] = true
		if had != has {
			tids := ls.terms[s]
			i := sort.Search(len(tids), func(i int) bool { return d.terms[tids[i]] >= d.terms[tid] })
			if had {
				ls.terms[s] = slices.Delete(tids, i, i+1)
			} else {
				ls.terms[s] = slices.Insert(tids, i, tid)
			}
		}
	}
	// The number of shards follows the size of every list.
	if orDefault(shards, pow2(ls.size/shardTarget)) != ls.lay.shards {
		ls.shardAll(d, shards)
	} else {
		for s := range shardsDirty {
			ls.shardFile(s, d)
		}
	}

	for c, dirty := range chunkGroups {
		ls.chunkFiles(c, dirty, d)
	}
	for k := range titles {
		ls.titleFile(k, d)
	}

	// The metadata of the changed entries, and of those whose text blocks moved; the
	// text blocks of both.
	metas, texts := map[int]bool{}, map[int]bool{}
	changed := map[int]bool{}
	for _, id := range b.changed {
		changed[id] = true
	}
	for id := range b.entries {
		if changed[id] || ls.blockAt[id] != oldAt[id] || ls.blockAt[id+1] != oldAt[id+1] {
			metas[id/entriesPerM] = true
			for k := ls.blockAt[id] / blocksPerX; k*blocksPerX < ls.blockAt[id+1]; k++ {
				texts[k] = true
			}
		}
	}
	for k := range metas {
		if err := ls.metaFile(k); err != nil {
			return err
		}
	}
	for k := range texts {
		if err := ls.textFile(k); err != nil {
			return err
		}
	}
	total, oldTotal := ls.blockAt[len(b.entries)], oldAt[len(b.entries)]
	for k := (total + blocksPerX - 1) / blocksPerX; k < (oldTotal+blocksPerX-1)/blocksPerX; k++ {
		ls.remove("x" + strconv.Itoa(k))
	}
	return nil
}

// expandList gives a doc-list written by compactList back as part.add writes it.
func expandList(list []byte, facet bool) []byte {
	if list == nil {
		return nil
	}
	byFlags := list[0] == whereTag
	if byFlags {
		list = list[1:]
	}
	out := make([]byte, 0, 2*len(list))
	prev := 0
	add := func(id int, rest []byte) []byte {
		out = appendVLQ(out, id-prev)
		prev = id
		switch {
		case facet:
		case byFlags:
			var w int
			w, rest = readVLQ(rest)
			out = appendWhere(out, uint32(w))
		default:
			var w uint32
			w, rest = readWhere(rest)
			out = appendWhere(out, w)
		}
		return rest
	}
	if list[0] == bitmapTag {
		first, rest := readVLQ(list[1:])
		digits, rest := readVLQ(rest)
		bits, rest := rest[:digits], rest[digits:]
		for k, c := range bits {
			for i, v := 0, digitValue[c]; v != 0; i, v = i+1, v>>1 {
				if v&1 != 0 {
					rest = add(first+6*k+i, rest)
				}
			}
		}
		return out
	}
	id := 0
	for rest := list; len(rest) > 0; {
		var delta int
		delta, rest = readVLQ(rest)
		id += delta
		rest = add(id, rest)
	}
	return out
}

// changeList applies changes, in any order, to a doc-list as part.add writes it: nil
// when no entry is left.
func changeList(list []byte, facet bool, changes []docChange) []byte {
	slices.SortFunc(changes, func(a, b docChange) int { return int(a.id - b.id) })
	out := make([]byte, 0, len(list)+8*len(changes))
	prev := 0
	put := func(id int, where uint32) {
		out = appendVLQ(out, id-prev)
		prev = id
		if !facet {
			out = appendWhere(out, where)
		}
	}
	eachDoc(list, facet, func(id int, where uint32) {
		for len(changes) > 0 && int(changes[0].id) < id {
			if changes[0].has {
				put(int(changes[0].id), changes[0].where)
			}
			changes = changes[1:]
		}
		if len(changes) > 0 && int(changes[0].id) == id {
			if changes[0].has {
				put(id, changes[0].where)
			}
			changes = changes[1:]
			return
		}
		put(id, where)
	})
	for _, c := range changes {
		if c.has {
			put(int(c.id), c.where)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// finish finds the files shared with the first language, first, as langIndex.put and
// putOwn do (nil in the first), and names the folder of the others by their names
// and checksums, as langIndex.finish does.
func (ls *langState) finish(first *langState) {
	if ls.names == nil {
		ls.names = make([]*indexFile, 0, len(ls.files))
		for _, f := range ls.files {
			ls.names = append(ls.names, f)
		}
		slices.SortFunc(ls.names, func(a, b *indexFile) int { return strings.Compare(a.name, b.name) })
	}
	ls.own, ls.share = ls.names, nil
	if first != nil {
		holds := func(f *indexFile) bool {
			g := first.files[f.name]
			return g != nil && g.sum == f.sum
		}
		// The d files of a shard are shared all together or not at all.
		apart := map[int]bool{}
		for _, f := range ls.names {
			if f.family == 'd' && !holds(f) {
				apart[f.bit] = true
			}
		}
		bits := map[byte][]bool{}
		ls.own = nil
		for _, f := range ls.names {
			shared := holds(f)
			if f.family == 'd' {
				shared = !apart[f.bit]
			}
			if !shared {
				ls.own = append(ls.own, f)
				continue
			}
			set := bits[f.family]
			for len(set) <= f.bit {
				set = append(set, false)
			}
			set[f.bit] = true
			bits[f.family] = set
		}
		ls.share = newSharedFiles(ls.root, first.root, first.dir, bits)
	}
	h := sha256.New()
	for _, f := range ls.own {
		h.Write([]byte(f.name))
		h.Write(f.sum[:])
	}
	ls.dir = hex.EncodeToString(h.Sum(nil))[:12]
}

// add gives the files and the manifest to sink.
func (ls *langState) add(sink SumSink) error {
	// The paths are cut from one string: thousands of them, made anew whenever the
	// folder's name changes.
	folder := ls.root + "search/" + ls.dir + "/"
	var b strings.Builder
	b.Grow(len(ls.own) * (len(folder) + 12))
	for _, f := range ls.own {
		b.WriteString(folder)
		b.WriteString(f.name)
		b.WriteString(".js")
	}
	paths := b.String()
	for _, f := range ls.own {
		size := len(folder) + len(f.name) + len(".js")
		p := paths[:size]
		paths = paths[size:]
		if err := sink.AddSum(p, f.data, f.sum); err != nil {
			return err
		}
	}
	m, err := script("manifest", manifest{
		Version: formatVersion, Lang: ls.lang, Dir: ls.dir, Span: span, FirstBody: firstBody,
		EntriesPerFile: entriesPerM, BlocksPerFile: blocksPerX, Entries: len(ls.entries),
		Shards: ls.lay.shards, Groups: ls.lay.groups, Chunk: ls.lay.chunk, TitleChunk: ls.lay.titleChunk,
		Facets: ls.facts, Shared: ls.share,
	})
	if err != nil {
		return err
	}
	return sink.AddSum(ls.root+"search/manifest.js", m, sha256.Sum256(m))
}
