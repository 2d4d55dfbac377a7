package content

import (
	"bytes"
	"io/fs"
	"sort"
	"strings"
	"time"

	"gazette/generator/diag"
)

// Memo remembers what each Markdown file contributed when the gazette was last loaded
// with it: its bytes, and the issue, document or translation decoded from them with
// their diagnostics. LoadMemo decodes again only the files whose bytes changed, so that
// `gazette serve` reloads a large gazette after an edit without parsing every front
// matter again; and it reads again only the files a stat shows may have changed, so
// that a reload costs a stat per file rather than reading the whole gazette.
//
// What a file contributes depends on its bytes and on the site's languages (they tell
// a translation from a document), nothing else: every check that involves several
// files runs after the walk, on every load. A Memo is used by one load at a time.
type Memo struct {
	langs   string
	files   map[string]*memoEntry // by path in the content folder
	seen    map[string]bool       // files met by the load in progress
	decoded []string              // files decoded by the last load, in walk order
	start   time.Time             // when the load in progress began
	now     func() time.Time      // the clock; time.Now when nil
}

// A stat vouches for the bytes read with it (memoEntry.vouches) only when it tells
// every version of the file from every other one. Its times do not when the file
// changed shortly before it was read: a later write in the same tick of the file
// system's clock would leave them as they are (the "racy git" problem). Git's answer
// is the one here: a file whose modification or change time is not racyWindow older
// than the start of the load that read it is read again by the next load, and so on
// until a load reads it long enough after its last change. Two seconds cover the
// coarsest clock of a file system in use (FAT's), and whatever the kernel's coarse
// clock lags behind the wall clock; a time in the future is never trusted.
const racyWindow = 2 * time.Second

// stamp tells one version of a file from another without reading it: the size,
// mode, modification and change times and inode a stat gives. The change time is
// what an edit cannot keep (tools such as touch -r and cp -p put the modification
// time back; nothing sets the change time), and the inode tells a file saved by
// renaming a new one over it.
type stamp struct {
	size         int64
	mode         fs.FileMode
	mtime, ctime int64 // UnixNano
	ino, dev     uint64
}

// stampOf gives the stamp of the stat st, and whether it can tell versions apart at
// all: not on file systems without modification times (fstest.MapFS, embed.FS), nor
// where the system gives no change time and inode.
func stampOf(st fs.FileInfo) (stamp, bool) {
	ino, dev, ctime, ok := sysStamp(st.Sys())
	if !ok || st.ModTime().IsZero() {
		return stamp{}, false
	}
	return stamp{size: st.Size(), mode: st.Mode(), mtime: st.ModTime().UnixNano(), ctime: ctime, ino: ino, dev: dev}, true
}

type memoEntry struct {
	src   []byte
	diags diag.List
	// stamp is the file's stat taken before src was read; vouches says that a file
	// with the same stamp holds src (see racyWindow).
	stamp   stamp
	vouches bool
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
	m.seen, m.decoded = make(map[string]bool, len(m.files)), nil
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

// begin starts a load of a site in the languages langs.
func (m *Memo) begin(langs []string) {
	if l := strings.Join(langs, " "); l != m.langs {
		m.langs, m.files = l, map[string]*memoEntry{}
	}
	if m.now == nil {
		m.start = time.Now()
	} else {
		m.start = m.now()
	}
}

// stamped gives the stamp of st and whether it vouches for the bytes read after it by
// the load in progress.
func (m *Memo) stamped(st fs.FileInfo) (stamp, bool) {
	s, ok := stampOf(st)
	settled := m.start.Add(-racyWindow).UnixNano()
	return s, ok && s.mtime < settled && s.ctime < settled
}

// replayUnchanged files the Markdown file p as it was when last read, without reading
// it, when its stat st shows the same version of it; it reports whether it did.
func (m *Memo) replayUnchanged(l *loader, p string, st fs.FileInfo) bool {
	e := m.files[p]
	if e == nil || !e.vouches {
		return false
	}
	if s, ok := stampOf(st); !ok || s != e.stamp {
		return false
	}
	m.seen[p] = true
	e.replay(l)
	return true
}

// fileReadMemo files the Markdown file p like fileRead, replaying what m remembers of
// src when it can; st is the file's stat taken before src was read.
func (l *loader) fileReadMemo(p, dir, name string, src []byte, st fs.FileInfo) {
	m := l.memo
	if m == nil {
		l.fileRead(p, dir, name, src)
		return
	}
	m.seen[p] = true
	s, vouches := m.stamped(st)
	if e := m.files[p]; e != nil && bytes.Equal(e.src, src) {
		e.stamp, e.vouches = s, vouches
		e.replay(l)
		return
	}
	m.decoded = append(m.decoded, p)
	nd, ndocs, ntr, before := len(*l.diags), len(l.docs), len(l.trans), l.issues[dir]
	l.fileRead(p, dir, name, src)
	e := &memoEntry{src: src, diags: append(diag.List(nil), (*l.diags)[nd:]...), stamp: s, vouches: vouches}
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
