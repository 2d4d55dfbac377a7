package chronicle

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gazette/generator/internal/casefile"
	"gazette/generator/mdreport"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/cases.txt")

// convert parses source with the chronicle extension, enabled for year unless year is 0.
func convert(t *testing.T, md goldmark.Markdown, source string, year int) (string, parser.Context) {
	t.Helper()
	pc := parser.NewContext()
	if year != 0 {
		Enable(pc, year)
	}
	doc := md.Parser().Parse(text.NewReader([]byte(source)), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(source), doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), pc
}

// problems lists what was reported as line:col: message, one per line.
func problems(pc parser.Context, source string) string {
	var b strings.Builder
	for _, p := range mdreport.Problems(pc) {
		line, col := mdreport.Position([]byte(source), p.Offset)
		fmt.Fprintf(&b, "%d:%d: %s\n", line, col, p.Msg)
	}
	return b.String()
}

// events lists Events(pc) one per line, with the line of each heading and its text.
func events(pc parser.Context, source string) string {
	var b strings.Builder
	for _, e := range Events(pc) {
		line, _ := mdreport.Position([]byte(source), e.Offset)
		fmt.Fprintf(&b, "%s %s days=%d line=%d heading=%q month=%q text=%q\n",
			e.Anchor, e.Span, e.Span.Days(), line, e.Heading, e.Month, e.Text([]byte(source)))
	}
	return b.String()
}

// A seed is a case as FuzzChronicle (fuzz_test.go) reads it for its seeds.
// TestCases runs testdata/cases.txt, a case file (see package casefile) of small
// chronicles with the sections md (a chronicle of 2023), md-off (the same extension,
// not enabled), html, problems, events.
func TestCases(t *testing.T) {
	const path = "testdata/cases.txt"
	cf, err := casefile.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(New()))
	for _, c := range cf.Cases {
		t.Run(c.Name, func(t *testing.T) {
			source, year := "", 2023
			if s, ok := c.Get("md"); ok {
				source = s
			} else if s, ok := c.Get("md-off"); ok {
				source, year = s, 0
			} else {
				t.Fatal("no md or md-off section")
			}
			html, pc := convert(t, md, source, year)
			got := map[string]string{"html": html, "problems": problems(pc, source), "events": events(pc, source)}
			for _, name := range []string{"html", "problems", "events"} {
				want, _ := c.Get(name)
				if *update {
					if got[name] != "" || want != "" {
						c.Set(name, got[name])
					}
					continue
				}
				if strings.TrimRight(got[name], "\n") != strings.TrimRight(want, "\n") {
					t.Errorf("%s:\n--- got\n%s--- want\n%s", name, got[name], want)
				}
			}
		})
	}
	if *update {
		if err := cf.Write(path); err != nil {
			t.Fatal(err)
		}
	}
}

