package build

import (
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"gazette/generator/output"
	"gazette/generator/render"
)

// temporary: peak heap per stage (removed after measuring)
func TestTmpMemStages(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	var peak atomic.Uint64
	stop := make(chan bool)
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
		}
	}()
	live := func() uint64 { runtime.GC(); var m runtime.MemStats; runtime.ReadMemStats(&m); return m.HeapAlloc >> 20 }
	stage := func(name string, f func()) {
		peak.Store(0)
		t0 := time.Now()
		f()
		t.Logf("%-8s %6v peak %4d MB, live after %4d MB", name, time.Since(t0).Round(time.Millisecond), peak.Load()>>20, live())
	}
	in := Inputs{Content: os.DirFS(dir), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")}
	var conv *converted
	var rin render.Input
	var layouts *render.Layouts
	tree := output.NewTree()
	stage("prepare", func() {
		site, c, _ := prepare(in, nil)
		conv = c
		layouts, _ = render.LoadLayouts(in.Layouts, site.Config.Languages)
		rin = render.Input{Site: site, Bodies: conv.bodies, CitedBy: conv.citedBy, Unresolved: conv.unresolved, Events: conv.events, Cites: conv.cites, Content: in.Content}
	})
	stage("render", func() {
		if err := layouts.Site(rin, tree); err != nil {
			t.Fatal(err)
		}
	})
	stage("search", func() {
		if err := addSearch(tree, layouts.SearchSites(rin)); err != nil {
			t.Fatal(err)
		}
	})
	n := 0
	for _, p := range tree.Paths() {
		b, _ := tree.Get(p)
		n += len(b)
	}
	t.Logf("tree %d files %d MB", tree.Len(), n>>20)
	close(stop)
}
