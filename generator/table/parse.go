package table

import (
	"bytes"

	"gazette/generator/mdreport"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// paragraphTransformer turns table paragraphs into Tables and hands "Table:" paragraphs
// to the table before them. It runs when a paragraph closes, before inline parsing, so
// cells and captions get their inline content from goldmark like any paragraph.
type paragraphTransformer struct{ cfg *config }

// rawRow is one source line of a table, split into cells.
type rawRow struct {
	start, stop int // the line without surrounding spaces
	cells       []slot
}

func (p *paragraphTransformer) Transform(para *gast.Paragraph, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	lines := make([]text.Segment, para.Lines().Len())
	for i := range lines {
		lines[i] = trim(para.Lines().At(i), source)
	}
	if len(lines) == 0 {
		return
	}
	first := 0
	leading, hasLeading := captionText(lines[0], source)
	if hasLeading {
		first = 1
	}
	delim := -1
	var aligns []align
	for i := first + 1; i < len(lines); i++ {
		if a, ok := parseDelimiter(para.Lines().At(i), source); ok {
			delim, aligns = i, a
			break
		}
	}
	if delim < 0 {
		if hasLeading {
			captionAfter(para, source)
		}
		return
	}
	last := len(lines)
	trailing, hasTrailing := text.Segment{}, false
	if last-1 > delim {
		trailing, hasTrailing = captionText(lines[last-1], source)
		if hasTrailing {
			last--
		}
	}

	var rows []rawRow
	total := 0
	for i := first; i < last; i++ {
		if i == delim {
			continue
		}
		r := splitRow(lines[i], source)
		// Counting while splitting keeps a huge paragraph from being split in full.
		if total += len(r.cells); total > maxCells {
			mdreport.Report(pc, lines[first].Start, tooBig, maxCells)
			return
		}
		rows = append(rows, r)
	}
	t := build(rows, delim-first, aligns, lines[delim].Start, source, pc, p.cfg.rowHeaders)
	if t == nil {
		return
	}
	t.htmlText = p.cfg.htmlText
	t.SetPos(lines[first].Start)

	parent := para.Parent()
	switch {
	case hasLeading:
		t.setCaption(lineCaption(leading))
	case hasTrailing:
		t.setCaption(lineCaption(trailing))
		hasTrailing = false
	default:
		if prev, ok := para.PreviousSibling().(*gast.Paragraph); ok {
			if c := paragraphCaption(prev, source); c != nil {
				t.setCaption(c)
				parent.RemoveChild(parent, prev)
			}
		}
	}
	parent.InsertBefore(parent, para, t)
	if hasTrailing {
		// A second caption stays visible as its own paragraph; documentTransformer
		// reports it.
		extra := gast.NewParagraph()
		extra.Lines().Append(lines[len(lines)-1])
		extra.SetPos(lines[len(lines)-1].Start)
		parent.InsertAfter(parent, t, extra)
	}
	parent.RemoveChild(parent, para)
}

// captionAfter makes a "Table:" paragraph the caption of the table just before it,
// unless that table has one already.
func captionAfter(para *gast.Paragraph, source []byte) {
	t, ok := para.PreviousSibling().(*Table)
	if !ok || t.caption != nil {
		return
	}
	if c := paragraphCaption(para, source); c != nil {
		t.setCaption(c)
		para.Parent().RemoveChild(para.Parent(), para)
	}
}

func (t *Table) setCaption(c *caption) {
	t.caption = c
	t.InsertBefore(t, t.FirstChild(), c)
}

// paragraphCaption returns the caption a paragraph makes, or nil if its text does not
// start with "Table:". The paragraph may be closed (lines trimmed by goldmark) or still
// closing (lines as read), so it trims again.
func paragraphCaption(para *gast.Paragraph, source []byte) *caption {
	ls := para.Lines()
	if ls.Len() == 0 {
		return nil
	}
	firstLine, ok := captionText(trim(ls.At(0), source), source)
	if !ok {
		return nil
	}
	c := &caption{}
	c.SetPos(para.Pos())
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		s = s.TrimLeftSpace(source)
		switch {
		case i == 0 && ls.Len() == 1:
			s = firstLine
		case i == 0:
			// Keep the newline: it is the soft line break to the next line.
			s = text.NewSegment(firstLine.Start, s.Stop)
		case i == ls.Len()-1:
			s = s.TrimRightSpace(source)
		}
		c.Lines().Append(s)
	}
	return c
}

