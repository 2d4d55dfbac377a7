package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

func tree(t *testing.T, files map[string]string) *Tree {
	t.Helper()
	tr := NewTree()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := tr.Add(p, []byte(files[p])); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// readDir returns every file under dir as slash path → content, and every folder as
// path → "<dir>".
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			got[rel] = "<dir>"
			return nil
		}
		b, err := os.ReadFile(p)
		got[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// noLeftovers fails if the parent of dir holds anything but dir itself and keep.
// overPrevious writes a one-page site into parent/public and starts a streaming tree
// that is to replace it; before is that site's files.
func overPrevious(t *testing.T) (parent, dir string, before map[string]string, tr *Tree) {
	t.Helper()
	parent = t.TempDir()
	dir = filepath.Join(parent, "public")
	if err := Write(tree(t, map[string]string{"index.html": "<p>上一版</p>"}), dir); err != nil {
		t.Fatal(err)
	}
	before = readDir(t, dir)
	tr, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	return parent, dir, before, tr
}

func noLeftovers(t *testing.T, parent string, keep ...string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != strings.Join(keep, " ") {
		t.Errorf("%s holds %q, want only %q (no .new- or .old- folders)", parent, names, keep)
	}
}

func TestWriteCreates(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "nested", "public")
	files := map[string]string{
		"index.html":         "<p>首页</p>",
		"404.html":           "not found",
		"2023/02/index.html": "第2期",
		"2023/02/wu-zheng-fa-2023-9-hao/index.html": "通知",
		"css/site.css": "body{}",
	}
	if err := Write(tree(t, files), dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2023": "<dir>", "2023/02": "<dir>", "2023/02/wu-zheng-fa-2023-9-hao": "<dir>", "css": "<dir>"}
	for p, c := range files {
		want[p] = c
	}
	if got := readDir(t, dir); !equal(got, want) {
		t.Errorf("wrote %q, want %q", got, want)
	}
	noLeftovers(t, filepath.Join(parent, "nested"), "public")
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o755 {
		t.Errorf("folder mode %v, want 0755 (readable by a web server)", perm)
	}
}

func TestWriteReplaces(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(tree(t, map[string]string{"index.html": "old", "2022/12/index.html": "stale issue", "old.html": "stale"}), dir); err != nil {
		t.Fatal(err)
	}
	// A file someone dropped into the output by hand goes too: the folder is the build.
	if err := os.WriteFile(filepath.Join(dir, "by-hand.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(tree(t, map[string]string{"index.html": "new", "2023/02/index.html": "issue"}), dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "new", "2023": "<dir>", "2023/02": "<dir>", "2023/02/index.html": "issue"}
	if got := readDir(t, dir); !equal(got, want) {
		t.Errorf("after the second build: %q, want %q", got, want)
	}
	noLeftovers(t, parent, "public")
}

func TestWriteEmptyTree(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(tree(t, map[string]string{"a.html": "a"}), dir); err != nil {
		t.Fatal(err)
	}
	if err := Write(NewTree(), dir); err != nil {
		t.Fatal(err)
	}
	if got := readDir(t, dir); len(got) != 0 {
		t.Errorf("after writing an empty tree: %q", got)
	}
	noLeftovers(t, parent, "public")
}

// TestWriteFailureKeepsPrevious makes writing fail halfway: "a" is a file, so the folder
// for "a/b" cannot be made. The previous site must survive byte for byte.
func TestWriteFailureKeepsPrevious(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	previous := map[string]string{"index.html": "<p>上一版</p>", "2023/02/index.html": "第2期", "css/site.css": "body{}"}
	if err := Write(tree(t, previous), dir); err != nil {
		t.Fatal(err)
	}
	before := readDir(t, dir)

	bad := tree(t, map[string]string{"index.html": "new", "a": "file", "a/b": "under a file", "z.html": "z"})
	err := Write(bad, dir)
	if err == nil {
		t.Fatal("Write succeeded with both a and a/b in the tree")
	}
	if !strings.Contains(err.Error(), "a/b") {
		t.Errorf("error %q does not name the file that failed", err)
	}
	if after := readDir(t, dir); !equal(after, before) {
		t.Errorf("previous site changed:\nbefore %q\nafter  %q", before, after)
	}
	noLeftovers(t, parent, "public")
}

func TestWriteFailureWithoutPrevious(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(tree(t, map[string]string{"a": "file", "a/b": "under a file"}), dir); err == nil {
		t.Fatal("Write succeeded with both a and a/b in the tree")
	}
	noLeftovers(t, parent)
}

func TestTreeAdd(t *testing.T) {
	tr := NewTree()
	for _, p := range []string{"index.html", "2023/02/index.html", "css/site.css", "a..b/c.html", ".well-known/x"} {
		if err := tr.Add(p, []byte(p)); err != nil {
			t.Errorf("Add(%q): %v", p, err)
		}
	}
	for _, p := range []string{"", ".", "..", "/index.html", "../index.html", "a/../../b", "./index.html", "a//b", "a/", "a/./b", "a/b/..", "a/../b"} {
		if err := tr.Add(p, nil); err == nil || !strings.Contains(err.Error(), "not a clean relative path") {
			t.Errorf("Add(%q) error = %v, want not a clean relative path", p, err)
		}
	}
	if err := tr.Add("index.html", []byte("again")); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("second Add(index.html) error = %v, want written twice", err)
	}
	if b, ok := tr.Get("index.html"); !ok || !bytes.Equal(b, []byte("index.html")) {
		t.Errorf("Get(index.html) = %q, %v: the first content must stay", b, ok)
	}
	if _, ok := tr.Get("missing.html"); ok {
		t.Error("Get(missing.html) found something")
	}
	want := []string{".well-known/x", "2023/02/index.html", "a..b/c.html", "css/site.css", "index.html"}
	if got := tr.Paths(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Paths() = %q, want %q", got, want)
	}
	if tr.Len() != len(want) {
		t.Errorf("Len() = %d, want %d", tr.Len(), len(want))
	}
}

// TestTreeAddSum: a tree held in memory answers Sum with the checksum it was given, so
// that files handed again need no hashing, and a moved file keeps it; a streaming tree
// writes the file as Add does.
func TestTreeAddSum(t *testing.T) {
	tr := NewTree()
	given := sha256.Sum256([]byte("given, not computed"))
	if err := tr.AddSum("a/x.js", []byte("x"), given); err != nil {
		t.Fatal(err)
	}
	if s, ok := tr.Sum("a/x.js"); !ok || s != given {
		t.Errorf("Sum = %x, %v, want the given %x", s, ok, given)
	}
	if err := tr.AddSum("a/x.js", []byte("x"), given); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("second AddSum error = %v, want written twice", err)
	}
	if err := tr.AddSum("../x.js", nil, given); err == nil {
		t.Error("AddSum took a path that is not clean")
	}
	if err := tr.Move("a", "b"); err != nil {
		t.Fatal(err)
	}
	if s, ok := tr.Sum("b/x.js"); !ok || s != given {
		t.Errorf("Sum after Move = %x, %v, want the given %x", s, ok, given)
	}
	if err := tr.Add("plain.js", []byte("y")); err != nil {
		t.Fatal(err)
	}
	if s, ok := tr.Sum("plain.js"); !ok || s != sha256.Sum256([]byte("y")) {
		t.Errorf("Sum of a file added without one = %x, %v", s, ok)
	}

	dir := filepath.Join(t.TempDir(), "public")
	st, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Discard()
	if err := st.AddSum("a/x.js", []byte("x"), sha256.Sum256([]byte("x"))); err != nil {
		t.Fatal(err)
	}
	if b, ok := st.Get("a/x.js"); !ok || string(b) != "x" {
		t.Errorf("streaming Get = %q, %v", b, ok)
	}
	if s, ok := st.Sum("a/x.js"); !ok || s != sha256.Sum256([]byte("x")) {
		t.Errorf("streaming Sum = %x, %v", s, ok)
	}
}

// TestWriteRefusesAFile: -o pointing at a file by mistake must not delete the file.
func TestWriteRefusesAFile(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "notes.txt")
	if err := os.WriteFile(dir, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(tree(t, map[string]string{"index.html": "x"}), dir); err == nil {
		t.Fatal("Write replaced a file with a folder")
	}
	if b, err := os.ReadFile(dir); err != nil || string(b) != "precious" {
		t.Errorf("the file now holds %q, %v", b, err)
	}
	noLeftovers(t, parent, "notes.txt")
}

// TestCreateStreams: a streaming tree writes each file as it is added, into a folder
// beside the target that only Commit moves into place, and keeps the sums of what it
// wrote.
func TestCreateStreams(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(tree(t, map[string]string{"index.html": "old", "gone.html": "stale"}), dir); err != nil {
		t.Fatal(err)
	}
	tr, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"index.html": "<p>首页</p>", "2023/02/x/index.html": "通知", "2023/02/x/tbl-1.csv": "a,b\n"}
	for _, p := range []string{"index.html", "2023/02/x/index.html", "2023/02/x/tbl-1.csv"} {
		if err := tr.Add(p, []byte(files[p])); err != nil {
			t.Fatal(err)
		}
	}
	if got := readDir(t, dir); !equal(got, map[string]string{"index.html": "old", "gone.html": "stale"}) {
		t.Errorf("the target changed before Commit: %q", got)
	}
	if b, ok := tr.Get("2023/02/x/index.html"); !ok || string(b) != "通知" {
		t.Errorf("Get read back %q, %v", b, ok)
	}
	if s, ok := tr.Sum("2023/02/x/tbl-1.csv"); !ok || s != sha256.Sum256([]byte("a,b\n")) {
		t.Errorf("Sum = %x, %v", s, ok)
	}
	if err := tr.Add("index.html", []byte("again")); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("second Add(index.html) error = %v, want written twice", err)
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2023": "<dir>", "2023/02": "<dir>", "2023/02/x": "<dir>"}
	for p, c := range files {
		want[p] = c
	}
	if got := readDir(t, dir); !equal(got, want) {
		t.Errorf("after Commit: %q, want %q", got, want)
	}
	noLeftovers(t, parent, "public")
	if b, ok := tr.Get("index.html"); !ok || string(b) != "<p>首页</p>" {
		t.Errorf("Get after Commit = %q, %v: the first content must stay", b, ok)
	}
	if err := tr.Add("late.html", nil); err == nil {
		t.Error("Add after Commit succeeded")
	}
	if tr.Discard() != nil {
		t.Error("Discard after Commit failed")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("Discard after Commit removed the site: %v", err)
	}
}

