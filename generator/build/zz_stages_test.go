package build

import (
	"bytes"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"gazette/generator/output"
	"gazette/generator/render"
	"gazette/generator/synth"
)

// Temporary: stage times of an incremental rebuild at 1,000 documents.
func TestZZStages(t *testing.T) {
	e := newEditable(t)
	e.content = fstest.MapFS{}
	synth.Generate(synth.ToMap(e.content), synth.Options{Docs: 1000, Seed: 1, Source: os.DirFS("../../content")})
	var b Builder
	if _, err := b.Build(e.inputs()); err != nil {
		t.Fatal(err)
	}
	file := ""
	for _, p := range sortedKeys(e.content) {
		if bytes.Contains(e.content[p].Data, []byte("section: 政府")) { file = p; break }
	}
	for i := 0; i < 2; i++ {
	e.content[file] = &fstest.MapFile{Data: bytes.Replace(e.content[file].Data, []byte("。"), []byte("，"), 1)}
	in := e.inputs()
	inc := &incremental{b: &b}
	b.conv.begin()
	t0 := time.Now()
	site, conv, _ := prepare(in, inc)
	t1 := time.Now()
	layouts, _ := render.LoadLayouts(in.Layouts, site.Config.Languages)
	tree := output.NewTree()
	rin := render.Input{Site: site, Bodies: conv.bodies, CitedBy: conv.citedBy, Unresolved: conv.unresolved, Events: conv.events, Cites: conv.cites, Content: in.Content}
	rin.Reuse = inc.reuse(in, site, conv, layouts)
	t2 := time.Now()
	if err := layouts.Site(rin, tree); err != nil { t.Fatal(err) }
	t3 := time.Now()
	sites := layouts.SearchSites(rin)
	t4 := time.Now()
	addSearch(tree, sites)
	t5 := time.Now()
	addAssets(tree, in.Static)
	addIntegrity(tree, site)
	t6 := time.Now()
	t.Logf("load+convert %v (converted %v) | facts+diff %v | render %v (%v pages rendered) | search entries %v | search index %v | assets+integrity %v",
		t1.Sub(t0), b.conv.converted, t2.Sub(t1), t3.Sub(t2), inc.rendered, t4.Sub(t3), t5.Sub(t4), t6.Sub(t5))
	b.conv.end()
	inc.next.tree = tree
	b.prev = inc.next
	}
}
