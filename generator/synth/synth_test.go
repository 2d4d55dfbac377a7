package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/build"
	"gazette/generator/synth"
)

var bundled = os.DirFS("../../content")

func generate(t *testing.T, opt synth.Options) (fstest.MapFS, synth.Summary) {
	t.Helper()
	if opt.Source == nil {
		opt.Source = bundled
	}
	m := fstest.MapFS{}
	sum, err := synth.Generate(synth.ToMap(m), opt)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return m, sum
}

func TestSameSeedSameCorpus(t *testing.T) {
	a, _ := generate(t, synth.Options{Docs: 130, Seed: 7, PerIssue: 40})
	b, _ := generate(t, synth.Options{Docs: 130, Seed: 7, PerIssue: 40})
	if len(a) != len(b) {
		t.Fatalf("two runs made %d and %d files", len(a), len(b))
	}
	for name, f := range a {
		if g, ok := b[name]; !ok || !bytes.Equal(f.Data, g.Data) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c, _ := generate(t, synth.Options{Docs: 130, Seed: 8, PerIssue: 40})
	same := 0
	for name, f := range a {
		if g, ok := c[name]; ok && bytes.Equal(f.Data, g.Data) {
			same++
		}
	}
	// site.yaml and the issues' _index.md do not depend on the seed; documents do.
	if want := 1 + 4; same != want {
		t.Errorf("seeds 7 and 8 share %d identical files, want %d", same, want)
	}
}

// citation matches the three ways a synthetic document cites another; every title of
// the corpus starts with 乌审旗.
var citation = regexp.MustCompile(`（乌政(?:办)?发〔\d{4}〕\d+号）精神|按照乌政(?:办)?发〔\d{4}〕\d+号文件要求|为贯彻落实《乌审旗`)

// TestCorpusIsCleanAndAsPromised builds a small corpus and checks what the package
// promises: no diagnostics at all, one chronicle per issue, bodies of 2–30 KB, a
// merged-cell table in every fifth document and a citation that becomes a link in every
// third.
func TestCorpusIsCleanAndAsPromised(t *testing.T) {
	const docs, perIssue = 163, 41
	corpus, sum := generate(t, synth.Options{Docs: docs, Seed: 3, PerIssue: perIssue})
	res, err := build.Site(build.Inputs{Content: corpus, Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")})
	if err != nil {
		t.Fatalf("building the corpus: %v", err)
	}
	if len(res.Diags) > 0 {
		t.Fatalf("the corpus has diagnostics:\n%v", res.Diags)
	}
	if len(res.Site.Issues) != 4 || sum.Issues != 4 || sum.Documents != docs || res.Documents != docs {
		t.Fatalf("got %d issues (summary %d), %d documents (summary %d); want 4 issues, %d documents",
			len(res.Site.Issues), sum.Issues, res.Documents, sum.Documents, docs)
	}
	notices, tables, cites := 0, 0, 0
	numbers := map[string]bool{}
	for _, is := range res.Site.Issues {
		chronicles := 0
		for _, d := range is.Documents {
			body := strings.TrimLeft(string(d.Body), "\n") // the front matter is blanked
			if n := len(body); n < 2*1024 || n > 30*1024 {
				t.Errorf("%s: body of %d bytes, want 2–30 KB", d.File, n)
			}
			page, ok := res.Tree.Get(d.Path() + "/index.html")
			if !ok {
				t.Fatalf("%s: no page at %s", d.File, d.Path())
			}
			if d.IsChronicle() {
				chronicles++
				if !bytes.Contains(page, []byte(`class="event"`)) {
					t.Errorf("%s: chronicle page has no dated event", d.File)
				}
				continue
			}
			notices++
			if numbers[d.Number] {
				t.Errorf("%s: number %s given twice", d.File, d.Number)
			}
			numbers[d.Number] = true
			if strings.Contains(body, "\n| ^^") || strings.Contains(body, "| ^^ |") {
				tables++
			}
			if citation.MatchString(body) {
				cites++
				if !bytes.Contains(page, []byte(`class="xref"`)) {
					t.Errorf("%s cites another document, but its page links to none", d.File)
				}
			}
		}
		if chronicles != 1 {
			t.Errorf("issue %s has %d chronicles, want 1", is.Dir, chronicles)
		}
	}
	if tables != notices/5 || sum.Tables != tables {
		t.Errorf("%d documents with a merged-cell table (summary %d), want %d of %d", tables, sum.Tables, notices/5, notices)
	}
	if cites != notices/3 || sum.Citations != cites {
		t.Errorf("%d documents citing another (summary %d), want %d of %d", cites, sum.Citations, notices/3, notices)
	}
}

func TestRefusals(t *testing.T) {
	if _, err := synth.Generate(synth.ToMap(fstest.MapFS{}), synth.Options{Docs: 0, Source: bundled}); err == nil {
		t.Error("Docs: 0 was accepted")
	}
	if _, err := synth.Generate(synth.ToMap(fstest.MapFS{}), synth.Options{Docs: 5}); err == nil {
		t.Error("a missing source was accepted")
	}
	if _, err := synth.Generate(synth.ToMap(fstest.MapFS{}), synth.Options{Docs: 5, Source: fstest.MapFS{}}); err == nil {
		t.Error("an empty source was accepted")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := synth.WriteDir(dir, synth.Options{Docs: 5, Source: bundled}); err == nil {
		t.Error("WriteDir wrote into a folder that was not empty")
	}
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err == nil {
		t.Error("WriteDir left files in a folder it refused")
	}
}
