// Package build runs the stages that turn a content folder into a site.
//
// load → convert → render → assets: each stage is a package of its own; this one only
// runs them in order and gathers their diagnostics. It takes the content, layouts and
// static folders as fs.FS values. Site gives the site as an output Tree in memory, so
// that check, tests and the preview never touch the disk; Write streams it into a
// folder instead, each file written as it is made, and swaps the folder in only when
// the whole build succeeded.
package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"

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
	return prepareLean(in, inc, false)
}

// prepareLean is prepare; lean is buildSite's.
func prepareLean(in Inputs, inc *incremental, lean bool) (*content.Site, *converted, diag.List) {
	site, diags := inc.load(in.Content)
	if site == nil {
		return nil, nil, diags
	}
	conv, more := convert(site, inc, lean)
	diags = append(diags, more...)
	diags.Sort()
	return site, conv, diags
}

// Site builds the whole site in memory. Content problems come back as a
// *diag.ContentError listing all of them; any other error is a failure of the layouts
// or the machine.
func Site(in Inputs) (*Result, error) { return buildSite(in, nil, inMemory, false) }

func inMemory() (*output.Tree, error) { return output.NewTree(), nil }

// Write builds the whole site into the folder dir, as `gazette build` does: every file
// goes to disk as soon as it is made, into a folder beside dir that replaces it only
// when the build succeeded; after a failure dir is as it was. Memory holds little of
// the site at a time: the Result's Tree is on disk (its Get reads a file back), and
// its Site keeps no Markdown bodies. Errors are as Site's, and those of the disk.
func Write(in Inputs, dir string) (*Result, error) {
	var tree *output.Tree
	res, err := buildSite(in, nil, func() (*output.Tree, error) {
		var err error
		tree, err = output.Create(dir)
		return tree, err
	}, true)
	if tree == nil {
		return res, err
	}
	if err != nil {
		tree.Discard()
		return res, err
	}
	return res, tree.Commit()
}

// buildSite is Site; a Builder's build (inc not nil) reuses what the previous one made
// and is still valid (incremental.go). newTree gives the tree the files go to, once the
// content has no problems.
//
// lean is for a build whose bodies nobody reads afterwards (Write): it drops each
// Markdown body from the site once converted, and each document's HTML once its pages
// are written, so that memory never holds every body twice (as Markdown and as HTML),
// nor any HTML once the search index is being built.
func buildSite(in Inputs, inc *incremental, newTree func() (*output.Tree, error), lean bool) (*Result, error) {
	site, conv, diags := prepareLean(in, inc, lean)
	res := &Result{Site: site, Diags: diags}
	if err := diags.Err(); err != nil {
		return res, err
	}
	layouts, err := inc.layouts(in.Layouts, site.Config.Languages)
	if err != nil {
		return res, err
	}
	tree, err := newTree()
	if err != nil {
		return res, err
	}
	rin := render.Input{Site: site, Bodies: conv.bodies, CitedBy: conv.citedBy, Unresolved: conv.unresolved, Events: conv.events,
		Cites: conv.cites, Content: in.Content}
	var compared func()
	rin.Reuse, compared = inc.reuseSoon(in, site, conv, layouts)
	err = renderAndIndex(layouts, rin, tree, inc, lean)
	compared()
	if err != nil {
		return res, err
	}
	if err := addAssets(tree, in.Static); err != nil {
		return res, err
	}
	if err := addIntegrity(tree, site, inc); err != nil { // last: the manifest lists every file before it
		return res, err
	}
	res.Tree = tree
	for _, p := range tree.Paths() {
		if strings.HasSuffix(p, ".html") {
			res.Pages++
		}
	}
	for _, is := range site.Issues {
		res.Documents += len(is.Documents)
	}
	return res, nil
}

// renderAndIndex adds the pages and the search index to tree. The search entries are
// made before the pages are rendered in a lean build: they read the bodies' text, and
// whether a translation has a body at all, which a lean render drops with the HTML.
// Otherwise the index is made while the pages are rendered: after a one-document edit
// both are short and mostly serial, so on two cores side by side they take the time
// of the longer instead of the sum.
func renderAndIndex(layouts *render.Layouts, rin render.Input, tree *output.Tree, inc *incremental, lean bool) error {
	if lean {
		entries := layouts.SearchSites(rin)
		rin.Release = true
		if err := layouts.Site(rin, tree); err != nil {
			return err
		}
		return inc.addSearch(tree, entries)
	}
	views := layouts.Views(rin)
	indexed := make(chan error, 1)
	go func() { indexed <- inc.addSearch(tree, views.SearchSites()) }()
	err := layouts.Pages(views, tree)
	if ierr := <-indexed; err == nil {
		err = ierr
	}
	return err
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
