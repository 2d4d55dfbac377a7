// Package output holds a built site in memory and writes it to disk in one swap.
//
// Stages add files to a Tree; only Write touches the disk. Write builds the complete
// site in a temporary folder beside the target and moves it into place only when every
// file was written, so a failed build leaves the previous site untouched and readers of
// the target never see half a site.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Tree is a site as files: slash-separated relative paths to contents.
type Tree struct {
	files map[string][]byte
}

// NewTree returns an empty tree.
func NewTree() *Tree { return &Tree{files: map[string][]byte{}} }

// Add stores a file. Adding a path twice is a programming error in the generator (two
// stages disagree about who owns a URL), reported rather than silently overwritten.
func (t *Tree) Add(p string, data []byte) error {
	clean := path.Clean(p)
	if clean != p || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") || p == ".." || p == "." {
		return fmt.Errorf("output path %q is not a clean relative path", p)
	}
	if _, ok := t.files[p]; ok {
		return fmt.Errorf("output path %q written twice", p)
	}
	t.files[p] = data
	return nil
}

// Get returns a file's content.
func (t *Tree) Get(p string) ([]byte, bool) {
	b, ok := t.files[p]
	return b, ok
}

// Paths lists every file, sorted.
func (t *Tree) Paths() []string {
	ps := make([]string, 0, len(t.files))
	for p := range t.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// Len is the number of files.
func (t *Tree) Len() int { return len(t.files) }

// Write replaces the folder dir with the tree's files. It writes into a new sibling
// folder, then renames: the old site is moved aside, the new one moved in, and the old
// one removed. If anything fails before the swap, dir is left as it was.
func Write(t *Tree, dir string) (err error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, p := range t.Paths() {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
		if err := os.WriteFile(full, t.files[p], 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
	}
	old := ""
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return fmt.Errorf("%s is a file, not a folder: not replacing it", dir)
		}
		suffix := strings.TrimPrefix(filepath.Base(tmp), "."+filepath.Base(dir)+".new-")
		old = filepath.Join(parent, "."+filepath.Base(dir)+".old-"+suffix)
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("moving the previous site aside: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("moving the new site into place: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the previous site: %w", err)
		}
	}
	return nil
}
