// Command perf measures full builds of synthetic gazettes the way issue 12 states its
// targets, and prints a Markdown table for the README's Performance section.
//
// Usage, from the repository root:
//
//	go run ./generator/perf/cmd/perf [-docs 1000,10000] [-runs 3] [-seed 1] [-work DIR] [-peers=false]
//
// For each size it writes a corpus with generator/synth (once; kept in -work), builds
// the gazette binary and runs `gazette build` on the corpus as a child process, -runs
// times each of two ways: fresh, into a folder that does not exist (as Hugo is
// measured), and again, over the site the fresh build made (a clerk's next build:
// unchanged files are linked, the previous site removed). Before each build the file
// systems are synced (perf.Settle), so that no run pays for the one before. It
// reports for each way the median wall time and CPU time (user + system), the
// largest peak resident set (getrusage maxrss, as /usr/bin/time -v shows it), the
// size of the site, and the bytes a browser loads to answer the first query 医保 and
// 府院联动.
//
// With -peers (the default) it measures the peers of issue 12 in the same run: Hugo
// (Debian's hugo, 0.111) building the same corpus with a minimal theme, fresh and
// again, Pagefind (npm pagefind 1.6, in ~/.cache/gazette/node_modules) indexing Hugo's
// output, and, in headless Chromium, the bytes Pagefind downloads for the same first
// queries there.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"gazette/generator/perf"
	"gazette/generator/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

type config struct {
	sizes   []int
	runs    int
	seed    uint64
	work    string
	queries []string
	peers   bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("perf", flag.ContinueOnError)
	fl.SetOutput(stderr)
	docs := fl.String("docs", "1000,10000", "comma-separated corpus `sizes`, in documents")
	var c config
	fl.IntVar(&c.runs, "runs", 3, "builds per size; the median is reported")
	fl.Uint64Var(&c.seed, "seed", 1, "corpus `seed`")
	fl.StringVar(&c.work, "work", "", "`folder` for the binary, corpora and sites (default: a temporary folder, removed at the end)")
	queries := fl.String("q", "医保,府院联动", "comma-separated first `queries` to weigh")
	fl.BoolVar(&c.peers, "peers", true, "also build the corpus with Hugo and index it with Pagefind, in the same run (needs hugo, pagefind and chromium)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	for _, s := range strings.Split(*docs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "perf: -docs: %q is not a number of documents\n", s)
			return 2
		}
		c.sizes = append(c.sizes, n)
	}
	c.queries = strings.Split(*queries, ",")
	if _, err := os.Stat("go.mod"); err != nil || fl.NArg() > 0 || c.runs < 1 {
		fmt.Fprintln(stderr, "perf: run it from the repository root: go run ./generator/perf/cmd/perf")
		return 2
	}
	if c.work == "" {
		dir, err := os.MkdirTemp("", "gazette-perf-")
		if err != nil {
			fmt.Fprintf(stderr, "perf: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
		c.work = dir
	}
	if err := measure(c, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "perf: %v\n", err)
		return 1
	}
	return 0
}

// row is the figures of one corpus size.
type row struct {
	docs int
	// fresh is a build into a folder that does not exist, as a fresh clone's first build
	// and Hugo's measured builds are; again, one over the site the build before made,
	// as a clerk's next build is: it links the files that did not change, and removes
	// the previous site.
	fresh, again timing
	peak         int64
	size         perf.Size
	queryBytes   []string
	queryBytesN  []int64
	queryResults []string
	peer         *peerRow
}

// timing is the median wall and CPU time of the runs of one kind.
type timing struct{ wall, cpu time.Duration }

// runsOf collects the measures of one kind of run.
type runsOf struct{ walls, cpus []time.Duration }

func (r *runsOf) add(m perf.Run) {
	r.walls, r.cpus = append(r.walls, m.Wall), append(r.cpus, m.CPU)
}

func (r *runsOf) median() timing { return timing{median(r.walls), median(r.cpus)} }

// peerRow is what Hugo and Pagefind took on the same corpus.
type peerRow struct {
	hugo, hugoAgain timing
	hugoPeak        int64
	pagefind        perf.Run
	queries         []perf.PagefindQuery
}

