package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"sync"

	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/manifest"
	"gazette/generator/output"
	"gazette/generator/render"
	"gazette/generator/search"
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
// The other files made from the content (a document's index.json, its Markdown source
// and tables as published, the feeds, the catalog, the timeline's exports) follow the
// same graph; a document no change touches has all its files copied at once, as the
// previous build kept them (output.Tree.Files), without looking each up in its tree.
// Every file copied from the previous build takes its SHA-256 along, so that the
// integrity manifest hashes only what was made anew; the manifest copies the lines
// of the files that kept their path and SHA-256 (manifest.Lines), and the sitemap is
// copied while it lists the same pages. What a document shows and what its conversion
// read are compared field by field only when the content memo decoded one of its
// files anew: the same decoded files give the same document. The layouts are parsed
// again, and the cross-reference index made again, only when what they are made from
// changed. The search index makes anew only its files that hold a changed entry
// (search.Indexer). Static files are copied by every build. A failed build leaves the
// Builder comparing with the last good one. The zero Builder is ready to use; it is
// not safe for concurrent use.
type Builder struct {
	memo  content.Memo
	conv  convCache
	index search.Indexer // the search index of the last build, which the next updates
	lines manifest.Lines // the last manifest, whose lines the next copies
	prev  *built         // the last good build; nil before one
	last  Report
}

// built is what the next build compares with.
type built struct {
	facts   *facts
	layouts map[string][32]byte // the layouts folder's files, fingerprinted
	parsed  *render.Layouts     // those layouts, parsed for the languages langs: they hold nothing of a build
	langs   []string
	tree    *output.Tree
	// docFiles are the files of each document, by its path, as render asked for them.
	docFiles map[string][]render.PageRef
	// docTree are those files as the tree holds them, bytes and SHA-256, for the next
	// build to add without looking each up in this build's tree.
	docTree map[string][]output.File
	sitemap sitemapOf // what the sitemap listed, when there was one
}

// sitemapOf is what a sitemap is made from: the pages it lists, and base_url.
type sitemapOf struct {
	base  string
	pages []string
}

// Report says what a Builder's last build did.
type Report struct {
	Full      bool     // every page was rendered
	Why       string   // why, when Full: "first build", "site.yaml changed", …
	Rendered  []string // pages rendered anew, sorted
	Reused    int      // pages copied from the previous build
	Made      []string // the other files made from the content (data, sources, tables, feeds …) made anew, sorted
	Kept      int      // those copied from the previous build
	Decoded   []string // content files decoded anew, sorted
	Converted []string // content files converted anew (a document's with its translations), sorted
}

// Build builds the site from in. Errors are as Site's.
func (b *Builder) Build(in Inputs) (*Result, error) {
	inc := &incremental{b: b}
	b.conv.begin()
	newTree := inMemory
	if b.prev != nil {
		n := b.prev.tree.Len()
		newTree = func() (*output.Tree, error) { return output.NewTreeSized(n), nil }
	}
	res, err := buildSite(in, inc, newTree, false)
	b.conv.end()
	b.last = inc.report()
	if err == nil && inc.next != nil {
		inc.next.tree = res.Tree
		if err := inc.next.keepFiles(); err != nil {
			return res, err
		}
		b.prev = inc.next
	}
	return res, err
}

// keepFiles takes out of the tree the files of each document made anew, for the next
// build to carry over with those it carried over this time.
func (bt *built) keepFiles() error {
	for doc, refs := range bt.docFiles {
		if bt.docTree[doc] != nil {
			continue
		}
		paths := make([]string, len(refs))
		for i, ref := range refs {
			paths[i] = ref.File
		}
		files, ok := bt.tree.Files(paths...)
		if !ok {
			return fmt.Errorf("the build lacks a file of %s", doc)
		}
		bt.docTree[doc] = files
	}
	return nil
}

// Report says what the last Build did.
func (b *Builder) Report() Report { return b.last }

