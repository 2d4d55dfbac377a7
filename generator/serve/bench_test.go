package serve

// The time from saving one document to the rebuilt site being served, as an editor
// waits for it: the save (a temporary file renamed over the document), the watcher's
// batching, the incremental build, until the server gives the page with the edit.
//
//	go test -run='^$' -bench=SaveToServed -benchtime=21x ./generator/serve/
//
// ms-median is the figure to read: the median of the runs. build-ms-median is the
// median of the builds alone, as the terminal reports them (in whole milliseconds);
// rest-ms-median that of the rest of each run: the wait for the end of the save's
// burst of events (Options.Tick), the event stream and the serving. The 1,000-document
// benchmark builds a synthetic gazette (generator/synth) first; it is skipped under
// -short.

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/generator/build"
	"gazette/generator/content"
	"gazette/generator/synth"
)

func benchmarkSaveToServed(b *testing.B, dir string) {
	site, diags := content.Load(os.DirFS(dir))
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	// The last issue's first document that is not a chronicle.
	var doc *content.Document
	for _, d := range site.Issues[len(site.Issues)-1].Documents {
		if !d.IsChronicle() {
			doc = d
			break
		}
	}
	orig, err := os.ReadFile(filepath.Join(dir, doc.File))
	if err != nil {
		b.Fatal(err)
	}
	var log syncBuffer
	s := New(Options{
		Inputs:     build.Inputs{Content: os.DirFS(dir), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")},
		ContentDir: dir, Log: &log,
	})
	srv := httptest.NewServer(s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() { cancel(); <-done; s.Close(); srv.Close() }()
	events := listen(b, srv.URL)
	awaitWithin(b, events, "build", 10*time.Minute) // the first, full build
	// Each rebuild redoes the stages that are not incremental (the search index): give
	// them time on a large corpus.
	within := 30 * time.Second
	if len(site.Issues) > 2 {
		within = 5 * time.Minute
	}
	url := srv.URL + "/" + doc.Path() + "/"

	var times []time.Duration
	n := 0
	for b.Loop() {
		n++
		marker := "第" + strings.Repeat("改", n%7+1) + "稿。"
		edited := strings.Replace(string(orig), "。", "。"+marker, 1)
		start := time.Now()
		saveAtomically(b, dir, doc.File, edited)
		awaitWithin(b, events, "build", within)
		if _, page := fetch(b, url); !strings.Contains(page, marker) {
			b.Fatalf("the page does not show the edit %s", marker)
		}
		times = append(times, time.Since(start))
	}
	var builds, rest []time.Duration
	for i, m := range rebuilt.FindAllStringSubmatch(log.String(), -1) {
		ms, _ := strconv.Atoi(m[1])
		builds = append(builds, time.Duration(ms)*time.Millisecond)
		if i < len(times) {
			rest = append(rest, times[i]-builds[i])
		}
	}
	if len(builds) != len(times) {
		b.Fatalf("%d rebuilds for %d saves:\n%s", len(builds), len(times), log.String())
	}
	b.ReportMetric(median(times), "ms-median")
	b.ReportMetric(median(builds), "build-ms-median")
	b.ReportMetric(median(rest), "rest-ms-median")
}

// rebuilt finds the time of each rebuild in the terminal's lines.
var rebuilt = regexp.MustCompile(`rebuilt in (\d+) ms`)

// median gives the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}

func BenchmarkSaveToServedBundled(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		b.Fatal(err)
	}
	benchmarkSaveToServed(b, dir)
}

func BenchmarkSaveToServed1k(b *testing.B) {
	if testing.Short() {
		b.Skip("1,000 documents: not under -short")
	}
	dir := filepath.Join(b.TempDir(), "content")
	if _, err := synth.WriteDir(dir, synth.Options{Docs: 1000, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		b.Fatal(err)
	}
	benchmarkSaveToServed(b, dir)
}
