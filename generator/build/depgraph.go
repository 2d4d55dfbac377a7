package build

import (
	"bytes"
	"path"
	"reflect"
	"slices"
	"strings"

	"gazette/generator/content"
	"gazette/generator/render"
)

// The dependency graph of incremental builds: what each page, and each other file made
// from the content (data files, published sources, tables, feeds, the catalog, the
// timeline's exports), shows, as facts about the content that two builds can compare.
// A file is made again when a fact it shows changed, in the previous build's graph or
// in the new one (a document that left an issuing body changes that body's page, though
// the new graph no longer links them).
//
// The table in (*facts).shows mirrors what the layouts put on each kind of page, and
// what render writes into each kind of file. When a layout or a file starts showing
// something new, add it there: TestIncrementalMatchesFull, which compares incremental
// builds with full ones after many kinds of edit, fails until the table says so. A kind
// the table does not know is made in every build.

// facts are what one build's files were made from, reduced to comparable values.
type facts struct {
	config  content.Config
	issues  map[string]*issueFacts // by folder
	order   []string               // issue folders, oldest first
	docs    map[string]*docFacts   // by document path
	issuers map[string]string      // issuing body → its page folder
	byPage  map[string][]string    // issuer page folder → document paths
	// unresolved and events are the unresolved-numbers list of the documents index and
	// the timeline's events, with documents named by path.
	unresolved [][]string
	events     []render.Event
	eventDocs  []string
}

type issueFacts struct {
	meta content.Issue // Documents and Body cleared
	body render.Body
	docs []string // document paths, in print order
}

type docFacts struct {
	issue      string
	meta       content.Document // Issue, Body and line numbers cleared; translations without bodies
	result     *docResult       // the conversion: the same pointer means the same bodies
	sources    [][]byte         // the file's bytes and its translations', as published
	citedBy    []string
	cites      []string
	prev, next string
	// kept says that meta is the previous build's, made from the same decoded files:
	// the document's and each translation's bytes are the very slices the previous
	// facts of the same path hold, which the content memo hands back only for a file
	// it did not decode again. Equal by construction, meta needs no comparing then.
	kept bool
}

// newFacts describes a build. sources gives a content file's bytes; prev, when not nil,
// is the previous build's facts, whose documents' metadata is kept where their files
// are the same (see docFacts.kept).
func newFacts(site *content.Site, conv *converted, sources func(file string) []byte, prev *facts) *facts {
	f := &facts{
		config: site.Config, issues: map[string]*issueFacts{}, docs: make(map[string]*docFacts, len(prev.docsOrNone())),
		issuers: render.IssuerPaths(site), byPage: map[string][]string{},
	}
	for _, is := range site.Issues {
		f.order = append(f.order, is.Dir)
		isf := &issueFacts{meta: issueMeta(is), body: conv.bodies[is.File], docs: make([]string, len(is.Documents))}
		f.issues[is.Dir] = isf
		for i, d := range is.Documents {
			isf.docs[i] = d.Path() // each path made once: a site's documents are many
		}
		for i, d := range is.Documents {
			p := isf.docs[i]
			df := &docFacts{issue: is.Dir, result: conv.results[d.File],
				citedBy: paths(conv.citedBy[p]), cites: paths(conv.cites[p])}
			df.sources = make([][]byte, 0, 1+len(d.Translations))
			df.sources = append(df.sources, sources(d.File))
			for _, lang := range sortedLangs(d.Translations) {
				df.sources = append(df.sources, sources(d.Translations[lang].File))
			}
			if o := prev.doc(p); o != nil && sameSlices(o.sources, df.sources) {
				df.meta, df.kept = o.meta, true
			} else {
				df.meta = docMeta(d)
			}
			if i > 0 {
				df.prev = isf.docs[i-1]
			}
			if i+1 < len(is.Documents) {
				df.next = isf.docs[i+1]
			}
			f.docs[p] = df
			for _, name := range d.Issuers {
				page := f.issuers[name]
				f.byPage[page] = append(f.byPage[page], p)
			}
		}
	}
	for _, u := range conv.unresolved {
		f.unresolved = append(f.unresolved, append([]string{u.Number}, paths(u.CitedIn)...))
	}
	for _, e := range conv.events {
		f.eventDocs = append(f.eventDocs, e.Doc.Path())
		e.Doc = nil
		f.events = append(f.events, e)
	}
	return f
}