func lineCaption(s text.Segment) *caption {
	c := &caption{}
	c.SetPos(s.Start)
	c.Lines().Append(s)
	return c
}

var captionPrefix = []byte("Table:")

// captionText returns the caption text of a trimmed line that starts with "Table:".
// "Table:" with nothing after it is not a caption.
func captionText(line text.Segment, source []byte) (text.Segment, bool) {
	if !bytes.HasPrefix(line.Value(source), captionPrefix) {
		return line, false
	}
	s := trim(text.NewSegment(line.Start+len(captionPrefix), line.Stop), source)
	return s, s.Len() > 0
}

// trim drops surrounding white space, and with it the line's newline and any padding
// goldmark recorded for tabs, which cells do not need.
func trim(s text.Segment, source []byte) text.Segment {
	s = text.NewSegment(s.Start, s.Stop)
	s = s.TrimLeftSpace(source)
	return s.TrimRightSpace(source)
}

// parseDelimiter reads a delimiter row such as `| :-- | :-: | --: |`. Unlike GFM it
// requires a pipe, so that a prose line of dashes and colons never turns its paragraph
// into a table.
func parseDelimiter(raw text.Segment, source []byte) ([]align, bool) {
	line := raw.Value(source)
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return nil, false
	}
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	if bytes.IndexByte(line, '|') < 0 {
		return nil, false
	}
	for _, b := range line {
		if b != '-' && b != ':' && b != '|' && b != ' ' && b != '\t' {
			return nil, false
		}
	}
	parts := bytes.Split(line, []byte{'|'})
	if util.IsBlank(parts[0]) {
		parts = parts[1:]
	}
	if len(parts) > 0 && util.IsBlank(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		return nil, false
	}
	aligns := make([]align, len(parts))
	for i, p := range parts {
		p = util.TrimRightSpace(util.TrimLeftSpace(p))
		left, right := bytes.HasPrefix(p, []byte(":")), bytes.HasSuffix(p, []byte(":"))
		dashes := bytes.Trim(p, ":")
		if len(dashes) == 0 || len(bytes.Trim(dashes, "-")) > 0 {
			return nil, false
		}
		switch {
		case left && right:
			aligns[i] = alignCenter
		case left:
			aligns[i] = alignLeft
		case right:
			aligns[i] = alignRight
		}
	}
	return aligns, true
}

// splitRow splits a trimmed line into cells the way cmark-gfm does: a backslash
// escapes the next character, so `\|` is content and `\\|` ends a cell. A leading pipe
// and an unescaped trailing pipe are optional.
func splitRow(line text.Segment, source []byte) rawRow {
	r := rawRow{start: line.Start, stop: line.Stop}
	b := line.Value(source)
	pos := 0
	if len(b) > 0 && b[0] == '|' {
		pos = 1
	}
	start, endsWithPipe := pos, false
	var escapes []int
	for i := pos; i < len(b); i++ {
		endsWithPipe = false
		switch b[i] {
		case '\\':
			if i+1 < len(b) {
				if b[i+1] == '|' {
					escapes = append(escapes, line.Start+i)
				}
				i++
			}
		case '|':
			r.cells = append(r.cells, newSlot(line.Start+start, line.Start+i, escapes, source))
			start, escapes, endsWithPipe = i+1, nil, true
		}
	}
	if !endsWithPipe {
		r.cells = append(r.cells, newSlot(line.Start+start, line.Stop, escapes, source))
	}
	return r
}

func newSlot(start, stop int, escapes []int, source []byte) slot {
	s := slot{seg: trim(text.NewSegment(start, stop), source), escapes: escapes}
	switch string(s.seg.Value(source)) {
	case "^^":
		s.marker = '^'
	case "<<":
		s.marker = '<'
	}
	return s
}
