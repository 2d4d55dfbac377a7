package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"gazette/generator/internal/parallel"
)

// A streaming tree on disk: the temporary folder its files are written to as they are
// added (linked from the previous site where unchanged), and the swap that puts it in
// place of the previous site.

// disk is where a streaming tree writes.
type disk struct {
	dir  string // the target, replaced at Commit
	root string // the folder the files are in: the temporary one, dir once committed
	prev string // the previous site, dir, when there is one: its unchanged files are linked
	// provisional maps a folder whose files will be moved to where the previous site
	// holds their earlier versions (Provisional).
	provisional map[string]string
	dirs        map[string]bool
	err         error          // the first failed write: the tree cannot be committed
	closed      bool           // by Commit or Discard: no more files
	writing     sync.WaitGroup // the writes in progress, which Commit and Discard wait for
}

// ErrReplaced is wrapped by the error of a Commit or Write that put the new site in
// place but could not remove the previous one, which is left beside it.
var ErrReplaced = errors.New("the new site is in place")

// Create returns an empty tree that writes its files into a new temporary folder beside
// dir as they are added; Commit replaces dir with it, Discard removes it. dir may not
// exist yet; it must not be a file.
func Create(dir string) (*Tree, error) {
	dir = filepath.Clean(dir)
	if err := notAFile(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	d := &disk{dir: dir, root: tmp, dirs: map[string]bool{".": true}}
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		d.prev = dir
	}
	return &Tree{index: map[string]int32{}, disk: d}, nil
}

// previous is where the previous site would hold the file p unchanged, or "" when there
// is no previous site to link from.
func (d *disk) previous(p string) string {
	if d.prev == "" {
		return ""
	}
	for from, prev := range d.provisional {
		if rest, ok := strings.CutPrefix(p, from+"/"); ok {
			return filepath.Join(d.prev, filepath.FromSlash(prev), filepath.FromSlash(rest))
		}
	}
	return filepath.Join(d.prev, filepath.FromSlash(p))
}

// Provisional tells a streaming tree that the files it is given under the folder from
// will be moved (Move) to a folder named only once they are all made, and that the
// previous site held their earlier versions in its folder prev: a file there with the
// same name and bytes is linked, as a file at its own path is. A site's search index,
// in a folder named by its files' hashes, is mostly the same files from one build to
// the next, and creating a file costs several times what linking one does on some
// disks. It does nothing to a tree held in memory, or when there is no previous site.
func (t *Tree) Provisional(from, prev string) error {
	if err := checkPath(from); err != nil {
		return err
	}
	if err := checkPath(prev); err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.disk; d != nil && d.prev != "" {
		if d.provisional == nil {
			d.provisional = map[string]string{}
		}
		d.provisional[from] = prev
	}
	return nil
}

// Previous returns a file of the site a streaming tree replaces, as it was when the
// tree was created; false for a tree held in memory, when there is no previous site or
// it has no such file.
func (t *Tree) Previous(p string) ([]byte, bool) {
	if checkPath(p) != nil {
		return nil, false
	}
	t.mu.Lock()
	d := t.disk
	prev := ""
	if d != nil {
		prev = d.prev
	}
	t.mu.Unlock()
	if prev == "" {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(prev, filepath.FromSlash(p)))
	return b, err == nil
}

// writeFile makes the missing folders, outermost first, and writes one file of a
// streaming tree; it gives the file's SHA-256, computed from the bytes in hand rather
// than read back. The folders a tree has made are known, so a file in a known folder
// costs no more than its own creation; another goroutine may be making the same
// folder at the same time.
//
// A file that the previous site holds with the same bytes is linked to instead (a
// hard link): replacing the previous site then frees no data of unchanged files,
// which on some disks (ext4 mounted with discard) costs more than writing them, and
// the file keeps its modification time, as a server's Last-Modified and rsync like.
// old is where the previous site would hold the file, "" for no previous site. noLinks
// reports that linking failed, as it does where the file system has no hard links.
func writeFile(root, old, p string, data []byte, missing []string) (sum [32]byte, noLinks bool, err error) {
	for i := len(missing) - 1; i >= 0; i-- {
		err := os.Mkdir(filepath.Join(root, filepath.FromSlash(missing[i])), 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return sum, false, fmt.Errorf("writing %s: %w", p, err)
		}
	}
	full := filepath.Join(root, filepath.FromSlash(p))
	if old != "" {
		if holds(old, data) {
			if os.Link(old, full) == nil {
				return sha256.Sum256(data), false, nil
			}
			noLinks = true
		}
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return sum, noLinks, fmt.Errorf("writing %s: %w", p, err)
	}
	return sha256.Sum256(data), noLinks, nil
}

