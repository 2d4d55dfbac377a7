package build

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/markdown"
	"gazette/generator/render"
)

// timelineEvents gives the events of chronicle dc, converted as doc, for the timeline
// page. Each event's blocks are rendered again for that page: the links in them (to
// the documents an event cites, to parts of the chronicle page, to files beside it)
// were made for the chronicle's folder, and are rebased to the timeline's first.
// md renders; it is the site's dialect without the links to the CSV files of tables,
// which are published beside the chronicle page only.
//
// doc's AST is changed, so call this after doc's HTML is taken.
func timelineEvents(md *markdown.Converter, dc *content.Document, doc *markdown.Doc) ([]render.Event, error) {
	var out []render.Event
	for _, ev := range chronicle.Events(doc.Context) {
		markdown.Rebase(ev.Node, dc.Path(), render.TimelinePath)
		heading := ev.Node.FirstChild()
		date, err := renderRun(md, doc, heading.FirstChild())
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", ev.Anchor, err)
		}
		body, err := renderRun(md, doc, heading.NextSibling())
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", ev.Anchor, err)
		}
		out = append(out, render.Event{
			Doc: dc, Span: ev.Span, Anchor: ev.Anchor, Heading: ev.Heading,
			Text: ev.Text(doc.Source),
			Date: trusted(bytes.TrimSpace(date)), Body: trusted(body),
		})
	}
	return out, nil
}

// renderRun renders n and the siblings after it.
func renderRun(md *markdown.Converter, doc *markdown.Doc, n ast.Node) ([]byte, error) {
	var buf bytes.Buffer
	for ; n != nil; n = n.NextSibling() {
		b, err := md.RenderNode(doc, n)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	return buf.Bytes(), nil
}
