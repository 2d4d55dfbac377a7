package render

import (
	"fmt"
	"sort"
	"sync"

	"gazette/generator/content"
	"gazette/generator/output"
)

// PageRef names a file about to be made, for Input.Reuse: a page, or one of the other
// files of the site that are made from its content.
type PageRef struct {
	// Kind is the page's layout (home, issue, document, documents, issuer, timeline,
	// 404 …) or, for a file that is not a page, what it is:
	//
	//	data      a document's index.json
	//	markdown  a document's Markdown source as published beside its source view
	//	table     a file published beside a document's page (a table as CSV)
	//	feed      a language's Atom feed
	//	catalog   catalog.json
	//	events    the timeline's exports, events.json and events.ics
	//	files     every file of the document Doc in every language at once, pages
	//	          or not (File is empty): a document no change touched then costs
	//	          one question instead of one per file
	Kind string
	Path string // the page's folder without the language root; a document's for its files; "" for home, 404, feed and catalog
	Lang string // the language code
	File string // where it goes in the output: mn/2023/02/index.html
	// Doc is the path of the document whose job (Layouts.document) makes the file, if
	// any: the files of kind "files" are those asked for with the same Doc.
	Doc string
}

// IsPage reports whether the file is a page rendered from a layout.
func (r PageRef) IsPage() bool {
	switch r.Kind {
	case "data", "markdown", "table", "feed", "catalog", "events", "files":
		return false
	}
	return true
}

// reused adds the page p to t as Reuse gives it, when Reuse is set and gives it.
func (l *Layouts) reused(t *output.Tree, p *Page, file string) (bool, error) {
	ref := PageRef{Kind: p.Kind, Path: p.Path, File: file}
	if p.Doc != nil {
		ref.Doc = p.Doc.Path
	}
	return p.site.reused(t, ref)
}

// reused asks Reuse to add the file ref names to t, and reports whether it did.
func (sv *siteView) reused(t *output.Tree, ref PageRef) (bool, error) {
	reuse := sv.in.Reuse
	if reuse == nil {
		return false, nil
	}
	ref.Lang = sv.lang.Code
	ok, err := reuse(ref, t)
	if err != nil {
		return false, fmt.Errorf("reusing %s: %w", ref.File, err)
	}
	return ok, nil
}

// reusedDocument asks Reuse to add every file of the document at docPath, in every
// language, to t, and reports whether it did.
func (sv *siteView) reusedDocument(t *output.Tree, docPath string) (bool, error) {
	if sv.in.Reuse == nil {
		return false, nil
	}
	ok, err := sv.in.Reuse(PageRef{Kind: "files", Path: docPath, Doc: docPath}, t)
	if err != nil {
		return false, fmt.Errorf("reusing the files of %s: %w", docPath, err)
	}
	return ok, nil
}

// add adds the file ref names to t as Reuse gives it or, when it gives none, as
// makeFile makes it: nothing is made for a file reused.
func (sv *siteView) add(t *output.Tree, ref PageRef, makeFile func() ([]byte, error)) error {
	if ok, err := sv.reused(t, ref); ok || err != nil {
		return err
	}
	b, err := makeFile()
	if err != nil {
		return err
	}
	return t.Add(ref.File, b)
}

// addAppended is add for a file that appendFile appends to the buffer it is given.
// A tree that streams keeps nothing of a file once added, so that one buffer then
// serves file after file.
func (sv *siteView) addAppended(t *output.Tree, ref PageRef, appendFile func(dst []byte) ([]byte, error)) error {
	if ok, err := sv.reused(t, ref); ok || err != nil {
		return err
	}
	if !t.Streams() {
		b, err := appendFile(nil)
		if err != nil {
			return err
		}
		return t.Add(ref.File, b)
	}
	buf := fileBuffers.Get().(*[]byte)
	defer fileBuffers.Put(buf)
	b, err := appendFile((*buf)[:0])
	if err != nil {
		return err
	}
	*buf = b
	return t.Add(ref.File, b)
}

// fileBuffers serve addAppended.
var fileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// IssuerPaths gives the page folder (issuers/<slug>) of every issuing body of the
// site, by name, as the pages link to them.
func IssuerPaths(site *content.Site) map[string]string {
	out := map[string]string{}
	for name, iv := range newIssuerViews(site) {
		out[name] = iv.Path
	}
	return out
}

// PageKinds lists the kinds of page the layouts render, sorted.
func (l *Layouts) PageKinds() []string {
	kinds := make([]string, 0, len(l.pages))
	for k := range l.pages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}