// incremental is one build of a Builder; build.go and convert.go call its methods, which
// do a plain build's work when it is nil.
type incremental struct {
	b    *Builder
	next *built

	// What layouts read and parsed, for reuse to compare and the next build to keep.
	hashes  map[string][32]byte
	hashErr error
	parsed  *render.Layouts

	mu       sync.Mutex // render may ask for pages from several goroutines
	full     string
	rendered []string
	reused   int
	made     []string
	kept     int
}

// load loads the content.
func (inc *incremental) load(fsys fs.FS) (*content.Site, diag.List) {
	if inc == nil {
		return content.Load(fsys)
	}
	return content.LoadMemo(fsys, &inc.b.memo)
}

// converter gives the site's Markdown dialect and cross-reference index.
func (inc *incremental) converter(site *content.Site) *converter {
	if inc == nil {
		return newConverter(site)
	}
	return inc.b.conv.converter(site)
}

// document converts one document with its translations.
func (inc *incremental) document(cv *converter, dc *content.Document) *docResult {
	if inc == nil {
		return cv.document(dc, nil)
	}
	return inc.b.conv.document(cv, dc, inc.decodedFrom(dc))
}

// decodedFrom gives the bytes of the content files dc was decoded from (its own, its
// translations', its issue's and theirs) as the memo holds them, or nil when the memo
// lacks one.
func (inc *incremental) decodedFrom(dc *content.Document) [][]byte {
	if dc.Issue == nil {
		return nil
	}
	files := []string{dc.File}
	for _, lang := range sortedLangs(dc.Translations) {
		files = append(files, dc.Translations[lang].File)
	}
	files = append(files, dc.Issue.File)
	for _, lang := range sortedLangs(dc.Issue.Translations) {
		files = append(files, dc.Issue.Translations[lang].File)
	}
	out := make([][]byte, len(files))
	for i, f := range files {
		b, ok := inc.b.memo.Source(f)
		if !ok {
			return nil
		}
		out[i] = b
	}
	return out
}

// issue converts an issue's body.
func (inc *incremental) issue(cv *converter, is *content.Issue) (render.Body, diag.List) {
	if inc == nil {
		return cv.issue(is, nil)
	}
	return inc.b.conv.issue(cv, is)
}

// layouts parses the layouts folder for the languages langs, or gives the previous
// build's when none of its files changed.
func (inc *incremental) layouts(fsys fs.FS, langs []string) (*render.Layouts, error) {
	if inc == nil {
		return render.LoadLayouts(fsys, langs)
	}
	inc.hashes, inc.hashErr = hashLayouts(fsys)
	if prev := inc.b.prev; prev != nil && inc.hashErr == nil && maps.Equal(prev.layouts, inc.hashes) && slices.Equal(prev.langs, langs) {
		inc.parsed = prev.parsed
		return inc.parsed, nil
	}
	l, err := render.LoadLayouts(fsys, langs)
	inc.parsed = l
	return l, err
}