// TestCreateDiscardKeepsPrevious: a build that fails after writing some files leaves
// the previous site as it was and no temporary folder.
func TestCreateDiscardKeepsPrevious(t *testing.T) {
	parent, dir, before, tr := overPrevious(t)
	if err := tr.Add("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := tr.Discard(); err != nil {
		t.Fatal(err)
	}
	if after := readDir(t, dir); !equal(after, before) {
		t.Errorf("previous site changed: %q, want %q", after, before)
	}
	noLeftovers(t, parent, "public")
	if err := tr.Commit(); err == nil {
		t.Error("Commit after Discard succeeded")
	}
}

// TestCreateFailedWriteIsNotCommitted: once a file could not be written, Commit fails
// and removes the temporary folder, even if the build went on.
func TestCreateFailedWriteIsNotCommitted(t *testing.T) {
	parent, dir, before, tr := overPrevious(t)
	if err := tr.Add("a", []byte("file")); err != nil {
		t.Fatal(err)
	}
	if err := tr.Add("a/b", []byte("under a file")); err == nil || !strings.Contains(err.Error(), "a/b") {
		t.Errorf("Add(a/b) error = %v, want one naming a/b", err)
	}
	if err := tr.Add("z.html", []byte("z")); err != nil {
		t.Fatal(err)
	}
	if err := tr.Commit(); err == nil || !strings.Contains(err.Error(), "a/b") {
		t.Errorf("Commit error = %v, want the failed write of a/b", err)
	}
	if after := readDir(t, dir); !equal(after, before) {
		t.Errorf("previous site changed: %q, want %q", after, before)
	}
	noLeftovers(t, parent, "public")
}

