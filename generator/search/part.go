package search

import (
	"sort"
	"strconv"
	"strings"
)

// part indexes the entries [from, to) of every language. The index is built in parts
// on all cores and the parts are joined in order: a part is a whole number of position
// chunks, so it writes their files itself, and its doc-lists are pieces that join end
// to end, so the index is the same however the entries are cut.
//
// The languages share the part's dictionary, and the terms of every text they share,
// which the fallback of untranslated pages to the original makes common: a text the
// entries of one id have in several languages is read once.
type part struct {
	from, to int
	lay      layout
	ids      map[string]int32
	terms    []string // by term id
	kinds    []byte
	langs    []partLang
	sc       scanner
	cache    map[string][]tok // the texts of the entries being read, read
	toks     []tok            // what cache points into
}

// tok is a term of a text: its id in the part, its position in the text.
type tok struct {
	tid, pos int32
}

// partLang is what a part holds of one language.
type partLang struct {
	lang    *langIndex
	state   []termState // by term id
	current []int32     // the terms of the entry being read
	inChunk []int32     // the terms with positions in the current chunk
	inTitle []int32     // the terms with positions in the current title chunk
	files   []File      // position files
}

// termState is one term of one language in a part.
type termState struct {
	seen  int32    // 1 + the id of the entry being read when it has the term
	where uint32   // that entry's where value: flags | 1 + first text block << whereBits
	pos   []uint32 // that entry's positions, ascending

	// docs is the doc-list from the part's first entry with the term, firstDoc,
	// without that entry's id: its where value, then for every later entry the id's
	// difference to the previous one and its where value (facets: no where values).
	docs              []byte
	firstDoc, lastDoc int32

	chunk, title positionList // in the current chunk and title chunk
}

// positionList is a term's positions in the entries of one chunk: entries separated by
// spaces, each the id's difference to the previous one (the first: to the chunk's
// first id), then its positions, the first as it is and the others as differences.
type positionList struct {
	b    []byte
	last int32 // the id last written, or -1 when empty
}

// add appends entry id's positions; it reports whether the list was empty.
func (l *positionList) add(id, base int32, pos []uint32) bool {
	empty := l.begin(id, base)
	prev := uint32(0)
	for _, q := range pos {
		l.b = appendVLQ(l.b, int(q-prev))
		prev = q
	}
	return empty
}

// begin starts entry id's item: the separator, and the id's difference to the
// previous one, or to base for the first; it reports whether the list was empty.
func (l *positionList) begin(id, base int32) bool {
	empty := l.last < 0
	if empty {
		l.last = base
	} else {
		l.b = append(l.b, ' ')
	}
	l.b = appendVLQ(l.b, int(id-l.last))
	l.last = id
	return empty
}

func (l *positionList) reset() { l.b, l.last = l.b[:0], -1 }

func newPart(langs []*langIndex, lay layout, from, to int) *part {
	p := &part{from: from, to: to, lay: lay, ids: map[string]int32{}, cache: map[string][]tok{}}
	for _, l := range langs {
		p.langs = append(p.langs, partLang{lang: l})
	}
	return p
}

// intern gives the id of a term in the part.
func (p *part) intern(term string, kind byte) int32 {
	tid, ok := p.ids[term]
	if !ok {
		tid = int32(len(p.terms))
		p.ids[term] = tid
		p.terms = append(p.terms, term)
		p.kinds = append(p.kinds, kind)
		for l := range p.langs {
			p.langs[l].state = append(p.langs[l].state, termState{
				firstDoc: -1, chunk: positionList{last: -1}, title: positionList{last: -1}})
		}
	}
	return tid
}

// read gives the terms of a text, reading it only the first time the entries of the
// current id have it. Docnum terms are at position 0, which stands for the block.
func (p *part) read(text string) []tok {
	if ts, ok := p.cache[text]; ok {
		return ts
	}
	start := len(p.toks)
	stop := false
	p.sc.scan(text, func(term string, kind byte, pos, _, _ int) {
		if stop || pos >= span {
			stop = true // a block holds span positions
			return
		}
		p.toks = append(p.toks, tok{p.intern(term, kind), int32(pos)})
	})
	for _, d := range docnumTerms(text) {
		p.toks = append(p.toks, tok{p.intern(d, KindDocnum), 0})
	}
	ts := p.toks[start:len(p.toks):len(p.toks)]
	p.cache[text] = ts
	return ts
}

