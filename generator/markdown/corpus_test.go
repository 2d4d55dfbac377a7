package markdown

import (
	"fmt"
	"os"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/synth"
	"gazette/generator/table"
	"gazette/generator/xref"
)

// body is one Markdown body of a site with what converting it needs.
type body struct {
	file    string
	src     []byte
	prepare Prepare
}

// siteBodies loads a synthetic gazette of docs documents and returns the converter a
// build assembles for it (the dialect with chronicles, tables and cross-references)
// and every document body, translations included.
func siteBodies(tb testing.TB, docs int) (*Converter, []body) {
	tb.Helper()
	fsys := fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(fsys), synth.Options{Docs: docs, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		tb.Fatal(err)
	}
	site, diags := content.Load(fsys)
	if err := diags.Err(); err != nil {
		tb.Fatalf("loading the content: %v", err)
	}
	var targets []xref.Target
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			targets = append(targets, xref.Target{Path: d.Path(), Number: d.Number, Title: d.Title, Encloses: d.Encloses, Issue: is.String()})
		}
	}
	idx := xref.NewIndex(targets)
	c := New(Options{Extensions: []goldmark.Extender{
		chronicle.New(),
		table.New(table.WithCSVLink("下载本表（CSV）"), table.WithRegionLabel(func(n int) string { return fmt.Sprintf("表格%d", n) }),
			table.WithEscapedHTML(true)),
		xref.New(),
	}})
	var bodies []body
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			prepare := func(pc parser.Context) {
				xref.Enable(pc, idx, d.Path(), d.Path())
				if d.IsChronicle() {
					chronicle.Enable(pc, d.Issue.Year)
				}
			}
			bodies = append(bodies, body{d.File, d.Body, prepare})
			for _, tr := range d.Translations {
				bodies = append(bodies, body{tr.File, tr.Body, prepare})
			}
		}
	}
	return c, bodies
}

// BenchmarkConvert converts every body of a synthetic gazette of 200 documents, as a
// build does.
func BenchmarkConvert(b *testing.B) {
	c, bodies := siteBodies(b, 200)
	size := 0
	for _, bd := range bodies {
		size += len(bd.src)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, bd := range bodies {
			c.Convert(bd.file, bd.src, bd.prepare)
		}
	}
}
