// Package output holds a built site as files and puts it on disk in one swap.
//
// Stages add files to a Tree, from any number of goroutines. A tree made by NewTree
// keeps every file in memory, for check, tests and the preview server, and touches the
// disk only when given to Write. A tree made by Create streams: each file is written as
// it is added, into a temporary folder beside the target, and only its path and SHA-256
// stay in memory, so that a site larger than memory can be built. A file the previous
// site holds unchanged is hard-linked rather than written again. Commit moves the
// folder into place once every file was written; Discard, or any failure before the
// swap, removes it. Either way a failed build leaves the previous site's files as they
// were, and readers of the target never see half a site.
//
// A tree held in memory hashes each file at most once, and passes the SHA-256 on with
// the file when another tree takes the file over (AddFrom, or Files and AddFiles): a
// build that repeats most of the previous one (build.Builder) neither copies nor
// hashes those files again.
//
// Both kinds refuse a path that is not clean and relative, and a path added twice
// (two stages disagreeing about who owns a URL), before anything is written. The files
// on disk depend only on what was added, not on the order in which goroutines added it.
package output

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"gazette/generator/internal/parallel"
)

// Tree is a site as files: slash-separated relative paths to contents. Its methods are
// safe for concurrent use.
type Tree struct {
	mu sync.Mutex
	// index gives each path's place in entries. A large site's files are held by
	// index rather than in a map of entries: a map of small values fills and grows
	// several times faster, and a rebuild fills one with every file of the site.
	// A place is not used again once its path is gone.
	index   map[string]int32
	entries []entry
	disk    *disk // nil for a tree held in memory
	// sorted is every path in order, kept from one Paths to the next, and nil until
	// then or after a Move.
	sorted []string
	sized  bool // index was made for the size of a tree that files were carried from
}

// entry is one file: its bytes in memory, or the SHA-256 of what was written to disk.
type entry struct {
	data    []byte
	sum     [32]byte
	written bool // on disk, sum is set
	summed  bool // in memory, sum is set (AddSum, AddFrom, or an earlier Sum)
}

// NewTree returns an empty tree held in memory.
func NewTree() *Tree { return &Tree{index: map[string]int32{}} }

// NewTreeSized returns an empty tree held in memory with room for n files, the size of
// a tree its files will mostly come from: it spares the tree growing file by file.
func NewTreeSized(n int) *Tree {
	return &Tree{index: make(map[string]int32, n), entries: make([]entry, 0, n), sized: true}
}

// lookup gives the entry of p, with t.mu held.
func (t *Tree) lookup(p string) (entry, bool) {
	i, ok := t.index[p]
	if !ok {
		return entry{}, false
	}
	return t.entries[i], true
}

// update replaces the entry of p, which t holds, with t.mu held.
func (t *Tree) update(p string, e entry) {
	if i, ok := t.index[p]; ok {
		t.entries[i] = e
	}
}

// insert stores the entry of p, which t does not hold, with t.mu held.
func (t *Tree) insert(p string, e entry) {
	t.index[p] = int32(len(t.entries))
	t.entries = append(t.entries, e)
}

// remove forgets p, with t.mu held.
func (t *Tree) remove(p string) {
	if i, ok := t.index[p]; ok {
		t.entries[i] = entry{} // the bytes are no longer the tree's to keep
		delete(t.index, p)
	}
}

// Add stores a file. Adding a path twice is a programming error in the generator (two
// stages disagree about who owns a URL), reported rather than silently overwritten. A
// tree held in memory keeps data, which the caller must not change afterwards; a
// streaming tree writes the file before Add returns, and reports a failed write. It
// writes in the caller's goroutine, so the build's workers write side by side: a pool
// of writer goroutines of its own gained nothing where it was measured (creating a
// file is CPU time spent in the kernel, not waiting for the disk).
func (t *Tree) Add(p string, data []byte) error { return t.add(p, data, nil) }

