package serve

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Change is one file or folder that changed during a burst of file events, with every
// operation seen on it.
type Change struct {
	Path string
	Op   fsnotify.Op
}

// batch collects the file events of one burst. Like Hugo's watcher (watcher/batcher.go)
// it hands on the events of a burst together rather than one by one; it hands a batch
// on only once no new event came for quiet: an editor's save is a burst of events
// over a few milliseconds (a swap file written, the original renamed to a backup, the
// new file created and written, the backup removed), and building in the middle of it
// would read a half-saved folder. The wait is counted from the burst's last event, not
// in ticks of a clock running beside it, so that it is quiet and no more: a save is
// built quiet after its last event, where looking at the events once per tick waited
// between one and two ticks. Events that keep coming (a long copy) are handed on after
// maxWait all the same, so that the preview shows progress.
//
// A batch is a plain value driven by its caller's clock, so that tests can play bursts
// without sleeping: the caller calls tick at due, or at any time.
type batch struct {
	quiet   time.Duration
	maxWait time.Duration
	changes map[string]fsnotify.Op
	created map[string]bool // files the burst created; gone again at its end, they are dropped
	last    map[string]fsnotify.Op
	first   time.Time // when the oldest pending event came
	latest  time.Time // when the newest one came
}

// add records an event, unless it cannot change the site (see relevant).
func (b *batch) add(ev fsnotify.Event, now time.Time) {
	if !relevant(ev) {
		return
	}
	if len(b.changes) == 0 {
		b.changes, b.created, b.last = map[string]fsnotify.Op{}, map[string]bool{}, map[string]fsnotify.Op{}
		b.first = now
	}
	if _, seen := b.changes[ev.Name]; !seen && ev.Has(fsnotify.Create) {
		b.created[ev.Name] = true
	}
	b.changes[ev.Name] |= ev.Op
	b.last[ev.Name] = ev.Op
	b.latest = now
}

// due is when tick will hand the pending changes on if no other event comes; ok is
// false when nothing is pending.
func (b *batch) due() (at time.Time, ok bool) {
	if len(b.changes) == 0 {
		return time.Time{}, false
	}
	at = b.latest.Add(b.quiet)
	if b.maxWait > 0 {
		if limit := b.first.Add(b.maxWait); limit.Before(at) {
			at = limit
		}
	}
	return at, true
}

// tick hands on the pending changes, sorted by path, when the burst is over (no event
// for quiet) or has lasted maxWait; otherwise it gives nil.
func (b *batch) tick(now time.Time) []Change {
	if at, ok := b.due(); !ok || now.Before(at) {
		return nil
	}
	out := make([]Change, 0, len(b.changes))
	for p, op := range b.changes {
		// A file made and removed (or renamed away) within the burst is a tool's
		// temporary file, such as the one sed -i writes: it changed nothing.
		if b.created[p] && b.last[p]&(fsnotify.Remove|fsnotify.Rename) != 0 {
			continue
		}
		out = append(out, Change{Path: p, Op: op})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	b.changes, b.created, b.last = nil, nil, nil
	if len(out) == 0 {
		return nil
	}
	return out
}

// relevant reports whether an event may change the site: not a change of permissions
// alone, and not an editor's temporary file.
func relevant(ev fsnotify.Event) bool {
	if ev.Op&^fsnotify.Chmod == 0 {
		return false
	}
	return !Ignored(ev.Name)
}

// Ignored reports whether a file is one an editor or the system keeps beside the ones
// it edits, whose changes never matter to the site:
//
//   - hidden files (.x.md.swp, .#x.md, .DS_Store, .goutputstream-…), which the content
//     loader and the static copy skip anyway;
//   - Emacs auto-saves (#x.md#) and backups (x.md~);
//   - Vim swap files kept elsewhere (x.md.swp, .swo, .swx) and the files it writes to
//     test whether a folder is writable (4913, then 5036, 5159 …: 4913 + k×123);
//   - JetBrains' safe-write files (x.md___jb_tmp___, x.md___jb_old___), and other
//     editors' temporary files (x.md.tmp, x.md.crswap).
func Ignored(path string) bool {
	name := filepath.Base(path)
	switch {
	case name == "" || name == "." || name == string(filepath.Separator):
		return false
	case strings.HasPrefix(name, "."):
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, "~"), strings.HasSuffix(name, "___"):
		return true
	}
	switch filepath.Ext(name) {
	case ".swp", ".swo", ".swx", ".tmp", ".crswap":
		return true
	}
	return vimWriteTest(name)
}

// vimWriteTest recognises the names Vim tries when it checks that it may write in a
// folder. Years (2023) are well below 4913, so issue folders are never mistaken.
func vimWriteTest(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && name[0] != '0' && n >= 4913 && n < 100000 && (n-4913)%123 == 0
}