// run indexes the part's entries.
func (p *part) run() {
	for id := p.from; id < p.to; id++ {
		clear(p.cache)
		p.toks = p.toks[:0]
		for l := range p.langs {
			if id < len(p.langs[l].lang.entries) {
				p.add(&p.langs[l], int32(id))
			}
			if (id+1)%p.lay.titleChunk == 0 || id+1 == p.to {
				p.langs[l].flushTitle(p, id/p.lay.titleChunk)
			}
			if (id+1)%p.lay.chunk == 0 || id+1 == p.to {
				p.langs[l].flushChunk(p, id/p.lay.chunk)
			}
		}
	}
	p.cache, p.toks, p.sc = nil, nil, scanner{}
}

// add reads entry id of one language.
func (p *part) add(pl *partLang, id int32) {
	e := &pl.lang.entries[id]
	pl.current = pl.current[:0]
	text := func(block int, text string) {
		if text == "" {
			return
		}
		for _, t := range p.read(text) {
			pl.note(p.kinds[t.tid], t.tid, id, block*span+int(t.pos))
		}
	}
	text(0, e.Title)
	text(numberBlock, e.Number)
	if d := DocnumTerm(e.Number); d != "" {
		pl.note(KindDocnum, p.intern(d, KindDocnum), id, numberBlock*span)
	}
	text(metaBlock, strings.Join(e.Meta, "\n"))
	for i, b := range e.Blocks {
		text(firstBody+i, b.Text)
	}
	for _, f := range facets(*e) {
		pl.note(kindFacet, p.intern(facetPrefix+f[0]+f[1], kindFacet), id, 0)
	}
	chunk, title := int32(p.lay.chunk), int32(p.lay.titleChunk)
	for _, tid := range pl.current {
		t := &pl.state[tid]
		if t.firstDoc < 0 {
			t.firstDoc = id
		} else {
			t.docs = appendVLQ(t.docs, int(id-t.lastDoc))
		}
		t.lastDoc = id
		if p.kinds[tid] != kindFacet {
			t.docs = appendWhere(t.docs, t.where)
		}
		if len(t.pos) == 0 {
			continue
		}
		if t.chunk.add(id, id/chunk*chunk, t.pos) {
			pl.inChunk = append(pl.inChunk, tid)
		}
		if t.where&(inTitle|inNumber) != 0 && t.title.add(id, id/title*title, t.pos) {
			pl.inTitle = append(pl.inTitle, tid)
		}
	}
}

// note records that entry id has term tid at position q (block*span + position in
// the block).
func (pl *partLang) note(kind byte, tid, id int32, q int) {
	t := &pl.state[tid]
	if t.seen != id+1 {
		t.seen, t.where, t.pos = id+1, 0, t.pos[:0]
		pl.current = append(pl.current, tid)
	}
	if kind == kindFacet {
		return
	}
	switch b := q / span; {
	case b < firstBody:
		t.where |= 1 << b
	case t.where>>whereBits == 0:
		t.where |= uint32(b-firstBody+1) << whereBits
	}
	if positional(kind) {
		// Blocks come in order and terms in order within a block: a repeated position
		// is always the last one.
		if n := len(t.pos); n == 0 || t.pos[n-1] != uint32(q) {
			t.pos = append(t.pos, uint32(q))
		}
	}
}

// flushChunk writes the position files of chunk c: one per group of terms with
// positions in it.
func (pl *partLang) flushChunk(p *part, c int) {
	groups := map[int][]int32{}
	for _, tid := range pl.inChunk {
		g := bucket(p.terms[tid], p.kinds[tid], pl.lang.lay.groups)
		groups[g] = append(groups[g], tid)
	}
	for g, tids := range groups {
		name := "p" + strconv.Itoa(g) + "-" + strconv.Itoa(c)
		pl.files = append(pl.files, File{Path: name,
			Data: p.positionFile(name, tids, func(tid int32) *positionList { return &pl.state[tid].chunk })})
	}
	pl.inChunk = pl.inChunk[:0]
}

// flushTitle writes the title file of title chunk c: the positions of the terms each
// entry has in its title or 发文字号.
func (pl *partLang) flushTitle(p *part, c int) {
	if len(pl.inTitle) > 0 {
		name := "t" + strconv.Itoa(c)
		pl.files = append(pl.files, File{Path: name,
			Data: p.positionFile(name, pl.inTitle, func(tid int32) *positionList { return &pl.state[tid].title })})
	}
	pl.inTitle = pl.inTitle[:0]
}

// positionFile writes file name: the position lists of terms, in term order; it empties
// them.
func (p *part) positionFile(name string, tids []int32, list func(int32) *positionList) []byte {
	sort.Slice(tids, func(i, j int) bool { return p.terms[tids[i]] < p.terms[tids[j]] })
	b := termList(name, len(tids), func(i int) (string, []byte, bool) { return p.terms[tids[i]], list(tids[i]).b, false })
	for _, tid := range tids {
		list(tid).reset()
	}
	return b
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
		b = appendJSONString(b, t)
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