// AddSum is Add for a file whose SHA-256 the caller has already, sum: a tree held in
// memory keeps it for Sum instead of hashing data again. A caller that hands the same
// files to tree after tree (a Builder's search index) then hashes each only once. sum
// must be data's SHA-256; a streaming tree computes its own while writing.
func (t *Tree) AddSum(p string, data []byte, sum [32]byte) error { return t.add(p, data, &sum) }

func (t *Tree) add(p string, data []byte, known *[32]byte) error {
	if err := checkPath(p); err != nil {
		return err
	}
	t.mu.Lock()
	if _, ok := t.index[p]; ok {
		t.mu.Unlock()
		return fmt.Errorf("output path %q written twice", p)
	}
	d := t.disk
	if d == nil {
		e := entry{data: data}
		if known != nil {
			e.sum, e.summed = *known, true
		}
		t.insert(p, e)
		t.keepSorted(p)
		t.mu.Unlock()
		return nil
	}
	if d.closed {
		t.mu.Unlock()
		return fmt.Errorf("writing %s: the site was already committed or discarded", p)
	}
	t.insert(p, entry{}) // claims the path while the file is written outside the lock
	t.keepSorted(p)
	var missing []string // the folders to make, innermost first
	for dir := path.Dir(p); !d.dirs[dir]; dir = path.Dir(dir) {
		missing = append(missing, dir)
	}
	root, old := d.root, d.previous(p)
	d.writing.Add(1)
	defer d.writing.Done()
	t.mu.Unlock()

	sum, noLinks, err := writeFile(root, old, p, data, missing)
	t.mu.Lock()
	defer t.mu.Unlock()
	if noLinks {
		d.prev = "" // the file system has none: reading the previous site is wasted
	}
	if err != nil {
		if d.err == nil {
			d.err = err
		}
		return err
	}
	for _, dir := range missing {
		d.dirs[dir] = true
	}
	t.update(p, entry{sum: sum, written: true})
	return nil
}

// checkPath refuses a path that is not clean and relative.
func checkPath(p string) error {
	if path.Clean(p) != p || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") || p == ".." || p == "." {
		return fmt.Errorf("output path %q is not a clean relative path", p)
	}
	return nil
}

// keepSorted puts the new path p into the sorted paths, when there are any. Few files
// come after a Paths (those listing the others: a sitemap, the manifest).
func (t *Tree) keepSorted(p string) {
	if t.sorted != nil {
		i, _ := slices.BinarySearch(t.sorted, p)
		t.sorted = slices.Insert(t.sorted, i, p)
	}
}

// AddFrom adds to t the files paths of the tree from, as from holds them, and reports
// whether from holds them all; when it does not, it adds none. Between trees held in
// memory the bytes are shared rather than copied and the SHA-256 goes along when from
// knows it (see Sum), so that a build which carries most files over from the previous
// one (build.Builder) hashes only those it made anew. A streaming t writes each file
// as Add does.
func (t *Tree) AddFrom(from *Tree, paths ...string) (bool, error) {
	entries := make([]entry, len(paths))
	from.mu.Lock()
	size := len(from.index)
	for i, p := range paths {
		e, ok := from.lookup(p)
		if !ok {
			from.mu.Unlock()
			return false, nil
		}
		entries[i] = e
	}
	from.mu.Unlock()
	if from.disk != nil {
		for i, p := range paths {
			data, ok := from.Get(p)
			if !ok {
				return false, nil
			}
			entries[i].data, entries[i].summed = data, entries[i].written
		}
	}
	if t.disk != nil {
		for i, p := range paths {
			if err := t.add(p, entries[i].data, nil); err != nil {
				return true, err
			}
		}
		return true, nil
	}
	// Every path is from's, which checked it on the way in: no need to again.
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.sized && len(t.index) < size { // t is likely to grow as large: spare it growing
		index := make(map[string]int32, size)
		maps.Copy(index, t.index)
		t.index, t.sized = index, true
		t.entries = slices.Grow(t.entries, size-len(t.entries))
	}
	for i, p := range paths {
		if _, ok := t.index[p]; ok {
			for _, q := range paths[:i] {
				t.remove(q)
			}
			return true, fmt.Errorf("output path %q written twice", p)
		}
		t.insert(p, entry{data: entries[i].data, sum: entries[i].sum, summed: entries[i].summed})
	}
	for _, p := range paths {
		t.keepSorted(p)
	}
	return true, nil
}