// TestCreateConcurrent: files added from many goroutines are all written, once.
func TestCreateConcurrent(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	tr, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*50)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				// Every goroutine writes into the same folders, and tries one path of
				// another goroutine's.
				p := fmt.Sprintf("2023/%02d/g%d-%d/index.html", i%5, g, i)
				if err := tr.Add(p, []byte(p)); err != nil {
					errs <- err
				}
			}
			if tr.Add("shared.html", []byte("x")) != nil {
				errs <- errors.New("twice")
			}
		}()
	}
	wg.Wait()
	close(errs)
	twice := 0
	for err := range errs {
		if err.Error() != "twice" {
			t.Error(err)
		}
		twice++
	}
	if twice != 7 {
		t.Errorf("%d goroutines were refused shared.html, want 7", twice)
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readDir(t, dir)
	files := 0
	for p, c := range got {
		if c != "<dir>" {
			files++
			if p != "shared.html" && c != p {
				t.Errorf("%s holds %q", p, c)
			}
		}
	}
	if files != 8*50+1 || tr.Len() != files {
		t.Errorf("%d files on disk, Len %d, want %d", files, tr.Len(), 8*50+1)
	}
}

func TestCreateRefusesAFile(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "notes.txt")
	if err := os.WriteFile(dir, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(dir); err == nil {
		t.Fatal("Create accepted a file as the target")
	}
	noLeftovers(t, parent, "notes.txt")
}