// reuse compares the build in progress with the previous one and gives render the
// function that copies the files that need no making from the previous build's tree;
// nil for a plain build. layouts must have come from inc.layouts.
func (inc *incremental) reuse(in Inputs, site *content.Site, conv *converted, layouts *render.Layouts) func(render.PageRef, *output.Tree) (bool, error) {
	if inc == nil {
		return nil
	}
	prev := inc.b.prev
	var prevFacts *facts
	if prev != nil {
		prevFacts = prev.facts
	}
	inc.next = &built{facts: newFacts(site, conv, inc.source(in.Content), prevFacts), layouts: inc.hashes,
		parsed: inc.parsed, langs: site.Config.Languages, docFiles: map[string][]render.PageRef{},
		docTree: map[string][]output.File{}}
	var c *changes
	switch {
	case prev == nil:
		inc.full = "first build"
	case inc.hashErr != nil:
		inc.full = inc.hashErr.Error()
	default:
		c = diff(prev.facts, inc.next.facts)
		c.layoutChanges(prev.layouts, inc.hashes, layouts.PageKinds())
		inc.full = c.all
	}
	return func(ref render.PageRef, t *output.Tree) (bool, error) {
		if ref.Kind == "files" {
			return inc.reuseDocument(ref.Doc, t, prev, c)
		}
		ok := inc.full == "" && !inc.next.facts.shows(ref, c) && !prev.facts.shows(ref, c)
		if ok {
			var err error
			if ok, err = t.AddFrom(prev.tree, ref.File); err != nil {
				return false, err
			}
		}
		inc.mu.Lock()
		defer inc.mu.Unlock()
		if ref.Doc != "" {
			inc.next.docFiles[ref.Doc] = append(inc.next.docFiles[ref.Doc], ref)
		}
		inc.count(ref, ok)
		return ok, nil
	}
}

// reuseSoon is reuse, compared on a goroutine of its own while the pages' views and the
// search entries are made, which do not need it: the function it gives waits for the
// comparison when first called. compared waits for the comparison too, and must be
// called before the build ends, even after a failure.
func (inc *incremental) reuseSoon(in Inputs, site *content.Site, conv *converted, layouts *render.Layouts) (reuse func(render.PageRef, *output.Tree) (bool, error), compared func()) {
	if inc == nil {
		return nil, func() {}
	}
	done := make(chan struct{})
	var fn func(render.PageRef, *output.Tree) (bool, error)
	go func() {
		defer close(done)
		fn = inc.reuse(in, site, conv, layouts)
	}()
	return func(ref render.PageRef, t *output.Tree) (bool, error) {
		<-done
		return fn(ref, t)
	}, func() { <-done }
}

// reuseDocument copies every file of the document at doc from the previous build when
// none of them shows a change. The files are those the previous build asked for: the
// same as this one would ask for, since what decides which files a document has (its
// number, its translations, the tables of its body) is shown on its page.
func (inc *incremental) reuseDocument(doc string, t *output.Tree, prev *built, c *changes) (bool, error) {
	if inc.full != "" {
		return false, nil
	}
	refs := prev.docFiles[doc]
	if refs == nil {
		return false, nil
	}
	// A document's files are mostly the same kinds of file in each language, and
	// shows answers from a file's kind, path and document alone: each question is
	// asked once.
	var asked [8]render.PageRef
	n := 0
refs:
	for _, ref := range refs {
		ref.File, ref.Lang = "", ""
		for _, a := range asked[:min(n, len(asked))] {
			if a == ref {
				continue refs
			}
		}
		if inc.next.facts.shows(ref, c) || prev.facts.shows(ref, c) {
			return false, nil
		}
		if n < len(asked) {
			asked[n] = ref
		}
		n++
	}
	files := prev.docTree[doc]
	if len(files) != len(refs) {
		return false, fmt.Errorf("the previous build lacks a file of %s", doc)
	}
	if err := t.AddFiles(files); err != nil {
		return false, err
	}
	inc.mu.Lock()
	defer inc.mu.Unlock()
	inc.next.docFiles[doc], inc.next.docTree[doc] = refs, files
	for _, ref := range refs {
		inc.count(ref, true)
	}
	return true, nil
}

// count counts a file made anew or reused, with inc.mu held.
func (inc *incremental) count(ref render.PageRef, reused bool) {
	switch {
	case reused && ref.IsPage():
		inc.reused++
	case reused:
		inc.kept++
	case ref.IsPage():
		inc.rendered = append(inc.rendered, ref.File)
	default:
		inc.made = append(inc.made, ref.File)
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
		Made: append([]string(nil), inc.made...), Kept: inc.kept,
		Converted: append([]string(nil), inc.b.conv.converted...)}
	sort.Strings(r.Rendered)
	sort.Strings(r.Made)
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
