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

	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/markdown"
	"gazette/generator/output"
	"gazette/generator/render"
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
	site, _, diags := prepare(in, nil)
	return site, diags
}

// prepare loads the content and converts every body; inc, when not nil, reuses what an
// earlier build of a Builder read and converted.
func prepare(in Inputs, inc *incremental) (*content.Site, *converted, diag.List) {
	site, diags := inc.load(in.Content)
	if site == nil {
		return nil, nil, diags
	}
	conv, more := convert(site, inc)
	diags = append(diags, more...)
	diags.Sort()
	return site, conv, diags
}

// Site builds the whole site. Content problems come back as a *diag.ContentError listing
// all of them; any other error is a failure of the layouts or the machine.
func Site(in Inputs) (*Result, error) { return buildSite(in, nil) }

// buildSite is Site; a Builder's build (inc not nil) reuses what the previous one made
// and is still valid (incremental.go).
func buildSite(in Inputs, inc *incremental) (*Result, error) {
	site, conv, diags := prepare(in, inc)
	res := &Result{Site: site, Diags: diags}
	if err := diags.Err(); err != nil {
		return res, err
	}
	layouts, err := render.LoadLayouts(in.Layouts, site.Config.Languages)
	if err != nil {
		return res, err
	}
	tree := output.NewTree()
	rin := render.Input{Site: site, Bodies: conv.bodies, CitedBy: conv.citedBy, Unresolved: conv.unresolved, Events: conv.events,
		Cites: conv.cites, Content: in.Content}
	rin.Reuse = inc.reuse(in, site, conv, layouts)
	if err := layouts.Site(rin, tree); err != nil {
		return res, err
	}
	if err := addSearch(tree, layouts.SearchSites(rin)); err != nil {
		return res, err
	}
	if err := addAssets(tree, in.Static); err != nil {
		return res, err
	}
	if err := addIntegrity(tree, site); err != nil { // last: the manifest lists every file before it
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
