package render

// BenchmarkPages1k times what rendering adds to a build of a 1,000-document synthetic
// gazette (generator/synth): the views and every page and file of Layouts.Pages, into
// a tree in memory; the content is loaded and converted once, outside the timed loop.
// BenchmarkPage times the pages of a document one kind at a time. Run them with
//
//	go test -run='^$' -bench=Page -benchtime=3x ./generator/render/

import (
	"bytes"
	"os"
	"testing"
	"time"

	"gazette/generator/output"
	"gazette/generator/permid"

	"gazette/generator/internal/cputime"
)

func BenchmarkPages1k(b *testing.B) {
	in := synthInput(b, 1000)
	l, err := LoadLayouts(os.DirFS("../../layouts"), in.Site.Config.Languages)
	if err != nil {
		b.Fatal(err)
	}
	// Besides the whole, each kind of file that costs much on its own: the other files
	// are skipped, as an incremental build skips the files it reuses.
	for _, kind := range []string{"all", "document", "source", "redirect", "data", "documents"} {
		b.Run(kind, func(b *testing.B) {
			in := in
			if kind != "all" {
				in.Reuse = func(ref PageRef, _ *output.Tree) (bool, error) { return ref.Kind != kind && ref.Kind != "files", nil }
			}
			files := 0
			cpu := cputime.Self()
			for b.Loop() {
				t := output.NewTree()
				if err := l.Pages(l.Views(in), t); err != nil {
					b.Fatal(err)
				}
				files = t.Len()
			}
			b.ReportMetric((cputime.Self()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(files), "files")
		})
	}
}

// BenchmarkPage times each kind of page of a document, and its data file, one at a
// time, in both languages of a 100-document synthetic gazette, per document: the
// cost of executing the layouts with what the page reads, less what a document's
// pages share and is made on the first loop only (the highlighted source of
// generator/sourceview, the plain text of the body).
func BenchmarkPage(b *testing.B) {
	in := synthInput(b, 100)
	l, err := LoadLayouts(os.DirFS("../../layouts"), in.Site.Config.Languages)
	if err != nil {
		b.Fatal(err)
	}
	v := l.Views(in)
	var dvs [][]*DocView // per document, its view in every language
	for _, is := range in.Site.Issues {
		for _, d := range is.Documents {
			var views []*DocView
			for _, sv := range v.svs {
				views = append(views, sv.views[d.Path()])
			}
			dvs = append(dvs, views)
		}
	}
	srcs := make([]docSources, len(dvs))
	for i := range srcs {
		srcs[i] = docSources{}
	}
	pages := map[string]func(sv *siteView, dv *DocView, info *docInfo, srcs docSources) *Page{
		"document": func(sv *siteView, dv *DocView, info *docInfo, _ docSources) *Page { return sv.documentPage(dv, info) },
		"source": func(sv *siteView, dv *DocView, _ *docInfo, srcs docSources) *Page {
			return sv.sourcePage(dv, srcs.get(in.Content, sv.sourceFile(dv)))
		},
		"redirect": func(sv *siteView, dv *DocView, info *docInfo, _ docSources) *Page { return sv.redirectPage(dv, info) },
	}
	var buf bytes.Buffer
	for _, kind := range []string{"document", "source", "redirect"} {
		b.Run(kind, func(b *testing.B) {
			cpu := cputime.Self()
			for b.Loop() {
				for i, views := range dvs {
					for j, sv := range v.svs {
						dv := views[j]
						p := pages[kind](sv, dv, sv.docInfo(dv, permid.Of(dv.Number)), srcs[i])
						if p == nil {
							continue
						}
						buf.Reset()
						if err := l.execute(&buf, p); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			reportPerDoc(b, cpu, len(dvs))
		})
	}
	b.Run("data", func(b *testing.B) {
		cpu := cputime.Self()
		for b.Loop() {
			for i, views := range dvs {
				for j, sv := range v.svs {
					dv := views[j]
					info := sv.docInfo(dv, permid.Of(dv.Number))
					if _, err := appendDocJSON(nil, sv, dv, info, srcs[i].get(in.Content, sv.sourceFile(dv))); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		reportPerDoc(b, cpu, len(dvs))
	})
}

// reportPerDoc reports the CPU time since start per document of the n each loop
// renders.
func reportPerDoc(b *testing.B, start time.Duration, n int) {
	b.ReportMetric(float64((cputime.Self()-start).Microseconds())/float64(b.N*n), "cpu-µs/doc")
}
