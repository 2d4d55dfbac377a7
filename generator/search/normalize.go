package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"gazette/generator/docnum"
)

// Token kinds. A unigram and the bigram starting at the same character share a
// position; a word takes one position of its own.
const (
	KindUnigram  = 'u' // one CJK character
	KindBigram   = 'b' // two adjacent CJK characters of one run
	KindWord     = 'w' // Latin, digits and other scripts: matched exactly
	KindMongol   = 'm' // a traditional Mongolian word: matched by prefix
	KindDocnum   = 'n' // a 发文字号 key, "#" + docnum.Normalize form
	docnumPrefix = "#"
)

// Token is one search term found in a text.
type Token struct {
	Term       string
	Kind       byte
	Pos        int
	Start, End int // byte offsets of the original text the term comes from
}

// char is one code point after normalisation, with the original bytes it comes from.
// verbatim says those bytes are the code point itself: a term made of such chars is
// a substring of the text, and needs no new string.
type char struct {
	r          rune
	start, end int32
	verbatim   bool
}

// normalize applies steps 1–2 of the spec (see the package comment): NFKC per cluster,
// dropping format characters and variation selectors, Mongolian digits to ASCII and
// per-code-point lower case. It appends to out. stable reports that s is its own NFKC
// form cluster by cluster (nfkc(s) == s), which it then need not be made.
func normalize(out []char, s string) (_ []char, stable bool) {
	t := bmp()
	if len(s) == 0 {
		return out, true
	}
	stable = true
	r, n := decodeRune(s, 0)
	for i := 0; i < len(s); {
		// Each code point is decoded once: as the next one, to tell whether it is a
		// combining mark, and then as the current one.
		j := i + n
		var next rune
		var size int
		if j < len(s) {
			next, size = decodeRune(s, j)
		}
		if r < 0x10000 && (size == 0 || !t.isMark(next)) {
			// A cluster of one code point: the table knows what it becomes.
			stable = stable && t.flags[r]&bmpNFKC != 0
			if t.flags[r]&bmpSame != 0 {
				out = append(out, char{r: r, start: int32(i), end: int32(j), verbatim: true})
				i, r, n = j, next, size
				continue
			}
			if rs, ok := t.mapped[r]; ok {
				for _, m := range rs {
					out = append(out, char{r: m, start: int32(i), end: int32(j)})
				}
				i, r, n = j, next, size
				continue
			}
		}
		stable = false
		j = i + clusterLen(s[i:])
		cl := s[i:j]
		if !norm.NFKC.IsNormalString(cl) {
			cl = norm.NFKC.String(cl)
		}
		for _, r := range cl {
			if r == utf8.RuneError || dropped(r) {
				continue
			}
			out = append(out, char{r: fold(r), start: int32(i), end: int32(j)})
		}
		i = j
		if i < len(s) {
			r, n = decodeRune(s, i)
		}
	}
	return out, stable
}

// decodeRune is utf8.DecodeRuneInString(s[i:]), quicker for the three-byte sequences
// that need no check beyond their continuation bytes, which hold every CJK character
// and Mongolian letter.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if (c >= 0xE1 && c <= 0xEC || c >= 0xEE && c <= 0xEF) && i+2 < len(s) {
		if c1, c2 := s[i+1], s[i+2]; c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// bmpTable describes the code points of the Basic Multilingual Plane, where nearly all
// text is, for the normaliser's fast path. It is worked out once, from the same
// functions the general path uses, so the two cannot disagree.
type bmpTable struct {
	flags [0x10000]uint8
	// mapped holds what a code point on its own becomes when that is not itself: its
	// NFKC form, folded, without dropped code points (nothing for those).
	mapped map[rune][]rune
}

const (
	bmpMark = 1 << iota // a combining mark: part of the cluster before it
	bmpSep              // separates terms
	bmpCJK              // a CJK character
	bmpSame             // on its own, normalises to itself
	bmpNFKC             // on its own, is its NFKC form
)

var bmp = sync.OnceValue(func() *bmpTable {
	t := &bmpTable{mapped: map[rune][]rune{}}
	for r := rune(0); r < 0x10000; r++ {
		if utf16.IsSurrogate(r) {
			continue // never decoded from UTF-8
		}
		var f uint8
		if unicode.In(r, unicode.M) {
			f |= bmpMark
		}
		if isSeparatorSlow(r) {
			f |= bmpSep
		}
		if isCJKSlow(r) {
			f |= bmpCJK
		}
		var rs []rune
		for _, c := range norm.NFKC.String(string(r)) {
			if c != utf8.RuneError && !dropped(c) {
				rs = append(rs, fold(c))
			}
		}
		if len(rs) == 1 && rs[0] == r && r != utf8.RuneError {
			f |= bmpSame
		} else {
			t.mapped[r] = rs
		}
		if norm.NFKC.String(string(r)) == string(r) {
			f |= bmpNFKC
		}
		t.flags[r] = f
	}
	return t
})

