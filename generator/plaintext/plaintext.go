// Package plaintext turns the HTML the Markdown converter writes into plain text, for
// the data files machines read.
//
// It takes an HTML fragment (a document body) and gives its text: entities decoded,
// each block element (paragraph, heading, list item, table row…) on a line of its own
// with an empty line between paragraphs, table cells separated by tabs (a merged cell
// leaves empty cells where it spans, so columns stay in line), line breaks
// kept, and runs of white space inside a block collapsed to one space. It is not a
// general HTML parser: it relies on the converter's output being well formed, and it
// drops elements the caller names by class (links to downloads, say) along with the
// contents of script and style.
package plaintext

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// blockSep is what ends a block element's line: paragraphs end with an empty line.
// ok is false for elements that are not blocks.
func blockSep(tag string) (sep string, ok bool) {
	switch tag {
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
		"section", "article", "figure", "hr":
		return "\n\n", true
	case "li", "tr", "dt", "dd", "div", "caption", "br", "figcaption":
		return "\n", true
	}
	return "", false
}

// FromHTML returns the text of an HTML fragment. Elements whose class attribute lists
// one of skipClasses are left out with everything inside them.
func FromHTML(src string, skipClasses ...string) string {
	// The text of a Chinese body is most of its HTML (nine tenths, when markup is
	// little more than paragraphs): a buffer the size of the HTML seldom grows, and it
	// lives only until tidy copies the text out.
	w := writer{out: make([]byte, 0, len(src)+16)}
	skip, skipTag := 0, "" // depth inside a skipped element, and its tag
	var g grid             // the table being read, for merged cells
	for i := 0; i < len(src); {
		if src[i] != '<' {
			j := strings.IndexByte(src[i:], '<')
			if j < 0 {
				j = len(src) - i
			}
			if skip == 0 {
				w.text = append(w.text, src[i:i+j]...)
			}
			i += j
			continue
		}
		end := tagEnd(src, i)
		tag, closing, attrs := parseTag(src[i+1 : end])
		i = end + 1
		switch {
		case tag == "":
			// a comment, a declaration or a stray '<'
		case skip > 0:
			if tag == skipTag && closing {
				skip--
			} else if tag == skipTag && !selfClosing(tag) {
				skip++
			}
		case !closing && !selfClosing(tag) && (tag == "script" || tag == "style" || hasClass(attrs, skipClasses)):
			skip, skipTag = 1, tag
		case tag == "table" && !closing:
			w.block("\n")
			g = grid{below: g.below[:0]}
		case tag == "tr":
			if closing {
				w.flush()
				w.out = g.appendEndRow(bytes.TrimRight(w.out, " "))
			}
			w.block("\n")
			g.startRow()
		case (tag == "td" || tag == "th") && !closing:
			w.flush()
			w.out = g.appendCell(bytes.TrimRight(w.out, " "), attrInt(attrs, "rowspan"), attrInt(attrs, "colspan"))
		case tag == "pre":
			w.block("\n\n")
			if closing {
				w.pre--
			} else {
				w.pre++
			}
		case tag == "br":
			w.flush()
			w.out = append(bytes.TrimRight(w.out, " "), '\n')
		case tag == "hr":
			w.block("\n\n")
		default:
			if sep, ok := blockSep(tag); ok {
				if !closing {
					sep = "\n"
				}
				w.block(sep)
			}
		}
	}
	w.flush()
	return tidy(w.out)
}

// writer collects the text: out is what is final, text the run not yet collapsed.
type writer struct {
	out  []byte
	text []byte
	pre  int // depth inside <pre>: white space is kept
}

// flush moves the pending text to out, collapsing its white space outside <pre>.
func (w *writer) flush() {
	if len(w.text) == 0 {
		return
	}
	text := w.text
	if bytes.IndexByte(text, '&') >= 0 {
		text = []byte(html.UnescapeString(string(text)))
	}
	w.text = w.text[:0]
	if w.pre != 0 { // inside <pre>, or after a stray </pre>
		w.out = append(w.out, text...)
		return
	}
	// A line or a cell does not start with a space.
	lead := len(w.out) > 0 && w.out[len(w.out)-1] != '\n' && w.out[len(w.out)-1] != '\t'
	w.out = appendCollapsed(w.out, text, lead)
}

// block ends the current line at a block boundary: trailing spaces go, and out then
// ends in at least as many newlines as sep has (none at the very start).
func (w *writer) block(sep string) {
	w.flush()
	if w.pre == 0 {
		w.out = bytes.TrimRight(w.out, " ")
	}
	if len(w.out) == 0 {
		return
	}
	have := len(w.out) - len(bytes.TrimRight(w.out, "\n"))
	for ; have < len(sep); have++ {
		w.out = append(w.out, '\n')
	}
}