// TestCreateLinksUnchangedFiles: a file the previous site holds with the same bytes
// and mode is the same file in the new site (a hard link, so that removing the
// previous site frees nothing of it); a changed file, a file edited by hand in the
// previous site and one with another mode are written anew. The previous site is
// untouched until the swap.
// statFiles gives the FileInfo of each file of files (by path) in dir, to tell later
// whether a file is still the same one.
func statFiles(t *testing.T, dir string, files map[string]string) map[string]os.FileInfo {
	t.Helper()
	sts := map[string]os.FileInfo{}
	for p := range files {
		st, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		sts[p] = st
	}
	return sts
}

func TestCreateLinksUnchangedFiles(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	prev := map[string]string{"same.html": "同", "a/same.css": "p{}", "changed.html": "旧", "edited.html": "built",
		"mode.html": "m", "empty.txt": ""}
	if err := Write(tree(t, prev), dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "edited.html"), []byte("BUILT"), 0o644); err != nil { // same size
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "mode.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := statFiles(t, dir, prev)
	next := map[string]string{"same.html": "同", "a/same.css": "p{}", "changed.html": "新", "edited.html": "built",
		"mode.html": "m", "empty.txt": "", "new.html": "n"}
	tr, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, c := range next {
		if err := tr.Add(p, []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "edited.html")); err != nil || string(b) != "BUILT" {
		t.Errorf("the previous site changed before the swap: %q, %v", b, err)
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "<dir>"}
	for p, c := range next {
		want[p] = c
	}
	if got := readDir(t, dir); !equal(got, want) {
		t.Errorf("after Commit: %q, want %q", got, want)
	}
	for p, linked := range map[string]bool{"same.html": true, "a/same.css": true, "empty.txt": true,
		"changed.html": false, "edited.html": false, "mode.html": false} {
		st, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(st, before[p]) != linked {
			t.Errorf("%s: linked to the previous site's file %v, want %v", p, !linked, linked)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", p, st.Mode().Perm())
		}
	}
	noLeftovers(t, parent, "public")
}

