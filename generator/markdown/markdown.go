// Package markdown turns document bodies into HTML with the gazette's Markdown dialect.
//
// It takes a body (front matter already blanked, so offsets map to file lines) and gives
// its HTML, its AST and the problems the extensions found, as file:line diagnostics.
// The dialect is CommonMark with GFM strikethrough, autolinks and task lists, plus the
// gazette extensions: merged-cell tables, chronicle events, heading ids that keep
// Chinese and Mongolian, chroma highlighting with CSS classes, and the 主送机关/落款
// classes of official documents.
//
// It guarantees that a body cannot put script on a page: HTML written in it is escaped
// and shown as text unless Options.RawHTML (rawhtml.go), links to javascript:,
// vbscript:, file: and data: addresses lose their link and keep their text
// (links.go), and block quotes and lists nest at most MaxNesting deep, so that no
// input makes parsing slow or a tree walk overflow the stack (nesting.go). Repairs are
// reported as notes, not errors. A Converter is assembled once per build and is safe
// for concurrent use; each conversion gets its own parser context.
package markdown

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gazette/generator/diag"
	"gazette/generator/internal/bufwriter"
	"gazette/generator/mdreport"
)

// Converter is an assembled goldmark with the gazette's extensions.
type Converter struct {
	md goldmark.Markdown
}

// Options configure the parts of the dialect that depend on the site.
type Options struct {
	// Extensions are added after the built-in ones (tables, chronicle, cross-references).
	Extensions []goldmark.Extender
	// RawHTML lets HTML written in bodies through as HTML (site.yaml raw_html: true).
	// By default it is escaped and shown as text.
	RawHTML bool
}

// New assembles a Converter.
func New(o Options) *Converter {
	md := goldmark.New(
		goldmark.WithParser(newParser()), // nesting is capped (nesting.go)
		goldmark.WithExtensions(extensions(o)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	return &Converter{md: md}
}

// extensions are the dialect's extensions, the site's after the built-in ones.
func extensions(o Options) []goldmark.Extender {
	exts := []goldmark.Extender{
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
		newHighlighter(),
		official{},
		rawHTML{allow: o.RawHTML},
		safeLinks{},
		newPlainText(),
	}
	return append(exts, o.Extensions...)
}

// Doc is a converted body.
type Doc struct {
	HTML    []byte
	AST     ast.Node
	Source  []byte
	Context parser.Context
}

// Prepare is called with the fresh parser context before parsing, so that callers can
// enable per-document behaviour (a chronicle's year, cross-reference targets).
type Prepare func(pc parser.Context)

// Convert parses and renders body, which belongs to file. Problems reported by
// extensions come back as diagnostics; the HTML is still produced.
func (c *Converter) Convert(file string, body []byte, prepare ...Prepare) (*Doc, diag.List) {
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	for _, p := range prepare {
		p(pc)
	}
	doc := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	var diags diag.List
	// A page's HTML is a little longer than its Markdown (a tenth, for the gazette's
	// prose and tables): room for a quarter more makes most bodies fit without growing.
	buf := make(bufwriter.Writer, 0, len(body)+len(body)/4+512)
	if err := c.md.Renderer().Render(&buf, body, doc); err != nil {
		diags.Add(file, 0, "rendering Markdown: %v", err)
	}
	for _, p := range mdreport.Problems(pc) {
		line, col := mdreport.Position(body, p.Offset)
		d := diag.Diagnostic{File: file, Line: line, Col: col, Msg: p.Msg}
		if p.Note {
			d.Severity = diag.Note
		}
		diags = append(diags, d)
	}
	return &Doc{HTML: buf, AST: doc, Source: body, Context: pc}, diags
}

// RenderNode renders one node of a converted document, e.g. one chronicle event.
func (c *Converter) RenderNode(d *Doc, n ast.Node) ([]byte, error) {
	var buf bufwriter.Writer
	if err := c.md.Renderer().Render(&buf, d.Source, n); err != nil {
		return nil, fmt.Errorf("rendering node: %w", err)
	}
	return buf, nil
}
