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
// entries whose texts did not change. A language other than the first whose entries
// nearly all have the first language's texts (pages that fall back to the original)
// is then made instead as an update of the first language's index.
//
// The zero Indexer is ready to use. It is not safe for concurrent use.
type Indexer struct {
	opt   options
	dict  dict
	texts map[entryKey][]*textState // the texts of the last build's entries, and maybe some of before
	added int                       // texts added to texts since it was made
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
	full    bool // every file was made afresh
	derived bool // every file was made from the first language's index (langState.derive)
	read    int  // entries whose texts were read
	made    int  // files made (some of which came out as they were)
	hashed  int  // files made with new bytes
	files   int  // files of the index, besides the manifest
}

// dict numbers the terms of every language and build; a term keeps its number for the
// Indexer's life.
type dict struct{ dictionary }

// sort puts terms in order.
func (d *dict) sort(tids []uint32) { sortTerms(&d.dictionary, tids, nil) }

func (d *dict) intern(term string, kind byte) uint32 {
	// A term may be a piece of a long text that the dictionary must not keep alive.
	d.clone = true
	return uint32(d.dictionary.intern(term, kind))
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

// sameBlocks reports whether two entries have the same text blocks.
func sameBlocks(a, b []Block) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || slices.Equal(a, b))
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
	epoch int                   // counts the times files came or went

	// The first language's index whose files' twins (indexFile.twin) were looked up, as
	// its epoch was then.
	twinsOf    *langState
	twinsEpoch int
	own        []*indexFile // those not shared with the first language, in order
	share      *sharedFiles // nil in the first language
	dir        string
	facts      []facetSet // the manifest's facets

	pw, tw posWriter // make the position and title files
	stats  indexStats
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
	twin   *indexFile // in a language but the first: the first's file of the same name, if any
}

// put makes file name, keeping the checksum of the previous bytes when they are the
// same.
func (ls *langState) put(name string, data []byte) { ls.putSum(name, data, nil) }

// putSum is put for data whose SHA-256, sum, is known when not nil.
func (ls *langState) putSum(name string, data []byte, sum *[32]byte) {
	ls.stats.made++
	f := ls.files[name]
	if f == nil {
		if f = ls.old[name]; f == nil {
			f = &indexFile{name: name}
		}
		f.family, f.bit = sharedBit(name, ls.lay.groups) // the layout may differ from the old one's
		ls.files[name] = f
		ls.names, ls.epoch = nil, ls.epoch+1
	}
	if f.data != nil && bytes.Equal(f.data, data) {
		return
	}
	ls.stats.hashed++
	if sum == nil {
		s := sha256.Sum256(data)
		sum = &s
	}
	f.data, f.sum = kept(data), *sum
}

// build1 is one language of one Write: its entries in id order, with their terms.
type build1 struct {
	site    Site
	entries []Entry
	texts   []*textState
	facets  [][]uint32
	changed []int // the ids whose entries differ from the previous build's
	// relang says the previous build is another language's, whose metadata files
	// differ from this one's wherever they name a language: every one is made again.
	relang bool
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

	lays := make([]layout, len(builds))
	for i := range builds {
		runes := 0
		for _, t := range builds[i].texts {
			runes += t.runes
		}
		lays[i] = layoutFor(len(builds[i].entries), runes, ix.opt.layout)
	}
	var wg sync.WaitGroup
	firstDone := make(chan struct{})
	for i := range builds {
		wg.Go(func() {
			if i == 0 {
				defer close(firstDone)
			}
			ls := ix.langs[i]
			b, lay := &builds[i], lays[i]
			n := len(b.entries)
			full := ls == nil || !ls.lay.sameFiles(lay) || len(ls.entries) != n || len(b.changed) > n/2
			// Made afresh, a language is best made from the first language's index, as
			// an update, when few of its entries differ from the first's.
			if full && i > 0 && lays[0].sameFiles(lay) && builds[0].derives(b) {
				<-firstDone
				f := ix.langs[0] // its layout makes the same files: lays[0]'s
				ls = f.derive(b.site)
				ix.langs[i] = ls
				ls.stats = indexStats{derived: true, read: ix.stats[i].read}
				ls.grow(len(ix.dict.terms))
				b.changed, b.relang = b.changed[:0], true
				for id := range b.entries {
					if !sameEntry(&f.entries[id], &b.entries[id]) {
						b.changed = append(b.changed, id)
					}
				}
				ls.update(b, &ix.dict, ix.opt.shards)
				ls.stats.files = len(ls.files)
				ix.stats[i] = ls.stats
				return
			}
			if full {
				ls = &langState{lang: b.site.Lang, root: b.site.Root, files: map[string]*indexFile{}, old: filesOf(ls)}
				ix.langs[i] = ls
			}
			ls.stats = indexStats{full: full, read: ix.stats[i].read}
			ls.grow(len(ix.dict.terms))
			if full {
				ls.build(b, lay, &ix.dict, ix.opt.shards)
			} else {
				ls.update(b, &ix.dict, ix.opt.shards)
			}
			ls.old = nil
			ls.stats.files = len(ls.files)
			ix.stats[i] = ls.stats
		})
	}
	wg.Wait()
	for i, ls := range ix.langs {
		if i == 0 {
			ls.finish(nil)
		} else {
			ls.finish(ix.langs[0])
		}
	}
	for i, ls := range ix.langs {
		if ix.stats[i].full || ix.stats[i].derived {
			ls.pw, ls.tw = posWriter{}, posWriter{} // as large as the largest files of every chunk
		}
	}

	ix.keepTexts(builds)

	for i, ls := range ix.langs {
		if err := ls.add(sink); err != nil {
			return fmt.Errorf("search index for %s: %w", sites[i].Lang, err)
		}
	}
	return nil
}

