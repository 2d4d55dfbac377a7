package search

import (
	"slices"
	"strconv"

	"gazette/generator/internal/jsonstr"
)

// part indexes the entries [from, to) of every language. The index is built in parts
// on all cores and the parts are joined in order: a part is a whole number of position
// chunks, so it writes their files itself, and its doc-lists are pieces that join end
// to end, so the index is the same however the entries are cut.
//
// The languages share the part's dictionary, and what they share of their entries,
// which the fallback of untranslated pages to the original makes common: the entries
// of one id with the same texts in several languages are read once (a text some of
// them have, once). A language other than the first takes the first's position file
// of a chunk and group where no term of the group has other positions in the chunk,
// and the first's title file where every entry of the title chunk has the first's
// texts: byte for byte the same, it neither makes nor compares them. A language whose
// doc-lists derive from the first's (langIndex.derived) notes only how its entries
// differ from the first's.
type part struct {
	from, to int
	lay      layout
	langs    []partLang
	rd       termReader // its dictionary numbers the part's terms

	// The terms of the entries of the chunk being read: sets[i] is a range of rd.recs,
	// src[l][id-chunk start] the set of language l's entry, -1 when it has none.
	sets [][2]int32
	src  [][]int32

	// What the first language made of the chunk: the range of its position files in
	// its files, and which title chunks have a title file.
	firstChunk [2]int
	firstTitle []bool

	cache map[string][]tok // the reader's cache, while two languages read an id's entries
	plain bool             // no shortcuts (options.plain)
	room  *partRoom        // where the part's scratch goes back when it has run
}

// partLang is what a part holds of one language.
type partLang struct {
	lang   *langIndex
	docs   docLog    // the doc-lists of the part's entries, unless the language is derived
	chunk  posWriter // the positions of the current chunk
	title  posWriter // the positions of the current title chunk
	files  []File    // position and title files
	shared []string  // the first language's position and title files that are this one's

	// The doc-lists of the part, once run, in pieces of buf by term id.
	pieces []docPiece
	buf    []byte

	changes []partChange // in a language derived from the first: how its entries differ

	dirty  []bool           // scratch of dirtyGroups
	facets [][2]string      // scratch of addDocs and change
	marks  map[int32]uint32 // scratch of change
}

// newPart makes the part of the entries [from, to), which works in the room of room
// until it has run.
func newPart(langs []*langIndex, lay layout, from, to int, plain bool, room *partRoom) *part {
	p := &part{from: from, to: to, lay: lay, src: make([][]int32, len(langs)), plain: plain, room: room}
	room.langs = append(room.langs, make([]partLang, max(0, len(langs)-len(room.langs)))...)
	for l, li := range langs {
		// A part's language keeps its doc-lists, position and title files, and
		// changes; the rest is the room's.
		r := &room.langs[l]
		p.langs = append(p.langs, partLang{lang: li, docs: docLog{room: &room.docs}, chunk: r.chunk, title: r.title,
			dirty: r.dirty, facets: r.facets, marks: r.marks})
		*r = partLang{}
		p.src[l] = make([]int32, lay.chunk)
	}
	// The reader's buffers, and its dictionary's tables, cleared; its seq goes on
	// counting, so that the notes of the terms of earlier parts are never taken for
	// this part's.
	p.rd, p.cache = room.rd, room.cache
	p.rd.dict = dictionary{table: room.table}
	if n := room.terms + room.terms/4; n > 0 {
		d := &p.rd.dict
		d.terms, d.kinds = make([]string, 0, n), make([]byte, 0, n)
		d.keys, d.heads = make([]uint32, 0, n), make([]uint64, 0, n)
	}
	*room = partRoom{langs: room.langs, docs: room.docs, terms: room.terms}
	return p
}

// partRoom is what a part works in, handed from one part to the next that the same
// goroutine runs: the buffers of reading entries and of making files, grown to the
// largest chunk yet, which a part would otherwise grow from nothing again.
type partRoom struct {
	rd    termReader // without a dictionary
	table termTable  // empty
	cache map[string][]tok
	langs []partLang // only the scratch: chunk, title, dirty, facets, marks
	docs  docRoom
	terms int // the terms of the last part, which size the next one's dictionary
}