// grid keeps a table's columns in line across merged cells: a cell covered by a
// rowspan above it, or by a colspan beside it, is written as an empty cell.
type grid struct {
	below []int // per column: rows still covered by a cell above
	col   int   // the next column of the current row
	cells int   // cells written in the current row
	extra int   // empty cells owed for the colspan of the last cell
}

func (g *grid) startRow() { g.col, g.cells, g.extra = 0, 0, 0 }

// appendCell appends the tabs that go before a new cell with the given spans (0: none
// given).
func (g *grid) appendCell(b []byte, rowspan, colspan int) []byte {
	tab := func() {
		if g.cells > 0 {
			b = append(b, '\t')
		}
		g.cells++
	}
	for ; g.extra > 0; g.extra-- {
		tab()
	}
	for g.col < len(g.below) && g.below[g.col] > 0 {
		g.below[g.col]--
		g.col++
		tab()
	}
	tab()
	colspan, rowspan = max(colspan, 1), max(rowspan, 1)
	for k := 0; k < colspan; k++ {
		for len(g.below) <= g.col+k {
			g.below = append(g.below, 0)
		}
		g.below[g.col+k] = rowspan - 1
	}
	g.col += colspan
	g.extra = colspan - 1
	return b
}

// appendEndRow appends the tabs of the empty cells that close the row, and counts down
// the rowspans of the columns the row did not reach.
func (g *grid) appendEndRow(b []byte) []byte {
	for ; g.extra > 0; g.extra-- {
		b = append(b, '\t')
	}
	for ; g.col < len(g.below); g.col++ {
		if g.below[g.col] > 0 {
			g.below[g.col]--
			b = append(b, '\t')
		}
	}
	return b
}

// attrInt reads a small whole-number attribute such as rowspan="3"; 0 when absent.
func attrInt(attrs, name string) int {
	i := strings.Index(attrs, " "+name+"=")
	if i < 0 {
		return 0
	}
	v := strings.Trim(attrs[i+len(name)+2:], "\"'")
	n := 0
	for _, r := range v {
		if r < '0' || r > '9' || n > 1000 {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// tagEnd finds the '>' closing the tag at src[i], skipping quoted attribute values.
// A tag left open ends with the text, its last character (which it then drops) or,
// when the text ends with its '<', just after it.
func tagEnd(src string, i int) int {
	var quote byte
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j
		}
	}
	return max(len(src)-1, i+1)
}

// parseTag reads "p class=x", "/p" or "br /" into the lower-case tag name, whether it
// closes, and the raw attributes. Comments and declarations give "".
func parseTag(s string) (tag string, closing bool, attrs string) {
	if strings.HasPrefix(s, "!") || strings.HasPrefix(s, "?") {
		return "", false, ""
	}
	if strings.HasPrefix(s, "/") {
		closing, s = true, s[1:]
	}
	n := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '/' })
	if n < 0 {
		n = len(s)
	}
	return strings.ToLower(s[:n]), closing, s[n:]
}

func selfClosing(tag string) bool {
	switch tag {
	case "br", "hr", "img", "input", "meta", "link", "wbr", "col", "source":
		return true
	}
	return false
}

// hasClass reports whether a class attribute in attrs lists one of classes.
func hasClass(attrs string, classes []string) bool {
	if len(classes) == 0 {
		return false
	}
	i := strings.Index(attrs, "class=")
	if i < 0 {
		return false
	}
	v := attrs[i+len("class="):]
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		q := v[0]
		v = v[1:]
		if j := strings.IndexByte(v, q); j >= 0 {
			v = v[:j]
		}
	} else if j := strings.IndexFunc(v, unicode.IsSpace); j >= 0 {
		v = v[:j]
	}
	for c := range strings.FieldsSeq(v) {
		for _, want := range classes {
			if c == want {
				return true
			}
		}
	}
	return false
}

// collapse folds runs of white space to one space. A line break between two Chinese
// or Mongolian characters (a soft break in the Markdown) is dropped: those scripts put
// no space between words.
func collapse(s string) string {
	return string(appendCollapsed(nil, []byte(s), true))
}