// sameFiles reports whether two layouts cut the entries into the same position and
// title files; the shards follow the doc-lists.
func (lay layout) sameFiles(o layout) bool {
	return lay.groups == o.groups && lay.chunk == o.chunk && lay.titleChunk == o.titleChunk
}

// derives reports whether a language's index, b, is best derived from the first
// language's: when it has as many entries and few of them have other texts or facets
// than the first's. An update makes again every position file with a term of such an
// entry, reading every entry of its chunk: with more than a few, as many are made and
// the languages are best made side by side.
func (first *build1) derives(b *build1) bool {
	if len(first.entries) != len(b.entries) {
		return false
	}
	differ := 0
	for id := range b.entries {
		if first.texts[id] != b.texts[id] || !slices.Equal(first.facets[id], b.facets[id]) {
			differ++
		}
	}
	return differ*16 <= len(b.entries)
}

// derive gives a copy of the first language's index, f, as the previous index of
// another language of the site, which an update then turns into that language's.
func (f *langState) derive(site Site) *langState {
	ls := &langState{lang: site.Lang, root: site.Root, entries: f.entries, texts: f.texts, facets: f.facets,
		blockAt: f.blockAt, lay: f.lay, lists: slices.Clone(f.lists), size: f.size, owned: slices.Clone(f.owned),
		files: make(map[string]*indexFile, len(f.files)), facts: f.facts}
	// The update replaces lists and files but changes the terms of shards in place.
	ls.terms = make([][]uint32, len(f.terms))
	for s, tids := range f.terms {
		ls.terms[s] = slices.Clone(tids)
	}
	for name, file := range f.files {
		c := *file
		ls.files[name] = &c
	}
	return ls
}

// keepTexts keeps the texts of the entries of builds for the next Write to find. After
// an edit of a few entries the map is kept, with the texts of those added: those no
// entry has any more stay, harmless, until keptChanges were added and the map is made
// again.
func (ix *Indexer) keepTexts(builds []build1) {
	changed := 0
	for i := range builds {
		changed += len(builds[i].changed)
	}
	add := func(b *build1, id int) {
		k := entryKey{b.entries[id].Path, b.entries[id].Anchor}
		if t := b.texts[id]; !slices.Contains(ix.texts[k], t) {
			ix.texts[k] = append(ix.texts[k], t)
			ix.added++
		}
	}
	if ix.texts != nil && ix.added+changed <= keptChanges {
		for i := range builds {
			for _, id := range builds[i].changed {
				add(&builds[i], id)
			}
		}
		return
	}
	ix.texts, ix.added = make(map[entryKey][]*textState, len(ix.texts)), 0
	for i := range builds {
		for id := range builds[i].texts {
			add(&builds[i], id)
		}
	}
	ix.added = 0
}

// keptChanges is the most texts added to the map of texts before it is made again.
const keptChanges = 64

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
			var r reader
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

// reader finds the terms of entries as a part does, numbering them in a dictionary of
// its own until a batch is done.
type reader struct {
	termReader
	glob []uint32 // by local id: the id in the Indexer's dictionary
}

