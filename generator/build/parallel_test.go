package build_test

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"testing"
	"testing/fstest"

	"gazette/generator/build"
	"gazette/generator/synth"
)

// TestParallelBuildIsDeterministic builds one synthetic gazette on one core and on
// several (the conversion runs on all of them) and wants the same site byte for byte.
// Run it with -race to check that conversions share nothing mutable.
func TestParallelBuildIsDeterministic(t *testing.T) {
	corpus := fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(corpus), synth.Options{Docs: 60, Seed: 5, PerIssue: 20, Source: os.DirFS("../../content")}); err != nil {
		t.Fatal(err)
	}
	in := build.Inputs{Content: corpus, Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")}
	siteWith := func(procs int) *build.Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := build.Site(in)
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		return res
	}
	one, many := siteWith(1), siteWith(4)
	if a, b := one.Tree.Paths(), many.Tree.Paths(); len(a) != len(b) {
		t.Fatalf("%d files on one core, %d on four", len(a), len(b))
	}
	for _, p := range one.Tree.Paths() {
		a, _ := one.Tree.Get(p)
		b, ok := many.Tree.Get(p)
		if !ok || !bytes.Equal(a, b) {
			t.Errorf("%s differs between one core and four", p)
		}
	}
	if a, b := fmt.Sprint(one.Diags), fmt.Sprint(many.Diags); a != b {
		t.Errorf("diagnostics differ:\none core:\n%s\nfour:\n%s", a, b)
	}
}
