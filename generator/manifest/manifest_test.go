package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/output"
)

// site is a set of files with their manifest, as a MapFS.
func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	var paths []string
	for p, c := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(c)}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	sums := make([][32]byte, len(paths))
	for i, p := range paths {
		sums[i] = sha256.Sum256([]byte(files[p]))
	}
	fsys[Name] = &fstest.MapFile{Data: list(paths, sums)}
	return fsys
}

func TestAdd(t *testing.T) {
	tr := output.NewTree()
	for p, c := range map[string]string{"index.html": "hello\n", "b/乌政发.txt": "", "a.css": "x"} {
		if err := tr.Add(p, []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := Add(tr); err != nil {
		t.Fatal(err)
	}
	m, _ := tr.Get(Name)
	want := "" +
		"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  a.css\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b/乌政发.txt\n" +
		"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  index.html\n"
	if string(m) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", m, want)
	}
}

// TestEscapes: paths with a backslash or a line break are written as sha256sum writes
// them, and read back.
func TestEscapes(t *testing.T) {
	const sum = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
	for _, tt := range []struct{ path, line string }{
		{"a\\b", `\` + sum + `  a\\b` + "\n"},
		{"a\nb", `\` + sum + `  a\nb` + "\n"},
		{"a\rb", `\` + sum + `  a\rb` + "\n"},
		{"plain 文件", sum + "  plain 文件\n"},
	} {
		raw, _ := hex.DecodeString(sum)
		if got := string(appendLine(nil, raw, tt.path)); got != tt.line {
			t.Errorf("appendLine(%q) = %q, want %q", tt.path, got, tt.line)
		}
		m, err := parse(strings.NewReader(tt.line))
		if err != nil || m[tt.path] != sum || len(m) != 1 {
			t.Errorf("parse(%q) = %v, %v", tt.line, m, err)
		}
	}
}

func TestVerify(t *testing.T) {
	files := map[string]string{"index.html": "<p>1</p>", "css/site.css": "p{}", "2023/02/x/index.html": "doc", "a\nb": "odd"}
	fsys := site(files)
	rep, err := Verify(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Checked != len(files) {
		t.Fatalf("an untouched site does not verify: %+v", rep)
	}

	fsys["2023/02/x/index.html"] = &fstest.MapFile{Data: []byte("dod")} // one byte edited
	delete(fsys, "css/site.css")
	fsys["extra.html"] = &fstest.MapFile{Data: []byte("new")}
	fsys["a\nb"] = &fstest.MapFile{Data: []byte("ODD")}
	rep, err = Verify(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Changed, ",") != "2023/02/x/index.html,a\nb" || strings.Join(rep.Missing, ",") != "css/site.css" ||
		strings.Join(rep.Extra, ",") != "extra.html" || rep.OK() {
		t.Errorf("report %+v: want changed 2023/02/x/index.html and a\\nb, missing css/site.css, extra extra.html", rep)
	}
}

func TestVerifyBadManifest(t *testing.T) {
	for name, m := range map[string]string{
		"missing":   "",
		"not a sum": "abc  index.html\n",
		"no path":   strings.Repeat("a", 64) + "  \n",
		"twice":     strings.Repeat("a", 64) + "  x\n" + strings.Repeat("b", 64) + "  x\n",
		"escape":    `\` + strings.Repeat("a", 64) + `  x\t` + "\n",
	} {
		fsys := fstest.MapFS{"x": {Data: []byte("x")}}
		if m != "" {
			fsys[Name] = &fstest.MapFile{Data: []byte(m)}
		}
		if _, err := Verify(fsys); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestSha256sumAccepts writes a site to disk and runs coreutils' sha256sum -c on its
// manifest from the site root, as the documentation tells archivists to.
func TestSha256sumAccepts(t *testing.T) {
	sum, err := exec.LookPath("sha256sum")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("sha256sum not installed")
	}
	dir := t.TempDir()
	files := map[string]string{"index.html": "x", "2023/02/乌政发-2023-9/index.html": "y", "we ird\\name\n.txt": "z"}
	for _, f := range []map[string]string{files, {Name: string(site(files)[Name].Data)}} {
		for p, c := range f {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func() (string, error) {
		cmd := exec.Command(sum, "--check", "--strict", Name)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := check(); err != nil {
		t.Fatalf("sha256sum -c failed on a fresh site: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("X"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := check(); err == nil || !strings.Contains(out, "index.html: FAILED") {
		t.Errorf("sha256sum -c passed an edited file: %v\n%s", err, out)
	}
	if rep, err := Verify(os.DirFS(dir)); err != nil || rep.OK() || strings.Join(rep.Changed, ",") != "index.html" {
		t.Errorf("Verify on disk: %+v, %v", rep, err)
	}
}

// TestLines: a manifest that copies the lines of the previous one is the one Add
// writes, byte for byte, after files come, go, change or keep their bytes, paths with
// escapes among them.
func TestLines(t *testing.T) {
	files := map[string]string{}
	names := []string{"index.html", "a.css", "b/乌政发.txt", "a\\b", "line\nbreak", "cr\rx", "search/0.js", "search/1.js", "z/z.html", "m.txt"}
	var l Lines
	rng := uint32(1)
	next := func(n int) int { // a fixed sequence, so a failure repeats
		rng = rng*1664525 + 1013904223
		return int(rng>>8) % n
	}
	for step := range 60 {
		for range 1 + next(4) {
			p := names[next(len(names))]
			switch next(3) {
			case 0:
				delete(files, p)
			default:
				files[p] = strings.Repeat("x", next(3))
			}
		}
		if step%10 == 0 {
			files = map[string]string{} // an empty tree, and one built from it
		}
		build := func() *output.Tree {
			tr := output.NewTree()
			for p, c := range files {
				if err := tr.Add(p, []byte(c)); err != nil {
					t.Fatal(err)
				}
			}
			return tr
		}
		want, got := build(), build()
		if err := Add(want); err != nil {
			t.Fatal(err)
		}
		if err := l.Add(got); err != nil {
			t.Fatal(err)
		}
		w, _ := want.Get(Name)
		g, _ := got.Get(Name)
		if string(g) != string(w) {
			t.Fatalf("step %d: Lines wrote\n%q\nwant\n%q", step, g, w)
		}
	}
}
