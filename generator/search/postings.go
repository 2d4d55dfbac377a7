package search

import (
	"slices"

	"gazette/generator/internal/jsonstr"
)

// The index turns what entries have, entry by entry, into lists term by term. Appending
// to a growing list of each term as the entries come touches a list at random for
// every term of every entry; instead the items are logged in entry order and sorted by
// term once, with a counting sort, which keeps them in entry order within each term.

// posWriter makes the position files (or title files) of one chunk: each term's
// positions in the chunk's entries, the terms cut into groups. It keeps the items of
// each group apart, so that sorting a group's by term stays within a small piece of
// memory.
type posWriter struct {
	groups []posGroup  // by group
	at     []int32     // by term id: 1 + its index in tids while its group is written, else 0
	tids   []int32     // the terms of the group being written
	count  []int32     // by index in tids: its items; then where the next goes in out
	out    []posItem   // the group's items sorted by term
	order  []termOrder // scratch of sortTerms
}

// posGroup is what a posWriter holds of one group.
type posGroup struct {
	items []posItem
	buf   []byte // the positions of items logged by add
}

// posItem is one entry's positions of a term, written as a position file writes them
// (see termRec): buf[start:end] of its group, or of the buffer given to write for an
// item logged by addAt.
type posItem struct {
	tid, id    int32
	start, end int32
}

// add logs entry id's positions of term tid, in group g, copying them; entries come
// in order.
func (w *posWriter) add(tid int32, g int, id int32, pos []byte) {
	grp := w.group(g)
	start := len(grp.buf)
	grp.buf = append(grp.buf, pos...)
	grp.items = append(grp.items, posItem{tid, id, int32(start), int32(len(grp.buf))})
}

// addAt logs entry id's positions of term tid, in group g, as src[start:end] of the
// buffer src that write is then given: the positions are not copied, which for the
// many short lists of a chunk costs more than the rest of logging them. A writer logs
// either with add or with addAt until it writes.
func (w *posWriter) addAt(tid int32, g int, id int32, start, end int32) {
	grp := w.group(g)
	grp.items = append(grp.items, posItem{tid, id, start, end})
}

// group is group g, made when new.
func (w *posWriter) group(g int) *posGroup {
	if g >= len(w.groups) {
		w.groups = append(w.groups, make([]posGroup, g+1-len(w.groups))...)
	}
	return &w.groups[g]
}

// empty reports whether no item is logged.
func (w *posWriter) empty() bool {
	for _, g := range w.groups {
		if len(g.items) > 0 {
			return false
		}
	}
	return true
}

// write makes the file of every group with items, and forgets the items. A file, name
// g: the position list of each term, the terms in order (d has them): ["term", "list",
// …] (see termList), a list giving for each entry its id's difference to the previous
// one (the first: to base) and its positions, entries apart by spaces. src holds the
// positions of the items logged by addAt; nil when they were logged by add.
func (w *posWriter) write(base int32, src []byte, d *dictionary, name func(g int) string, file func(g int, name string, data []byte)) {
	for g := range w.groups {
		grp := &w.groups[g]
		if len(grp.items) == 0 {
			continue
		}
		buf := grp.buf
		if src != nil {
			buf = src
		}
		// The group's terms, with their items and bytes.
		w.tids, w.count = w.tids[:0], w.count[:0]
		nm := name(g)
		size := len(nm) + 24
		for _, it := range grp.items {
			if int(it.tid) >= len(w.at) {
				w.at = append(w.at, make([]int32, int(it.tid)+1-len(w.at))...)
			}
			k := w.at[it.tid] - 1
			if k < 0 {
				k = int32(len(w.tids))
				w.tids = append(w.tids, it.tid)
				w.count = append(w.count, 0)
				w.at[it.tid] = k + 1
				size += len(d.terms[it.tid]) + 6
			}
			w.count[k]++
			size += int(it.end-it.start) + 4 // and a space and an id's difference of up to 3 digits
		}
		// The items by term, in order, each term's in entry order.
		w.order = sortTerms(d, w.tids, w.order)
		at := int32(0)
		for _, tid := range w.tids {
			k := w.at[tid] - 1
			n := w.count[k]
			w.count[k] = at
			at += n
		}
		w.out = slices.Grow(w.out[:0], len(grp.items))[:len(grp.items)]
		for _, it := range grp.items {
			k := w.at[it.tid] - 1
			w.out[w.count[k]] = it
			w.count[k]++
		}
		b := append(scriptStart(make([]byte, 0, size), nm), '[')
		prev, tid := base, int32(-1)
		for _, it := range w.out {
			if it.tid != tid {
				if tid >= 0 {
					b = append(b, '"', ',')
				}
				tid, prev = it.tid, base
				b = append(jsonstr.Append(b, d.terms[tid]), ',', '"')
			} else {
				b = append(b, ' ')
			}
			b = append(appendVLQ(b, int(it.id-prev)), buf[it.start:it.end]...)
			prev = it.id
		}
		file(g, nm, scriptEnd(append(b, '"', ']')))
		for _, tid := range w.tids {
			w.at[tid] = 0
		}
		grp.items, grp.buf = grp.items[:0], grp.buf[:0]
	}
}