// TestProvisionalLinks builds into a provisional folder, moved at the end to a folder
// of a new name, as the search index is: its files that the previous site held with the
// same bytes in the folder Provisional names are linked from there, the others written;
// Previous reads the previous site; neither changes a tree held in memory.
func TestProvisionalLinks(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	prev := map[string]string{"search/manifest.js": `m("dir":"aa")`, "search/aa/x.js": "x", "search/aa/y.js": "y",
		"search/.new/z.js": "z"}
	if err := Write(tree(t, prev), dir); err != nil {
		t.Fatal(err)
	}
	before := statFiles(t, dir, prev)
	tr, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := tr.Previous("search/manifest.js"); !ok || string(b) != prev["search/manifest.js"] {
		t.Errorf("Previous(search/manifest.js) = %q, %v", b, ok)
	}
	for _, p := range []string{"nothing.js", "../public/search/manifest.js", "search/aa"} {
		if b, ok := tr.Previous(p); ok {
			t.Errorf("Previous(%q) = %q, true; want false", p, b)
		}
	}
	if err := tr.Provisional("search/../x", "search/aa"); err == nil {
		t.Error("Provisional took a path that is not clean")
	}
	if err := tr.Provisional("search/.new", "search/aa"); err != nil {
		t.Fatal(err)
	}
	next := map[string]string{"search/.new/x.js": "x", "search/.new/y.js": "Y", "search/.new/z.js": "z"}
	for p, c := range next {
		if err := tr.Add(p, []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tr.Move("search/.new", "search/bb"); err != nil {
		t.Fatal(err)
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"search": "<dir>", "search/bb": "<dir>", "search/bb/x.js": "x", "search/bb/y.js": "Y",
		"search/bb/z.js": "z"}
	if got := readDir(t, dir); !equal(got, want) {
		t.Errorf("after Commit: %q, want %q", got, want)
	}
	// z.js was at the provisional path itself in the previous site: not where the
	// previous index's files are, so not linked.
	for p, was := range map[string]string{"search/bb/x.js": "search/aa/x.js", "search/bb/y.js": "search/aa/y.js",
		"search/bb/z.js": "search/.new/z.js"} {
		st, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if linked, want := os.SameFile(st, before[was]), p == "search/bb/x.js"; linked != want {
			t.Errorf("%s: linked to the previous %s %v, want %v", p, was, linked, want)
		}
	}
	noLeftovers(t, parent, "public")

	mem := NewTree()
	if err := mem.Provisional("search/.new", "search/aa"); err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Previous("search/manifest.js"); ok {
		t.Error("a tree held in memory read a previous site")
	}
}

// TestMove moves a folder of files in a tree held in memory and in a streaming one:
// the files keep their bytes and sums under the new folder, on disk too, and adding
// to the old folder's name afterwards is a new file.
func TestMove(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	streaming, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer streaming.Discard()
	for name, tr := range map[string]*Tree{"memory": NewTree(), "streaming": streaming} {
		t.Run(name, func(t *testing.T) {
			for p, b := range map[string]string{"s/.new/a.js": "A", "s/.new/sub/b.js": "B", "s/other.js": "O"} {
				if err := tr.Add(p, []byte(b)); err != nil {
					t.Fatal(err)
				}
			}
			if err := tr.Move("s/.new", "s/abc"); err != nil {
				t.Fatal(err)
			}
			want := []string{"s/abc/a.js", "s/abc/sub/b.js", "s/other.js"}
			if got := tr.Paths(); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("paths after Move: %v, want %v", got, want)
			}
			if sum, ok := tr.Sum("s/abc/sub/b.js"); !ok || sum != sha256.Sum256([]byte("B")) {
				t.Errorf("the moved file's sum is %x (%v), want that of its bytes", sum, ok)
			}
			if err := tr.Move("s/other", "s/abc"); err == nil {
				t.Errorf("moving onto a folder that has files was accepted")
			}
			if err := tr.Add("s/.new/a.js", []byte("again")); err != nil {
				t.Errorf("adding under the moved folder's old name: %v", err)
			}
		})
	}
	if err := streaming.Commit(); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"s/abc/a.js": "A", "s/abc/sub/b.js": "B", "s/.new/a.js": "again"} {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); err != nil || string(b) != want {
			t.Errorf("%s on disk: %q, %v; want %q", p, b, err, want)
		}
	}
}

