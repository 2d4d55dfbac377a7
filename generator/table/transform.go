package table

import (
	"bytes"

	"gazette/generator/mdreport"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// breakParser makes `<br>`, `<br/>` and `<br />` line breaks inside cells. The printed
// tables break lines inside cells, and a pipe table row cannot. Everywhere else, and for
// any other tag, it steps aside and the raw HTML parser sees the '<' as usual.
type breakParser struct{}

var breaks = [][]byte{[]byte("<br>"), []byte("<br/>"), []byte("<br />")}

func (breakParser) Trigger() []byte { return []byte{'<'} }

func (breakParser) Parse(parent gast.Node, block text.Reader, _ parser.Context) gast.Node {
	if parent.Kind() != kindCell {
		return nil
	}
	line, seg := block.PeekLine()
	for _, b := range breaks {
		if bytes.HasPrefix(line, b) {
			block.Advance(len(b))
			// goldmark's own hard line break: an empty Text flagged as one, so every
			// renderer and text walker already knows it. It sits at the '<', where no
			// following text can be merged into it.
			t := gast.NewTextSegment(text.NewSegment(seg.Start, seg.Start))
			t.SetHardLineBreak(true)
			return t
		}
	}
	return nil
}

// documentTransformer numbers the tables, removes the backslash of `\|` inside code
// spans in cells, and reports "Table:" paragraphs left beside a table.
type documentTransformer struct{}

func (documentTransformer) Transform(doc *gast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	n := 0
	_ = gast.Walk(doc, func(node gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch node := node.(type) {
		case *Table:
			n++
			node.N = n
			unescapeCodePipes(node)
			return gast.WalkSkipChildren, nil
		case *gast.Paragraph:
			// Such a paragraph was not taken as a caption, so the table beside it
			// has one already.
			_, prev := node.PreviousSibling().(*Table)
			_, next := node.NextSibling().(*Table)
			if (prev || next) && node.Lines().Len() > 0 {
				line := trim(node.Lines().At(0), source)
				if _, ok := captionText(line, source); ok {
					mdreport.Report(pc, line.Start, "table already has a caption")
				}
			}
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
}

// unescapeCodePipes splits the text of code spans around the backslash of each `\|`,
// as goldmark's GFM table does: in GFM the pipe escape belongs to the table, so it
// applies inside code spans, where backslashes otherwise stay.
func unescapeCodePipes(t *Table) {
	_ = gast.Walk(t, func(node gast.Node, entering bool) (gast.WalkStatus, error) {
		c, ok := node.(*cell)
		if !entering || !ok {
			return gast.WalkContinue, nil
		}
		if len(c.escapes) == 0 {
			return gast.WalkSkipChildren, nil
		}
		_ = gast.Walk(c, func(node gast.Node, entering bool) (gast.WalkStatus, error) {
			if !entering || node.Kind() != gast.KindCodeSpan {
				return gast.WalkContinue, nil
			}
			for child := node.FirstChild(); child != nil; {
				next := child.NextSibling()
				if tx, ok := child.(*gast.Text); ok {
					splitAtEscapes(node, tx, c.escapes)
				}
				child = next
			}
			return gast.WalkSkipChildren, nil
		})
		return gast.WalkSkipChildren, nil
	})
}

func splitAtEscapes(span gast.Node, tx *gast.Text, escapes []int) {
	cur := tx
	for _, pos := range escapes {
		s := cur.Segment
		if pos < s.Start || pos >= s.Stop {
			continue
		}
		before := gast.NewRawTextSegment(s.WithStop(pos))
		after := gast.NewRawTextSegment(s.WithStart(pos + 1))
		span.InsertBefore(span, cur, before)
		span.InsertBefore(span, cur, after)
		span.RemoveChild(span, cur)
		cur = after
	}
}
