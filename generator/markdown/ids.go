package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading ids that keep Chinese and Mongolian text. goldmark's default
// generator keeps only ASCII, which turns every Chinese heading into "heading-N" and
// makes anchors meaningless and unstable when a heading is inserted.
type ids struct {
	used map[string]bool
}

// newIDs sizes the map for the ten or so headings of a document, so that it seldom
// grows while they are added.
func newIDs() *ids { return &ids{used: make(map[string]bool, 16)} }

// Generate makes an id from heading text: letters and digits of any script are kept,
// Latin is lower-cased, every other run of characters becomes one hyphen, and a repeat
// gets -2, -3 … so ids stay unique within the page.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	b := make([]byte, 0, len(value))
	hyphen := false
	for i := 0; i < len(value); {
		r, n := rune(value[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(value[i:])
		}
		i += n
		if isHan(r) { // most of a Chinese heading: a letter, the same in lower case
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen = false
			b = utf8.AppendRune(b, r)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
			continue
		}
		hyphen = true
	}
	if len(b) == 0 {
		b = append(b, "section"...)
	}
	if !s.used[string(b)] {
		s.used[string(b)] = true
		return b
	}
	base := string(b)
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id chosen elsewhere (an explicit id or one set by an extension).
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// isHan reports whether r is in the block of CJK Unified Ideographs, U+4E00 to U+9FFF,
// all of them letters without case: what the unicode tables say, checked by a test,
// without searching them.
func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }
