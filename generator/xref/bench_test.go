package xref

import (
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gazette/generator/content"
)

// BenchmarkLink parses the bundled documents with and without cross-references: the
// difference is what linking costs.
func BenchmarkLink(b *testing.B) {
	site, diags := content.Load(os.DirFS("../../content"))
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	var targets []Target
	type doc struct {
		path string
		body []byte
	}
	var docs []doc
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			targets = append(targets, Target{Path: d.Path(), Number: d.Number, Title: d.Title, Encloses: d.Encloses, Issue: is.String()})
			docs = append(docs, doc{d.Path(), d.Body})
			for _, tr := range d.Translations {
				docs = append(docs, doc{d.Path(), tr.Body})
			}
		}
	}
	idx := NewIndex(targets)
	for _, bb := range []struct {
		name string
		md   goldmark.Markdown
	}{
		{"parse", goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough))},
		{"parse+link", newMarkdown()},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				for _, d := range docs {
					pc := parser.NewContext()
					Enable(pc, idx, d.path, d.path)
					bb.md.Parser().Parse(text.NewReader(d.body), parser.WithContext(pc))
				}
			}
		})
	}
}