// TestAddFrom: a file carried over from another tree has its bytes and the SHA-256 the
// other tree knew, which is never computed again; a path the other tree lacks is
// reported, and a path carried twice is refused like one added twice.
func TestAddFrom(t *testing.T) {
	prev := NewTree()
	given := sha256.Sum256([]byte("given, not computed"))
	if err := prev.AddSum("a.html", []byte("A"), given); err != nil {
		t.Fatal(err)
	}
	if err := prev.Add("b.json", []byte("B")); err != nil {
		t.Fatal(err)
	}
	if _, ok := prev.Sum("b.json"); !ok { // computed once, and kept
		t.Fatal("no sum of b.json")
	}
	next := NewTree()
	for _, p := range []string{"a.html", "b.json"} {
		if ok, err := next.AddFrom(prev, p); !ok || err != nil {
			t.Fatalf("AddFrom(%s) = %v, %v", p, ok, err)
		}
	}
	if s, ok := next.Sum("a.html"); !ok || s != given {
		t.Errorf("Sum of a carried file = %x, %v, want the one the first tree knew", s, ok)
	}
	if b, ok := next.Get("b.json"); !ok || string(b) != "B" {
		t.Errorf("Get = %q, %v", b, ok)
	}
	if s, _ := next.Sum("b.json"); s != sha256.Sum256([]byte("B")) {
		t.Errorf("Sum of b.json = %x", s)
	}
	if ok, err := next.AddFrom(prev, "c.txt"); ok || err != nil {
		t.Errorf("AddFrom of a missing file = %v, %v, want false, nil", ok, err)
	}
	if _, err := next.AddFrom(prev, "a.html"); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("AddFrom twice: error %v, want written twice", err)
	}

	// Several files at once: all or none.
	batch := NewTree()
	if ok, err := batch.AddFrom(prev, "a.html", "c.txt"); ok || err != nil || batch.Len() != 0 {
		t.Errorf("AddFrom of a file and a missing one = %v, %v, and %d files added, want false, nil, 0", ok, err, batch.Len())
	}
	if err := batch.Add("b.json", []byte("made anew")); err != nil {
		t.Fatal(err)
	}
	batch.Paths()
	if _, err := batch.AddFrom(prev, "a.html", "b.json"); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("AddFrom of a path already added: error %v, want written twice", err)
	}
	if got := batch.Paths(); !slices.Equal(got, []string{"b.json"}) {
		t.Errorf("after a refused AddFrom, Paths() = %q, want only the file added before", got)
	}
	if ok, err := NewTree().AddFrom(prev, "a.html", "b.json"); !ok || err != nil {
		t.Errorf("AddFrom of two files = %v, %v", ok, err)
	}

	// Into a streaming tree, the file is written.
	dir := filepath.Join(t.TempDir(), "public")
	st, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := st.AddFrom(prev, "b.json"); !ok || err != nil {
		t.Fatalf("AddFrom into a streaming tree = %v, %v", ok, err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "b.json")); err != nil || string(b) != "B" {
		t.Errorf("written: %q, %v", b, err)
	}
}

// TestPathsInOrder: a tree lists its paths in order whichever files it carried over
// from another tree, added anew, or left out, and after files added or moved since the
// last Paths.
func TestPathsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var all []string
	for i := range 400 {
		all = append(all, fmt.Sprintf("%d/%c/f%d.html", rng.IntN(20), 'a'+rng.IntN(26), i))
	}
	prev := NewTree()
	for _, p := range all[:300] {
		if err := prev.Add(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what string, tr *Tree, want []string) {
		t.Helper()
		want = slices.Sorted(slices.Values(want))
		if got := tr.Paths(); !slices.Equal(got, want) {
			t.Errorf("%s: Paths() = %q\nwant %q", what, got, want)
		}
	}
	check("the first tree", prev, all[:300])
	next := NewTree()
	var want []string
	for i, p := range all[:300] {
		if i%7 == 0 { // left out
			continue
		}
		if i%5 == 0 { // made anew
			if err := next.Add(p, nil); err != nil {
				t.Fatal(err)
			}
		} else if ok, err := next.AddFrom(prev, p); !ok || err != nil {
			t.Fatal(ok, err)
		}
		want = append(want, p)
	}
	for _, p := range all[300:] { // new paths
		if err := next.Add(p, nil); err != nil {
			t.Fatal(err)
		}
		want = append(want, p)
	}
	check("the tree carrying files", next, want)
	for _, p := range []string{"0/manifest.txt", "zz.xml", "00.txt"} {
		if err := next.Add(p, nil); err != nil {
			t.Fatal(err)
		}
		want = append(want, p)
		check("after adding "+p, next, want)
	}
	if err := prev.Add("1/late.html", nil); err != nil {
		t.Fatal(err)
	}
	check("the first tree after an addition", prev, append(slices.Clone(all[:300]), "1/late.html"))
	if err := next.Move("0", "moved"); err != nil {
		t.Fatal(err)
	}
	for i, p := range want {
		if rest, ok := strings.CutPrefix(p, "0/"); ok {
			want[i] = "moved/" + rest
		}
	}
	check("after a move", next, want)
}

