package search

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/generator/output"
)

// TestWriteLinksPreviousIndex writes the index of a bilingual site into a folder on
// disk, then the index of an edited version over it: every file of the new index that
// the previous index held with the same name and bytes is a hard link to it, although
// the index is made in a provisional folder and its folder's name changed; the others
// are new files.
func TestWriteLinksPreviousIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	sites := bilingual(t, 80)
	write := func(sites []Site) {
		t.Helper()
		tr, err := output.Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(sites, tr); err != nil {
			t.Fatal(err)
		}
		if err := tr.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	type file struct {
		data []byte
		st   os.FileInfo
	}
	// indexFiles reads the files of each language's index folder, by language root and name.
	indexFiles := func() (map[string]file, map[string]string) {
		t.Helper()
		files, dirs := map[string]file{}, map[string]string{}
		for _, root := range []string{"", "mn/"} {
			m, err := os.ReadFile(filepath.Join(dir, root+"search", "manifest.js"))
			if err != nil {
				t.Fatal(err)
			}
			d, ok := manifestDir(m)
			if !ok {
				t.Fatalf("%ssearch/manifest.js names no folder: %.80s", root, m)
			}
			dirs[root] = d
			folder := filepath.Join(dir, root+"search", d)
			entries, err := os.ReadDir(folder)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				p := filepath.Join(folder, e.Name())
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				st, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				files[root+e.Name()] = file{b, st}
			}
		}
		return files, dirs
	}

	write(sites)
	before, oldDirs := indexFiles()
	path := sites[0].Entries[3].Path
	write(edit(sites, path, func(_ int, e *Entry) {
		e.Title += "（修订）"
		e.Blocks[0].Text = "根据工作需要，现将有关事项通知如下。" + e.Blocks[0].Text
	}))
	after, newDirs := indexFiles()
	if newDirs[""] == oldDirs[""] {
		t.Fatalf("the edit left the index folder's name %s: the test needs one that changes", newDirs[""])
	}
	linked, written := 0, 0
	for name, f := range after {
		old, ok := before[name]
		same := ok && bytes.Equal(old.data, f.data)
		if got := ok && os.SameFile(old.st, f.st); got != same {
			t.Errorf("%s: linked to the previous index's file %v, want %v", name, got, same)
		}
		if same {
			linked++
		} else {
			written++
		}
	}
	if linked == 0 || written == 0 {
		t.Errorf("%d files linked and %d written: the edit should leave most files and change some", linked, written)
	}
}

func TestManifestDir(t *testing.T) {
	for m, want := range map[string]string{
		`gazetteIndex("manifest",{"v":3,"lang":"zh-Hans","dir":"3a135631f442","span":1024})`: "3a135631f442",
		`gazetteIndex("manifest",{"v":3,"dir":""})`:                                          "",
		`gazetteIndex("manifest",{"v":3,"dir":"../../etc"})`:                                 "",
		`gazetteIndex("manifest",{"v":3,"dir":"3A13"})`:                                      "",
		`gazetteIndex("manifest",{"v":3,"dir":"` + strings.Repeat("a", 65) + `"})`:           "",
		`gazetteIndex("manifest",{"v":3,"dir":"abc`:                                          "",
		`gazetteIndex("manifest",{"v":2})`:                                                   "",
	} {
		got, ok := manifestDir([]byte(m))
		if got != want || ok != (want != "") {
			t.Errorf("manifestDir(%s) = %q, %v; want %q", m, got, ok, want)
		}
	}
}
