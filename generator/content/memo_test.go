package content

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestLoadMemo: a load that reuses a Memo gives exactly what Load gives, after each of a
// series of edits, and decodes only the files whose bytes changed.
func TestLoadMemo(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠲᠧᠰᠲ\n---\n\nᠲᠧᠰᠲ\n")
	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠲᠧᠰᠲ\n---\n")
	fsys["2023/02/dashiji.md"] = doc("title: 大事记", "section: 大事记", "date: 2023-06-30", "type: chronicle")
	addIssue(fsys, "2023/03", 2023, 3)
	fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-07-01", "number: 乌政办发〔2023〕40号")

	var m Memo
	steps := []struct {
		name    string
		edit    func()
		decoded []string // files LoadMemo must decode; nil means every Markdown file
	}{
		{name: "first load", edit: func() {}},
		{name: "nothing changed", edit: func() {}, decoded: []string{}},
		{name: "a body", edit: func() {
			fsys["2023/02/tongzhi.md"] = doc("title: 关于印发方案的通知", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2023〕9号", "page: 1")
			fsys["2023/02/tongzhi.md"].Data = append(fsys["2023/02/tongzhi.md"].Data, "新的一段。\n"...)
		}, decoded: []string{"2023/02/tongzhi.md"}},
		{name: "an impossible date", edit: func() {
			fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-02-30", "number: 乌政办发〔2023〕40号")
		}, decoded: []string{"2023/03/gonggao.md"}},
		{name: "a translation and the issue, the date still wrong", edit: func() {
			fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠰᠢᠨ᠎ᠡ\n---\n\nᠰᠢᠨ᠎ᠡ\n")
			fsys["2023/02/_index.md"] = file(strings.Replace(issueIndex, "编者按。", "新编者按。", 1))
		}, decoded: []string{"2023/02/_index.md", "2023/02/tongzhi.mn.md"}},
		{name: "the date fixed", edit: func() {
			fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-07-01", "number: 乌政办发〔2023〕40号")
		}, decoded: []string{"2023/03/gonggao.md"}},
		{name: "a duplicate number, found across files", edit: func() {
			fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-07-01", "number: 乌政发[2023]9号")
		}, decoded: []string{"2023/03/gonggao.md"}},
		{name: "a file removed", edit: func() { delete(fsys, "2023/02/dashiji.md") }, decoded: []string{}},
		{name: "a file back", edit: func() {
			fsys["2023/02/dashiji.md"] = doc("title: 大事记", "section: 大事记", "date: 2023-06-30", "type: chronicle")
		}, decoded: []string{"2023/02/dashiji.md"}},
		{name: "one language less: .mn.md files are no translations any more", edit: func() {
			fsys["site.yaml"] = file("title: 测试公报\nlanguages: [zh]\n")
		}},
	}
	for _, s := range steps {
		s.edit()
		want, wantDiags := Load(fsys)
		got, gotDiags := LoadMemo(fsys, &m)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: LoadMemo's site differs from Load's", s.name)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: LoadMemo's diagnostics\n\t%v\nwant\n\t%v", s.name, gotDiags, wantDiags)
		}
		decoded := s.decoded
		if decoded == nil {
			decoded = markdownFiles(fsys)
		}
		if got := m.Decoded(); strings.Join(got, " ") != strings.Join(decoded, " ") {
			t.Errorf("%s: decoded %q, want %q", s.name, got, decoded)
		}
	}
}

func markdownFiles(fsys fstest.MapFS) []string {
	var out []string
	for p := range fsys {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// TestLoadMemoOnDisk edits a gazette on disk the ways editors and tools do, each edit
// right after the one before, as fast as a script: every one must be seen, however
// little of the files' stat it changes.
func TestLoadMemoOnDisk(t *testing.T) {
	dir := t.TempDir()
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠲᠧᠰᠲ\n---\n\nᠲᠧᠰᠲ\n")
	for p, f := range fsys {
		writeFile(t, filepath.Join(dir, p), f.Data)
	}
	target := filepath.Join(dir, "2023/02/tongzhi.md")
	orig := fsys["2023/02/tongzhi.md"].Data
	// version i of the document has the same size for every i.
	version := func(i int) []byte {
		return append(append([]byte(nil), orig...), "第"+string(rune('一'+i))+"稿。\n"...)
	}
	mtime := time.Date(2023, 4, 18, 9, 0, 0, 0, time.UTC)
	edits := []struct {
		name string
		edit func(i int)
	}{
		{"written in place", func(i int) { writeFile(t, target, version(i)) }},
		{"written in place, the modification time put back", func(i int) {
			writeFile(t, target, version(i))
			chtimes(t, target, mtime)
		}},
		{"renamed over, the modification time put back", func(i int) {
			writeFile(t, target+".tmp", version(i))
			chtimes(t, target+".tmp", mtime)
			if err := os.Rename(target+".tmp", target); err != nil {
				t.Fatal(err)
			}
		}},
		{"a new size", func(i int) { writeFile(t, target, append(version(i), '\n')) }},
	}
	check := func(m *Memo, name string) {
		t.Helper()
		want, wantDiags := Load(os.DirFS(dir))
		got, gotDiags := LoadMemo(os.DirFS(dir), m)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: LoadMemo differs from Load", name)
		}
	}

	// With the clock: the files, just written, are read every time.
	var m Memo
	writeFile(t, target, version(0))
	chtimes(t, target, mtime)
	check(&m, "first load")
	for i, e := range edits {
		e.edit(i + 1)
		check(&m, e.name)
	}

	// With a clock an hour ahead the files look settled: the Memo trusts their stat,
	// and edits that change the inode or the size must still be seen.
	later := Memo{now: func() time.Time { return time.Now().Add(time.Hour) }}
	check(&later, "first load, an hour ahead")
	for i, e := range edits[2:] {
		e.edit(i + 10)
		check(&later, e.name+", an hour ahead")
	}
	st, err := os.Lstat(target)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := stampOf(st); ok {
		// The system's stat tells versions apart: unchanged files are not decoded,
		// nor read (TestLoadMemoStamps).
		check(&later, "nothing changed, an hour ahead")
		if d := later.Decoded(); len(d) != 0 {
			t.Errorf("nothing changed, an hour ahead: decoded %q", d)
		}
	}
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func chtimes(t *testing.T, p string, mtime time.Time) {
	t.Helper()
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}
