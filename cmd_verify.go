package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"gazette/generator/manifest"
)

// cmdVerify checks a site folder against the manifest the build wrote into it and
// names every missing, extra and changed file. Exit status 0 when the folder matches
// exactly, 1 when it does not or the manifest is missing or unreadable, 2 on misuse.
func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("verify", stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: gazette verify [DIR]\n\nchecks DIR (default public) against DIR/%s\n", manifest.Name)
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 1 {
		fmt.Fprintf(stderr, "gazette: verify takes one folder, got %d arguments\n", fl.NArg())
		return 2
	}
	dir := "public"
	if fl.NArg() == 1 {
		dir = fl.Arg(0)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "gazette: site folder %s not found\n", dir)
		return 2
	}
	rep, err := manifest.Verify(os.DirFS(dir))
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %s: %v\n", dir, err)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "hint: %s is written by gazette build; a site built before it existed has none\n", manifest.Name)
		}
		return 1
	}
	for _, p := range rep.Missing {
		fmt.Fprintf(stderr, "%s: missing\n", p)
	}
	for _, p := range rep.Changed {
		fmt.Fprintf(stderr, "%s: changed (SHA-256 differs from the manifest)\n", p)
	}
	for _, p := range rep.Extra {
		fmt.Fprintf(stderr, "%s: extra (not in the manifest)\n", p)
	}
	if !rep.OK() {
		fmt.Fprintf(stderr, "gazette: %s does not match its manifest: %d missing, %d changed, %d extra of %d files\n",
			dir, len(rep.Missing), len(rep.Changed), len(rep.Extra), rep.Checked)
		return 1
	}
	fmt.Fprintf(stdout, "gazette: %s matches its manifest (%d files)\n", dir, rep.Checked)
	return 0
}
