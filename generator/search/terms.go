package search

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
)

// termTable numbers the terms a reader finds. Nearly every term of a Chinese text is
// a CJK unigram or bigram of the Basic Multilingual Plane: those are looked up by
// their code points, in a table and in an open-addressing hash of integers, without
// hashing or comparing strings; every other term by its string.
type termTable struct {
	uni    []int32  // by BMP code point: 1 + the unigram's id, 0 while it has none
	pairs  []uint64 // bigrams: pairKey << 32 | id, 0 for an empty slot; a power of two long, at most half full
	npairs int
	words  map[string]int32 // every other term
}

// clear empties the table, keeping its memory.
func (t *termTable) clear() {
	clear(t.uni)
	clear(t.pairs)
	t.npairs = 0
	clear(t.words)
}

// pairKey is the key of the bigram of BMP code points a and b, which is never 0: a
// is a CJK character.
func pairKey(a, b rune) uint32 { return uint32(a)<<16 | uint32(b) }

// slot is the index of key in pairs, or of the empty slot where it goes.
func (t *termTable) slot(key uint32) int {
	mask := len(t.pairs) - 1
	i := int((uint64(key)*0x9E3779B97F4A7C15)>>32) & mask
	for {
		if s := t.pairs[i]; s == 0 || uint32(s>>32) == key {
			return i
		}
		i = (i + 1) & mask
	}
}

// pair gives the id of a bigram, or -1.
func (t *termTable) pair(key uint32) int32 {
	if len(t.pairs) == 0 {
		return -1
	}
	if s := t.pairs[t.slot(key)]; s != 0 {
		return int32(uint32(s))
	}
	return -1
}

// setPair numbers a bigram that has no id yet.
func (t *termTable) setPair(key uint32, id int32) {
	if 2*(t.npairs+1) > len(t.pairs) {
		old := t.pairs
		t.pairs = make([]uint64, max(1<<12, 2*len(old)))
		for _, s := range old {
			if s != 0 {
				t.pairs[t.slot(uint32(s>>32))] = s
			}
		}
	}
	t.pairs[t.slot(key)] = uint64(key)<<32 | uint64(uint32(id))
	t.npairs++
}

// dictionary is the terms a reader has numbered, with what the index needs of each.
type dictionary struct {
	table termTable
	terms []string
	kinds []byte
	keys  []uint32 // fnv1a of the term's key: its shard and position group, mod their numbers
	heads []uint64 // the first 8 bytes of the term, big-endian: its order, unless that is a tie
	clone bool     // keep copies of the terms, which may be pieces of long texts
}

// add numbers a new term; the caller files it in the table.
func (d *dictionary) add(term string, kind byte) int32 {
	if d.clone {
		term = strings.Clone(term)
	}
	id := int32(len(d.terms))
	d.terms = append(d.terms, term)
	d.kinds = append(d.kinds, kind)
	d.keys = append(d.keys, fnv1a(termKey(term, kind)))
	var h [8]byte
	copy(h[:], term)
	d.heads = append(d.heads, binary.BigEndian.Uint64(h[:]))
	return id
}

// sortIDs puts terms in order.
func (d *dictionary) sortIDs(ids []int32) { sortTerms(d, ids, nil) }

// sortTerms puts terms in order, by their ids in d, and gives back scratch, the room
// it sorts in, for the next call.
func sortTerms[T int32 | uint32](d *dictionary, ids []T, scratch []termOrder) []termOrder {
	if len(ids) < 2 {
		return scratch
	}
	keys := slices.Grow(scratch[:0], len(ids))[:len(ids)]
	for i, id := range ids {
		keys[i] = termOrder{d.heads[id], int32(id)}
	}
	slices.SortFunc(keys, func(a, b termOrder) int {
		if a.head != b.head {
			return cmp.Compare(a.head, b.head)
		}
		return strings.Compare(d.terms[a.id], d.terms[b.id])
	})
	for i, k := range keys {
		ids[i] = T(k.id)
	}
	return keys
}

// termOrder is what sorts a term: its first bytes, and its id, to compare the rest.
type termOrder struct {
	head uint64
	id   int32
}

