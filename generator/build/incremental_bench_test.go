package build

// Benchmarks of a Builder's rebuild after one document changed, against a full build,
// on the bundled issue and on a synthetic gazette of 1,000 documents:
//
//	go test -run='^$' -bench='Rebuild' -benchtime=5x ./generator/build/

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/synth"
)

// benchmarkRebuild times Builder.Build after an edit of one document's body (two
// versions in turn, so that every build has something to do), or a full build.
func benchmarkRebuild(b *testing.B, e *editable, file string, full bool) {
	src := e.content[file].Data
	i := bytes.Index(src, []byte("。"))
	if i < 0 {
		b.Fatalf("%s has no 。 to edit", file)
	}
	versions := [][]byte{src, append(append(append([]byte(nil), src[:i]...), "，"...), src[i+len("。"):]...)}
	var bl Builder
	if _, err := bl.Build(e.inputs()); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n++
		e.content[file] = &fstest.MapFile{Data: versions[n%2], Mode: 0o644}
		var err error
		if full {
			_, err = Site(e.inputs())
		} else {
			_, err = bl.Build(e.inputs())
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	if !full {
		r := bl.Report()
		b.ReportMetric(float64(len(r.Rendered)), "pages/op")
		b.ReportMetric(float64(len(r.Made)), "files/op") // the other files made anew
	}
}

func BenchmarkRebuildBundledOneDoc(b *testing.B) { benchmarkRebuild(b, newEditable(b), zhifa, false) }
func BenchmarkRebuildBundledFull(b *testing.B)   { benchmarkRebuild(b, newEditable(b), zhifa, true) }

// corpus1k is a synthetic gazette of 1,000 documents in memory, and one of its
// documents that is not a chronicle.
func corpus1k(b *testing.B) (*editable, string) {
	if testing.Short() {
		b.Skip("1,000 documents: not under -short")
	}
	e := newEditable(b)
	e.content = fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(e.content), synth.Options{Docs: 1000, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		b.Fatal(err)
	}
	for _, p := range sortedKeys(e.content) {
		if strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") && !bytes.Contains(e.content[p].Data, []byte("type: chronicle")) {
			return e, p
		}
	}
	b.Fatal("the corpus has no document")
	return nil, ""
}

func BenchmarkRebuild1kOneDoc(b *testing.B) {
	e, file := corpus1k(b)
	benchmarkRebuild(b, e, file, false)
}

func sortedKeys(m fstest.MapFS) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return sorted(keys)
}