// run indexes the part's entries, chunk by chunk, and hands its room back.
func (p *part) run() {
	for c0 := p.from; c0 < p.to; c0 += p.lay.chunk {
		c1 := min(c0+p.lay.chunk, p.to)
		p.read(c0, c1)
		for l := range p.langs {
			p.apply(l, c0, c1)
		}
	}
	kinds := p.rd.dict.kinds
	room := p.room
	for l := range p.langs {
		pl := &p.langs[l]
		if !pl.lang.derived {
			pl.pieces, pl.buf = pl.docs.lists(len(kinds), func(tid int32) bool { return kinds[tid] == kindFacet })
		}
		// Every item of the position and title writers is written: they are empty.
		room.langs[l] = partLang{chunk: pl.chunk, title: pl.title, dirty: pl.dirty, facets: pl.facets, marks: pl.marks}
		pl.chunk, pl.title, pl.dirty, pl.facets, pl.marks = posWriter{}, posWriter{}, nil, nil, nil
		pl.docs = docLog{}
	}
	// The part keeps of its dictionary the terms and their kinds, which joining it
	// needs.
	d := p.rd.dict
	room.table, room.terms = d.table, len(d.terms)
	room.table.clear()
	room.rd, room.cache = p.rd, p.cache
	room.rd.dict, room.rd.cache = dictionary{}, nil
	room.rd.reset()
	p.rd = termReader{dict: dictionary{terms: d.terms, kinds: d.kinds}}
	p.sets, p.src, p.cache, p.room = nil, nil, nil, nil
}

// read finds the terms of the entries [c0, c1) of every language, reading an entry
// only when no language before has one with the same texts at its id.
func (p *part) read(c0, c1 int) {
	p.rd.reset()
	p.sets = p.sets[:0]
	for id := c0; id < c1; id++ {
		i := id - c0
		// The languages whose entries are read: those with texts no language before has.
		reads := 0
		for l := range p.langs {
			src := &p.src[l][i]
			*src = -1
			entries := p.langs[l].lang.entries
			if id >= len(entries) {
				continue
			}
			// -2-k: the set that language k reads.
			*src = -2 - int32(l)
			earlier := l // the languages whose texts it may share
			if p.plain {
				earlier = 0
			}
			for k := range earlier {
				if s := p.src[k][i]; s != -1 && (k == 0 && p.langs[l].lang.sameTexts[id] ||
					k > 0 && sameTexts(&p.langs[k].lang.entries[id], &entries[id])) {
					*src = s
					break
				}
			}
			if *src == -2-int32(l) {
				reads++
			}
		}
		// Those share some of their texts, often: read each text once.
		p.rd.cache = nil
		if reads > 1 {
			if p.cache == nil {
				p.cache = map[string][]tok{}
			}
			p.rd.cache = p.cache
			p.rd.clearCache()
		}
		for l := range p.langs {
			src := &p.src[l][i]
			if *src >= -1 {
				continue
			}
			if own := *src == -2-int32(l); own {
				e := &p.langs[l].lang.entries[id]
				start := len(p.rd.recs)
				p.rd.entry(e.Title, e.Number, e.Meta, e.Blocks)
				*src = int32(len(p.sets))
				p.sets = append(p.sets, [2]int32{int32(start), int32(len(p.rd.recs))})
				continue
			}
			*src = p.src[-2-*src][i] // the set of the language it shares its texts with
		}
	}
}

// sameTexts reports whether two entries have the same texts: title, 发文字号,
// metadata and text blocks, which give their terms.
func sameTexts(a, b *Entry) bool {
	if a.Title != b.Title || a.Number != b.Number || !slices.Equal(a.Meta, b.Meta) || len(a.Blocks) != len(b.Blocks) {
		return false
	}
	if len(a.Blocks) == 0 || &a.Blocks[0] == &b.Blocks[0] {
		return true
	}
	for i := range a.Blocks {
		if a.Blocks[i].Text != b.Blocks[i].Text {
			return false
		}
	}
	return true
}