// isMark reports whether r is a combining mark.
func (t *bmpTable) isMark(r rune) bool {
	if r < 0x10000 {
		return t.flags[r]&bmpMark != 0
	}
	return unicode.In(r, unicode.M)
}

// clusterLen is the length of the code point at the start of s with the combining
// marks (category M) that follow it.
func clusterLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !unicode.In(r, unicode.M) {
			break
		}
		n += size
	}
	return n
}

// dropped is what carries no meaning for search: format characters (MVS, ZWJ, ZWNJ,
// ZWSP, WJ, BOM, soft hyphen), variation selectors (FVS1–4, VS1–16), the Mongolian
// nirugu U+180A and the Sibe syllable boundary marker U+1807.
func dropped(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		r == 0x180A || r == 0x1807
}

// fold maps Mongolian digits to ASCII and lower-cases by simple per-code-point case
// mapping. U+0130 stays: its only lower case is two code points, which JavaScript's
// toLowerCase gives and Go's ToLower does not.
func fold(r rune) rune {
	switch {
	case r >= 0x1810 && r <= 0x1819:
		return '0' + r - 0x1810
	case r == 0x130:
		return r
	}
	return unicode.ToLower(r)
}

func isSeparator(r rune) bool {
	if r < 0x10000 {
		return bmp().flags[r]&bmpSep != 0
	}
	return isSeparatorSlow(r)
}

func isSeparatorSlow(r rune) bool {
	return unicode.Is(unicode.White_Space, r) || unicode.In(r, unicode.P, unicode.S, unicode.Cc)
}

func isCJK(r rune) bool {
	if r < 0x10000 {
		return bmp().flags[r]&bmpCJK != 0
	}
	return isCJKSlow(r)
}

func isCJKSlow(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isMongolianLetter(r rune) bool { return r >= 0x1820 && r <= 0x18AA }

// mongolFolds fold letters that look alike and that writers use for one another.
var mongolFolds = strings.NewReplacer(
	"\u1823", "\u1824", // o → u
	"\u1825", "\u1826", // ö → ü
	"\u1832", "\u1833", // t → d
	"\u182C", "\u182D", // q → γ
	"\u1827", "\u1821", // ē → e
)

// stopwords are the case suffixes that NNBSP separates from their word, folded.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("ᠤᠨ ᠦᠨ ᠢᠨ ᠶᠢᠨ ᠤ ᠦ ᠢ ᠶᠢ ᠳᠤ ᠲᠤ ᠳᠦ ᠲᠦ ᠠᠴᠠ ᠡᠴᠡ ᠪᠠᠷ ᠪᠡᠷ ᠢᠶᠠᠷ ᠢᠶᠡᠷ ᠲᠠᠢ ᠲᠡᠢ ᠪᠠᠨ ᠪᠡᠨ ᠢᠶᠠᠨ ᠢᠶᠡᠨ") {
		m[foldMongol(w)] = true
	}
	return m
}()

func foldMongol(w string) string {
	if strings.ContainsAny(w, "\u1823\u1825\u1832\u182C\u1827") {
		w = mongolFolds.Replace(w)
	}
	return strings.ReplaceAll(w, "\u1836\u1822", "\u1822") // yi → i
}

// Tokens splits text into search terms (steps 3–5 of the spec): every CJK character
// as a unigram and every pair of adjacent ones in a run as a bigram, other runs of
// letters and digits as words, Mongolian words folded, case suffixes dropped.
func Tokens(text string) []Token {
	var toks []Token
	var sc scanner
	sc.scan(text, func(term string, kind byte, pos, start, end int) {
		toks = append(toks, Token{Term: term, Kind: kind, Pos: pos, Start: start, End: end})
	})
	return toks
}

// scanner finds the terms of texts, reusing its buffers from one text to the next.
type scanner struct {
	cs  []char
	buf []byte

	// What each found of the text: that it is its NFKC form (see normalize), that it
	// has 号, which every document number ends with.
	stable, hao bool
}

// scan calls emit with every term of text in order, with its kind, its position and
// the bytes of text it comes from. A term is a substring of text where the text
// spells it as it is, else a new string.
func (sc *scanner) scan(text string, emit func(term string, kind byte, pos, start, end int)) {
	sc.each(text, func(kind byte, pos int, cs []char, word string) {
		if word == "" {
			word = sc.term(text, cs)
		}
		emit(word, kind, pos, int(cs[0].start), int(cs[len(cs)-1].end))
	})
}

