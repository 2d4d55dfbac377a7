package table

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"gazette/generator/mdreport"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var update = flag.Bool("update", false, "rewrite testdata/cases.txt with the output of this code")

const casesFile = "testdata/cases.txt"

// A case file holds many small cases:
//
//	=== name [flag ...]
//	Markdown
//	--- html
//	expected HTML
//	--- problems
//	line:col: message        (section left out when there are none)
//
// Flags: csv (WithCSVLink), rowheaders (WithRowHeaders), label (WithRegionLabel).
// Lines before the first case are comments.
type testCase struct {
	name     string
	flags    []string
	input    string
	html     string
	problems string
}

func parseCases(t *testing.T, data string) (preamble string, cases []testCase) {
	t.Helper()
	var cur *testCase
	section := ""
	var buf []string
	flush := func() {
		s := strings.TrimRight(strings.Join(buf, "\n"), "\n")
		buf = nil
		switch {
		case cur == nil:
			preamble = s
		case section == "input":
			cur.input = s + "\n"
		case section == "html":
			cur.html = s
		case section == "problems":
			cur.problems = s
		}
	}
	for _, line := range strings.Split(data, "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			flush()
			if cur != nil {
				cases = append(cases, *cur)
			}
			name, flags, _ := strings.Cut(strings.TrimPrefix(line, "=== "), " [")
			cur = &testCase{name: name}
			if flags != "" {
				cur.flags = strings.Fields(strings.TrimSuffix(flags, "]"))
			}
			section = "input"
		case cur != nil && (line == "--- html" || line == "--- problems"):
			flush()
			section = strings.TrimPrefix(line, "--- ")
		default:
			buf = append(buf, line)
		}
	}
	flush()
	if cur != nil {
		cases = append(cases, *cur)
	}
	return preamble, cases
}

func formatCases(preamble string, cases []testCase) string {
	var b strings.Builder
	if preamble != "" {
		b.WriteString(preamble + "\n\n")
	}
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("=== " + c.name)
		if len(c.flags) > 0 {
			b.WriteString(" [" + strings.Join(c.flags, " ") + "]")
		}
		b.WriteString("\n" + c.input + "--- html\n" + c.html + "\n")
		if c.problems != "" {
			b.WriteString("--- problems\n" + c.problems + "\n")
		}
	}
	return b.String()
}

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
	data, err := os.ReadFile(casesFile)
	if err != nil {
		t.Fatal(err)
	}
	preamble, cases := parseCases(t, string(data))
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	seen := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		if seen[c.name] {
			t.Errorf("case %q appears twice", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			html, problems := convert(t, newMarkdown(c.flags), c.input)
			if *update {
				c.html, c.problems = html, problems
				return
			}
			if html != c.html {
				t.Errorf("html:\n%s\nwant:\n%s", html, c.html)
			}
			if problems != c.problems {
				t.Errorf("problems:\n%s\nwant:\n%s", problems, c.problems)
			}
		})
	}
	if *update {
		if err := os.WriteFile(casesFile, []byte(formatCases(preamble, cases)), 0o644); err != nil {
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
	preamble, cases := parseCases(t, string(data))
	if got := formatCases(preamble, cases); got != string(data) {
		t.Errorf("formatCases(parseCases(%s)) differs from the file; run go test -update and review the diff", casesFile)
	}
}
