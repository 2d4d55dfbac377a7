// Package corpustest gives tests a gazette's content and the Markdown converter a build
// assembles for it, so that tests and benchmarks of the stages after conversion read
// bodies converted as generator/build converts them.
package corpustest

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

// Content is the bundled issue when docs is 0, otherwise a synthetic gazette of docs
// documents drawn from it (seed 1). bundled is the path of the repository's content
// folder from the test's package.
func Content(tb testing.TB, bundled string, docs int) fs.FS {
	tb.Helper()
	var fsys fs.FS = os.DirFS(bundled)
	if docs == 0 {
		return fsys
	}
	corpus := fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(corpus), synth.Options{Docs: docs, Seed: 1, Source: fsys}); err != nil {
		tb.Fatal(err)
	}
	return corpus
}

// Converter is a loaded site with the converter of its dialect: chronicles, tables
// with their CSV links, cross-references resolved against the site's documents.
type Converter struct {
	Site *content.Site
	MD   *markdown.Converter
	idx  *xref.Index
}

// Load loads the content fsys, which must have no problems, and assembles its
// converter.
func Load(tb testing.TB, fsys fs.FS) *Converter {
	tb.Helper()
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
	raw := site.Config.RawHTML
	md := markdown.New(markdown.Options{RawHTML: raw, Extensions: []goldmark.Extender{
		chronicle.New(),
		table.New(table.WithCSVLink("下载本表（CSV）"), table.WithEscapedHTML(!raw),
			table.WithRegionLabel(func(n int) string { return fmt.Sprintf("表格%d", n) })),
		xref.New(),
	}})
	return &Converter{Site: site, MD: md, idx: xref.NewIndex(targets)}
}

// Document is what converting the body of document d, or of a translation of it, needs.
func (c *Converter) Document(d *content.Document) markdown.Prepare {
	return func(pc parser.Context) {
		xref.Enable(pc, c.idx, d.Path(), d.Path())
		if d.IsChronicle() {
			chronicle.Enable(pc, d.Issue.Year)
		}
	}
}

// Issue is what converting the body of issue is needs.
func (c *Converter) Issue(is *content.Issue) markdown.Prepare {
	return func(pc parser.Context) { xref.Enable(pc, c.idx, is.Dir, "") }
}