// TestSums: Sums gives Paths with each file's Sum, from a tree held in memory and from
// a streaming one.
func TestSums(t *testing.T) {
	given := sha256.Sum256([]byte("given, not computed"))
	mem := NewTree()
	st, err := Create(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Discard()
	for _, tr := range []*Tree{mem, st} {
		for _, p := range []string{"b/x.html", "a.css", "b/a.json"} {
			if err := tr.Add(p, []byte(p)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tr.AddSum("c.js", []byte("c"), given); err != nil {
			t.Fatal(err)
		}
		paths, sums := tr.Sums()
		if want := []string{"a.css", "b/a.json", "b/x.html", "c.js"}; !slices.Equal(paths, want) || !slices.Equal(tr.Paths(), want) {
			t.Errorf("Sums gives %q, Paths %q, want %q", paths, tr.Paths(), want)
		}
		for i, p := range paths {
			if s, _ := tr.Sum(p); sums[i] != s {
				t.Errorf("Sums gives %x for %s, Sum %x", sums[i], p, s)
			}
			if want := sha256.Sum256([]byte(p)); tr == mem && p != "c.js" && sums[i] != want {
				t.Errorf("Sums gives %x for %s, want %x", sums[i], p, want)
			}
		}
		if tr == mem && sums[3] != given {
			t.Errorf("Sums gives %x for c.js, want the sum it was given", sums[3])
		}
		// Again, now that the paths are in order.
		if again, againSums := tr.Sums(); !slices.Equal(again, paths) || !slices.Equal(againSums, sums) {
			t.Errorf("Sums gives %q %x, then %q %x", paths, sums, again, againSums)
		}
	}
}

// TestFiles: files taken out of one tree go into another with their bytes shared and
// their SHA-256 along; a path already there refuses the whole lot.
func TestFiles(t *testing.T) {
	prev := tree(t, map[string]string{"a.html": "A", "b.json": "B", "c.txt": "C"})
	if _, ok := prev.Files("a.html", "missing"); ok {
		t.Error("Files gave a file the tree does not hold")
	}
	prev.Sums() // hashes every file: the sums go along
	files, ok := prev.Files("a.html", "b.json")
	if !ok {
		t.Fatal("Files: not all there")
	}
	next := NewTreeSized(3)
	if err := next.Add("c.txt", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := next.AddFiles(files); err != nil {
		t.Fatal(err)
	}
	a, _ := prev.Get("a.html")
	if b, ok := next.Get("a.html"); !ok || string(b) != "A" || &b[0] != &a[0] {
		t.Errorf("a.html is %q, not the previous tree's bytes", b)
	}
	if e, _ := next.lookup("b.json"); !e.summed {
		t.Error("b.json's SHA-256 did not come along")
	}
	if got := next.Paths(); strings.Join(got, " ") != "a.html b.json c.txt" {
		t.Errorf("paths %q", got)
	}
	dup, _ := prev.Files("b.json", "c.txt")
	other := NewTree()
	if err := other.Add("c.txt", []byte("mine")); err != nil {
		t.Fatal(err)
	}
	if err := other.AddFiles(dup); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("AddFiles of a path already added: error %v, want written twice", err)
	}
	if got := other.Paths(); len(got) != 1 {
		t.Errorf("after a refused AddFiles the tree holds %q, want c.txt alone", got)
	}
	if c, _ := other.Get("c.txt"); string(c) != "mine" {
		t.Errorf("c.txt is %q after a refused AddFiles", c)
	}
	streaming, err := Create(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	defer streaming.Discard()
	if _, ok := streaming.Files(); ok {
		t.Error("a streaming tree gave files")
	}
	if err := streaming.AddFiles(files); err != nil {
		t.Fatal(err)
	}
	if b, ok := streaming.Get("b.json"); !ok || string(b) != "B" {
		t.Errorf("streaming b.json is %q", b)
	}
}

func TestRemoveAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, p := range []string{"a.html", "x/b.html", "x/y/c.html", "x/y/z/d.html", "mn/x/y/e.html", "mn/f.html"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../../a.html", filepath.Join(dir, "x", "link")); err != nil {
		t.Fatal(err)
	}
	if err := removeAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there: %v", dir, err)
	}
	if err := removeAll(dir); err != nil {
		t.Errorf("removing a folder that is gone: %v", err)
	}
}