// docLog collects the doc-lists of terms: the entries that have each, with their
// where values. It logs them in blocks, which it never copies to grow.
type docLog struct {
	blocks [][]docItem
	room   *docRoom // where blocks come from and go back to; nil: made anew
}

// docRoom is the memory docLogs log in and sort in, reused from one to the next.
type docRoom struct {
	blocks [][]docItem // blocks no docLog holds, empty
	sorted []docItem
	count  []int32
}

// docItem is one entry that has a term.
type docItem struct {
	tid, id int32
	where   uint32
}

const docBlock = 1 << 14

// add logs that entry id has term tid, with a where value; entries come in order.
func (d *docLog) add(tid, id int32, where uint32) {
	if n := len(d.blocks); n == 0 || len(d.blocks[n-1]) == docBlock {
		d.blocks = append(d.blocks, d.block())
	}
	b := &d.blocks[len(d.blocks)-1]
	*b = append(*b, docItem{tid, id, where})
}

// block gives an empty block to log in.
func (d *docLog) block() []docItem {
	if r := d.room; r != nil && len(r.blocks) > 0 {
		b := r.blocks[len(r.blocks)-1]
		r.blocks = r.blocks[:len(r.blocks)-1]
		return b
	}
	return make([]docItem, 0, docBlock)
}

// docPiece is a doc-list of a term in buf[start:end]: its first entry's id (as its
// difference to 0) and where value, then for every later entry the id's difference to
// the previous one and its where value (a facet's list: no where values); first and
// last are the ids of its first and last entries.
type docPiece struct {
	start, end  int32
	first, last int32
}

// lists gives the doc-list of every term below n, empty for those without entries, in
// one buffer. A facet's list has no where values, and an entry once however many
// times it was logged.
func (d *docLog) lists(n int, facet func(tid int32) bool) ([]docPiece, []byte) {
	room := d.room
	if room == nil {
		room = &docRoom{}
	}
	count := slices.Grow(room.count[:0], n+1)[:n+1]
	clear(count)
	items := 0
	for _, b := range d.blocks {
		for _, it := range b {
			count[it.tid+1]++
		}
		items += len(b)
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	sorted := slices.Grow(room.sorted[:0], items)[:items]
	for _, b := range d.blocks {
		for _, it := range b {
			sorted[count[it.tid]] = it
			count[it.tid]++
		}
		room.blocks = append(room.blocks, b[:0])
	}
	d.blocks = nil
	room.sorted, room.count = sorted[:0], count[:0]
	pieces := make([]docPiece, n)
	buf := make([]byte, 0, 3*len(sorted))
	for i := 0; i < len(sorted); {
		tid := sorted[i].tid
		f := facet(tid)
		p := docPiece{start: int32(len(buf)), first: sorted[i].id}
		prev := int32(0)
		for ; i < len(sorted) && sorted[i].tid == tid; i++ {
			it := sorted[i]
			if it.id == prev && len(buf) > int(p.start) {
				continue // a facet twice in an entry
			}
			buf = appendVLQ(buf, int(it.id-prev))
			if !f {
				buf = appendWhere(buf, it.where)
			}
			prev = it.id
		}
		p.end, p.last = int32(len(buf)), prev
		pieces[tid] = p
	}
	return pieces, buf
}
