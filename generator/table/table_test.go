package table

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"gazette/generator/internal/casefile"
	"gazette/generator/mdreport"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var update = flag.Bool("update", false, "rewrite testdata/cases.txt with the output of this code")

const casesFile = "testdata/cases.txt"

// The case file (see package casefile) holds many small cases:
//
//	=== name [flag ...]
//	Markdown
//	--- html
//	expected HTML
//	--- problems
//	line:col: message        (section left out when there are none)
//
// The Markdown right after a case's "=== " line is its input section.
// Flags: csv (WithCSVLink), rowheaders (WithRowHeaders), label (WithRegionLabel).
// Lines before the first case are comments.
const inputSection = "input"

// caseText returns the body of c's section name without its trailing newlines; the
// input gets one back, as Markdown ends in one.
func caseText(c *casefile.Case, name string) string {
	s, _ := c.Get(name)
	s = strings.TrimRight(s, "\n")
	if name == inputSection {
		s += "\n"
	}
	return s
}

// A seed is what FuzzTable (fuzz_test.go) takes from a case.
func newMarkdown(flags []string) goldmark.Markdown {
	var opts []Option
	for _, f := range flags {
		switch f {
		case "csv":
			opts = append(opts, WithCSVLink("下载 CSV"))
		case "rowheaders":
			opts = append(opts, WithRowHeaders(true))
		case "label":
			opts = append(opts, WithRegionLabel(func(n int) string { return fmt.Sprintf("Table <%d>", n) }))
		default:
			panic("unknown case flag " + f)
		}
	}
	return goldmark.New(goldmark.WithExtensions(New(opts...)))
}

// convert renders src and lists its problems as line:col: message.
func convert(t *testing.T, md goldmark.Markdown, src string) (html, problems string) {
	t.Helper()
	source := []byte(src)
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, source, doc); err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, p := range mdreport.Problems(pc) {
		line, col := mdreport.Position(source, p.Offset)
		ps = append(ps, fmt.Sprintf("%d:%d: %s", line, col, p.Msg))
	}
	return strings.TrimRight(b.String(), "\n"), strings.Join(ps, "\n")
}

func TestCases(t *testing.T) {
	cf, err := casefile.ReadLead(casesFile, inputSection)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf.Cases) == 0 {
		t.Fatal("no cases")
	}
	seen := map[string]bool{}
	for _, c := range cf.Cases {
		if seen[c.Name] {
			t.Errorf("case %q appears twice", c.Name)
		}
		seen[c.Name] = true
		for _, s := range c.Sections {
			if s.Name != inputSection && s.Name != "html" && s.Name != "problems" {
				t.Errorf("case %q: unknown section %q", c.Name, s.Name)
			}
		}
		t.Run(c.Name, func(t *testing.T) {
			html, problems := convert(t, newMarkdown(c.Flags), caseText(c, inputSection))
			if *update {
				c.Set("html", html)
				if problems != "" {
					c.Set("problems", problems)
				} else {
					c.Delete("problems")
				}
				return
			}
			if want := caseText(c, "html"); html != want {
				t.Errorf("html:\n%s\nwant:\n%s", html, want)
			}
			if want := caseText(c, "problems"); problems != want {
				t.Errorf("problems:\n%s\nwant:\n%s", problems, want)
			}
		})
	}
	if *update {
		if err := cf.Write(casesFile); err != nil {
			t.Fatal(err)
		}
	}
}

// The case file must survive a round trip, or -update would rewrite more than the
// expectations.
func TestCaseFileRoundTrip(t *testing.T) {
	data, err := os.ReadFile(casesFile)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := casefile.Parse(data, inputSection)
	if err != nil {
		t.Fatal(err)
	}
	if got := cf.Bytes(); string(got) != string(data) {
		t.Errorf("%s differs from what casefile writes back; run go test -update and review the diff", casesFile)
	}
}
