// Package build runs the stages that turn a content folder into a site.
//
// load → convert → render → assets: each stage is a package of its own; this one only
// runs them in order and gathers their diagnostics. It takes the content, layouts and
// static folders as fs.FS values and gives an in-memory output Tree; writing it to disk
// is the caller's choice (output.Write), so check and tests never touch the disk.
package build

import (
	"bytes"
	"fmt"
	"io/fs"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/markdown"
	"gazette/generator/output"
	"gazette/generator/render"
	"gazette/generator/table"
)

// Inputs are the three folders a site is made from.
type Inputs struct {
	Content fs.FS
	Layouts fs.FS
	Static  fs.FS
}

// Result is a built site and what was noticed while building it.
type Result struct {
	Site      *content.Site
	Tree      *output.Tree
	Pages     int // HTML pages
	Documents int
	Diags     diag.List // notes, and errors when Err is a *diag.ContentError
}

// Check loads and converts all content without rendering pages, returning every
// diagnostic.
func Check(in Inputs) (*content.Site, diag.List) {
	site, _, diags := prepare(in)
	return site, diags
}

// prepare loads the content and converts every body.
func prepare(in Inputs) (*content.Site, map[string]render.Body, diag.List) {
	site, diags := content.Load(in.Content)
	if site == nil {
		return nil, nil, diags
	}
	bodies, more := convert(site)
	diags = append(diags, more...)
	diags.Sort()
	return site, bodies, diags
}

// Site builds the whole site. Content problems come back as a *diag.ContentError listing
// all of them; any other error is a failure of the layouts or the machine.
func Site(in Inputs) (*Result, error) {
	site, bodies, diags := prepare(in)
	res := &Result{Site: site, Diags: diags}
	if err := diags.Err(); err != nil {
		return res, err
	}
	layouts, err := render.LoadLayouts(in.Layouts, site.Config.Languages)
	if err != nil {
		return res, err
	}
	tree := output.NewTree()
	if err := layouts.Site(render.Input{Site: site, Bodies: bodies}, tree); err != nil {
		return res, err
	}
	if err := addAssets(tree, in.Static); err != nil {
		return res, err
	}
	res.Tree = tree
	for _, p := range tree.Paths() {
		if bytes.HasSuffix([]byte(p), []byte(".html")) {
			res.Pages++
		}
	}
	for _, is := range site.Issues {
		res.Documents += len(is.Documents)
	}
	return res, nil
}

// convert renders every Markdown body of the site.
func convert(site *content.Site) (map[string]render.Body, diag.List) {
	md := markdown.New(markdown.Options{Extensions: []goldmark.Extender{
		chronicle.New(),
		table.New(
			table.WithCSVLink("下载本表（CSV）"),
			table.WithRegionLabel(func(n int) string { return fmt.Sprintf("表格%d", n) }),
		),
	}})
	bodies := map[string]render.Body{}
	var diags diag.List
	for _, is := range site.Issues {
		doc, d := md.Convert(is.File, is.Body)
		diags = append(diags, d...)
		bodies[is.File] = render.Body{HTML: trusted(doc.HTML), HasCode: hasCode(doc.HTML)}
		for _, dc := range is.Documents {
			var prepare []markdown.Prepare
			if dc.IsChronicle() {
				year := is.Year
				prepare = append(prepare, func(pc parser.Context) { chronicle.Enable(pc, year) })
			}
			doc, d := md.Convert(dc.File, dc.Body, prepare...)
			diags = append(diags, d...)
			bodies[dc.File] = render.Body{
				HTML: trusted(doc.HTML), HasCode: hasCode(doc.HTML), Months: months(doc),
				Files: tableFiles(doc),
			}
		}
	}
	return bodies, diags
}

// tableFiles exports each table of a document as CSV, named as the table's link under
// it on the page.
func tableFiles(doc *markdown.Doc) map[string][]byte {
	tables := table.Tables(doc.AST)
	if len(tables) == 0 {
		return nil
	}
	files := make(map[string][]byte, len(tables))
	for _, t := range tables {
		files[fmt.Sprintf("tbl-%d.csv", t.N)] = t.CSV(doc.Source)
	}
	return files
}

// months lists a chronicle's month groups for the month navigator.
func months(doc *markdown.Doc) []render.Month {
	var out []render.Month
	for n := doc.AST.FirstChild(); n != nil; n = n.NextSibling() {
		m, ok := n.(*chronicle.MonthNode)
		if !ok || m.ID == "" || m.FirstChild() == nil {
			continue
		}
		out = append(out, render.Month{ID: m.ID, Name: string(m.FirstChild().Text(doc.Source))})
	}
	return out
}

func hasCode(html []byte) bool { return bytes.Contains(html, []byte(`class="hl-chroma"`)) }

// addAssets copies the static folder as is and adds the generated highlighting
// stylesheet.
func addAssets(tree *output.Tree, static fs.FS) error {
	var css bytes.Buffer
	if err := markdown.WriteCSS(&css); err != nil {
		return fmt.Errorf("highlighting stylesheet: %w", err)
	}
	if err := tree.Add("css/highlight.css", css.Bytes()); err != nil {
		return err
	}
	return fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("static: %w", err)
		}
		if d.IsDir() || d.Name()[0] == '.' {
			return nil
		}
		b, err := fs.ReadFile(static, p)
		if err != nil {
			return fmt.Errorf("static: %w", err)
		}
		return tree.Add(p, b)
	})
}