// batch reads texts and sets their recs.
func (r *reader) batch(texts []*textState, d *dict, mu *sync.Mutex) {
	r.reset()
	ends := make([]int, len(texts))
	for i, t := range texts {
		r.entry(t.title, t.number, t.meta, t.blocks)
		ends[i] = len(r.recs)
	}
	mu.Lock()
	for id := len(r.glob); id < len(r.dict.terms); id++ {
		r.glob = append(r.glob, d.intern(r.dict.terms[id], r.dict.kinds[id]))
	}
	mu.Unlock()
	var b, plain []byte
	start := 0
	for i, t := range texts {
		b, plain = b[:0], plain[:0]
		for _, rec := range r.recs[start:ends[i]] {
			tid, where, pos := r.glob[rec.tid], rec.where, r.buf[rec.start:rec.end]
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

// grow makes room for n terms.
func (ls *langState) grow(n int) {
	if len(ls.lists) < n {
		ls.lists = append(ls.lists, make([][]byte, n-len(ls.lists))...)
	}
}

// build makes every file of the language.
func (ls *langState) build(b *build1, lay layout, d *dict, shards int) {
	ls.entries, ls.texts, ls.facets, ls.lay = b.entries, b.texts, b.facets, lay
	ls.blockAt = blockStarts(b.entries)
	ls.facts = facetLists(b.entries)
	// The metadata and text files need no terms: they are made meanwhile.
	n := len(b.entries)
	entryFiles := make(chan []indexFile, 1)
	go func() {
		var files []indexFile
		add := func(name string, data []byte) {
			files = append(files, indexFile{name: name, data: data, sum: sha256.Sum256(data)})
		}
		for k := range (n + entriesPerM - 1) / entriesPerM {
			add(ls.metaData(k))
		}
		for k := range (ls.blockAt[n] + blocksPerX - 1) / blocksPerX {
			add(ls.textData(k))
		}
		entryFiles <- files
	}()

	// One pass over the terms of the entries makes the position and title files and
	// logs the doc-lists.
	groups := uint32(lay.groups)
	put := func(_ int, name string, data []byte) { ls.put(name, data) }
	var log docLog
	for id := range b.entries {
		for r := range b.texts[id].recs {
			log.add(int32(r.tid), int32(id), r.where)
			if len(r.pos) > 0 {
				ls.pw.add(int32(r.tid), int(d.keys[r.tid]%groups), int32(id), r.pos)
				if r.where&titleFlags != 0 {
					ls.tw.add(int32(r.tid), 0, int32(id), r.pos)
				}
			}
		}
		for _, tid := range b.facets[id] {
			log.add(int32(tid), int32(id), 0)
		}
		if k := id / lay.titleChunk; (id+1)%lay.titleChunk == 0 || id+1 == n {
			ls.tw.write(int32(k*lay.titleChunk), nil, &d.dictionary, func(int) string { return "t" + strconv.Itoa(k) }, put)
		}
		if c := id / lay.chunk; (id+1)%lay.chunk == 0 || id+1 == n {
			ls.pw.write(int32(c*lay.chunk), nil, &d.dictionary, func(g int) string { return "p" + strconv.Itoa(g) + "-" + strconv.Itoa(c) }, put)
		}
	}
	pieces, buf := log.lists(len(d.terms), func(tid int32) bool { return d.kinds[tid] == kindFacet })
	ls.size = 0
	for tid, pc := range pieces {
		if pc.end > pc.start {
			ls.lists[tid] = kept(compactList(buf[pc.start:pc.end:pc.end], d.kinds[tid] == kindFacet))
			ls.size += shardWeight(d.terms[tid], ls.lists[tid])
		}
	}
	ls.shardAll(d, shards)
	for _, f := range <-entryFiles {
		ls.putSum(f.name, f.data, &f.sum)
	}
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
		ls.names, ls.epoch = nil, ls.epoch+1
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
	groups := uint32(ls.lay.groups)
	base := c * ls.lay.chunk
	for id := base; id < min(len(ls.entries), base+ls.lay.chunk); id++ {
		for rs := ls.texts[id].pos; len(rs) > 0; {
			var r rec
			r, rs = nextRec(rs)
			if g := d.keys[r.tid] % groups; dirty == nil || dirty[g] {
				ls.pw.add(int32(r.tid), int(g), int32(id), r.pos)
			}
		}
	}
	made := make([]bool, groups)
	ls.pw.write(int32(base), nil, &d.dictionary, func(g int) string { return "p" + strconv.Itoa(g) + "-" + strconv.Itoa(c) },
		func(g int, name string, data []byte) {
			made[g] = true
			ls.put(name, data)
		})
	for g := range dirty {
		if dirty[g] && !made[g] {
			ls.remove("p" + strconv.Itoa(g) + "-" + strconv.Itoa(c))
		}
	}
}

// titleFile makes the title file of title chunk k, or removes it when no entry of the
// chunk has terms in its title or 发文字号.
func (ls *langState) titleFile(k int, d *dict) {
	base := k * ls.lay.titleChunk
	for id := base; id < min(len(ls.entries), base+ls.lay.titleChunk); id++ {
		for rs := ls.texts[id].pos; len(rs) > 0; {
			var r rec
			r, rs = nextRec(rs)
			if r.inTitleFile() {
				ls.pw.add(int32(r.tid), 0, int32(id), r.pos)
			}
		}
	}
	name := "t" + strconv.Itoa(k)
	made := false
	ls.pw.write(int32(base), nil, &d.dictionary, func(int) string { return name }, func(_ int, name string, data []byte) {
		made = true
		ls.put(name, data)
	})
	if !made {
		ls.remove(name)
	}
}

// metaFile makes the metadata file m<k>, as entryFiles does.
func (ls *langState) metaFile(k int) { ls.put(ls.metaData(k)) }

// metaData is the name and bytes of the metadata file m<k>.
func (ls *langState) metaData(k int) (string, []byte) {
	var metas []entryMeta
	for id := k * entriesPerM; id < min(len(ls.entries), (k+1)*entriesPerM); id++ {
		metas = append(metas, newMeta(ls.entries[id], ls.lang, ls.blockAt[id]))
	}
	name := "m" + strconv.Itoa(k)
	return name, metaScript(name, metas)
}

// textFile makes the snippet file x<k>, as entryFiles does.
func (ls *langState) textFile(k int) { ls.put(ls.textData(k)) }

// textData is the name and bytes of the snippet file x<k>.
func (ls *langState) textData(k int) (string, []byte) {
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
	return name, textsScript(name, texts)
}

// docChange is a change of one entry in a term's doc-list.
type docChange struct {
	id    int32
	where uint32
	has   bool // the entry has the term, with where
}

// update makes the files that hold what changed since the previous build, which had
// as many entries and the same layout.
func (ls *langState) update(b *build1, d *dict, shards int) {
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
	oldAt, oldEntries := ls.blockAt, ls.entries
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
	// text blocks of those whose blocks changed or moved.
	metas, texts := map[int]bool{}, map[int]bool{}
	changed := map[int]bool{}
	for _, id := range b.changed {
		changed[id] = true
	}
	for id := range b.entries {
		moved := ls.blockAt[id] != oldAt[id] || ls.blockAt[id+1] != oldAt[id+1]
		if changed[id] || moved || b.relang {
			metas[id/entriesPerM] = true
		}
		if moved || changed[id] && !sameBlocks(oldEntries[id].Blocks, b.entries[id].Blocks) {
			for k := ls.blockAt[id] / blocksPerX; k*blocksPerX < ls.blockAt[id+1]; k++ {
				texts[k] = true
			}
		}
	}
	for k := range metas {
		ls.metaFile(k)
	}
	for k := range texts {
		ls.textFile(k)
	}
	total, oldTotal := ls.blockAt[len(b.entries)], oldAt[len(b.entries)]
	for k := (total + blocksPerX - 1) / blocksPerX; k < (oldTotal+blocksPerX-1)/blocksPerX; k++ {
		ls.remove("x" + strconv.Itoa(k))
	}
}

// expandList gives a doc-list written by compactList back as the index first writes it
// (see docPiece).
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

// changeList applies changes, in any order, to a doc-list as the index first writes
// it: nil when no entry is left.
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
	for r := (docReader{list: list, facet: facet}); r.more(); {
		id, where := r.next()
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
			continue
		}
		put(id, where)
	}
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
		ls.twinsOf = nil
	}
	ls.own, ls.share = ls.names, nil
	if first != nil {
		// Each file's twin, the first's file of its name, is looked up again only when
		// the files of either came or went.
		if ls.twinsOf != first || ls.twinsEpoch != first.epoch {
			for _, f := range ls.names {
				f.twin = first.files[f.name]
			}
			ls.twinsOf, ls.twinsEpoch = first, first.epoch
		}
		holds := func(f *indexFile) bool { return f.twin != nil && f.twin.sum == f.sum }
		// The d files of a shard are shared all together or not at all.
		apart := map[int]bool{}
		for _, f := range ls.names {
			if f.family == 'd' && !holds(f) {
				apart[f.bit] = true
			}
		}
		var bits [256][]bool // by family
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
		families := map[byte][]bool{}
		for fam, set := range bits {
			if set != nil {
				families[byte(fam)] = set
			}
		}
		ls.share = newSharedFiles(ls.root, first.root, first.dir, families)
	}
	ls.dir = folderName(len(ls.own), func(i int) (string, [32]byte) { return ls.own[i].name, ls.own[i].sum })
}

// folderName is the name of the folder of n files, file giving the i-th in order of
// their names with its SHA-256: the start of the SHA-256 of every name and checksum.
func folderName(n int, file func(i int) (string, [32]byte)) string {
	size := 0
	for i := range n {
		name, _ := file(i)
		size += len(name) + 32
	}
	b := make([]byte, 0, size)
	for i := range n {
		name, sum := file(i)
		b = append(append(b, name...), sum[:]...)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:12]
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