// A document that is not a chronicle must render exactly as without the extension,
// however much it looks like one.
func TestNotEnabledIsUntouched(t *testing.T) {
	const source = "## 四月份\n\n### 4月2日\n\n乌审旗座谈会召开。\n\n### 4月31日\n\n### 四月份\n"
	plain := goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	withExt := goldmark.New(goldmark.WithExtensions(New()), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	want, _ := convert(t, plain, source, 0)
	got, pc := convert(t, withExt, source, 0)
	if got != want {
		t.Errorf("not enabled: got\n%s\nwant\n%s", got, want)
	}
	if evs := Events(pc); len(evs) != 0 {
		t.Errorf("Events = %v, want none", evs)
	}
	if ps := mdreport.Problems(pc); len(ps) != 0 {
		t.Errorf("Problems = %v, want none", ps)
	}
}

// With automatic heading ids (as the site uses), the month heading's id is the month
// anchor and event headings carry none, so that every id appears once.
func TestIDsWithAutoHeadingID(t *testing.T) {
	const source = "## 四月份\n\n### 4月2日\n\n甲。\n\n### 4月2日\n\n乙。\n\n#### 会议\n\n丙。\n"
	md := goldmark.New(goldmark.WithExtensions(New()), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	html, _ := convert(t, md, source, 2023)
	for _, want := range []string{
		`<section class="chronicle-month" aria-labelledby="m-2023-04">`,
		`<h2 id="m-2023-04">四月份</h2>`,
		`<article class="event" id="2023-04-02">` + "\n" + `<h3><time datetime="2023-04-02">4月2日</time></h3>`,
		`<article class="event" id="2023-04-02-2">` + "\n" + `<h3><time datetime="2023-04-02">4月2日</time></h3>`,
		`">会议</h4>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
	if n := strings.Count(html, `id="`); n != 4 {
		t.Errorf("%d ids, want 4 (month, two events, h4):\n%s", n, html)
	}
}

// A caller renders one event on its own, e.g. for a search result or a feed entry.
func TestRenderOneEvent(t *testing.T) {
	const source = "## 五月份\n\n### 5月8日至9日\n\n希尼带队拜访自治区发改委。\n\n### 5月11日\n\n另一件事。\n"
	md := goldmark.New(goldmark.WithExtensions(New()))
	_, pc := convert(t, md, source, 2023)
	evs := Events(pc)
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(source), evs[0].Node); err != nil {
		t.Fatal(err)
	}
	want := `<article class="event" id="2023-05-08">
<h3><time datetime="2023-05-08">5月8日</time>至<time datetime="2023-05-09">9日</time></h3>
<p>希尼带队拜访自治区发改委。</p>
</article>
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if evs[0].Node.Span != evs[0].Span || evs[0].Node.Anchor != evs[0].Anchor {
		t.Errorf("node %v/%q disagrees with event %v/%q", evs[0].Node.Span, evs[0].Node.Anchor, evs[0].Span, evs[0].Anchor)
	}
}

// The chronicle of 2023年第2期, if the content has been written: 42 events from 4月2日
// to 6月27日, as the printed issue has them.
func TestSeedChronicle(t *testing.T) {
	data, err := os.ReadFile("../../content/2023/02/dashiji.md")
	if os.IsNotExist(err) {
		t.Skip("content/2023/02/dashiji.md not written yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	source := blankFrontMatter(t, string(data))
	md := goldmark.New(goldmark.WithExtensions(New()), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	html, pc := convert(t, md, source, 2023)
	if p := problems(pc, source); p != "" {
		t.Errorf("problems:\n%s", p)
	}
	evs := Events(pc)
	if len(evs) != 42 {
		t.Fatalf("%d events, want 42", len(evs))
	}
	if a := evs[0].Anchor; a != "2023-04-02" {
		t.Errorf("first event %q, want 2023-04-02", a)
	}
	if last := evs[len(evs)-1]; last.Span.Start != (Date{2023, 6, 27}) || last.Span.IsRange() {
		t.Errorf("last event %v, want 2023-06-27", last.Span)
	}
	found := false
	for _, e := range evs {
		if e.Span.Start == (Date{2023, 6, 25}) {
			found = true
			if e.Span.End != (Date{2023, 6, 26}) || e.Span.Days() != 2 || !e.Span.IsRange() {
				t.Errorf("6月25日至26日 is %v (%d days), want a two-day range", e.Span, e.Span.Days())
			}
		}
		if e.Text([]byte(source)) == "" {
			t.Errorf("event %s has no text", e.Anchor)
		}
	}
	if !found {
		t.Error("no event starting 2023-06-25")
	}
	if n := strings.Count(html, `<article class="event" id="`); n != 42 {
		t.Errorf("%d event articles in the HTML, want 42", n)
	}
	for _, id := range []string{"m-2023-04", "m-2023-05", "m-2023-06"} {
		if !strings.Contains(html, `<h2 id="`+id+`">`) {
			t.Errorf("no month heading with id %s", id)
		}
	}
}

// blankFrontMatter replaces the front matter with empty lines, so that offsets in the
// body still name the file's lines.
func blankFrontMatter(t *testing.T, s string) string {
	t.Helper()
	if !strings.HasPrefix(s, "---\n") {
		return s
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatal("front matter is not closed")
	}
	end += 4 + len("\n---\n")
	return strings.Repeat("\n", strings.Count(s[:end], "\n")) + s[end:]
}
