package perf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHugoSite makes the Hugo site of the bundled issue: the theme, the configuration
// and every original Markdown file, no translation and no site.yaml.
func TestHugoSite(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(src, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	// A translation beside an original stays out of the one-language comparison.
	if err := os.WriteFile(filepath.Join(src, "2023", "02", "zhifa-zhuti.mn.md"), []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := HugoSite(src, dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html",
		"layouts/_default/list.html", "layouts/index.html", "content/2023/02/_index.md", "content/2023/02/fuyuan-liandong.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the Hugo site lacks %s", f)
		}
	}
	for _, f := range []string{"content/site.yaml", "content/2023/02/zhifa-zhuti.mn.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("the Hugo site has %s", f)
		}
	}

	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("SKIPPED: hugo is not installed (apt-get install -y hugo); the Hugo build of the comparison is not tried")
	}
	out := filepath.Join(dir, "public")
	if _, err := Measure(hugo, "--quiet", "--source", dir, "--destination", out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "2023", "02", "fuyuan-liandong", "index.html"))
	if err != nil {
		t.Fatalf("Hugo did not write the document page: %v", err)
	}
	if !strings.Contains(string(b), "建立常态化府院联动机制") {
		t.Errorf("Hugo's document page lacks the document's body:\n%.500s", b)
	}
}

// TestPagefindFirstQueries indexes the Hugo build of the bundled issue with Pagefind
// and weighs a query in Chromium: it must find the 府院联动 notice and count both index
// data and Pagefind's code.
func TestPagefindFirstQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Hugo, Pagefind and Chromium")
	}
	peers, err := FindPeers("")
	if err != nil {
		t.Skipf("SKIPPED: %v", err)
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("SKIPPED: chromium is not installed")
	}
	dir := t.TempDir()
	if err := HugoSite("../../content", dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := peers.BuildHugo(dir, out); err != nil {
		t.Fatal(err)
	}
	if _, err := peers.IndexPagefind(out); err != nil {
		t.Fatal(err)
	}
	qs, err := PagefindFirstQueries(chromium, out, "zh-Hans", []string{"府院联动", "qzxjvwk"}, Shown)
	if err != nil {
		t.Fatal(err)
	}
	if qs[0].Results < 1 || qs[0].DataBytes == 0 || qs[0].CodeBytes == 0 {
		t.Errorf("府院联动: %d results, %d index bytes, %d code bytes; want results and both kinds of bytes", qs[0].Results, qs[0].DataBytes, qs[0].CodeBytes)
	}
	if qs[1].Results != 0 {
		t.Errorf("a query for a word in no page found %d results", qs[1].Results)
	}
}
