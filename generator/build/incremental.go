package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/output"
	"gazette/generator/render"
)

// Builder builds a site again and again as its folders change, doing after each change
// only the work the change calls for, with the same result as Site byte for byte:
//
//   - load: only the content files whose bytes changed are decoded (content.Memo);
//   - convert: a document is converted again only when it changed or when an answer of
//     the cross-reference index it relies on did (a cited document's new title);
//   - render: a page is rendered again only when something it shows changed (the
//     dependency graph in depgraph.go): a document's page, its issue's page, the pages
//     of documents it cites or that cite it, the indexes, its issuing bodies' pages,
//     the timeline; every other page is copied from the previous build. A layout
//     change renders the pages of that layout; base.html, shared templates, UI strings
//     and site.yaml render every page.
//
// Files that are not pages (static files, table CSVs, data and search files) are
// produced by every build; they are cheap next to pages. A failed build leaves the
// Builder comparing with the last good one. The zero Builder is ready to use; it is not
// safe for concurrent use.
type Builder struct {
	memo content.Memo
	conv convCache
	prev *built // the last good build; nil before one
	last Report
}

// built is what the next build compares with.
type built struct {
	facts   *facts
	layouts map[string][32]byte
	tree    *output.Tree
}

// Report says what a Builder's last build did.
type Report struct {
	Full      bool     // every page was rendered
	Why       string   // why, when Full: "first build", "site.yaml changed", …
	Rendered  []string // pages rendered anew, sorted
	Reused    int      // pages copied from the previous build
	Decoded   []string // content files decoded anew, sorted
	Converted []string // content files converted anew (a document's with its translations), sorted
}

// Build builds the site from in. Errors are as Site's.
func (b *Builder) Build(in Inputs) (*Result, error) {
	inc := &incremental{b: b}
	b.conv.begin()
	res, err := buildSite(in, inc, inMemory, false)
	b.conv.end()
	b.last = inc.report()
	if err == nil && inc.next != nil {
		inc.next.tree = res.Tree
		b.prev = inc.next
	}
	return res, err
}

// Report says what the last Build did.
func (b *Builder) Report() Report { return b.last }

// incremental is one build of a Builder; build.go and convert.go call its methods, which
// do a plain build's work when it is nil.
type incremental struct {
	b    *Builder
	next *built

	mu       sync.Mutex // render may ask for pages from several goroutines
	full     string
	rendered []string
	reused   int
}

// load loads the content.
func (inc *incremental) load(fsys fs.FS) (*content.Site, diag.List) {
	if inc == nil {
		return content.Load(fsys)
	}
	return content.LoadMemo(fsys, &inc.b.memo)
}

// document converts one document with its translations.
func (inc *incremental) document(cv *converter, dc *content.Document) *docResult {
	if inc == nil {
		return cv.document(dc, nil)
	}
	return inc.b.conv.document(cv, dc)
}

// issue converts an issue's body.
func (inc *incremental) issue(cv *converter, is *content.Issue) (render.Body, diag.List) {
	if inc == nil {
		return cv.issue(is, nil)
	}
	return inc.b.conv.issue(cv, is)
}

// reuse compares the build in progress with the previous one and gives render the
// function that hands back the pages that need no rendering; nil for a plain build.
func (inc *incremental) reuse(in Inputs, site *content.Site, conv *converted, layouts *render.Layouts) func(render.PageRef) ([]byte, bool) {
	if inc == nil {
		return nil
	}
	hashes, err := hashLayouts(in.Layouts)
	inc.next = &built{facts: newFacts(site, conv, inc.source(in.Content)), layouts: hashes}
	prev := inc.b.prev
	var c *changes
	switch {
	case prev == nil:
		inc.full = "first build"
	case err != nil:
		inc.full = err.Error()
	default:
		c = diff(prev.facts, inc.next.facts)
		c.layoutChanges(prev.layouts, hashes, layouts.PageKinds())
		inc.full = c.all
	}
	return func(ref render.PageRef) ([]byte, bool) {
		var page []byte
		ok := inc.full == "" && !inc.next.facts.shows(ref, c) && !prev.facts.shows(ref, c)
		if ok {
			page, ok = prev.tree.Get(ref.File)
		}
		inc.mu.Lock()
		defer inc.mu.Unlock()
		if ok {
			inc.reused++
		} else {
			inc.rendered = append(inc.rendered, ref.File)
		}
		return page, ok
	}
}

// source gives a content file's bytes as the memo read them, or as fsys holds them.
func (inc *incremental) source(fsys fs.FS) func(string) []byte {
	return func(file string) []byte {
		if b, ok := inc.b.memo.Source(file); ok {
			return b
		}
		b, _ := fs.ReadFile(fsys, file)
		return b
	}
}

func (inc *incremental) report() Report {
	r := Report{Full: inc.full != "", Why: inc.full, Reused: inc.reused,
		Rendered: append([]string(nil), inc.rendered...), Decoded: inc.b.memo.Decoded(),
		Converted: append([]string(nil), inc.b.conv.converted...)}
	sort.Strings(r.Rendered)
	sort.Strings(r.Converted)
	return r
}

// hashLayouts fingerprints every file of the layouts folder.
func hashLayouts(fsys fs.FS) (map[string][32]byte, error) {
	out := map[string][32]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out[p] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the layouts: %w", err)
	}
	return out, nil
}
