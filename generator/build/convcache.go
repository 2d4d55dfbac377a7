package build

import (
	"reflect"
	"slices"
	"sync"

	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/render"
	"gazette/generator/xref"
)

// convCache keeps what converting each document and issue body gave, for the next
// build to reuse. An entry is reused when the conversion would read the same things
// again: the same Markdown and front matter (compared whole) and the same answers from
// the cross-reference index to every question the conversion asked it (see
// xref.Lookup). So a document is converted again when it changes, and when a document
// it cites or names changes its title, number or folder, and not otherwise. Its methods
// may be called from several goroutines: conversions run outside its lock.
type convCache struct {
	mu        sync.Mutex
	docs      map[string]*convEntry // by document file
	issues    map[string]*convEntry // by issue file
	seen      map[string]bool       // files met by the build in progress
	converted []string              // files converted anew by the build in progress

	// The last converter, and what it was made from.
	cv      *converter
	rawHTML bool
	targets []xref.Target
}

type convEntry struct {
	input any // what the conversion read besides the index
	// srcs are the bytes of the content files input was decoded from, as the content
	// memo holds them, when it holds them all (see docFacts.kept): while the memo
	// gives the very same slices, input is the same by construction.
	srcs    [][]byte
	lookups []xref.Lookup
	answers []*xref.Target
	doc     *docResult
	body    render.Body // an issue's
	diags   diag.List   // an issue's
}

// converter gives the converter of the last build when it would be made from the same
// again: the dialect, and the documents as cross-references find them, for the index.
func (c *convCache) converter(site *content.Site) *converter {
	ts := targets(site)
	if c.cv == nil || c.rawHTML != site.Config.RawHTML || !slices.Equal(c.targets, ts) {
		c.cv, c.rawHTML, c.targets = newConverterOf(site.Config.RawHTML, ts), site.Config.RawHTML, ts
	}
	return c.cv
}

func (c *convCache) begin() {
	if c.docs == nil {
		c.docs, c.issues = map[string]*convEntry{}, map[string]*convEntry{}
	}
	c.seen, c.converted = map[string]bool{}, nil
}

// end forgets the files the build did not meet: removed, or no longer in an issue.
func (c *convCache) end() {
	for _, m := range []map[string]*convEntry{c.docs, c.issues} {
		for f := range m {
			if !c.seen[f] {
				delete(m, f)
			}
		}
	}
}

// document converts dc, or gives what converting it gave before. srcs are the bytes of
// the files dc was decoded from, as the content memo holds them; nil when it does not
// hold them all.
func (c *convCache) document(cv *converter, dc *content.Document, srcs [][]byte) *docResult {
	e := c.lookup(c.docs, dc.File)
	var in any
	if e != nil && (len(srcs) == 0 || !sameSlices(e.srcs, srcs)) {
		in = documentInput(dc)
		if !reflect.DeepEqual(e.input, in) {
			e = nil
		}
	}
	if e != nil && e.answered(cv.idx) {
		return e.doc
	}
	if in == nil {
		in = documentInput(dc)
	}
	var rec []xref.Lookup
	r := cv.document(dc, &rec)
	e = newEntry(cv.idx, in, rec)
	e.doc, e.srcs = r, srcs
	c.store(c.docs, dc.File, e)
	return r
}

// issue converts an issue's body, or gives what converting it gave before.
func (c *convCache) issue(cv *converter, is *content.Issue) (render.Body, diag.List) {
	in := issueInput(is)
	if e := c.lookup(c.issues, is.File); e != nil && e.valid(cv.idx, in) {
		return e.body, e.diags
	}
	var rec []xref.Lookup
	body, diags := cv.issue(is, &rec)
	e := newEntry(cv.idx, in, rec)
	e.body, e.diags = body, diags
	c.store(c.issues, is.File, e)
	return body, diags
}

// lookup gives the entry of file, noting that the build met the file.
func (c *convCache) lookup(m map[string]*convEntry, file string) *convEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[file] = true
	return m[file]
}

// store keeps the entry of a file converted anew.
func (c *convCache) store(m map[string]*convEntry, file string, e *convEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m[file] = e
	c.converted = append(c.converted, file)
}

func newEntry(idx *xref.Index, in any, rec []xref.Lookup) *convEntry {
	e := &convEntry{input: in}
	seen := map[xref.Lookup]bool{}
	for _, q := range rec {
		if !seen[q] {
			seen[q] = true
			e.lookups = append(e.lookups, q)
			e.answers = append(e.answers, idx.Answer(q))
		}
	}
	return e
}

// valid reports whether the entry's conversion is what converting in against idx
// would give.
func (e *convEntry) valid(idx *xref.Index, in any) bool {
	return reflect.DeepEqual(e.input, in) && e.answered(idx)
}

// answered reports whether idx answers every question the entry's conversion asked as
// it was answered then.
func (e *convEntry) answered(idx *xref.Index) bool {
	for i, q := range e.lookups {
		a, b := e.answers[i], idx.Answer(q)
		if (a == nil) != (b == nil) || a != nil && *a != *b {
			return false
		}
	}
	return true
}

// documentInput is what converting dc reads besides the index: the document with its
// translations, and its issue's identity and date.
func documentInput(dc *content.Document) any {
	type input struct {
		Doc   content.Document
		Issue content.Issue
	}
	in := input{Doc: *dc, Issue: issueMeta(dc.Issue)}
	in.Doc.Issue, in.Doc.NumberLine, in.Doc.SectionLine = nil, 0, 0
	return in
}

func issueInput(is *content.Issue) any {
	type input struct {
		Issue content.Issue
		Body  []byte
	}
	return input{Issue: issueMeta(is), Body: is.Body}
}

// issueMeta is an issue without its documents and body.
func issueMeta(is *content.Issue) content.Issue {
	m := *is
	m.Documents, m.Body = nil, nil
	return m
}