func measure(c config, stdout, progress io.Writer) error {
	load := loadAverage()
	bin := filepath.Join(c.work, "gazette")
	fmt.Fprintln(progress, "perf: building the gazette binary")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	var peers perf.Peers
	chromium := ""
	if c.peers {
		var err error
		if peers, err = perf.FindPeers(""); err != nil {
			return fmt.Errorf("%v (or run with -peers=false)", err)
		}
		if chromium, err = exec.LookPath("chromium"); err != nil {
			return fmt.Errorf("weighing Pagefind's queries needs chromium (apt-get install -y chromium), or run with -peers=false: %w", err)
		}
	}
	var rows []row
	for _, n := range c.sizes {
		src := filepath.Join(c.work, fmt.Sprintf("corpus-%d-seed%d", n, c.seed))
		if _, err := os.Stat(filepath.Join(src, "site.yaml")); err != nil {
			fmt.Fprintf(progress, "perf: writing a corpus of %d documents\n", n)
			if _, err := synth.WriteDir(src, synth.Options{Docs: n, Seed: c.seed, Source: os.DirFS("content")}); err != nil {
				return err
			}
		}
		out := filepath.Join(c.work, fmt.Sprintf("public-%d", n))
		r := row{docs: n}
		var err error
		r.fresh, r.again, r.peak, err = freshAndAgain(c.runs, out, fmt.Sprintf("%d documents,", n), progress,
			func() (perf.Run, error) { return perf.Measure(bin, "build", "-src", src, "-o", out) })
		if err != nil {
			return err
		}
		if r.size, err = perf.SiteSize(out); err != nil {
			return err
		}
		for _, q := range c.queries {
			load, err := perf.FirstQuery(out, q)
			switch {
			case err != nil:
				fmt.Fprintf(progress, "perf: query %s: %v\n", q, err)
				r.queryBytes = append(r.queryBytes, "n/a")
				r.queryResults = append(r.queryResults, "n/a")
			default:
				r.queryBytesN = append(r.queryBytesN, load.Bytes)
				r.queryBytes = append(r.queryBytes, kb(load.Bytes))
				r.queryResults = append(r.queryResults, strconv.Itoa(load.Results))
			}
		}
		if c.peers {
			if r.peer, err = measurePeers(c, peers, chromium, src, n, progress); err != nil {
				return err
			}
		}
		rows = append(rows, r)
	}
	report(stdout, c, rows, load)
	return nil
}

func report(w io.Writer, c config, rows []row, load string) {
	fmt.Fprintf(w, "\n%s, %s, %d CPUs (%s/%s), %s, median of %d builds; load average before: %s\n\n",
		time.Now().Format(time.DateOnly), cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH,
		runtime.Version(), c.runs, load)
	fmt.Fprintln(w, "Fresh: a build into a folder that does not exist; again: the same build over the site the build before made.")
	fmt.Fprintf(w, "\n| documents | fresh: wall, CPU | again: wall, CPU | peak RSS | pages | files | site | first query %s | results |\n",
		strings.Join(c.queries, " / "))
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %d | %.2f s, %.2f s | %.2f s, %.2f s | %d MiB | %d | %d | %d MB | %s | %s |\n",
			r.docs, r.fresh.wall.Seconds(), r.fresh.cpu.Seconds(), r.again.wall.Seconds(), r.again.cpu.Seconds(),
			r.peak>>20, r.size.Pages, r.size.Files,
			r.size.Bytes/1e6, strings.Join(r.queryBytes, " / "), strings.Join(r.queryResults, " / "))
	}
	if c.peers {
		reportPeers(w, c, rows)
	}
	if len(rows) == 2 && rows[0].fresh.wall > 0 {
		a, b := rows[0], rows[1]
		fmt.Fprintf(w, "\n%d/%d documents: fresh wall time × %.1f, CPU time × %.1f; again wall time × %.1f, CPU time × %.1f\n",
			b.docs, a.docs, b.fresh.wall.Seconds()/a.fresh.wall.Seconds(), b.fresh.cpu.Seconds()/a.fresh.cpu.Seconds(),
			b.again.wall.Seconds()/a.again.wall.Seconds(), b.again.cpu.Seconds()/a.again.cpu.Seconds())
	}
}

