// Command synth writes a synthetic gazette of any size for benchmarks, drawing its text
// from the bundled issue (see package gazette/generator/synth).
//
// Usage:
//
//	go run ./generator/synth/cmd/synth [-docs 1000] [-seed 1] [-per-issue 50] [-src content] -o DIR
//
// DIR must not exist or be empty. The same flags always give a byte-identical corpus;
// build it with `gazette build -src DIR`.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"gazette/generator/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("synth", flag.ContinueOnError)
	fl.SetOutput(stderr)
	docs := fl.Int("docs", 1000, "`number` of documents, one chronicle per issue included")
	seed := fl.Uint64("seed", 1, "random `seed`; the same seed gives the same corpus")
	perIssue := fl.Int("per-issue", 50, "documents per issue")
	src := fl.String("src", "content", "content `folder` the text is drawn from")
	out := fl.String("o", "", "output `folder`; must not exist or be empty")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "synth: name the output folder with -o, e.g. -o /tmp/corpus")
		return 2
	}
	if st, err := os.Stat(*src); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "synth: content folder %s not found\nhint: run it from the repository root, or pass -src\n", *src)
		return 2
	}
	sum, err := synth.WriteDir(*out, synth.Options{Docs: *docs, Seed: *seed, PerIssue: *perIssue, Source: os.DirFS(*src)})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "synth: %d documents in %d issues (%d with a table, %d citing another), %.1f MB of bodies, into %s\n",
		sum.Documents, sum.Issues, sum.Tables, sum.Citations, float64(sum.BodyBytes)/1e6, *out)
	return 0
}
