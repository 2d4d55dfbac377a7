package content

import (
	"bytes"
	"io/fs"
	"sort"
	"strings"

	"gazette/generator/diag"
)

// Memo remembers what each Markdown file contributed when the gazette was last loaded
// with it: its bytes, and the issue, document or translation decoded from them with
// their diagnostics. LoadMemo decodes again only the files whose bytes changed, so that
// `gazette serve` reloads a large gazette after an edit without parsing every front
// matter again.
//
// What a file contributes depends on its bytes and on the site's languages (they tell
// a translation from a document), nothing else: every check that involves several
// files runs after the walk, on every load. A Memo is used by one load at a time.
type Memo struct {
	langs   string
	files   map[string]*memoEntry // by path in the content folder
	seen    map[string]bool       // files met by the load in progress
	decoded []string              // files decoded by the last load, in walk order
}

type memoEntry struct {
	src   []byte
	diags diag.List
	// At most one of these is set; they are copied before use, since loading links
	// them to each other (Document.Issue, Issue.Documents, Translations).
	doc     *Document
	tr      *Translation
	trOf    string // for tr: the file it translates, without .md
	issue   *Issue
	issueIn string // for issue: its folder
}

// LoadMemo is Load, reusing what m remembers of the files whose bytes have not changed
// and remembering the rest for next time. It gives the same Site and diagnostics as
// Load.
func LoadMemo(fsys fs.FS, m *Memo) (*Site, diag.List) {
	if m.files == nil {
		m.files = map[string]*memoEntry{}
	}
	m.seen, m.decoded = map[string]bool{}, nil
	site, diags := loadWith(fsys, m)
	for p := range m.files {
		if !m.seen[p] {
			delete(m.files, p) // removed, or no longer read: forget it
		}
	}
	m.seen = nil
	return site, diags
}

// Decoded lists the files the last LoadMemo decoded rather than took from the memo,
// sorted.
func (m *Memo) Decoded() []string {
	out := append([]string(nil), m.decoded...)
	sort.Strings(out)
	return out
}

// fileReadMemo files the Markdown file p like fileRead, replaying what m remembers of
// src when it can.
func (l *loader) fileReadMemo(p, dir, name string, src []byte) {
	m := l.memo
	if m == nil {
		l.fileRead(p, dir, name, src)
		return
	}
	if langs := strings.Join(l.site.Config.Languages, " "); langs != m.langs {
		m.langs, m.files = langs, map[string]*memoEntry{}
	}
	m.seen[p] = true
	if e := m.files[p]; e != nil && bytes.Equal(e.src, src) {
		e.replay(l)
		return
	}
	m.decoded = append(m.decoded, p)
	nd, ndocs, ntr, before := len(*l.diags), len(l.docs), len(l.trans), l.issues[dir]
	l.fileRead(p, dir, name, src)
	e := &memoEntry{src: src, diags: append(diag.List(nil), (*l.diags)[nd:]...)}
	if len(l.docs) > ndocs {
		d := *l.docs[len(l.docs)-1]
		e.doc = &d
	}
	if len(l.trans) > ntr {
		t := l.trans[len(l.trans)-1]
		c := *t
		e.tr, e.trOf = &c, l.transOf[t]
	}
	if is := l.issues[dir]; is != nil && is != before {
		c := *is
		e.issue, e.issueIn = &c, dir
	}
	m.files[p] = e
}

// replay adds to l what the file contributed when it was decoded.
func (e *memoEntry) replay(l *loader) {
	*l.diags = append(*l.diags, e.diags...)
	if e.doc != nil {
		d := *e.doc
		l.docs = append(l.docs, &d)
		l.transOf[nil] = "" // as fileRead does for a document
	}
	if e.tr != nil {
		t := *e.tr
		l.trans = append(l.trans, &t)
		l.transOf[&t] = e.trOf
	}
	if e.issue != nil {
		is := *e.issue
		l.issues[e.issueIn] = &is
	}
}

// Source gives the bytes of the Markdown file p as the last LoadMemo read them.
func (m *Memo) Source(p string) ([]byte, bool) {
	if e := m.files[p]; e != nil {
		return e.src, true
	}
	return nil, false
}
