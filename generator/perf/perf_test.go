package perf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gazette/generator/build"
	"gazette/generator/output"
)

// The test binary doubles as the measured child: with GAZETTE_PERF_CHILD set it
// allocates and touches some memory, or fails, and exits.
func TestMain(m *testing.M) {
	switch os.Getenv("GAZETTE_PERF_CHILD") {
	case "alloc":
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = byte(i)
		}
		fmt.Println("touched", len(b))
		os.Exit(0)
	case "fail":
		fmt.Fprintln(os.Stderr, "child: something went wrong")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func TestMeasure(t *testing.T) {
	t.Setenv("GAZETTE_PERF_CHILD", "alloc")
	r, err := Measure(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if r.Wall <= 0 || r.CPU <= 0 || !strings.Contains(r.Stdout, "touched") {
		t.Errorf("Measure gave %+v", r)
	}
	if runtime.GOOS == "linux" && r.PeakRSS < 64<<20 {
		t.Errorf("peak RSS %d bytes, but the child touched 64 MiB", r.PeakRSS)
	}

	t.Setenv("GAZETTE_PERF_CHILD", "fail")
	if _, err := Measure(os.Args[0]); err == nil || !strings.Contains(err.Error(), "something went wrong") {
		t.Errorf("a failing child gave error %v, want one carrying its stderr", err)
	}
}

func TestSiteSize(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"index.html": "abc", "a/b/index.html": "de", "a/x.js": "f"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := SiteSize(dir)
	if want := (Size{Files: 3, Pages: 2, Bytes: 6}); err != nil || got != want {
		t.Errorf("SiteSize = %+v, %v; want %+v", got, err, want)
	}
}

// TestFirstQuery builds the bundled issue and weighs queries with the site's own
// search engine: the bytes reported are those of the files the engine loaded.
func TestFirstQuery(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		msg := "node not found: first-query bytes are not checked (apt-get install nodejs)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip("SKIPPED: " + msg)
	}
	res, err := build.Site(build.Inputs{Content: os.DirFS("../../content"), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")})
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	if err := output.Write(res.Tree, site); err != nil {
		t.Fatal(err)
	}
	q, err := FirstQuery(site, "府院联动")
	if err != nil {
		t.Fatal(err)
	}
	if q.Results == 0 || !slices.Contains(q.Files, "manifest.js") || len(q.Files) < 3 {
		t.Fatalf("府院联动 on the bundled issue: %+v; want results, the manifest, a shard and metadata", q)
	}
	var sum int64
	for _, f := range q.Files {
		st, err := os.Stat(filepath.Join(site, "search", filepath.FromSlash(f)))
		if err != nil {
			t.Fatalf("reported file %s: %v", f, err)
		}
		sum += st.Size()
	}
	if sum != q.Bytes {
		t.Errorf("reported %d bytes, the files loaded hold %d", q.Bytes, sum)
	}

	none, err := FirstQuery(site, "瑠璃")
	if err != nil {
		t.Fatal(err)
	}
	if none.Results != 0 || none.Bytes >= q.Bytes {
		t.Errorf("a query nothing matches: %+v; want no results and fewer bytes than %d", none, q.Bytes)
	}
	if _, err := FirstQuery(t.TempDir(), "医保"); err == nil {
		t.Error("a folder without a search index was weighed")
	}
}
