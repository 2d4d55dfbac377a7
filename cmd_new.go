package main

import (
	"flag"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"gazette/generator/frontmatter"
	"gazette/generator/scaffold"
)

const newUsage = `usage:
  gazette new issue YEAR NUMBER [-date YYYY-MM-DD] [-sections A,B,…] [-src content]
  gazette new doc YEAR/NN -number 发文字号 -section SECTION -title TITLE [flags]

run "gazette new issue -h" or "gazette new doc -h" for the flags
`

func cmdNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	switch args[0] {
	case "issue":
		return cmdNewIssue(args[1:], stdout, stderr)
	case "doc", "document":
		return cmdNewDoc(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, newUsage)
		return 0
	}
	fmt.Fprintf(stderr, "gazette: new %q: want new issue or new doc\n%s", args[0], newUsage)
	return 2
}

func cmdNewIssue(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("new issue", stderr)
	src := fl.String("src", "content", "content `folder`")
	date := fl.String("date", "", "publication `date`, YYYY-MM-DD (default: today)")
	sections := fl.String("sections", "", "the sections, comma-separated (default: those of the latest earlier issue)")
	pos, ok := parseMixed(fl, args)
	if !ok {
		return 2
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "gazette: new issue wants the year and the issue number, e.g. gazette new issue 2023 3")
		return 2
	}
	year, err1 := strconv.Atoi(pos[0])
	number, err2 := strconv.Atoi(pos[1])
	if err1 != nil || err2 != nil {
		fmt.Fprintf(stderr, "gazette: new issue %s %s: the year and the issue number are numbers, e.g. 2023 3\n", pos[0], pos[1])
		return 2
	}
	day, ok := parseDay(*date, stderr)
	if !ok {
		return 2
	}
	is := scaffold.Issue{Year: year, Number: number, Date: day, Sections: splitList(*sections)}
	c, err := scaffold.NewIssue(*src, is)
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 1
	}
	from := ""
	if c.From != "" {
		from = " (sections copied from " + c.From + ")"
	}
	fmt.Fprintf(stdout, "gazette: created %s%s\n", path.Join(*src, c.File), from)
	return 0
}

func cmdNewDoc(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("new doc", stderr)
	src := fl.String("src", "content", "content `folder`")
	var d scaffold.Doc
	fl.StringVar(&d.Number, "number", "", "the 发文字号, e.g. 乌政发〔2023〕12号; the file name is made from it")
	fl.StringVar(&d.Section, "section", "", "the `section`, one of the issue's (required)")
	fl.StringVar(&d.Title, "title", "", "the full `title` as printed (required)")
	date := fl.String("date", "", "成文日期, YYYY-MM-DD (default: today)")
	issuers := fl.String("issuers", "", "the issuing bodies, comma-separated")
	fl.StringVar(&d.Addressees, "addressees", "", "主送机关, as printed")
	fl.StringVar(&d.Encloses, "encloses", "", "the title of the plan the notice issues, without 《》")
	fl.IntVar(&d.Page, "page", 0, "the printed `page` the document starts on")
	fl.StringVar(&d.Slug, "slug", "", "file name and address (default: made from the number; required without one)")
	fl.BoolVar(&d.Chronicle, "chronicle", false, "the document is the issue's chronicle (大事记)")
	pos, ok := parseMixed(fl, args)
	if !ok {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "gazette: new doc wants the issue's folder, e.g. gazette new doc 2023/03 -number 乌政发〔2023〕12号 -section 政府文件 -title …")
		return 2
	}
	var missing []string
	for _, f := range []struct{ name, value string }{{"-section", d.Section}, {"-title", d.Title}} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(stderr, "gazette: new doc needs %s\n", strings.Join(missing, " and "))
		return 2
	}
	day, ok := parseDay(*date, stderr)
	if !ok {
		return 2
	}
	d.Issue, d.Date, d.Issuers = pos[0], day, splitList(*issuers)
	c, err := scaffold.NewDoc(*src, d)
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "gazette: created %s\n", path.Join(*src, c.File))
	return 0
}

// parseMixed parses flags that may come before, between or after the positional
// arguments (gazette new doc 2023/03 --number …): the flag package stops at the first
// argument that is not a flag, so parsing resumes after each. After "--" everything is
// positional.
func parseMixed(fl *flag.FlagSet, args []string) ([]string, bool) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, false
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return pos, true
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), true
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// parseDay reads a -date flag; empty means today, from the clock: scaffolding writes
// content, which the clerk reviews, not output.
func parseDay(s string, stderr io.Writer) (time.Time, bool) {
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	t, err := frontmatter.ParseDate(s)
	if err != nil {
		fmt.Fprintf(stderr, "gazette: -date: %v\n", err)
		return time.Time{}, false
	}
	return t, true
}

// splitList splits a comma-separated flag value; full-width commas and 、 separate too.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
