package build

import (
	"os"
	"path/filepath"
	"testing"

	"gazette/generator/render"
	"gazette/generator/search"
	"gazette/generator/synth"
)

// BenchmarkSearchIndex1k times search.Build on the entries of a synthetic gazette of
// 1,000 documents, both languages: the index stage of a full build alone. It lives here
// because the entries come from the converted and laid-out site.
func BenchmarkSearchIndex1k(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	if _, err := synth.WriteDir(dir, synth.Options{Docs: 1000, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		b.Fatal(err)
	}
	in := Inputs{Content: os.DirFS(dir), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")}
	site, conv, diags := prepare(in, nil)
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	layouts, err := render.LoadLayouts(in.Layouts, site.Config.Languages)
	if err != nil {
		b.Fatal(err)
	}
	sites := layouts.SearchSites(render.Input{Site: site, Bodies: conv.bodies, CitedBy: conv.citedBy,
		Unresolved: conv.unresolved, Events: conv.events, Cites: conv.cites, Content: in.Content})
	var files []search.File
	for b.Loop() {
		if files, err = search.Build(sites); err != nil {
			b.Fatal(err)
		}
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(size)/1e6, "MB")
}