// doc gives the facts of the document at p; nil for none, or when f is nil.
func (f *facts) doc(p string) *docFacts {
	if f == nil {
		return nil
	}
	return f.docs[p]
}

// docsOrNone gives the documents' facts; nil when f is nil.
func (f *facts) docsOrNone() map[string]*docFacts {
	if f == nil {
		return nil
	}
	return f.docs
}

// sameSlices reports whether a and b hold the very same slices, element by element:
// the same arrays, not merely equal bytes. An empty slice is never the same, having
// no array to tell it by.
func sameSlices(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) == 0 || len(a[i]) != len(b[i]) || &a[i][0] != &b[i][0] {
			return false
		}
	}
	return true
}

// docMeta is a document without what is compared otherwise (its body, by conversion)
// or not shown (the lines of keys, for messages).
func docMeta(d *content.Document) content.Document {
	m := *d
	m.Issue, m.Body, m.NumberLine, m.SectionLine = nil, nil, 0, 0
	if d.Translations != nil {
		m.Translations = map[string]*content.Translation{}
		for lang, t := range d.Translations {
			c := *t
			c.Body = nil
			m.Translations[lang] = &c
		}
	}
	return m
}

func paths(docs []*content.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Path()
	}
	return out
}

// changes are the facts that differ between two builds.
type changes struct {
	all        string          // why every page changed; "" when not
	kinds      map[string]bool // page kinds whose own layout changed
	issue      map[string]bool // issue folders whose page data changed
	meta       map[string]bool // documents whose metadata changed, or that came or went
	body       map[string]bool // documents whose converted bodies changed
	source     map[string]bool // documents whose files changed in any way
	citedBy    map[string]bool
	cites      map[string]bool
	anyIssue   bool
	anyMeta    bool
	unresolved bool
	events     bool
}

// diff compares the facts of the previous build with the new ones.
func diff(old, new *facts) *changes {
	c := &changes{kinds: map[string]bool{}, issue: map[string]bool{}, meta: map[string]bool{},
		body: map[string]bool{}, source: map[string]bool{}, citedBy: map[string]bool{}, cites: map[string]bool{}}
	switch {
	case !reflect.DeepEqual(old.config, new.config):
		c.all = "site.yaml changed"
	case !reflect.DeepEqual(old.order, new.order):
		c.all = "an issue came or went"
	case !reflect.DeepEqual(old.issuers, new.issuers):
		// Page folders of issuing bodies come from the order they first appear in.
		c.all = "the issuing bodies changed"
	}
	if c.all != "" {
		return c
	}
	for dir, o := range old.issues {
		n := new.issues[dir]
		if !reflect.DeepEqual(o.meta, n.meta) || !reflect.DeepEqual(o.body, n.body) || !reflect.DeepEqual(o.docs, n.docs) {
			c.issue[dir], c.anyIssue = true, true
		}
	}
	for p := range old.docs {
		if new.docs[p] == nil {
			c.meta[p], c.body[p], c.source[p], c.anyMeta = true, true, true, true
		}
	}
	for p, n := range new.docs {
		o := old.docs[p]
		if o == nil {
			c.meta[p], c.body[p], c.source[p], c.anyMeta = true, true, true, true
			continue
		}
		if !n.kept && !reflect.DeepEqual(o.meta, n.meta) || o.issue != n.issue {
			c.meta[p], c.anyMeta = true, true
		}
		if o.result != n.result && !reflect.DeepEqual(o.result.bodies, n.result.bodies) {
			c.body[p] = true
		}
		if !sameBytes(o.sources, n.sources) {
			c.source[p] = true
		}
		if !slices.Equal(o.citedBy, n.citedBy) {
			c.citedBy[p] = true
		}
		if !slices.Equal(o.cites, n.cites) {
			c.cites[p] = true
		}
	}
	c.unresolved = !reflect.DeepEqual(old.unresolved, new.unresolved)
	c.events = !reflect.DeepEqual(old.eventDocs, new.eventDocs) || !reflect.DeepEqual(old.events, new.events)
	return c
}

