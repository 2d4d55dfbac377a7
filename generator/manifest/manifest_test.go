package manifest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/output"
)

func tree(t *testing.T, files map[string]string) *output.Tree {
	t.Helper()
	tr := output.NewTree()
	for p, c := range files {
		if err := tr.Add(p, []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := Add(tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestAddFormat(t *testing.T) {
	tr := tree(t, map[string]string{"index.html": "hello\n", "b/乌政发.txt": "", "a\\b": "x"})
	m, _ := tr.Get(Name)
	want := "" +
		`\2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  a\\b` + "\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b/乌政发.txt\n" +
		"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  index.html\n"
	if string(m) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", m, want)
	}
}

func TestVerify(t *testing.T) {
	files := map[string]string{"index.html": "<p>1</p>", "css/site.css": "p{}", "2023/02/x/index.html": "doc", "a\nb": "odd"}
	tr := tree(t, files)
	fsys := fstest.MapFS{}
	for _, p := range tr.Paths() {
		b, _ := tr.Get(p)
		fsys[p] = &fstest.MapFile{Data: b}
	}
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
	tr := tree(t, map[string]string{"index.html": "x", "2023/02/乌政发-2023-9/index.html": "y", "we ird\\name\n.txt": "z"})
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(tr, dir); err != nil {
		t.Fatal(err)
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
}
