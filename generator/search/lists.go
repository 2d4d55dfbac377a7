package search

// The digits of the doc-lists and position lists: a number is written in base 32, most
// significant digit first, every digit but the last from vlqMore and the last from
// vlqLast, so that numbers need no separators. A bitmap is written six bits a digit,
// from both strings together (bitDigits).
const (
	vlqLast   = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
	vlqMore   = "WXYZabcdefghijklmnopqrstuvwxyz+/"
	bitDigits = vlqLast + vlqMore
)

// appendVLQ appends n, a number of one digit in the calling function, of more in
// appendVLQLong: most numbers of the lists are small.
func appendVLQ(b []byte, n int) []byte {
	if uint(n) < 1<<5 {
		return append(b, vlqLast[n])
	}
	return appendVLQLong(b, n)
}

func appendVLQLong(b []byte, n int) []byte {
	switch {
	case n < 1<<5:
		return append(b, vlqLast[n])
	case n < 1<<10:
		return append(b, vlqMore[n>>5], vlqLast[n&31])
	case n < 1<<15:
		return append(b, vlqMore[n>>10], vlqMore[n>>5&31], vlqLast[n&31])
	}
	var digits [14]byte
	i := len(digits) - 1
	digits[i] = vlqLast[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		digits[i] = vlqMore[n&31]
	}
	return append(b, digits[i:]...)
}

// readVLQ reads the number at the start of b and returns it with the rest of b.
func readVLQ(b []byte) (int, []byte) {
	n := 0
	for i, c := range b {
		if d := digitValue[c]; d >= 32 {
			n = n<<5 | int(d-32)
		} else {
			return n<<5 | int(d), b[i+1:]
		}
	}
	panic("search: a list ends inside a number")
}

// digitValue maps vlqLast to 0–31 and vlqMore to 32–63.
var digitValue = func() (t [256]byte) {
	for i := range 32 {
		t[vlqLast[i]] = byte(i)
		t[vlqMore[i]] = byte(32 + i)
	}
	return t
}()

// appendWhere writes the where value of an entry in a doc-list: 1 + its first text
// block (0 for none) times two, plus one when the title, 发文字号 or metadata has the
// term, and then those flags. Most entries have the term in their text only, near its
// start: one digit. A list of a term most entries have in their titles writes them
// the other way (whereByFlags).
func appendWhere(b []byte, where uint32) []byte {
	flags := where & (1<<whereBits - 1)
	v := where >> whereBits << 1
	if flags == 0 {
		return appendVLQ(b, int(v))
	}
	return appendVLQ(appendVLQ(b, int(v|1)), int(flags))
}

// whereLen is the digits appendWhere writes for where.
func whereLen(where uint32) int {
	flags := where & (1<<whereBits - 1)
	v := int(where >> whereBits << 1)
	if flags == 0 {
		return vlqLen(v)
	}
	return vlqLen(v|1) + vlqLen(int(flags))
}

// readWhere reads a where value written by appendWhere.
func readWhere(b []byte) (uint32, []byte) {
	v, b := readVLQ(b)
	w := uint32(v>>1) << whereBits
	if v&1 != 0 {
		var f int
		f, b = readVLQ(b)
		w |= uint32(f)
	}
	return w, b
}

// Tags at the start of a doc-list that change its form.
const (
	whereTag  = '~' // where values are written as they are: flags | 1 + first text block << 3
	bitmapTag = '!' // the ids are a bitmap
)

// eachDoc calls f with every entry of a doc-list written as id differences and where
// values (see docPiece), in id order; a facet's list has no where values (0).
func eachDoc(list []byte, facet bool, f func(id int, where uint32)) {
	r := docReader{list: list, facet: facet}
	for r.more() {
		id, w := r.next()
		f(id, w)
	}
}

// docReader reads a doc-list written as id differences and where values (see
// docPiece), entry by entry: the lists of every term are read this way, where a call
// through a function value for each entry would cost more than reading it.
type docReader struct {
	list  []byte
	at    int // the next byte of list
	id    int // the id read last
	facet bool
}

// more reports whether an entry is left to read.
func (r *docReader) more() bool { return r.at < len(r.list) }

// next reads the next entry, its id and where value (0 in a facet's list).
func (r *docReader) next() (id int, where uint32) {
	r.id += r.number()
	if r.facet {
		return r.id, 0
	}
	v := r.number()
	where = uint32(v>>1) << whereBits
	if v&1 != 0 {
		where |= uint32(r.number())
	}
	return r.id, where
}

// number reads a number written by appendVLQ.
func (r *docReader) number() int {
	n := 0
	for r.at < len(r.list) {
		d := digitValue[r.list[r.at]]
		r.at++
		if d < 32 {
			return n<<5 | int(d)
		}
		n = n<<5 | int(d-32)
	}
	panic("search: a list ends inside a number")
}

// compactList returns the shortest form of a doc-list written as id differences and
// where values by appendWhere (see docPiece). The ids may be a bitmap instead, shorter
// for a term in more than about one entry in six: "!", the first id, the number of
// digits, the digits (bit i of digit k: entry first+6k+i), then the where values in id
// order. The where values may be written as they are, after "~", shorter for a term in
// the titles of most entries.
func compactList(list []byte, facet bool) []byte {
	// The digits of the ids' differences and of the where values as they are written,
	// and of the where values written as they are.
	first, last, deltas, plain, byValue := -1, 0, 0, 0, 0
	r := docReader{list: list, facet: facet}
	for r.more() {
		at := r.at
		id := r.id + r.number()
		r.id = id
		if first < 0 {
			first = id
		}
		deltas += r.at - at
		last = id
		if !facet {
			at = r.at
			v := r.number()
			w := uint32(v>>1) << whereBits
			if v&1 != 0 {
				w |= uint32(r.number())
			}
			plain += r.at - at
			byValue += vlqLen(int(w))
		}
	}
	digits := (last - first + 6) / 6
	var headBuf [16]byte
	head := appendVLQ(appendVLQ(append(headBuf[:0], bitmapTag), first), digits)
	bitmap := len(head)+digits < deltas
	byFlags := byValue < plain
	if !bitmap && !byFlags {
		return list
	}

	size := len(list) - deltas - plain + byValue
	out := make([]byte, 0, size+len(head)+digits+1)
	if byFlags {
		out = append(out, whereTag)
	}
	if bitmap {
		out = append(out, head...)
		at := len(out)
		out = out[:at+digits] // zeros, as make left them
		for r := (docReader{list: list, facet: facet}); r.more(); {
			id, _ := r.next()
			out[at+(id-first)/6] |= 1 << ((id - first) % 6)
		}
		for i := at; i < len(out); i++ {
			out[i] = bitDigits[out[i]]
		}
	}
	prev := 0
	for r := (docReader{list: list, facet: facet}); r.more(); {
		id, w := r.next()
		if !bitmap {
			out = appendVLQ(out, id-prev)
			prev = id
		}
		switch {
		case facet:
		case byFlags:
			out = appendVLQ(out, int(w))
		default:
			out = appendWhere(out, w)
		}
	}
	return out
}

// vlqLen is the digits appendVLQ writes for n.
func vlqLen(n int) int {
	d := 1
	for n >= 32 {
		n >>= 5
		d++
	}
	return d
}