// holds reports whether the file name is a regular file with exactly the bytes data and
// the mode the tree writes files with.
func holds(name string, data []byte) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o644 || st.Size() != int64(len(data)) {
		return false
	}
	buf := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(buf)
	if cap(*buf) < len(data)+1 {
		*buf = make([]byte, len(data)+1)
	}
	b := (*buf)[:len(data)+1] // one byte more: a file that grew since Stat is not the same
	n, err := io.ReadFull(f, b)
	return err == io.ErrUnexpectedEOF && n == len(data) && bytes.Equal(b[:n], data) ||
		len(data) == 0 && err == io.EOF
}

var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// Commit replaces the target folder with a streaming tree's files: the old site is
// moved aside, the new one moved in, and the old one removed. If a file failed to
// write, or anything fails before the swap, the temporary folder is removed and the
// target is left as it was. Files added after Commit are refused.
func (t *Tree) Commit() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	d := t.disk
	if d == nil {
		return errors.New("a tree held in memory is put on disk with Write, not committed")
	}
	if d.closed {
		return errors.New("the site was already committed or discarded")
	}
	d.closed = true
	t.settle()
	if d.err != nil {
		os.RemoveAll(d.root)
		return d.err
	}
	err := swap(d.root, d.dir)
	if err != nil && !errors.Is(err, ErrReplaced) {
		os.RemoveAll(d.root)
		return err
	}
	d.root = d.dir
	return err
}

// Discard removes a streaming tree's temporary folder, leaving the target as it was.
// It does nothing after Commit, and nothing to a tree held in memory, so that it can
// be deferred.
func (t *Tree) Discard() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	d := t.disk
	if d == nil || d.closed {
		return nil
	}
	d.closed = true
	t.settle()
	return os.RemoveAll(d.root)
}

// settle waits, with t.mu held, for the writes in progress to end; none can start
// once the tree is committed or discarded, and those in progress need the lock only to
// record their result.
func (t *Tree) settle() {
	t.mu.Unlock()
	t.disk.writing.Wait()
	t.mu.Lock()
}

// Write replaces the folder dir with the files of a tree held in memory, through a
// temporary folder beside it as Create and Commit do.
func Write(t *Tree, dir string) error {
	if t.disk != nil {
		return errors.New("a streaming tree is on disk already: commit it")
	}
	out, err := Create(dir)
	if err != nil {
		return err
	}
	for _, p := range t.Paths() {
		b, _ := t.Get(p)
		if err := out.Add(p, b); err != nil {
			out.Discard()
			return err
		}
	}
	return out.Commit()
}

// notAFile refuses a target that exists and is not a folder: -o naming a file by
// mistake must not delete the file.
func notAFile(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return fmt.Errorf("%s is a file, not a folder: not replacing it", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("checking %s: %w", dir, err)
	}
	return nil
}

// swap moves the folder tmp to dir, replacing what dir held.
func swap(tmp, dir string) error {
	if err := notAFile(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	old := ""
	if _, err := os.Stat(dir); err == nil {
		suffix := strings.TrimPrefix(filepath.Base(tmp), "."+filepath.Base(dir)+".new-")
		old = filepath.Join(parent, "."+filepath.Base(dir)+".old-"+suffix)
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("moving the previous site aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("moving the new site into place: %w", err)
	}
	if old != "" {
		if err := removeAll(old); err != nil {
			return fmt.Errorf("%w, but removing the previous site failed: %w", ErrReplaced, err)
		}
	}
	return nil
}

// removeAll removes the folder dir and everything in it, as os.RemoveAll does, with
// the folders two levels down removed side by side: on a journaling file system much
// of a removal is waiting on the journal, which removals in other folders can share
// (the previous site of 19,000 files: 1.6 s one by one, 0.9 s eight at a time).
func removeAll(dir string) error {
	var subtrees []string
	tops, _ := os.ReadDir(dir) // what cannot be listed is left to os.RemoveAll
	for _, top := range tops {
		if !top.IsDir() {
			continue
		}
		inner, _ := os.ReadDir(filepath.Join(dir, top.Name()))
		for _, e := range inner {
			if e.IsDir() {
				subtrees = append(subtrees, filepath.Join(dir, top.Name(), e.Name()))
			}
		}
	}
	errs := make([]error, len(subtrees))
	parallel.ForEachN(len(subtrees), removers, func(i int) { errs[i] = os.RemoveAll(subtrees[i]) })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// removers is how many folders removeAll removes at a time: waits, not cores, are
// what it shares.
const removers = 8