// apply adds the terms of language l's entries [c0, c1) to its doc-lists and position
// files.
func (p *part) apply(l, c0, c1 int) {
	pl := &p.langs[l]
	src, first := p.src[l][:c1-c0], p.src[0][:c1-c0]
	if l == 0 {
		p.firstChunk[0] = len(pl.files)
		p.firstTitle = p.firstTitle[:0]
	}

	// A position file of the chunk is the first language's unless a term of its group
	// has other positions: a term of an entry that has other texts in the first
	// language. That needs the same groups.
	groups := pl.lang.lay.groups
	var dirty []bool // by group: made anew; nil: every group
	if l > 0 && !p.plain && groups == p.langs[0].lang.lay.groups {
		dirty = pl.dirtyGroups(p, src, first)
	}
	chunkShared := dirty != nil && !slices.Contains(dirty, true)

	// Title chunks are shared only where they lie within position chunks, which the
	// layout makes so.
	tc := p.lay.titleChunk
	titles := p.lay.chunk%tc == 0
	titleShared := false
	for id := c0; id < c1; id++ {
		i := id - c0
		if titles && id%tc == 0 {
			end := min(id+tc, c1) - c0
			titleShared = l > 0 && !p.plain && slices.Equal(src[i:end], first[i:end])
		}
		var recs []termRec
		if s := src[i]; s >= 0 {
			set := p.sets[s]
			recs = p.rd.recs[set[0]:set[1]]
			if !chunkShared || !titleShared {
				pl.positions(p, int32(id), recs, dirty, !chunkShared, !titleShared)
			}
		}
		switch {
		case !pl.lang.derived:
			if src[i] >= 0 {
				pl.addDocs(p, int32(id), recs)
			}
		case src[i] != first[i] || !sameFacetsAt(p.langs[0].lang.entries, pl.lang.entries, id):
			var was []termRec
			if s := first[i]; s >= 0 {
				was = p.rd.recs[p.sets[s][0]:p.sets[s][1]]
			}
			pl.change(p, int32(id), was, recs)
		}
		if (id+1)%tc == 0 || id+1 == p.to {
			k := id / tc
			switch {
			case l == 0:
				p.firstTitle = append(p.firstTitle, !pl.title.empty())
			case titleShared:
				if p.firstTitle[i/tc] {
					pl.shared = append(pl.shared, "t"+strconv.Itoa(k))
				}
			}
			pl.flushTitle(p, k)
		}
	}
	c := c0 / p.lay.chunk
	if dirty != nil {
		for _, f := range p.langs[0].files[p.firstChunk[0]:p.firstChunk[1]] {
			if fam, bit := sharedBit(f.Path, groups); fam == 'p' && !dirty[bit-c*groups] {
				pl.shared = append(pl.shared, f.Path)
			}
		}
	}
	if !chunkShared {
		pl.flushChunk(p, c)
	}
	if l == 0 {
		p.firstChunk[1] = len(pl.files)
	}
}

// dirtyGroups gives the position groups of the terms of the entries of the chunk that
// differ from the first language's (src and first give their sets of terms): those of
// the chunk's position files that differ.
func (pl *partLang) dirtyGroups(p *part, src, first []int32) []bool {
	groups := uint32(pl.lang.lay.groups)
	if len(pl.dirty) < int(groups) {
		pl.dirty = make([]bool, groups)
	}
	dirty := pl.dirty[:groups]
	clear(dirty)
	for i := range src {
		if src[i] == first[i] {
			continue
		}
		for _, s := range [2]int32{src[i], first[i]} {
			if s < 0 {
				continue
			}
			for _, r := range p.rd.recs[p.sets[s][0]:p.sets[s][1]] {
				if r.hasPos() {
					dirty[p.rd.dict.keys[r.tid]%groups] = true
				}
			}
		}
	}
	return dirty
}

// sameFacetsAt reports whether the entries id of two languages have the same facets,
// or neither has an entry there.
func sameFacetsAt(a, b []Entry, id int) bool {
	if id >= len(a) || id >= len(b) {
		return id >= len(a) && id >= len(b)
	}
	x, y := &a[id], &b[id]
	return x.Date.IsZero() == y.Date.IsZero() && (x.Date.IsZero() || x.Date.Year() == y.Date.Year()) &&
		x.IssueKey == y.IssueKey && x.Section == y.Section && slices.Equal(x.Issuers, y.Issuers) &&
		x.Kind == y.Kind && x.BodyLang == y.BodyLang
}

// addDocs adds entry id, with its terms recs (from the part's reader) and its facets,
// to the doc-lists.
func (pl *partLang) addDocs(p *part, id int32, recs []termRec) {
	for _, r := range recs {
		pl.docs.add(r.tid, id, r.where)
	}
	pl.facets = appendFacets(pl.facets[:0], &pl.lang.entries[id])
	for _, f := range pl.facets {
		pl.docs.add(p.rd.dict.word(facetPrefix+f[0]+f[1], kindFacet), id, 0)
	}
}

