package main

import (
	"errors"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain makes the test binary double as the gazette command, so that the scripts
// run the real CLI (flags, exit status, stdout and stderr) as a separate process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gazette": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar. Besides the standard commands they can use
//
//	status N prog [args...]   run prog and require exit status N
//	entries DIR [name...]     require DIR to hold exactly these names (no leftovers;
//	                          $WORK/.tmp, testscript's $TMPDIR, is not counted)
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"status":  cmdStatus,
			"entries": cmdEntries,
		},
	})
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	var exit *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &exit):
		got = exit.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

func cmdEntries(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: entries DIR [name...]")
	}
	dir := ts.MkAbs(args[0])
	list, err := os.ReadDir(dir)
	ts.Check(err)
	var got []string
	for _, e := range list {
		if e.Name() == ".tmp" && dir == ts.Getenv("WORK") {
			continue // testscript's own $TMPDIR
		}
		got = append(got, e.Name())
	}
	want := append([]string(nil), args[1:]...)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		ts.Fatalf("%s holds %q, want %q", args[0], got, want)
	}
}
