package search

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"gazette/generator/output"
)

// The index's layout. Positions are block*span + the term's position in its block:
// block 0 is the title, block 1 the 发文字号, block 2 the other metadata (issuers,
// addressees), blocks 3… the text. Terms of different blocks are never adjacent, and a
// position names its block.
const (
	formatVersion = 3
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

	// plain turns off the shortcuts a language takes where its entries are the first
	// language's (reading them once, taking the first's files and doc-lists), which
	// must not change the index: the tests compare.
	plain bool
	// made, when not nil, gets the number of files each language made (and then
	// wrote, or found the first's); those it took from the first without making them
	// are not counted.
	made []int
	// ahead, when not 0, is how many parts may be made and not yet joined.
	ahead int
	// unjoined, when not nil, is told of each part made (+1) and joined (-1).
	unjoined func(delta int)
}

// partsAhead is how many parts may be made and not yet joined: enough to keep every
// core busy while the joiner writes a part's files.
func partsAhead(workers int, opt options) int {
	if opt.ahead > 0 {
		return opt.ahead
	}
	return 2 * workers
}

func build(sites []Site, opt options, sink Sink) error {
	if len(sites) == 0 {
		return nil
	}
	langs := make([]*langIndex, len(sites))
	n := 0
	dict := &dictionary{}
	var firstRunes []int
	for i, s := range sites {
		entries := order(s.Entries)
		var same []bool
		if i > 0 {
			same = sameTextsAs(langs[0].entries, entries)
		}
		total := 0
		if opt.groups == 0 {
			runes := entryRunes(entries, same, firstRunes)
			if i == 0 {
				firstRunes = runes
			}
			for _, r := range runes {
				total += r
			}
		}
		l := &langIndex{site: s, entries: entries, lay: layoutFor(len(entries), total, opt.layout), dict: dict,
			sink: sink, sums: map[string][32]byte{}, sameTexts: same}
		if i == 0 {
			l.made, l.complete = map[byte]int{}, map[byte]bool{}
			l.cond = sync.NewCond(&l.mu)
		} else {
			l.first, l.bits = langs[0], map[byte][]bool{}
			l.derived = !opt.plain && derives(langs[0].entries, entries, same)
		}
		langs[i] = l
		n = max(n, len(entries))
	}
	for _, l := range langs {
		if err := linkPrevious(sink, l.site.Root); err != nil {
			return err
		}
	}

	// Every language but the first shares the files the first has with the same bytes:
	// each of its files is compared with the first's of the same name once that is
	// made, unless it is known to be the first's without being made (see part,
	// deriveShards, entryFiles). The position and title files of a part are joined
	// language by language; the others wait for the first's (langIndex.holds).
	//
	// The metadata and text files need no terms: they are made while the parts run.
	errs := make([]error, len(langs))
	var wg sync.WaitGroup
	firstTexts := blockTexts(langs[0].entries)
	for i, l := range langs {
		wg.Go(func() {
			if i == 0 {
				defer l.completed('m', 'x')
				errs[i] = l.entryFiles(firstTexts, nil)
				return
			}
			first := firstTexts
			if opt.plain {
				first = nil
			}
			errs[i] = l.entryFiles(blockTexts(l.entries), first)
		})
	}

	// Parts run on every core and are joined in order as they come. Chunks are the
	// same in every language: a part is a whole number of them in each.
	lay := langs[0].lay
	workers := runtime.GOMAXPROCS(0)
	size := lay.chunk * orDefault(opt.partChunks, partChunks((n+lay.chunk-1)/lay.chunk, workers, lay))
	parts := (n + size - 1) / size
	done := make([]chan *part, parts)
	next := make(chan int, parts)
	for i := range parts {
		done[i] = make(chan *part, 1)
		next <- i
	}
	close(next)
	// The joiner writes the parts' files one after another. Where creating a file is
	// slow (a disk that frees blocks as it goes: 0.4–1 ms a file) the workers would
	// otherwise run ahead and hold every part's files at once, hundreds of megabytes
	// at 10,000 documents: a worker starts a part only while fewer than ahead parts
	// are made and not joined. It takes its token before its part, so that every part
	// taken has one and the part the joiner waits for is always being made.
	tokens := make(chan struct{}, partsAhead(workers, opt))
	for range min(workers, parts) {
		go func() {
			var room partRoom
			for {
				tokens <- struct{}{}
				i, ok := <-next
				if !ok {
					<-tokens
					return
				}
				p := newPart(langs, lay, i*size, min(n, (i+1)*size), opt.plain, &room)
				p.run()
				if opt.unjoined != nil {
					opt.unjoined(1)
				}
				done[i] <- p
			}
		}()
	}
	for i := range parts {
		p := <-done[i]
		glob := make([]int32, len(p.rd.dict.terms))
		for tid, term := range p.rd.dict.terms {
			glob[tid] = dict.intern(term, p.rd.dict.kinds[tid])
		}
		for l := range langs {
			langs[l].join(&p.langs[l], glob)
		}
		if opt.unjoined != nil {
			opt.unjoined(-1)
		}
		<-tokens
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
	// The doc-lists of a derived language are the first's but for the terms of the
	// entries that differ, whose lists the first keeps as they are before compacting.
	keep := map[int32][]byte{}
	for _, l := range langs[1:] {
		for tid := range l.changes {
			keep[tid] = nil
		}
	}
	langs[0].raw = keep
	ready := make(chan struct{})
	for i, l := range langs {
		wg.Go(func() {
			switch {
			case i == 0:
				l.prepareShards()
				close(ready)
			case l.derived:
				<-ready
				l.deriveShards()
			default:
				l.prepareShards()
			}
			l.shardFiles()
			if i == 0 {
				l.completed('s')
				errs[0] = l.finish()
			}
		})
	}
	wg.Wait()
	for _, l := range langs {
		l.release()
	}
	if errs[0] != nil {
		return fmt.Errorf("search index for %s: %w", sites[0].Lang, errs[0])
	}
	// The others name the first's folder, now known.
	for i, l := range langs[1:] {
		errs[i+1] = l.finish()
	}
	for i, l := range langs {
		if errs[i] != nil {
			return fmt.Errorf("search index for %s: %w", sites[i].Lang, errs[i])
		}
		if i < len(opt.made) {
			opt.made[i] = int(l.built.Load())
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

// chunksPerPart is the most position chunks a part indexes: parts enough to keep every
// core busy, few enough that joining them costs little.
const chunksPerPart = 8

// partChunks is the position chunks a part indexes, of chunks in all, on workers
// cores: at most chunksPerPart, as many parts to each core, which take as long when
// their entries are alike (3 parts on 2 cores take as long as 4), and a whole number
// of title chunks, which a part writes whole.
func partChunks(chunks, workers int, lay layout) int {
	if chunks == 0 {
		return 1
	}
	parts := (chunks + chunksPerPart - 1) / chunksPerPart
	parts = (parts + workers - 1) / workers * workers
	k := max(1, (chunks+parts-1)/parts)
	step := lay.titleChunk / gcd(lay.chunk, lay.titleChunk)
	return (k + step - 1) / step * step
}

// gcd is the greatest common divisor of two positive numbers.
func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// order sorts entries newest first, keeping the given order among equal dates: an
// entry's id is its rank by recency, which breaks ties between equal scores.
func order(entries []Entry) []Entry {
	// Sorting keys moves 16 bytes and compares integers where sorting entries would
	// move hundreds and compare times; the index breaks ties as a stable sort would.
	type key struct {
		sec       int64
		nsec, idx int32
	}
	keys := make([]key, len(entries))
	for i := range entries {
		d := &entries[i].Date
		keys[i] = key{d.Unix(), int32(d.Nanosecond()), int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.sec != b.sec {
			return cmp.Compare(b.sec, a.sec)
		}
		if a.nsec != b.nsec {
			return cmp.Compare(b.nsec, a.nsec)
		}
		return cmp.Compare(a.idx, b.idx)
	})
	out := make([]Entry, len(entries))
	for i, k := range keys {
		out[i] = entries[k.idx]
	}
	return out
}

// facets are the filterable values of an entry as (key, value) pairs: y year, i issue,
// s section, o issuer, k kind, l language of the text.
func facets(e Entry) [][2]string { return appendFacets(nil, &e) }

// appendFacets appends the facets of e to out.
func appendFacets(out [][2]string, e *Entry) [][2]string {
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

// entryRunes gives the textRunes of every entry, which size the position files. An
// entry with the texts of the first language's of the same id (same, by id) has its
// number of characters (firstRunes).
func entryRunes(entries []Entry, same []bool, firstRunes []int) []int {
	runes := make([]int, len(entries))
	for id := range entries {
		if id < len(same) && same[id] {
			runes[id] = firstRunes[id]
		} else {
			runes[id] = textRunes(&entries[id])
		}
	}
	return runes
}

// sameTextsAs tells, by id, which entries have the texts of the first language's of
// the same id.
func sameTextsAs(first, entries []Entry) []bool {
	same := make([]bool, len(entries))
	for id := range min(len(first), len(entries)) {
		same[id] = sameTexts(&first[id], &entries[id])
	}
	return same
}

// layoutFor is the layout of n entries holding runes characters of text (textRunes):
// it sizes the position files so that as many groups of terms keep a file of a chunk
// about positionTarget. The shards are sized once their doc-lists are known.
func layoutFor(n, runes int, opt layout) layout {
	lay := layout{chunk: orDefault(opt.chunk, chunkEntries), groups: opt.groups, shards: opt.shards,
		titleChunk: orDefault(opt.titleChunk, titleEntries)}
	lay.titleChunk = min(lay.titleChunk, lay.chunk)
	if lay.groups == 0 {
		chunks := max(1, (n+lay.chunk-1)/lay.chunk)
		lay.groups = pow2(int(float64(runes) * posBytesPerRune / positionTarget / float64(chunks)))
	}
	return lay
}

// textRunes is the characters of the texts an entry is searched by, which size the
// position files.
func textRunes(e *Entry) int {
	runes := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Number)
	for _, m := range e.Meta {
		runes += utf8.RuneCountInString(m)
	}
	for _, b := range e.Blocks {
		runes += utf8.RuneCountInString(b.Text)
	}
	return runes
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
	built   atomic.Int32 // the files made (options.made)
	dict    *dictionary  // the terms of every language, numbered as the parts are joined
	docs    [][]byte     // doc-lists by term id; nil for a term the language does not have
	last    []int32      // the last id in each doc-list
	shards  [][]int32    // the terms of each shard, in order, once docs are compacted
	size    int          // the shardWeight of every term, once docs are compacted

	// A language other than the first is derived from it when few of its entries
	// differ from the first's: its doc-lists are then the first's, but for the terms in
	// changes, which say how its entries differ. The first keeps in raw the lists of
	// those terms as they are before compacting.
	derived   bool
	sameTexts []bool // by id, in a language but the first: whether its entry has the first's texts
	changes   map[int32][]docChange
	raw       map[int32][]byte
	// ownShards says, in a derived language, which shards it makes: the others are the
	// first's; nil: every shard.
	ownShards []bool
	sink      Sink
	first     *langIndex // the first language, whose files this one shares; nil in the first
	dir       string     // the folder, once finished

	mu    sync.Mutex          // put runs in the goroutines of the parts and of the text files
	names []string            // the files written so far, without the folder and .js
	sums  map[string][32]byte // their SHA-256, by name
	bits  map[byte][]bool     // the files shared with the first language, by family (sharedBit)
	err   error               // the first failed put

	// In the first language, how far the families made in order of their numbers have
	// got (m, x: files; s: shards with their d files), for the others to wait on.
	cond     *sync.Cond
	made     map[byte]int
	complete map[byte]bool
}

// building is the provisional folder of a language's index files, under its search
// folder, until their hashes name it.
const building = ".new"

// put adds one file of the index, named without its folder and .js, to the sink, or
// shares the first language's file when that has the same bytes.
func (l *langIndex) put(f File) error {
	l.built.Add(1)
	if l.first == nil {
		return l.write(f, nil)
	}
	sum := sha256.Sum256(f.Data)
	if l.first.holds(f.Path, sum) {
		l.share(f.Path)
		return nil
	}
	return l.write(f, &sum)
}

// write adds one file to the sink; sum is its SHA-256 when known.
func (l *langIndex) write(f File, sum *[32]byte) error {
	p := l.site.Root + "search/" + building + "/" + f.Path + ".js"
	err := l.sink.Add(p, f.Data)
	if err == nil && sum == nil {
		if s, ok := l.sink.Sum(p); ok {
			sum = &s
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil && l.err == nil {
		l.err = err
	}
	l.names = append(l.names, f.Path)
	if sum != nil {
		l.sums[f.Path] = *sum
	}
	if l.made != nil {
		if fam, k := inOrder(f.Path); fam == f.Path[0] {
			l.made[fam] = k + 1
			l.cond.Broadcast()
		}
	}
	return err
}

// inOrder is the family of file name among those the first language makes in order
// of their numbers, and its number there: a d file is made with its shard.
func inOrder(name string) (family byte, k int) {
	family, k = sharedBit(name, 0)
	switch family {
	case 'm', 'x', 's':
		return family, k
	case 'd':
		return 's', k
	}
	return 0, 0
}

// completed notes that the first language has made every file of the families.
func (l *langIndex) completed(families ...byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, f := range families {
		l.complete[f] = true
	}
	l.cond.Broadcast()
}

// holds reports whether l, the first language, has written file name with the SHA-256
// sum, waiting until it has made that file if it makes it at all.
func (l *langIndex) holds(name string, sum [32]byte) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if fam, k := inOrder(name); fam != 0 {
		for l.made[fam] <= k && !l.complete[fam] {
			l.cond.Wait()
		}
	}
	s, ok := l.sums[name]
	return ok && s == sum
}

// share notes that the first language's file name stands for this one's.
func (l *langIndex) share(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	setBit(l.bits, name, l.lay.groups)
}

// failed is the first error of put.
func (l *langIndex) failed() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// join adds a part's doc-lists and position files; parts come in order, glob gives
// the id in l.dict of each term of the part.
func (l *langIndex) join(pl *partLang, glob []int32) {
	if n := len(l.dict.terms); len(l.docs) < n && !l.derived {
		l.docs = append(l.docs, make([][]byte, n-len(l.docs))...)
		l.last = append(l.last, make([]int32, n-len(l.last))...)
	}
	for tid, pc := range pl.pieces {
		if pc.end == pc.start {
			continue
		}
		g := glob[tid]
		if l.docs[g] == nil {
			// Its first id is its difference to 0. A list that grows leaves the buffer.
			l.docs[g] = pl.buf[pc.start:pc.end:pc.end]
		} else {
			l.docs[g] = appendVLQ(l.docs[g], int(pc.first-l.last[g]))
			l.docs[g] = append(l.docs[g], pl.buf[int(pc.start)+vlqLen(int(pc.first)):pc.end]...)
		}
		l.last[g] = pc.last
	}
	if len(pl.changes) > 0 && l.changes == nil {
		l.changes = map[int32][]docChange{}
	}
	for _, c := range pl.changes {
		l.changes[glob[c.tid]] = append(l.changes[glob[c.tid]], c.docChange)
	}
	for _, f := range pl.files {
		l.put(f) // a failure is kept for failed
	}
	for _, name := range pl.shared {
		l.share(name)
	}
	pl.pieces, pl.buf, pl.files, pl.shared, pl.changes = nil, nil, nil, nil, nil
}

// derives reports whether a language's doc-lists are best derived from the first
// language's: when few of its entries differ from the first's in their texts or
// facets.
func derives(first, entries []Entry, same []bool) bool {
	n := max(len(first), len(entries))
	differ := n - len(same)
	for id := range same {
		if !same[id] || !sameFacetsAt(first, entries, id) {
			differ++
		}
	}
	return differ*4 <= n
}

// prepareShards compacts the doc-lists and sorts the terms into the shards.
func (l *langIndex) prepareShards() {
	d := l.dict
	for i, list := range l.docs {
		if list == nil {
			continue
		}
		if _, ok := l.raw[int32(i)]; ok {
			l.raw[int32(i)] = list
		}
		l.docs[i] = compactList(list, d.kinds[i] == kindFacet)
		l.size += shardWeight(d.terms[i], l.docs[i])
	}
	l.lay.shards = orDefault(l.lay.shards, pow2(l.size/shardTarget))
	l.sortIntoShards()
}

// sortIntoShards puts every term that has a doc-list into its shard, in term order.
func (l *langIndex) sortIntoShards() {
	d := l.dict
	l.shards = make([][]int32, l.lay.shards)
	for tid, list := range l.docs {
		if list != nil {
			s := d.keys[tid] % uint32(l.lay.shards)
			l.shards[s] = append(l.shards[s], int32(tid))
		}
	}
	for _, tids := range l.shards {
		d.sortIDs(tids)
	}
}

// deriveShards makes the doc-lists of a derived language from the first's, which has
// prepared its shards, and sorts its terms into shards. A shard none of whose terms
// changed is the first's, with its d files: it is shared without being made again.
func (l *langIndex) deriveShards() {
	d, f := l.dict, l.first
	docs := slices.Clone(f.docs)
	l.size = f.size
	for tid, cs := range l.changes {
		facet := d.kinds[tid] == kindFacet
		var list []byte
		if raw := changeList(f.raw[tid], facet, cs); raw != nil {
			list = compactList(raw, facet)
		}
		if docs[tid] != nil {
			l.size -= shardWeight(d.terms[tid], docs[tid])
		}
		if list != nil {
			l.size += shardWeight(d.terms[tid], list)
		}
		docs[tid] = list
	}
	l.docs = docs
	l.lay.shards = orDefault(l.lay.shards, pow2(l.size/shardTarget))
	if l.lay.shards != f.lay.shards {
		l.sortIntoShards()
		return
	}
	shards := uint32(l.lay.shards)
	dirty := make([]bool, shards)
	for tid := range l.changes {
		dirty[d.keys[tid]%shards] = true
	}
	l.shards = make([][]int32, shards)
	for s := range l.shards {
		if !dirty[s] {
			l.shards[s] = nil
			continue
		}
		var tids []int32
		for _, tid := range f.shards[s] {
			if l.docs[tid] != nil {
				tids = append(tids, tid)
			}
		}
		l.shards[s] = tids
	}
	for tid := range l.changes {
		if s := d.keys[tid] % shards; f.docs[tid] == nil && l.docs[tid] != nil {
			l.shards[s] = append(l.shards[s], tid)
		}
	}
	for s, tids := range l.shards {
		if dirty[s] {
			d.sortIDs(tids)
			continue
		}
		l.share("s" + strconv.Itoa(s))
		k := 0
		for _, tid := range f.shards[s] {
			if len(f.docs[tid]) > ownList {
				l.share("d" + strconv.Itoa(s) + "-" + strconv.Itoa(k))
				k++
			}
		}
	}
	l.ownShards = dirty
}

// shardFiles adds the shards: every term with its doc-list, in the shard of its key.
// A long list has a file of its own, d<shard>-<n>, which the shard names by n: a
// shard then costs a query little whatever other terms share it.
func (l *langIndex) shardFiles() {
	d := l.dict
	for s, tids := range l.shards {
		if l.ownShards != nil && !l.ownShards[s] {
			continue // shared with the first language
		}
		// Every shard is written, empty or not: the browser cannot tell a missing file
		// from a failing one.
		own, shard := shardFile(s, len(tids), func(i int) (string, []byte) { return d.terms[tids[i]], l.docs[tids[i]] })
		l.putOwn(own)
		l.put(shard)
	}
}

// release drops the doc-lists, once every language has made its shards.
func (l *langIndex) release() {
	l.docs, l.last, l.shards, l.raw, l.changes = nil, nil, nil, nil, nil
}

// shardWeight is what a term with its compacted doc-list adds to the size of the
// shards, from which their number is chosen.
func shardWeight(term string, list []byte) int {
	n := len(list)
	if n > ownList {
		n = 2 // the number of its own file
	}
	return len(term) + n + 6
}

// putOwn puts the files of a shard's long lists, d<s>-<k>: shared all together, when the
// first language has all of them with the same bytes, else all written.
func (l *langIndex) putOwn(files []File) {
	if len(files) == 0 {
		return
	}
	l.built.Add(int32(len(files)))
	sums := make([][32]byte, len(files))
	shared := l.first != nil
	for i, f := range files {
		if sums[i] = sha256.Sum256(f.Data); shared && !l.first.holds(f.Path, sums[i]) {
			shared = false
		}
	}
	for i, f := range files {
		if shared {
			l.share(f.Path)
		} else {
			l.write(f, &sums[i]) // a failure is kept for failed
		}
	}
}

// shardFile makes shard s of n terms, item giving the i-th in order with its compacted
// doc-list, and the files d<s>-<k> of its long lists.
func shardFile(s, n int, item func(i int) (string, []byte)) (own []File, shard File) {
	refs := make([][]byte, n)
	for i := range n {
		if _, list := item(i); len(list) > ownList {
			refs[i] = strconv.AppendInt(nil, int64(len(own)), 10)
			name := "d" + strconv.Itoa(s) + "-" + string(refs[i])
			b := scriptStart(make([]byte, 0, len(name)+len(list)+22), name)
			own = append(own, File{Path: name, Data: scriptEnd(append(append(append(b, '"'), list...), '"'))})
		}
	}
	name := "s" + strconv.Itoa(s)
	return own, File{Path: name, Data: termList(name, n, func(i int) (string, []byte, bool) {
		term, list := item(i)
		if refs[i] != nil {
			return term, refs[i], true
		}
		return term, list, false
	})}
}

// sharedBit is the bit of file name in its family's bitmap of shared files: the file's
// number, a position file's chunk × groups + group, a d file's shard.
func sharedBit(name string, groups int) (family byte, bit int) {
	a, b, _ := strings.Cut(name[1:], "-")
	x, _ := strconv.Atoi(a)
	if name[0] == 'p' {
		c, _ := strconv.Atoi(b)
		return 'p', c*groups + x
	}
	return name[0], x
}

// setBit marks file name as shared in bits.
func setBit(bits map[byte][]bool, name string, groups int) {
	f, bit := sharedBit(name, groups)
	for len(bits[f]) <= bit {
		bits[f] = append(bits[f], false)
	}
	bits[f][bit] = true
}

// sharedFiles tells a language's index which of its files are the first language's.
type sharedFiles struct {
	Dir string `json:"dir"` // the folder of the first language's files, from the manifest's
	// Bits has for each family of files (s, d, p, t, m, x) a bitmap, six bits a digit as
	// in doc-lists (bitDigits), without the zero digits at the end: bit i of digit k is
	// the file of sharedBit 6k + i.
	Bits map[string]string `json:"bits"`
}

// newSharedFiles describes the files of bits shared with the first language, whose root
// is firstRoot and folder dir, from the index of the language at root.
func newSharedFiles(root, firstRoot, dir string, bits map[byte][]bool) *sharedFiles {
	sh := &sharedFiles{Dir: strings.Repeat("../", 1+strings.Count(root, "/")) + firstRoot + "search/" + dir, Bits: map[string]string{}}
	for f, set := range bits {
		digits := make([]byte, (len(set)+5)/6)
		for i, ok := range set {
			if ok {
				digits[i/6] |= 1 << (i % 6)
			}
		}
		for len(digits) > 0 && digits[len(digits)-1] == 0 {
			digits = digits[:len(digits)-1]
		}
		for i := range digits {
			digits[i] = bitDigits[digits[i]]
		}
		if len(digits) > 0 {
			sh.Bits[string(f)] = string(digits)
		}
	}
	return sh
}

// entryFiles puts the metadata files (m<N>) and the text blocks for snippets (x<N>)
// of the entries, whose blocks are texts (blockTexts). A language other than the first
// gives first, the first's texts: a text file with the same texts as the first's is
// shared without being made.
func (l *langIndex) entryFiles(texts, first [][2]string) error {
	block := 0
	var metas []entryMeta
	for i := 0; i < len(l.entries); i += entriesPerM {
		metas = metas[:0]
		for _, e := range l.entries[i:min(i+entriesPerM, len(l.entries))] {
			metas = append(metas, newMeta(e, l.site.Lang, block))
			block += len(e.Blocks)
		}
		name := "m" + strconv.Itoa(i/entriesPerM)
		if err := l.put(File{Path: name, Data: metaScript(name, metas)}); err != nil {
			return err
		}
	}
	for i := 0; i < len(texts); i += blocksPerX {
		name := "x" + strconv.Itoa(i/blocksPerX)
		end := min(i+blocksPerX, len(texts))
		if first != nil && end == min(i+blocksPerX, len(first)) && slices.Equal(texts[i:end], first[i:end]) {
			l.share(name)
			continue
		}
		if err := l.put(File{Path: name, Data: textsScript(name, texts[i:end])}); err != nil {
			return err
		}
	}
	return nil
}

// blockTexts gives the anchor and text of every text block of the entries, in order.
func blockTexts(entries []Entry) [][2]string {
	n := 0
	for i := range entries {
		n += len(entries[i].Blocks)
	}
	texts := make([][2]string, 0, n)
	for i := range entries {
		for _, b := range entries[i].Blocks {
			texts = append(texts, [2]string{b.Anchor, b.Text})
		}
	}
	return texts
}

// finish names the folder of the files by their names and hashes, moves them there, and
// adds the manifest.
func (l *langIndex) finish() error {
	if err := l.failed(); err != nil {
		return err
	}
	sort.Strings(l.names)
	from := l.site.Root + "search/" + building
	sums := make([][32]byte, len(l.names))
	for i, n := range l.names {
		sum, ok := l.sums[n]
		if !ok {
			return fmt.Errorf("index file %s has no checksum", n)
		}
		sums[i] = sum
	}
	l.dir = folderName(len(l.names), func(i int) (string, [32]byte) { return l.names[i], sums[i] })
	if err := l.sink.Move(from, l.site.Root+"search/"+l.dir); err != nil {
		return err
	}
	var shared *sharedFiles
	if l.first != nil {
		shared = newSharedFiles(l.site.Root, l.first.site.Root, l.first.dir, l.bits)
	}
	m, err := script("manifest", manifest{
		Version: formatVersion, Lang: l.site.Lang, Dir: l.dir, Span: span, FirstBody: firstBody,
		EntriesPerFile: entriesPerM, BlocksPerFile: blocksPerX, Entries: len(l.entries),
		Shards: l.lay.shards, Groups: l.lay.groups, Chunk: l.lay.chunk, TitleChunk: l.lay.titleChunk,
		Facets: facetLists(l.entries), Shared: shared,
	})
	if err != nil {
		return err
	}
	return l.sink.Add(l.site.Root+"search/manifest.js", m)
}

// manifest is what the browser loads first.
type manifest struct {
	Version        int          `json:"v"`
	Lang           string       `json:"lang"`
	Dir            string       `json:"dir"`   // the hashed folder of the other files
	Span           int          `json:"span"`  // positions per block
	FirstBody      int          `json:"body"`  // the first block of text
	EntriesPerFile int          `json:"mfile"` // entries per m<N>.js
	BlocksPerFile  int          `json:"xfile"` // blocks per x<N>.js
	Entries        int          `json:"n"`     // entries in the index
	Shards         int          `json:"s"`     // term shards: s<fnv1a(key) mod s>.js
	Groups         int          `json:"g"`     // position groups: p<fnv1a(key) mod g>-<chunk>.js
	Chunk          int          `json:"c"`     // entries per position chunk: chunk = id / c
	TitleChunk     int          `json:"tc"`    // entries per title file: t<id / tc>.js
	Facets         []facetSet   `json:"facets"`
	Shared         *sharedFiles `json:"shared,omitempty"` // in every language but the first
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
