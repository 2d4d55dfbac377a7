// Package synth makes synthetic gazettes of any size, for benchmarks and load tests.
//
// It takes the bundled content folder (the real 2023年第2期) and Options (how many
// documents, a seed) and gives a content folder in the content format
// (docs/content-format.md), file by file, through a Sink: site.yaml, then one issue
// folder per ~50 documents, monthly, ending in 2023. Each issue has its _index.md, its
// documents (notices, many issuing a plan, in the sections 政府文件 and 政府办文件) and
// one chronicle (大事记) of the issue's month with valid dates, some of them ranges.
//
// All text is drawn from the bundled issue: sentences, numbered lead clauses, headings,
// 主送机关 lines, chronicle events and whole table rows are reassembled, so word
// frequencies, table shapes and the mix of Markdown constructs stay those of a real
// gazette. Each synthetic document takes its title topic, sentences and table from one
// bundled document (drawn in proportion to its length), so that words cluster by
// subject as they do in print: 医保 is in about three documents in ten, not in all. Documents have Chinese bodies of 2–30 KB (skewed towards the small end, mean
// about 11 KB); every fifth document has an annex table with merged cells (rows of a
// real table, its header rows kept whole); every third cites another document of the
// corpus by its 发文字号, sometimes with its 《title》, sometimes by the title alone.
//
// It guarantees that the same source and Options give a byte-identical corpus, that
// 发文字号 and titles are unique across the corpus (so every citation resolves to
// exactly one document), and that the corpus passes `gazette check` with no
// diagnostics at all.
package synth

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing/fstest"
)

// Options say what corpus to make.
type Options struct {
	Docs     int    // documents in the corpus, one chronicle per issue included; at least 1
	Seed     uint64 // the same seed gives the same corpus
	PerIssue int    // documents per issue, chronicle included; 0 means 50
	LastYear int    // the year of the last issue; 0 means 2023
	// Source is the content folder the text is drawn from: the bundled issue.
	Source fs.FS
}

// Summary counts what a corpus holds.
type Summary struct {
	Issues     int
	Documents  int // chronicles included
	Tables     int // documents with an annex table
	Citations  int // documents citing another one
	BodyBytes  int64
	TotalBytes int64 // every file written
}

// Sink receives the corpus one file at a time; name is slash-separated and relative to
// the content folder.
type Sink func(name string, data []byte) error

// ToDir writes files under dir, creating folders as needed.
func ToDir(dir string) Sink {
	return func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
}

// ToMap puts files into m, for tests that build in memory.
func ToMap(m fstest.MapFS) Sink {
	return func(name string, data []byte) error {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	}
}

// issuesPerYear makes issues monthly, so that a chronicle covers one month.
const issuesPerYear = 12

// Generate makes the corpus opt describes and hands every file to put, in a fixed order.
func Generate(put Sink, opt Options) (Summary, error) {
	if opt.Docs < 1 {
		return Summary{}, errors.New("synth: at least one document is needed")
	}
	if opt.Source == nil {
		return Summary{}, errors.New("synth: no source content to draw text from")
	}
	if opt.PerIssue == 0 {
		opt.PerIssue = 50
	}
	if opt.LastYear == 0 {
		opt.LastYear = 2023
	}
	if opt.PerIssue < 1 {
		return Summary{}, fmt.Errorf("synth: %d documents per issue", opt.PerIssue)
	}
	src, err := readSource(opt.Source)
	if err != nil {
		return Summary{}, fmt.Errorf("synth: %w", err)
	}
	g := &generator{
		pool: src,
		rng:  rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)),
		used: map[string]bool{},
	}
	g.plan(opt)
	var sum Summary
	emit := func(name string, data []byte) error {
		sum.TotalBytes += int64(len(data))
		if err := put(name, data); err != nil {
			return fmt.Errorf("synth: writing %s: %w", name, err)
		}
		return nil
	}
	if err := emit("site.yaml", src.siteYAML); err != nil {
		return sum, err
	}
	for _, is := range g.issues {
		if err := emit(is.dir+"/_index.md", g.issueFile(is)); err != nil {
			return sum, err
		}
		sum.Issues++
		for _, d := range is.docs {
			front, body := g.document(d)
			if err := emit(d.file, append(front, body...)); err != nil {
				return sum, err
			}
			sum.Documents++
			sum.BodyBytes += int64(len(body))
			if d.table {
				sum.Tables++
			}
			if d.cite != nil {
				sum.Citations++
			}
		}
	}
	return sum, nil
}

// WriteDir makes the corpus in dir, which must not exist or be empty: mixing a corpus
// with other content would make a gazette nobody asked for.
func WriteDir(dir string, opt Options) (Summary, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return Summary{}, fmt.Errorf("synth: %s is not empty", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return Summary{}, fmt.Errorf("synth: %w", err)
	}
	return Generate(ToDir(dir), opt)
}
