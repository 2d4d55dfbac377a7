package zzold

import (
	"strings"
	"unicode"
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
type char struct {
	r          rune
	start, end int
}

// normalize applies steps 1–2 of the spec (see the package comment): NFKC per cluster,
// dropping format characters and variation selectors, Mongolian digits to ASCII and
// per-code-point lower case.
func normalize(s string) []char {
	var out []char
	for i := 0; i < len(s); {
		j := i + clusterLen(s[i:])
		cl := s[i:j]
		if !norm.NFKC.IsNormalString(cl) {
			cl = norm.NFKC.String(cl)
		}
		for _, r := range cl {
			if r == utf8.RuneError || dropped(r) {
				continue
			}
			out = append(out, char{r: fold(r), start: i, end: j})
		}
		i = j
	}
	return out
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
	return unicode.Is(unicode.White_Space, r) || unicode.In(r, unicode.P, unicode.S, unicode.Cc)
}

func isCJK(r rune) bool {
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
	return strings.ReplaceAll(mongolFolds.Replace(w), "\u1836\u1822", "\u1822") // yi → i
}

// Tokens splits text into search terms (steps 3–5 of the spec): every CJK character
// as a unigram and every pair of adjacent ones in a run as a bigram, other runs of
// letters and digits as words, Mongolian words folded, case suffixes dropped.
func Tokens(text string) []Token {
	cs := normalize(text)
	var toks []Token
	pos := 0
	for i := 0; i < len(cs); {
		r := cs[i].r
		switch {
		case isSeparator(r):
			i++
		case isCJK(r):
			j := i
			for j < len(cs) && isCJK(cs[j].r) {
				j++
			}
			for k := i; k < j; k++ {
				toks = append(toks, Token{Term: string(cs[k].r), Kind: KindUnigram, Pos: pos + k - i, Start: cs[k].start, End: cs[k].end})
				if k+1 < j {
					toks = append(toks, Token{Term: string([]rune{cs[k].r, cs[k+1].r}), Kind: KindBigram, Pos: pos + k - i, Start: cs[k].start, End: cs[k+1].end})
				}
			}
			pos += j - i
			i = j
		default:
			j := i
			var b strings.Builder
			mongol := false
			for j < len(cs) && !isSeparator(cs[j].r) && !isCJK(cs[j].r) {
				b.WriteRune(cs[j].r)
				mongol = mongol || isMongolianLetter(cs[j].r)
				j++
			}
			tok := Token{Term: b.String(), Kind: KindWord, Pos: pos, Start: cs[i].start, End: cs[j-1].end}
			i = j
			if mongol {
				tok.Term, tok.Kind = foldMongol(tok.Term), KindMongol
				if stopwords[tok.Term] {
					continue
				}
			}
			toks = append(toks, tok)
			pos++
		}
	}
	return toks
}

// nfkc is the normalised text without the per-character folds, for docnum keys.
func nfkc(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i + clusterLen(s[i:])
		b.WriteString(norm.NFKC.String(s[i:j]))
		i = j
	}
	return b.String()
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

// docnumTerms returns the index terms of the document numbers cited in running text:
// each number with every shorter agency prefix of at least two characters, since Find
// cannot tell where the prefix starts (现将乌政发〔2023〕9号).
func docnumTerms(text string) []string {
	var out []string
	for _, m := range docnum.Find(nfkc(text)) {
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
