package markdown

import (
	"bytes"
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading ids that keep Chinese and Mongolian text. goldmark's default
// generator keeps only ASCII, which turns every Chinese heading into "heading-N" and
// makes anchors meaningless and unstable when a heading is inserted.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate makes an id from heading text: letters and digits of any script are kept,
// Latin is lower-cased, every other run of characters becomes one hyphen, and a repeat
// gets -2, -3 … so ids stay unique within the page.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	var b bytes.Buffer
	hyphen := false
	for _, r := range string(value) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		hyphen = true
	}
	base := b.String()
	if base == "" {
		base = "section"
	}
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id chosen elsewhere (an explicit id or one set by an extension).
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
