// Package perf measures what issue 12 sets targets for: the wall time, CPU time and
// peak memory of a build run as its own process, and the bytes a browser downloads to
// answer a first search query.
//
// It takes a command to run (the gazette binary building a corpus from
// generator/synth) or a built site folder, and gives plain figures; the perf command
// (cmd/perf) puts them in the table the README's Performance section shows. Peak
// memory is the child's maximum resident set size from getrusage, which is what
// /usr/bin/time -v reports, so the figures compare with the Hugo and Pagefind
// measurements; on systems without getrusage it is 0.
package perf

import (
	"bytes"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Run is one measured process.
type Run struct {
	Wall    time.Duration
	CPU     time.Duration // user + system
	PeakRSS int64         // bytes
	Stdout  string
}

// Measure runs name with args to completion and reports what it used. A command that
// fails is an error carrying its standard error.
func Measure(name string, args ...string) (Run, error) {
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Run{}, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	cpu, rss := usage(cmd.ProcessState)
	return Run{Wall: wall, CPU: cpu, PeakRSS: rss, Stdout: stdout.String()}, nil
}

// Size is how much a built site holds.
type Size struct {
	Files, Pages int // Pages counts .html files
	Bytes        int64
}

// SiteSize walks a built site.
func SiteSize(dir string) (Size, error) {
	var s Size
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s.Files++
		s.Bytes += info.Size()
		if strings.HasSuffix(p, ".html") {
			s.Pages++
		}
		return nil
	})
	if err != nil {
		return s, fmt.Errorf("measuring %s: %w", dir, err)
	}
	return s, nil
}