// intern gives the id of a term, numbering it if it is new.
func (d *dictionary) intern(term string, kind byte) int32 {
	switch kind {
	case KindUnigram:
		if r, n := utf8.DecodeRuneInString(term); r < 0x10000 && n == len(term) {
			s := d.unigram(r)
			if *s == 0 {
				*s = d.add(term, kind) + 1
			}
			return *s - 1
		}
	case KindBigram:
		a, n := utf8.DecodeRuneInString(term)
		b, m := utf8.DecodeRuneInString(term[n:])
		if a < 0x10000 && b < 0x10000 && n+m == len(term) {
			key := pairKey(a, b)
			id := d.table.pair(key)
			if id < 0 {
				id = d.add(term, kind)
				d.table.setPair(key, id)
			}
			return id
		}
	}
	return d.word(term, kind)
}

// unigram gives the place of BMP code point r's unigram in the table: 1 + its id, 0
// while it has none.
func (d *dictionary) unigram(r rune) *int32 {
	if d.table.uni == nil {
		d.table.uni = make([]int32, 0x10000)
	}
	return &d.table.uni[r]
}

// word gives the id of a term looked up by its string.
func (d *dictionary) word(term string, kind byte) int32 {
	if id, ok := d.table.words[term]; ok {
		return id
	}
	if d.table.words == nil {
		d.table.words = map[string]int32{}
	}
	id := d.add(term, kind)
	d.table.words[d.terms[id]] = id
	return id
}

// termReader finds the terms of entries, each with where the entry has it (a where
// value) and its positions, as the index's doc-lists and position files need them.
// It numbers the terms in a dictionary of its own.
type termReader struct {
	dict  dictionary
	sc    scanner
	notes []noteState // by id
	seq   int32       // the entry being read, counted from 1
	cur   []int32     // the terms of the entry being read, in order of appearance
	occ   []tok       // the positions of the entry's terms, in order
	flat  []int32     // occ by term

	// Tokens of the texts read since clearCache, which entries of the same id in other
	// languages often share: a shared text is read once. Off without cache.
	cache map[string][]tok
	toks  []tok

	recs []termRec // what entry gives, in order
	buf  []byte    // the positions of recs
}

// tok is a term of a text: its id, its position in the text.
type tok struct {
	tid, pos int32
}

// noteState is what a termReader knows of a term in the entry it reads.
type noteState struct {
	seen  int32  // seq of the last entry that had it
	where uint32 // its where value there: flags | 1 + first text block << whereBits
	n     int32  // its positions there
	last  int32  // its last position there; then where its positions end in flat
}

// termRec is a term of an entry: its id, its where value, and its positions in the
// reader's buf[start:end], written as a position file writes them: VLQ digits, the
// first position, then differences. A term kept without positions has none.
type termRec struct {
	tid        int32
	where      uint32
	start, end int32
}

// hasPos reports whether the term has positions.
func (r termRec) hasPos() bool { return r.end > r.start }

// inTitleFile reports whether the term is in its entry's title file.
func (r termRec) inTitleFile() bool { return r.hasPos() && r.where&titleFlags != 0 }

// titleFlags are the where flags of the blocks a title file holds.
const titleFlags = inTitle | inNumber

// reset empties recs and buf.
func (r *termReader) reset() { r.recs, r.buf = r.recs[:0], r.buf[:0] }

// clearCache forgets the texts read, when the entries that might share them are done.
func (r *termReader) clearCache() {
	clear(r.cache)
	r.toks = r.toks[:0]
}