// each calls emit with every term of text in order: its kind, its position, the chars
// it is made of and, for a word, the term. A CJK unigram or bigram is given by its one
// or two chars only, which the index looks up without making a string.
func (sc *scanner) each(text string, emit func(kind byte, pos int, cs []char, word string)) {
	sc.cs, sc.stable = normalize(sc.cs[:0], text)
	sc.hao = false
	cs := sc.cs
	t := bmp()
	is := func(r rune, flag uint8) bool {
		if r < 0x10000 {
			return t.flags[r]&flag != 0
		}
		if flag == bmpSep {
			return isSeparatorSlow(r)
		}
		return isCJKSlow(r)
	}
	pos := 0
	for i := 0; i < len(cs); {
		r := cs[i].r
		switch {
		case is(r, bmpSep):
			i++
		case is(r, bmpCJK):
			j := i
			for j < len(cs) && is(cs[j].r, bmpCJK) {
				j++
			}
			for k := i; k < j; k++ {
				sc.hao = sc.hao || cs[k].r == '号'
				emit(KindUnigram, pos+k-i, cs[k:k+1], "")
				if k+1 < j {
					emit(KindBigram, pos+k-i, cs[k:k+2], "")
				}
			}
			pos += j - i
			i = j
		default:
			j := i
			mongol := false
			for j < len(cs) && !is(cs[j].r, bmpSep) && !is(cs[j].r, bmpCJK) {
				mongol = mongol || isMongolianLetter(cs[j].r)
				j++
			}
			term, kind := sc.term(text, cs[i:j]), byte(KindWord)
			word := cs[i:j]
			i = j
			if mongol {
				term, kind = foldMongol(term), KindMongol
				if stopwords[term] {
					continue
				}
			}
			emit(kind, pos, word, term)
			pos++
		}
	}
}

// term spells chars: the bytes of text they come from when those are the chars as
// they are, which saves allocating most terms.
func (sc *scanner) term(text string, cs []char) string {
	for k, c := range cs {
		if !c.verbatim || k > 0 && cs[k-1].end != c.start {
			b := sc.buf[:0]
			for _, c := range cs {
				b = utf8.AppendRune(b, c.r)
			}
			sc.buf = b
			return string(b)
		}
	}
	return text[cs[0].start:cs[len(cs)-1].end]
}

// nfkc is the normalised text without the per-character folds, for docnum keys: NFKC
// cluster by cluster. Most clusters are one code point that is its own NFKC form
// (bmpNFKC), which is copied as it is.
func nfkc(s string) string {
	t := bmp()
	var b []byte // the text up to done, once it differs from s
	done := 0
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		j := i + n
		if r < 0x10000 && t.flags[r]&bmpNFKC != 0 {
			if j == len(s) {
				break
			}
			if next, _ := decodeRune(s, j); !t.isMark(next) {
				i = j
				continue
			}
		}
		j = i + clusterLen(s[i:])
		if cl := norm.NFKC.String(s[i:j]); cl != s[i:j] {
			b = append(append(b, s[done:i]...), cl...)
			done = j
		}
		i = j
	}
	if b == nil {
		return s
	}
	return string(append(b, s[done:]...))
}

// DocnumTerm returns the index term of a document number written in any spelling
// (乌政办发〔2023〕27号, 乌政办发[2023]27号, 乌政办发2023 27号 …), or "" when s is not
// one.
func DocnumTerm(s string) string {
	if k := docnum.Normalize(nfkc(s)); strings.Contains(k, "|") {
		return docnumPrefix + k
	}
	return ""
}

// docnumKeys returns the index terms of the document numbers cited in running text,
// given in its NFKC form n (see nfkc): each number with every shorter agency prefix of
// at least two characters, since Find cannot tell where the prefix starts
// (现将乌政发〔2023〕9号). Every 发文字号 ends with 号, and no other code point becomes
// it under NFKC (TestDocnumNeedsHao): a text without it has none, and need not be made
// its NFKC form.
func docnumKeys(n string) []string {
	var out []string
	for _, m := range docnum.Find(n) {
		for _, s := range m.Suffixes() {
			if utf8.RuneCountInString(s.Prefix) >= 2 {
				out = append(out, docnumPrefix+s.Key)
			}
		}
	}
	return out
}

// Query is a search as the index answers it.
type Query struct {
	// Docnum is set when the whole query is a document number. Entries carrying that
	// number answer it; when no entry does, Groups are searched instead.
	Docnum string
	// Groups must all match. Within a group, terms must match at their positions
	// relative to each other: a CJK run of the query is found only as a substring.
	Groups [][]Token
}

// ParseQuery analyses a query the way the browser does: bigrams for CJK runs of two or
// more characters, the unigram for a single one, words as they are.
func ParseQuery(q string) Query {
	out := Query{Docnum: DocnumTerm(q)}
	toks := Tokens(q)
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Kind != KindUnigram {
			out.Groups = append(out.Groups, []Token{t})
			i++
			continue
		}
		// A CJK run: its unigrams and bigrams follow one another.
		j := i
		var bigrams, unigrams []Token
		for j < len(toks) && (toks[j].Kind == KindUnigram || toks[j].Kind == KindBigram) {
			if toks[j].Kind == KindBigram {
				bigrams = append(bigrams, toks[j])
			} else {
				unigrams = append(unigrams, toks[j])
			}
			j++
			if toks[j-1].Kind == KindUnigram && (j == len(toks) || toks[j].Kind != KindBigram) {
				break // the run's last character
			}
		}
		if len(bigrams) > 0 {
			out.Groups = append(out.Groups, bigrams)
		} else {
			out.Groups = append(out.Groups, unigrams)
		}
		i = j
	}
	return out
}