// appendCollapsed appends s collapsed as collapse does it, without the space that
// starts it when s starts with white space, unless lead. A stray byte becomes U+FFFD,
// as ranging over a string reads it.
//
// It copies the text between spaces whole: white space is rare in Chinese and
// Mongolian text.
func appendCollapsed(b, s []byte, lead bool) []byte {
	start := len(b)
	space, newline := false, false // white space is pending, and it holds a line break
	for i := 0; i < len(s); {
		if n := spaceSize(s, i); n > 0 {
			space = true
			newline = newline || s[i] == '\n'
			i += n
			continue
		}
		j, valid := wordEnd(s, i)
		if space {
			if len(b) > start {
				if !newline || !noSpaces(lastRune(b[start:])) || !noSpaces(firstRune(s[i:j])) {
					b = append(b, ' ')
				}
			} else if lead {
				b = append(b, ' ')
			}
			space, newline = false, false
		}
		if valid {
			b = append(b, s[i:j]...)
		} else {
			b = appendValid(b, s[i:j])
		}
		i = j
	}
	if space && (len(b) > start || lead) {
		b = append(b, ' ')
	}
	return b
}

// spaceSize is the length of the white space character at s[i], 0 if there is none:
// unicode.IsSpace but for the no-break spaces U+00A0 and U+202F, which are kept
// (U+202F joins Mongolian suffixes to their word). It reads the UTF-8 bytes of those
// few characters rather than decoding every character.
func spaceSize(s []byte, i int) int {
	if !maySpace[s[i]] {
		return 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return 1
	}
	var c1, c2 byte // the bytes after c, 0 past the end
	if i+1 < len(s) {
		c1 = s[i+1]
	}
	if i+2 < len(s) {
		c2 = s[i+2]
	}
	switch {
	case c == 0xc2 && c1 == 0x85: // U+0085
		return 2
	case c == 0xe1 && c1 == 0x9a && c2 == 0x80, // U+1680
		c == 0xe2 && c1 == 0x80 && (c2 <= 0x8a && c2 >= 0x80 || c2 == 0xa8 || c2 == 0xa9), // U+2000–U+200A, U+2028, U+2029
		c == 0xe2 && c1 == 0x81 && c2 == 0x9f,                                             // U+205F
		c == 0xe3 && c1 == 0x80 && c2 == 0x80:                                             // U+3000
		return 3
	}
	return 0
}

// maySpace marks the bytes that white space starts with: ASCII spaces and the first
// bytes of the others. It is only read.
var maySpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true,
	0xc2: true, 0xe1: true, 0xe2: true, 0xe3: true}

// wordEnd returns where the characters from s[i] on that are not white space end,
// and whether they are valid UTF-8. It reads the characters of three bytes most
// Chinese and Mongolian text is made of without decoding them.
func wordEnd(s []byte, i int) (end int, valid bool) {
	valid = true
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if maySpace[c] {
				return i, valid
			}
			i++
			continue
		case 0xe1 <= c && c <= 0xec && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			// U+1000–U+CFFF, all valid: only U+1680, U+2000–U+205F and U+3000 may be
			// spaces, and their second bytes are at most 0x9a (Mongolian's are more).
			if c <= 0xe3 && s[i+1] <= 0x9a && spaceSize(s, i) > 0 {
				return i, valid
			}
			i += 3
			continue
		case c == 0xc2 && spaceSize(s, i) > 0:
			return i, valid
		}
		r, n := utf8.DecodeRune(s[i:])
		valid = valid && (r != utf8.RuneError || n > 1)
		i += n
	}
	return i, valid
}

// appendValid appends s with each byte that is not part of a UTF-8 character
// replaced by U+FFFD.
func appendValid(b, s []byte) []byte {
	if utf8.Valid(s) {
		return append(b, s...)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = utf8.AppendRune(b, r)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// firstRune and lastRune decode the first and last character of s, U+FFFD for a
// stray byte.
func firstRune(s []byte) rune {
	r, _ := utf8.DecodeRune(s)
	return r
}

func lastRune(s []byte) rune {
	r, _ := utf8.DecodeLastRune(s)
	return r
}

func noSpaces(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Mongolian, r) || unicode.In(r, unicode.P) && r > 0x2000
}

// tidy trims spaces at the end of every line, and leaves at most one empty line between
// blocks and none at the start or the end. A line of spaces and tabs is empty.
func tidy(s []byte) string {
	var b strings.Builder
	b.Grow(len(s) + 1)
	blank := true // no empty line at the start
	owed := false // an empty line goes before the next line that has text
	for len(s) > 0 {
		line := s
		if i := bytes.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = nil
		}
		line = bytes.TrimRight(line, " ")
		if len(bytes.Trim(line, " \t")) == 0 {
			owed = owed || !blank
			blank = true
			continue
		}
		if owed {
			b.WriteByte('\n')
			owed = false
		}
		b.Write(line)
		b.WriteByte('\n')
		blank = false
	}
	return b.String()
}