// entry reads the texts of an entry (title, 发文字号, metadata, text blocks) and
// appends its terms to recs.
func (r *termReader) entry(title, number string, meta []string, blocks []Block) {
	r.seq++
	r.cur, r.occ = r.cur[:0], r.occ[:0]
	r.text(0, title)
	r.text(numberBlock, number)
	if d := DocnumTerm(number); d != "" {
		r.note(r.dict.word(d, KindDocnum), numberBlock*span)
	}
	switch len(meta) {
	case 0:
	case 1:
		r.text(metaBlock, meta[0])
	default:
		r.text(metaBlock, strings.Join(meta, "\n"))
	}
	for i, b := range blocks {
		r.text(firstBody+i, b.Text)
	}
	// Sort the positions by term, each term's in order.
	at := int32(0)
	for _, tid := range r.cur {
		n := &r.notes[tid]
		n.last = at
		at += n.n
	}
	if cap(r.flat) < int(at) {
		r.flat = make([]int32, at, 2*at)
	}
	flat := r.flat[:at]
	for _, o := range r.occ {
		n := &r.notes[o.tid]
		flat[n.last] = o.pos
		n.last++
	}
	for _, tid := range r.cur {
		n := &r.notes[tid]
		start := len(r.buf)
		prev := int32(0)
		for _, q := range flat[n.last-n.n : n.last] {
			r.buf = appendVLQ(r.buf, int(q-prev))
			prev = q
		}
		r.recs = append(r.recs, termRec{tid: tid, where: n.where, start: int32(start), end: int32(len(r.buf))})
	}
}

// text notes the terms of one text of the entry, at block.
func (r *termReader) text(block int, text string) {
	if text == "" {
		return
	}
	base := block * span
	if r.cache == nil {
		r.scan(text, func(tid int32, pos int) { r.note(tid, base+pos) })
		return
	}
	ts, ok := r.cache[text]
	if !ok {
		start := len(r.toks)
		r.scan(text, func(tid int32, pos int) { r.toks = append(r.toks, tok{tid, int32(pos)}) })
		ts = r.toks[start:len(r.toks):len(r.toks)]
		r.cache[text] = ts
	}
	for _, t := range ts {
		r.note(t.tid, base+int(t.pos))
	}
}

// scan calls f with the id and position of every term of text, a block's: its first
// span positions, and the keys of the document numbers it cites at position 0, which
// stands for the block.
func (r *termReader) scan(text string, f func(tid int32, pos int)) {
	d := &r.dict
	stop := false
	r.sc.each(text, func(kind byte, pos int, cs []char, word string) {
		if stop || pos >= span {
			stop = true // a block holds span positions
			return
		}
		var tid int32
		switch {
		case kind == KindUnigram && cs[0].r < 0x10000:
			s := d.unigram(cs[0].r)
			if *s == 0 {
				*s = d.add(r.sc.term(text, cs), kind) + 1
			}
			tid = *s - 1
		case kind == KindBigram && cs[0].r < 0x10000 && cs[1].r < 0x10000:
			key := pairKey(cs[0].r, cs[1].r)
			if tid = d.table.pair(key); tid < 0 {
				tid = d.add(r.sc.term(text, cs), kind)
				d.table.setPair(key, tid)
			}
		case word != "":
			tid = d.word(word, kind)
		default:
			tid = d.word(r.sc.term(text, cs), kind)
		}
		f(tid, pos)
	})
	// The document numbers it cites, in text with 号 (see docnumKeys), which the scan
	// saw, as it saw whether the text is its NFKC form.
	if r.sc.hao {
		n := text
		if !r.sc.stable {
			n = nfkc(text)
		}
		for _, k := range docnumKeys(n) {
			f(d.word(k, KindDocnum), 0)
		}
	}
}

// note records that the entry has term tid at position q (block*span + position in
// the block).
func (r *termReader) note(tid int32, q int) {
	if int(tid) >= len(r.notes) {
		r.notes = append(r.notes, make([]noteState, int(tid)+1-len(r.notes))...)
	}
	n := &r.notes[tid]
	if n.seen != r.seq {
		n.seen, n.where, n.n, n.last = r.seq, 0, 0, -1
		r.cur = append(r.cur, tid)
	}
	switch b := q / span; {
	case b < firstBody:
		n.where |= 1 << b
	case n.where>>whereBits == 0:
		n.where |= uint32(b-firstBody+1) << whereBits
	}
	// Blocks come in order and terms in order within a block: a repeated position is
	// always the last one.
	if positional(r.dict.kinds[tid]) && n.last != int32(q) {
		n.last = int32(q)
		n.n++
		r.occ = append(r.occ, tok{tid, int32(q)})
	}
}
