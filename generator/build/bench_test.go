package build_test

// Benchmarks of whole builds on synthetic gazettes (generator/synth), the sizes of
// issue 12: 1,000 and 10,000 documents. Each benchmark makes its corpus once, on disk,
// outside the timed loop, and times what `gazette build` does: load, convert, render and
// write the site with its atomic swap. Run them with
//
//	go test -run='^$' -bench=. -benchtime=3x ./generator/build/
//
// BenchmarkBuild10k takes a minute or more and is skipped under -short.

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"gazette/generator/build"
	"gazette/generator/output"
	"gazette/generator/synth"

	"gazette/generator/internal/cputime"
)

// corpus writes a synthetic gazette of docs documents into a fresh folder.
func corpus(b *testing.B, docs int) (build.Inputs, string) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "content")
	if _, err := synth.WriteDir(dir, synth.Options{Docs: docs, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		b.Fatal(err)
	}
	return build.Inputs{Content: os.DirFS(dir), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")}, dir
}

// buildAndWrite is one full build, as `gazette build` runs it.
func buildAndWrite(b *testing.B, in build.Inputs, out string) *build.Result {
	b.Helper()
	res, err := build.Write(in, out)
	if err != nil {
		b.Fatalf("build: %v", err)
	}
	return res
}

func benchmarkBuild(b *testing.B, docs int) {
	in, _ := corpus(b, docs)
	out := filepath.Join(b.TempDir(), "public")
	var res *build.Result
	cpu := cputime.Self()
	for b.Loop() {
		res = buildAndWrite(b, in, out)
	}
	reportCPU(b, cpu)
	if res.Documents != docs {
		b.Fatalf("built %d documents, want %d", res.Documents, docs)
	}
	b.ReportMetric(float64(res.Tree.Len()), "files")
}

// reportCPU reports the CPU time per build since start, all cores together.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cputime.Self()-start).Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkBuild1k(b *testing.B) { benchmarkBuild(b, 1000) }

func BenchmarkBuild10k(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000 documents take a minute or more; skipped under -short")
	}
	benchmarkBuild(b, 10000)
}

// BenchmarkRebuildOne1kToDisk times the build that follows an edit of one document of a
// 1,000-document gazette, with a Builder that keeps the previous build (incremental.go):
// BenchmarkRebuild1kOneDoc (incremental_bench_test.go) with the content read from disk
// and the site written to disk, as a rebuild of `gazette serve` or `build` does.
func BenchmarkRebuildOne1kToDisk(b *testing.B) {
	in, dir := corpus(b, 1000)
	out := filepath.Join(b.TempDir(), "public")
	var builder build.Builder
	rebuild := func() {
		res, err := builder.Build(in)
		if err != nil {
			b.Fatalf("build: %v", err)
		}
		if err := output.Write(res.Tree, out); err != nil {
			b.Fatalf("write: %v", err)
		}
	}
	rebuild()
	file := filepath.Join(dir, "2022", "06", "wen-10.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	edited := append(append([]byte(nil), orig...), "\n本文件自印发之日起施行。\n"...)
	i := 0
	cpu := cputime.Self()
	for b.Loop() {
		src := orig
		if i++; i%2 == 1 {
			src = edited
		}
		if err := os.WriteFile(file, src, 0o644); err != nil {
			b.Fatal(err)
		}
		rebuild()
	}
	reportCPU(b, cpu)
	if r := builder.Report(); r.Full || len(r.Converted) != 1 {
		b.Fatalf("the rebuild was not incremental: full %v (%s), converted %v", r.Full, r.Why, r.Converted)
	}
}