func sameBytes(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// layoutChanges marks what a change to layout files re-renders: a page kind's own
// template only pages of that kind; base.html, shared templates and UI strings every
// page.
func (c *changes) layoutChanges(old, new map[string][32]byte, kinds []string) {
	isKind := map[string]bool{}
	for _, k := range kinds {
		isKind[k] = true
	}
	mark := func(file string) {
		kind, ok := strings.CutSuffix(file, ".html")
		if ok && path.Dir(file) == "." && isKind[kind] {
			c.kinds[kind] = true
		} else if c.all == "" {
			c.all = "layouts/" + file + " changed"
		}
	}
	for f, h := range old {
		if n, ok := new[f]; !ok || n != h {
			mark(f)
		}
	}
	for f := range new {
		if _, ok := old[f]; !ok {
			mark(f)
		}
	}
}

// anyMetaOf reports whether the metadata of any of the documents docs changed.
func (c *changes) anyMetaOf(docs []string) bool {
	if !c.anyMeta {
		return false
	}
	for _, d := range docs {
		if c.meta[d] {
			return true
		}
	}
	return false
}

// shows reports whether the file ref, as f describes the site, shows a fact c says
// changed. It is the dependency table: one case per kind of page or file.
func (f *facts) shows(ref render.PageRef, c *changes) bool {
	if c.all != "" || c.kinds[ref.Kind] {
		return true
	}
	switch ref.Kind {
	case "home": // every issue with its documents' titles
		return c.anyIssue || c.anyMeta
	case "404", "search": // the chrome only; search results come from the index files
		return false
	case "issue": // the issue, its table of contents
		is := f.issues[ref.Path]
		return is == nil || c.issue[ref.Path] || c.anyMetaOf(is.docs)
	case "document": // the document, its issue, neighbours, and who cites it
		d := f.docs[ref.Path]
		return d == nil || c.meta[ref.Path] || c.body[ref.Path] || c.issue[d.issue] ||
			c.citedBy[ref.Path] || c.anyMetaOf(d.citedBy) || c.meta[d.prev] || c.meta[d.next]
	case "source": // the document's file as written
		d := f.docs[ref.Doc]
		return d == nil || c.meta[ref.Doc] || c.source[ref.Doc] || c.issue[d.issue]
	case "redirect": // a permanent identifier's page: the document's title and folder
		return f.docs[ref.Doc] == nil || c.meta[ref.Doc]
	case "data": // index.json: the document, its body as text, its file as written, its
		// issue, and the numbers and titles of what it cites and of who cites it
		d := f.docs[ref.Doc]
		return d == nil || c.meta[ref.Doc] || c.body[ref.Doc] || c.source[ref.Doc] || c.issue[d.issue] ||
			c.cites[ref.Doc] || c.citedBy[ref.Doc] || c.anyMetaOf(d.cites) || c.anyMetaOf(d.citedBy)
	case "markdown": // the document's file as written
		return f.docs[ref.Doc] == nil || c.source[ref.Doc]
	case "table": // a table of the document's body, as CSV
		return f.docs[ref.Doc] == nil || c.body[ref.Doc]
	case "feed", "catalog": // every document with its issue
		return c.anyMeta || c.anyIssue
	case "events": // the timeline's exports: every chronicle's events, with their issues' titles
		return c.events || c.anyIssue
	case "documents": // every document, and the numbers cited but not published
		return c.anyMeta || c.anyIssue || c.unresolved
	case "issuer": // the body's documents
		return c.anyMetaOf(f.byPage[ref.Path])
	case "timeline": // every chronicle's events, with their issues' titles
		return c.events || c.anyIssue
	}
	return true
}