// File is one file of a tree held in memory, its bytes with their SHA-256 when known,
// taken out of the tree by Files to be put into another by AddFiles. A caller that
// keeps the files of a group (a document's) from one tree to the next so carries them
// over without looking each up in the previous tree again, as AddFrom must.
type File struct {
	path string
	e    entry
}

// Files gives the files paths of a tree held in memory, and whether it holds them all.
// A streaming tree gives none.
func (t *Tree) Files(paths ...string) ([]File, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.disk != nil {
		return nil, false
	}
	files := make([]File, len(paths))
	for i, p := range paths {
		e, ok := t.lookup(p)
		if !ok {
			return nil, false
		}
		files[i] = File{p, e}
	}
	return files, true
}

// AddFiles adds files that Files gave, as AddFrom adds them from their tree: the bytes
// shared, the SHA-256 along. A path already in t is refused as Add refuses it, and
// then none of files is added.
func (t *Tree) AddFiles(files []File) error {
	if t.disk != nil {
		for _, f := range files {
			if err := t.add(f.path, f.e.data, nil); err != nil {
				return err
			}
		}
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, f := range files {
		if _, ok := t.index[f.path]; ok {
			for _, g := range files[:i] {
				t.remove(g.path)
			}
			return fmt.Errorf("output path %q written twice", f.path)
		}
		t.insert(f.path, f.e)
	}
	for _, f := range files {
		t.keepSorted(f.path)
	}
	return nil
}

// Move gives every file under the folder from a path under the folder to instead, on
// disk too for a streaming tree. It lets a stage write files before it knows the name
// of their folder (the search index names its folder by its files' hashes) without
// holding them in memory. The caller must have finished adding files under from, and
// nothing may be under to yet.
func (t *Tree) Move(from, to string) error {
	for _, p := range []string{from, to} {
		if clean := path.Clean(p); clean != p || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "..") || p == "." {
			return fmt.Errorf("output folder %q is not a clean relative path", p)
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	moved := map[string]int32{}
	for p, i := range t.index {
		if strings.HasPrefix(p, to+"/") {
			return fmt.Errorf("moving %s to %s: %s exists", from, to, p)
		}
		if rest, ok := strings.CutPrefix(p, from+"/"); ok {
			moved[rest] = i
		}
	}
	if d := t.disk; d != nil && len(moved) > 0 {
		if d.closed {
			return fmt.Errorf("moving %s: the site was already committed or discarded", from)
		}
		if d.err != nil {
			return d.err
		}
		if !d.dirs[path.Dir(to)] {
			if err := os.MkdirAll(filepath.Join(d.root, filepath.FromSlash(path.Dir(to))), 0o755); err != nil {
				return err
			}
			for dir := path.Dir(to); dir != "."; dir = path.Dir(dir) {
				d.dirs[dir] = true
			}
		}
		if err := os.Rename(filepath.Join(d.root, filepath.FromSlash(from)), filepath.Join(d.root, filepath.FromSlash(to))); err != nil {
			d.err = err
			return fmt.Errorf("moving %s to %s: %w", from, to, err)
		}
		for dir := range d.dirs {
			if rest, ok := strings.CutPrefix(dir, from+"/"); ok || dir == from {
				delete(d.dirs, dir)
				if ok {
					d.dirs[to+"/"+rest] = true
				}
			}
		}
		d.dirs[to] = true
		delete(d.provisional, from)
	}
	for rest, i := range moved { // the entries keep their places
		delete(t.index, from+"/"+rest)
		t.index[to+"/"+rest] = i
	}
	if len(moved) > 0 {
		t.sorted = nil
	}
	return nil
}

// Streams reports whether the tree writes each file as it is added and keeps nothing of
// its bytes, so that the caller may use their memory again once Add returned.
func (t *Tree) Streams() bool { return t.disk != nil }

// Get returns a file's content. A streaming tree reads it back from disk.
func (t *Tree) Get(p string) ([]byte, bool) {
	t.mu.Lock()
	e, ok := t.lookup(p)
	d := t.disk
	var root string
	if d != nil {
		root = d.root
	}
	t.mu.Unlock()
	if !ok || d == nil {
		return e.data, ok
	}
	if !e.written {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
	return b, err == nil
}

// Sum returns the SHA-256 of a file's content. A tree held in memory hashes a file
// once, on the first Sum, and keeps the result with the file, for AddFrom to pass on.
func (t *Tree) Sum(p string) ([32]byte, bool) {
	t.mu.Lock()
	e, ok := t.lookup(p)
	t.mu.Unlock()
	switch {
	case !ok:
		return [32]byte{}, false
	case t.disk != nil:
		return e.sum, e.written
	case e.summed:
		return e.sum, true
	}
	sum := sha256.Sum256(e.data) // outside the lock: other goroutines may be adding files
	t.mu.Lock()
	if cur, ok := t.lookup(p); ok && !cur.summed && sameBytes(cur.data, e.data) {
		cur.sum, cur.summed = sum, true
		t.update(p, cur)
	}
	t.mu.Unlock()
	return sum, true
}

// sameBytes reports whether a and b are the same slice of the same array.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Paths lists every file, sorted. The order is kept as files are added, until a Move,
// so that the lists made at the end of a build (a sitemap, the manifest, the count of
// pages) cost a copy each rather than a sort.
func (t *Tree) Paths() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sorted == nil {
		files := make([]sortFile, 0, len(t.index))
		for p := range t.index {
			files = append(files, sortFile{path: p})
		}
		sortFiles(files)
		t.sorted = make([]string, len(files))
		for i, f := range files {
			t.sorted[i] = f.path
		}
	}
	return slices.Clone(t.sorted)
}

// Sums gives what Paths and Sum give, every file and its SHA-256 in the order of
// Paths (zero for a file a streaming tree failed to write), without a call per file:
// the manifest of a large site is made after every build. The paths are sorted, and
// the files held in memory hashed, on all cores.
func (t *Tree) Sums() ([]string, [][32]byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var paths []string
	var places []int32 // of each path's entry
	if t.sorted != nil {
		paths = slices.Clone(t.sorted)
		places = make([]int32, len(paths))
		for i, p := range paths {
			places[i] = t.index[p]
		}
	} else {
		// One walk of the map, and a sort of the paths with their places, rather
		// than a sort and then a lookup per path.
		files := make([]sortFile, 0, len(t.index))
		for p, i := range t.index {
			files = append(files, sortFile{p, i})
		}
		sortFiles(files)
		paths = make([]string, len(files))
		places = make([]int32, len(files))
		for i, f := range files {
			paths[i], places[i] = f.path, f.e
		}
		t.sorted = slices.Clone(paths)
	}
	sums := make([][32]byte, len(paths))
	var hash []int32 // the places of the files held in memory not hashed yet (see Sum)
	for i, at := range places {
		e := &t.entries[at]
		if t.disk == nil && !e.summed {
			hash = append(hash, int32(i))
		}
		sums[i] = e.sum
	}
	const chunk = 64
	parallel.ForEach((len(hash)+chunk-1)/chunk, func(c int) {
		for _, i := range hash[c*chunk : min(len(hash), (c+1)*chunk)] {
			sums[i] = sha256.Sum256(t.entries[places[i]].data)
		}
	})
	for _, i := range hash {
		e := &t.entries[places[i]]
		e.sum, e.summed = sums[i], true
	}
	return paths, sums
}

// Len is the number of files.
func (t *Tree) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.index)
}
