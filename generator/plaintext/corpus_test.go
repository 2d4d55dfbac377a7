package plaintext

import (
	"fmt"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/markdown"
	"gazette/generator/synth"
	"gazette/generator/table"
	"gazette/generator/xref"
)

// convertedBodies is the HTML of every body of the bundled content (docs 0) or of a
// synthetic gazette of docs documents, converted as a build converts them: the input
// FromHTML gets.
func convertedBodies(tb testing.TB, docs int) []string {
	tb.Helper()
	var fsys fs.FS = os.DirFS("../../content")
	if docs > 0 {
		corpus := fstest.MapFS{}
		if _, err := synth.Generate(synth.ToMap(corpus), synth.Options{Docs: docs, Seed: 1, Source: fsys}); err != nil {
			tb.Fatal(err)
		}
		fsys = corpus
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
	md := markdown.New(markdown.Options{Extensions: []goldmark.Extender{
		chronicle.New(),
		table.New(table.WithCSVLink("下载本表（CSV）"), table.WithRegionLabel(func(n int) string { return fmt.Sprintf("表格%d", n) }),
			table.WithEscapedHTML(true)),
		xref.New(),
	}})
	var out []string
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			prepare := func(pc parser.Context) {
				xref.Enable(pc, idx, d.Path(), d.Path())
				if d.IsChronicle() {
					chronicle.Enable(pc, d.Issue.Year)
				}
			}
			doc, _ := md.Convert(d.File, d.Body, prepare)
			out = append(out, string(doc.HTML))
			for _, tr := range d.Translations {
				doc, _ := md.Convert(tr.File, tr.Body, prepare)
				out = append(out, string(doc.HTML))
			}
		}
	}
	return out
}
