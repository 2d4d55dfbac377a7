// Command gazette builds the 乌审旗人民政府公报 (or any gazette in the same content
// format) into a static, bilingual, searchable site.
//
// Usage:
//
//	gazette build [-src content] [-o public] [-layouts DIR] [-static DIR]
//	gazette check [-src content]
//	gazette serve [-src content] [-addr 127.0.0.1:1313] [-layouts DIR] [-static DIR]
//	gazette new issue YEAR NUMBER | gazette new doc YEAR/NN -number … -section … -title …
//	gazette verify [DIR]
//
// See README.md for the content format and every command.
package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gazette/generator/build"
	"gazette/generator/diag"
	"gazette/generator/output"
)

// The layouts and static files ship inside the binary, so `gazette build` works from any
// folder; -layouts and -static point at folders on disk instead.
//
//go:embed layouts static
var bundled embed.FS

const usage = `usage: gazette <command> [flags]

commands:
  build    build the content folder into a static site
  check    validate all content without writing anything
  serve    preview the site, rebuilding and reloading as files change
  new      start a new issue or document (gazette new issue|doc …)
  verify   check a built or copied site against its manifest-sha256.txt

run "gazette <command> -h" for the flags of a command
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status (0 ok, 1 content or
// build failure, 2 misuse).
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "verify":
		return cmdVerify(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "gazette: unknown command %q\n%s", args[0], usage)
	return 2
}

type inputFlags struct {
	src, layouts, static string
}

func (f *inputFlags) register(fl *flag.FlagSet) {
	fl.StringVar(&f.src, "src", "content", "content `folder` (site.yaml and <year>/<nn>/ issues)")
	fl.StringVar(&f.layouts, "layouts", "", "layouts `folder` (default: the layouts built into gazette)")
	fl.StringVar(&f.static, "static", "", "static files `folder` (default: the static files built into gazette)")
}

func (f *inputFlags) inputs() (build.Inputs, error) {
	if st, err := os.Stat(f.src); err != nil || !st.IsDir() {
		return build.Inputs{}, fmt.Errorf("content folder %s not found", f.src)
	}
	// An os.Root rather than os.DirFS: no read through it, by the loader or a later
	// stage, follows a symbolic link out of the content folder.
	root, err := os.OpenRoot(f.src)
	if err != nil {
		return build.Inputs{}, fmt.Errorf("content folder %s: %w", f.src, err)
	}
	in := build.Inputs{Content: root.FS()}
	if in.Layouts, err = folder(f.layouts, "layouts"); err != nil {
		return in, err
	}
	if in.Static, err = folder(f.static, "static"); err != nil {
		return in, err
	}
	return in, nil
}

func folder(dir, bundledName string) (fs.FS, error) {
	if dir == "" {
		return fs.Sub(bundled, bundledName)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s folder %s not found", bundledName, dir)
	}
	return os.DirFS(dir), nil
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	return fl
}

// parse parses a command's flags. The commands take no arguments: a stray one (gazette
// check content2) would otherwise be ignored and the default folder used instead.
func parse(fl *flag.FlagSet, args []string, stderr io.Writer) bool {
	if err := fl.Parse(args); err != nil {
		return false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "gazette: unexpected argument %q (folders are given with flags, e.g. -src %s)\n", fl.Arg(0), fl.Arg(0))
		return false
	}
	return true
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("build", stderr)
	var in inputFlags
	in.register(fl)
	out := fl.String("o", "public", "output `folder`; replaced only when the whole build succeeds")
	if !parse(fl, args, stderr) {
		return 2
	}
	inputs, err := in.inputs()
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 2
	}
	if err := safeOutput(*out, in.src, in.layouts, in.static); err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 2
	}
	start := time.Now()
	res, err := build.Write(inputs, *out)
	if errors.Is(err, output.ErrReplaced) {
		return fail(stderr, err, "")
	}
	if err != nil {
		return fail(stderr, err, *out)
	}
	fmt.Fprintf(stdout, "gazette: built %d pages (%d documents, %d files) into %s in %d ms\n",
		res.Pages, res.Documents, res.Tree.Len(), *out, time.Since(start).Milliseconds())
	return 0
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("check", stderr)
	var in inputFlags
	in.register(fl)
	if !parse(fl, args, stderr) {
		return 2
	}
	inputs, err := in.inputs()
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 2
	}
	site, diags := build.Check(inputs)
	printNotes(stderr, diags)
	if err := diags.Err(); err != nil {
		return fail(stderr, err, "")
	}
	docs := 0
	for _, is := range site.Issues {
		docs += len(is.Documents)
	}
	fmt.Fprintf(stdout, "gazette: %d issues, %d documents: no problems\n", len(site.Issues), docs)
	return 0
}

// safeOutput refuses an output folder that would replace the sources: the build swaps
// the whole output folder, so -o . or -o content would delete them.
func safeOutput(out string, sources ...string) error {
	o, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	cwd, _ := os.Getwd()
	if o == cwd || o == filepath.Dir(o) {
		return fmt.Errorf("-o %s would replace the current folder; name a folder of its own, e.g. -o public", out)
	}
	for _, s := range sources {
		if s == "" {
			continue
		}
		a, err := filepath.Abs(s)
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(o, a); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
			return fmt.Errorf("-o %s would replace %s, which the site is built from", out, s)
		}
	}
	return nil
}

func printNotes(w io.Writer, diags diag.List) {
	for _, d := range diags.Notes() {
		fmt.Fprintln(w, d)
	}
}

// fail prints a failed build's errors; content errors are listed one per line.
func fail(w io.Writer, err error, out string) int {
	var ce *diag.ContentError
	if errors.As(err, &ce) {
		for _, d := range ce.List {
			fmt.Fprintln(w, d)
		}
		fmt.Fprintf(w, "gazette: %d problem(s) in the content", len(ce.List))
		if out != "" {
			fmt.Fprintf(w, "; %s was not changed", out)
		}
		fmt.Fprintln(w)
		return 1
	}
	fmt.Fprintf(w, "gazette: %v\n", err)
	if out != "" {
		fmt.Fprintf(w, "hint: %s was not changed\n", out)
	}
	return 1
}