// change notes how entry id of a language whose doc-lists are derived from the first
// language's differs from the first's: its terms recs (nil without an entry) against
// was, and its facets against those of the first's entry.
func (pl *partLang) change(p *part, id int32, was, recs []termRec) {
	if pl.marks == nil {
		pl.marks = map[int32]uint32{}
	}
	clear(pl.marks)
	const none = ^uint32(0) // no where value
	for _, r := range was {
		pl.marks[r.tid] = r.where
	}
	first := p.langs[0].lang.entries
	if int(id) < len(first) {
		for _, f := range appendFacets(pl.facets[:0], &first[id]) {
			pl.marks[p.rd.dict.word(facetPrefix+f[0]+f[1], kindFacet)] = 0
		}
	}
	add := func(tid int32, where uint32) {
		if w, ok := pl.marks[tid]; !ok || w != where {
			if w != none {
				pl.changes = append(pl.changes, partChange{tid, docChange{id: id, where: where, has: true}})
			}
		}
		pl.marks[tid] = none
	}
	for _, r := range recs {
		add(r.tid, r.where)
	}
	if int(id) < len(pl.lang.entries) {
		pl.facets = appendFacets(pl.facets[:0], &pl.lang.entries[id])
		for _, f := range pl.facets {
			add(p.rd.dict.word(facetPrefix+f[0]+f[1], kindFacet), 0)
		}
	}
	for tid, w := range pl.marks {
		if w != none {
			pl.changes = append(pl.changes, partChange{tid, docChange{id: id}})
		}
	}
}

// partChange is a docChange of a term of the part.
type partChange struct {
	tid int32
	docChange
}

// positions adds the positions of entry id's terms recs to the chunk's when chunk is
// set, only those of the groups dirty marks unless it is nil, and to the title
// chunk's when title is. The chunk's files are written while the reader holds the
// positions of the chunk's entries, which they then refer to; so are the title files
// when title chunks lie within position chunks (titlesInChunks).
func (pl *partLang) positions(p *part, id int32, recs []termRec, dirty []bool, chunk, title bool) {
	groups := uint32(pl.lang.lay.groups)
	keys := p.rd.dict.keys
	inChunks := p.titlesInChunks()
	for _, r := range recs {
		if !r.hasPos() {
			continue
		}
		if g := int(keys[r.tid] % groups); chunk && (dirty == nil || dirty[g]) {
			pl.chunk.addAt(r.tid, g, id, r.start, r.end)
		}
		if title && r.where&titleFlags != 0 {
			if inChunks {
				pl.title.addAt(r.tid, 0, id, r.start, r.end)
			} else {
				pl.title.add(r.tid, 0, id, p.rd.buf[r.start:r.end])
			}
		}
	}
}

// titlesInChunks reports whether every title chunk lies within a position chunk.
func (p *part) titlesInChunks() bool { return p.lay.chunk%p.lay.titleChunk == 0 }

// flushChunk writes the position files of chunk c: one per group of terms with
// positions in it.
func (pl *partLang) flushChunk(p *part, c int) {
	pl.chunk.write(int32(c*p.lay.chunk), p.rd.buf, &p.rd.dict, func(g int) string { return "p" + strconv.Itoa(g) + "-" + strconv.Itoa(c) },
		func(_ int, name string, data []byte) { pl.files = append(pl.files, File{Path: name, Data: data}) })
}

// flushTitle writes the title file of title chunk k: the positions of the terms each
// entry has in its title or 发文字号.
func (pl *partLang) flushTitle(p *part, k int) {
	var src []byte // the positions were copied
	if p.titlesInChunks() {
		src = p.rd.buf
	}
	pl.title.write(int32(k*p.lay.titleChunk), src, &p.rd.dict, func(int) string { return "t" + strconv.Itoa(k) },
		func(_ int, name string, data []byte) { pl.files = append(pl.files, File{Path: name, Data: data}) })
}

// termList is a shard or position file, name: ["term", "list", …]; item gives the
// i-th term and its list, a string of digits, spaces, "!" and "~" that needs no
// escaping, or when ref is set, a number: the file that holds the list (see
// langIndex.shardFiles).
func termList(name string, n int, item func(i int) (term string, list []byte, ref bool)) []byte {
	size := len(name) + 24
	for i := range n {
		t, l, _ := item(i)
		size += len(t) + len(l) + 6
	}
	b := scriptStart(make([]byte, 0, size), name)
	b = append(b, '[')
	for i := range n {
		t, l, ref := item(i)
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, t)
		b = append(b, ',')
		if ref {
			b = append(b, l...)
			continue
		}
		b = append(b, '"')
		b = append(b, l...)
		b = append(b, '"')
	}
	return scriptEnd(append(b, ']'))
}
