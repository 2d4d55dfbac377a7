package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"testing"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/internal/corpustest"
	"gazette/generator/markdown"
	"gazette/generator/table"
	"gazette/generator/xref"
)

// synthInput is contentInput for a synthetic gazette of docs documents.
func synthInput(tb testing.TB, docs int) Input {
	tb.Helper()
	return contentInput(tb, corpustest.Content(tb, "../../content", docs))
}

// contentInput is what rendering is given for the content folder fsys: its bodies
// converted in the site's dialect (tables with their CSV, chronicles, citations
// resolved) as generator/build converts them, less the diagnostics and the timeline's
// events.
func contentInput(tb testing.TB, fsys fs.FS) Input {
	tb.Helper()
	c := corpustest.Load(tb, fsys)
	site, md := c.Site, c.MD
	byPath := map[string]*content.Document{}
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			byPath[d.Path()] = d
		}
	}
	in := Input{Site: site, Bodies: map[string]Body{}, CitedBy: map[string][]*content.Document{},
		Cites: map[string][]*content.Document{}, Content: fsys}
	body := func(doc *markdown.Doc) Body {
		b := Body{HTML: template.HTML(doc.HTML), HasCode: bytes.Contains(doc.HTML, []byte(`class="hl-chroma"`))}
		for _, t := range table.Tables(doc.AST) {
			if b.Files == nil {
				b.Files = map[string][]byte{}
			}
			b.Files[fmt.Sprintf("tbl-%d.csv", t.N)] = t.CSV(doc.Source)
		}
		for n := doc.AST.FirstChild(); n != nil; n = n.NextSibling() {
			if m, ok := n.(*chronicle.MonthNode); ok && m.ID != "" && m.FirstChild() != nil {
				b.Months = append(b.Months, Month{ID: m.ID, Name: string(m.FirstChild().Text(doc.Source))})
			}
		}
		return b
	}
	for _, is := range site.Issues {
		doc, _ := md.Convert(is.File, is.Body, c.Issue(is))
		in.Bodies[is.File] = body(doc)
		for _, d := range is.Documents {
			prepare := c.Document(d)
			doc, _ := md.Convert(d.File, d.Body, prepare)
			in.Bodies[d.File] = body(doc)
			seen := map[string]bool{}
			for _, c := range xref.Citations(doc.Context) {
				if !seen[c.Target] {
					seen[c.Target] = true
					in.CitedBy[c.Target] = append(in.CitedBy[c.Target], d)
					if t := byPath[c.Target]; t != nil {
						in.Cites[d.Path()] = append(in.Cites[d.Path()], t)
					}
				}
			}
			for _, tr := range d.Translations {
				tdoc, _ := md.Convert(tr.File, tr.Body, prepare)
				in.Bodies[tr.File] = body(tdoc)
			}
		}
	}
	return in
}