// measurePeers builds the corpus with Hugo (-runs times, the median kept), indexes
// Hugo's output with Pagefind and weighs Pagefind's first queries on it. Hugo's site
// has one page per document in one language, the same documents gazette's Chinese
// index holds: the smallest input Pagefind can be given for them. (gazette's own site
// doubles the pages with the Mongolian ones and adds source views; Pagefind indexing
// it at 10,000 documents ran out of the machine's 23 GiB.)
func measurePeers(c config, p perf.Peers, chromium, src string, n int, progress io.Writer) (*peerRow, error) {
	hugoSrc := filepath.Join(c.work, fmt.Sprintf("hugo-%d", n))
	hugoOut := filepath.Join(hugoSrc, "public")
	if err := os.RemoveAll(hugoSrc); err != nil {
		return nil, err
	}
	if err := perf.HugoSite(src, hugoSrc); err != nil {
		return nil, err
	}
	pr := &peerRow{}
	var err error
	pr.hugo, pr.hugoAgain, pr.hugoPeak, err = freshAndAgain(c.runs, hugoOut, fmt.Sprintf("%d documents, Hugo", n), progress,
		func() (perf.Run, error) { return p.BuildHugo(hugoSrc, hugoOut) })
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "perf: %d documents: Pagefind indexing Hugo's site\n", n)
	if pr.pagefind, err = p.IndexPagefind(hugoOut); err != nil {
		return nil, err
	}
	if pr.queries, err = perf.PagefindFirstQueries(chromium, hugoOut, "zh-Hans", c.queries, perf.Shown); err != nil {
		return nil, err
	}
	return pr, nil
}

// freshAndAgain builds runs times into out, which it removes first, and then again over
// what that build made, and gives the median timings of each kind and the largest
// peak; what names the builds in the progress lines.
func freshAndAgain(runs int, out, what string, progress io.Writer, build func() (perf.Run, error)) (fresh, again timing, peak int64, err error) {
	var kinds [2]runsOf
	for i := 0; i < runs; i++ {
		if err := os.RemoveAll(out); err != nil {
			return fresh, again, peak, err
		}
		for k, kind := range []string{"fresh", "again"} {
			perf.Settle()
			m, err := build()
			if err != nil {
				return fresh, again, peak, err
			}
			fmt.Fprintf(progress, "perf: %s run %d %s: %v wall, %v CPU, %d MiB peak\n",
				what, i+1, kind, m.Wall.Round(time.Millisecond), m.CPU.Round(time.Millisecond), m.PeakRSS>>20)
			kinds[k].add(m)
			peak = max(peak, m.PeakRSS)
		}
	}
	return kinds[0].median(), kinds[1].median(), peak, nil
}

// reportPeers prints the Hugo and Pagefind figures of the same run and how gazette
// compares with them on issue 12's targets.
func reportPeers(w io.Writer, c config, rows []row) {
	fmt.Fprintf(w, "\n| documents | Hugo fresh: wall, CPU | Hugo again: wall, CPU | Hugo peak | Pagefind indexing Hugo's site: wall, peak | Pagefind first query %s: index + code (results) |\n",
		strings.Join(c.queries, " / "))
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		p := r.peer
		if p == nil {
			continue
		}
		var qs []string
		for _, q := range p.queries {
			qs = append(qs, fmt.Sprintf("%s + %s (%d)", kb(q.DataBytes), kb(q.CodeBytes), q.Results))
		}
		fmt.Fprintf(w, "| %d | %.2f s, %.2f s | %.2f s, %.2f s | %d MiB | %.1f s, %d MiB | %s |\n", r.docs,
			p.hugo.wall.Seconds(), p.hugo.cpu.Seconds(), p.hugoAgain.wall.Seconds(), p.hugoAgain.cpu.Seconds(), p.hugoPeak>>20,
			p.pagefind.Wall.Seconds(), p.pagefind.PeakRSS>>20, strings.Join(qs, " / "))
	}
	fmt.Fprintln(w, "\nTargets: build wall time ≤ ½ Hugo's; first query ≤ ¼ of Pagefind's (index + code, as a browser downloads them):")
	for _, r := range rows {
		p := r.peer
		if p == nil {
			continue
		}
		fmt.Fprintf(w, "- %d documents: gazette/Hugo wall × %.2f fresh, × %.2f again", r.docs,
			r.fresh.wall.Seconds()/p.hugo.wall.Seconds(), r.again.wall.Seconds()/p.hugoAgain.wall.Seconds())
		for i, q := range p.queries {
			if i < len(r.queryBytesN) && q.DataBytes+q.CodeBytes > 0 {
				fmt.Fprintf(w, "; %s × %.2f of Pagefind", q.Query, float64(r.queryBytesN[i])/float64(q.DataBytes+q.CodeBytes))
			}
		}
		fmt.Fprintln(w)
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func kb(n int64) string { return fmt.Sprintf("%.0f KB", float64(n)/1000) }

// cpuModel names the processor, as far as the system says.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// loadAverage tells whether other work shared the machine, which wall times depend on.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
