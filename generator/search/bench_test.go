package search

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gazette/generator/internal/cputime"
)

// syntheticSite makes n documents from the sentences of the bundled issue, shuffled
// with a fixed seed: about 20 blocks of text each, a title, a 发文字号 and a date.
func syntheticSite(b testing.TB, n int) Site {
	b.Helper()
	files, err := filepath.Glob("../../content/*/*/*.md")
	if err != nil || len(files) == 0 {
		b.Fatalf("no content to build a corpus from: %v", err)
	}
	var sentences []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range strings.Split(string(src), "。") {
			if s = strings.Join(strings.Fields(s), ""); len([]rune(s)) > 8 && !strings.ContainsAny(s, "-:#|") {
				sentences = append(sentences, s+"。")
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return sentences[r.IntN(len(sentences))] }
	site := Site{Lang: "zh-Hans"}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		e := Entry{Kind: KindDocument, Path: fmt.Sprintf("doc/%d/index.html", i), BodyLang: "zh-Hans",
			Title:  strings.TrimSuffix(clip(pick(), 40), "。"),
			Number: fmt.Sprintf("乌政办发〔%d〕%d号", 2015+i/1000, i%1000+1), Date: start.AddDate(0, 0, i/3),
			Issue: "第1期", IssueKey: fmt.Sprintf("%d/01", 2015+i/1000), Section: "政府文件", Issuers: []string{"乌审旗人民政府"}}
		for range 20 {
			e.Blocks = append(e.Blocks, Block{Text: pick() + pick()})
		}
		site.Entries = append(site.Entries, e)
	}
	return site
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// BenchmarkBuild10k builds the index of 10,000 synthetic documents and reports its
// size; with node it also reports the bytes a first query for 医保 and 府院联动 loads.
func BenchmarkBuild10k(b *testing.B) {
	site := syntheticSite(b, 10000)
	var files []File
	cpu := cputime.Self()
	for b.Loop() {
		var err error
		if files, err = Build([]Site{site}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	total := 0
	for _, f := range files {
		total += len(f.Data)
	}
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(len(files)), "index-files")
	node, err := exec.LookPath("node")
	if err != nil {
		b.Log("node not found: first-query bytes not measured")
		return
	}
	dir := b.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{"医保", "府院联动"} {
		qf := filepath.Join(dir, "q.json")
		qs, _ := json.Marshal([]map[string]any{{"q": q, "limit": 10}})
		if err := os.WriteFile(qf, qs, 0o644); err != nil {
			b.Fatal(err)
		}
		out, err := exec.Command(node, "testdata/engine_node.js", "../../static/js", filepath.Join(dir, "search"), qf).Output()
		if err != nil {
			b.Fatalf("node: %v", err)
		}
		var answers []struct {
			Total int
			Done  bool
			Files []string
		}
		if err := json.Unmarshal(out, &answers); err != nil {
			b.Fatal(err)
		}
		// Like the page, engine_node.js loads the files of the first 10 results only, and
		// checks a phrase in as many entries as it takes to find one more.
		loaded := 0
		for _, f := range answers[0].Files {
			st, err := os.Stat(filepath.Join(dir, "search", f))
			if err != nil {
				b.Fatal(err)
			}
			loaded += int(st.Size())
		}
		more := ""
		if !answers[0].Done {
			more = " or more"
		}
		b.Logf("10,000 documents, first query %s: %d results%s, %d files, %d bytes",
			q, answers[0].Total, more, len(answers[0].Files), loaded)
	}
}

// reportCPU reports the CPU time per operation since start, all cores together: on a
// shared machine it says more than wall time does.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cputime.Self()-start).Seconds()/float64(b.N), "cpu-s/op")
}
