package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/manifest"
)

// readSite reads every file under dir as slash path → content.
func readSite(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestWriteIsSite: the site streamed to disk is, file for file and byte for byte, the
// site built in memory, and it verifies against its manifest.
func TestWriteIsSite(t *testing.T) {
	mem := buildBundled(t).Tree
	dir := filepath.Join(t.TempDir(), "public")
	res, err := Write(bundled(), dir)
	if err != nil {
		t.Fatal(err)
	}
	disk := readSite(t, dir)
	if len(disk) != mem.Len() || res.Tree.Len() != mem.Len() {
		t.Errorf("%d files on disk, %d in the result, %d built in memory", len(disk), res.Tree.Len(), mem.Len())
	}
	for _, p := range mem.Paths() {
		want, _ := mem.Get(p)
		if got, ok := disk[p]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s on disk differs from the site built in memory", p)
		}
	}
	if b, ok := res.Tree.Get("index.html"); !ok || !bytes.Equal(b, disk["index.html"]) {
		t.Error("the result's tree does not read back the committed site")
	}
	rep, err := manifest.Verify(os.DirFS(dir))
	if err != nil || !rep.OK() || rep.Checked != mem.Len()-1 {
		t.Errorf("the streamed site does not verify: %+v, %v", rep, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("%d entries beside the site, want none", len(entries)-1)
	}
}

// TestWriteFailureKeepsPrevious: a build that fails while pages are being written, with
// many files on disk already, leaves the previous site exactly as it was and nothing
// beside it; so does one whose content has problems.
func TestWriteFailureKeepsPrevious(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if _, err := Write(bundled(), dir); err != nil {
		t.Fatal(err)
	}
	before := readSite(t, dir)

	layouts := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../layouts"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../../layouts"), p)
		layouts[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Home, issue and index pages render; every document page fails.
	layouts["document.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{index .Doc.IssuerNames 99}}{{end}}`)}
	broken := bundled()
	broken.Layouts = layouts
	if _, err := Write(broken, dir); err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("a failing layout gave %v", err)
	}

	badContent := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS("../../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../../content"), p)
		badContent[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	badContent["2023/02/extra.md"] = &fstest.MapFile{Data: []byte("---\ntitle: x\n---\n")}
	bad := bundled()
	bad.Content = badContent
	if _, err := Write(bad, dir); err == nil {
		t.Fatal("content with problems built")
	}

	after := readSite(t, dir)
	if len(after) != len(before) {
		t.Errorf("the previous site had %d files, now %d", len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(after[p], b) {
			t.Errorf("%s changed", p)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the site: %q, want nothing", names)
	}
}
