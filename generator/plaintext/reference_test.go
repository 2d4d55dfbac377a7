package plaintext

// The implementation FromHTML had before it wrote into one buffer: the reference the
// tests hold it to, byte for byte.

import (
	"bytes"
	"html"
	"strings"
	"unicode"
)

// refBlocks end a line; paragraphs end with an empty line.
var refBlocks = map[string]string{
	"p": "\n\n", "h1": "\n\n", "h2": "\n\n", "h3": "\n\n", "h4": "\n\n", "h5": "\n\n", "h6": "\n\n",
	"blockquote": "\n\n", "pre": "\n\n", "table": "\n\n", "ul": "\n\n", "ol": "\n\n", "dl": "\n\n",
	"section": "\n\n", "article": "\n\n", "figure": "\n\n", "hr": "\n\n",
	"li": "\n", "tr": "\n", "dt": "\n", "dd": "\n", "div": "\n", "caption": "\n", "br": "\n",
	"figcaption": "\n",
}

// refFromHTML returns the text of an HTML fragment. Elements whose class attribute lists
// one of skipClasses are left out with everything inside them.
func refFromHTML(src string, skipClasses ...string) string {
	var w refWriter
	skip, skipTag := 0, "" // depth inside a skipped element, and its tag
	var g refGrid          // the table being read, for merged cells
	for i := 0; i < len(src); {
		if src[i] != '<' {
			j := strings.IndexByte(src[i:], '<')
			if j < 0 {
				j = len(src) - i
			}
			if skip == 0 {
				w.text.WriteString(src[i : i+j])
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
		case !closing && !selfClosing(tag) && (tag == "script" || tag == "style" || refHasClass(attrs, skipClasses)):
			skip, skipTag = 1, tag
		case tag == "table" && !closing:
			w.block("\n")
			g = refGrid{}
		case tag == "tr":
			if closing {
				w.flush()
				w.out = append(bytes.TrimRight(w.out, " "), g.endRow()...)
			}
			w.block("\n")
			g.startRow()
		case (tag == "td" || tag == "th") && !closing:
			w.flush()
			w.out = append(bytes.TrimRight(w.out, " "), g.cell(attrInt(attrs, "rowspan"), attrInt(attrs, "colspan"))...)
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
			w.block(refBlocks[tag])
		default:
			if sep, ok := refBlocks[tag]; ok {
				if !closing {
					sep = "\n"
				}
				w.block(sep)
			}
		}
	}
	w.flush()
	return refTidy(string(w.out))
}

// refWriter collects the text: out is what is final, text the run not yet collapsed.
type refWriter struct {
	out  []byte
	text strings.Builder
	pre  int // depth inside <pre>: white space is kept
}

// flush moves the pending text to out, collapsing its white space outside <pre>.
func (w *refWriter) flush() {
	s := html.UnescapeString(w.text.String())
	w.text.Reset()
	if w.pre == 0 {
		s = collapseByRune(s)
		if len(w.out) == 0 || w.out[len(w.out)-1] == '\n' || w.out[len(w.out)-1] == '\t' {
			s = strings.TrimLeft(s, " ")
		}
	}
	w.out = append(w.out, s...)
}

// block ends the current line at a block boundary: trailing spaces go, and out then
// ends in at least as many newlines as sep has (none at the very start).
func (w *refWriter) block(sep string) {
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

// refGrid keeps a table's columns in line across merged cells: a cell covered by a
// rowspan above it, or by a colspan beside it, is written as an empty cell.
type refGrid struct {
	below []int // per column: rows still covered by a cell above
	col   int   // the next column of the current row
	cells int   // cells written in the current row
	extra int   // empty cells owed for the colspan of the last cell
}

func (g *refGrid) startRow() { g.col, g.cells, g.extra = 0, 0, 0 }

// cell returns the tabs that go before a new cell with the given spans (0: none given).
func (g *refGrid) cell(rowspan, colspan int) string {
	var b strings.Builder
	tab := func() {
		if g.cells > 0 {
			b.WriteByte('\t')
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
	return b.String()
}

// endRow returns the tabs of the empty cells that close the row, and counts down the
// rowspans of the columns the row did not reach.
func (g *refGrid) endRow() string {
	var b strings.Builder
	for ; g.extra > 0; g.extra-- {
		b.WriteByte('\t')
	}
	for ; g.col < len(g.below); g.col++ {
		if g.below[g.col] > 0 {
			g.below[g.col]--
			b.WriteByte('\t')
		}
	}
	return b.String()
}

// refHasClass reports whether a class attribute in attrs lists one of classes.
func refHasClass(attrs string, classes []string) bool {
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
	for _, c := range strings.Fields(v) {
		for _, want := range classes {
			if c == want {
				return true
			}
		}
	}
	return false
}

// refTidy trims spaces at the end of every line, and leaves at most one empty line between
// blocks and none at the start or the end.
func refTidy(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := true // no empty line at the start
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if strings.Trim(l, " \t") == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n") + "\n"
}
