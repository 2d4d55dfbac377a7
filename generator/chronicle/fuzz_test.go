package chronicle

import (
	"bytes"
	"errors"
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

// FuzzParseHeading: any text and default year give either a span of real days, in
// order, that reads back the same when written out in full, or a *DateError with a
// reason. Seeds: testdata/fuzz/FuzzParseHeading and the headings below.
func FuzzParseHeading(f *testing.F) {
	for _, s := range []string{
		"4月2日", "5月8日至9日", "7月30日至8月2日", "2023年6月25日至26日",
		"2023年12月30日至2024年1月2日", "４月２日", "5 月 17 日", "4月31日", "13月2日",
		"5月9日至8日", "四月份", "", "日", "年月日", "99999999999999999999月1日",
		"2月29日", "1948年12月31日", "5月8日至", "5月8日——9日", "\u30004月2日\t",
	} {
		f.Add(s, 2023)
	}
	f.Add("2月29日", 2024)
	f.Add("1月1日", -1)
	f.Fuzz(func(t *testing.T, s string, year int) {
		span, err := ParseHeading(s, year)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || de.Reason == "" || de.Text != s {
				t.Fatalf("ParseHeading(%q, %d): error %v is not a *DateError with a reason", s, year, err)
			}
			return
		}
		for _, d := range []Date{span.Start, span.End} {
			if r := d.check(); r != "" {
				t.Fatalf("ParseHeading(%q, %d) = %v: %s", s, year, span, r)
			}
		}
		if span.End.Before(span.Start) || span.Days() < 1 {
			t.Fatalf("ParseHeading(%q, %d) = %v: ends before it starts", s, year, span)
		}
		full := fmt.Sprintf("%d年%d月%d日", span.Start.Year, span.Start.Month, span.Start.Day)
		if span.IsRange() {
			full += fmt.Sprintf("至%d年%d月%d日", span.End.Year, span.End.Month, span.End.Day)
		}
		if again, err := ParseHeading(full, year+1); err != nil || again != span {
			t.Fatalf("ParseHeading(%q) = %v, %v; %q gave %v", full, again, err, s, span)
		}
	})
}

// FuzzChronicle parses arbitrary Markdown as a chronicle. Nothing may panic, the
// sections and articles must be balanced, anchors unique and offsets in the source.
// Seeds: testdata/fuzz/FuzzChronicle, every case of testdata/cases.txt and the
// bundled chronicle.
func FuzzChronicle(f *testing.F) {
	cf, err := casefile.Read("testdata/cases.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cf.Cases {
		for _, name := range []string{"md", "md-off"} {
			if s, ok := c.Get(name); ok {
				f.Add(s)
			}
		}
	}
	if b, err := os.ReadFile("../../content/2023/02/dashiji.md"); err == nil {
		f.Add(string(b))
	}
	f.Add("## 四月份\n\n### 4月2日 <script>alert(1)</script>\n\n### 4月2日\n\n<script>x</script>\n")
	md := goldmark.New(goldmark.WithExtensions(New()), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	f.Fuzz(func(t *testing.T, src string) {
		source := []byte(src)
		pc := parser.NewContext()
		Enable(pc, 2023)
		doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
		var b bytes.Buffer
		if err := md.Renderer().Render(&b, source, doc); err != nil {
			t.Fatalf("render: %v", err)
		}
		html := b.String()
		for _, tag := range []string{"section", "article", "time"} {
			open := strings.Count(html, "<"+tag+" ") + strings.Count(html, "<"+tag+">")
			if close := strings.Count(html, "</"+tag+">"); open != close {
				t.Fatalf("<%s> opened %d times, closed %d times:\n%s", tag, open, close, html)
			}
		}
		anchors := map[string]bool{}
		for _, e := range Events(pc) {
			if anchors[e.Anchor] || !strings.HasPrefix(e.Anchor, e.Span.Start.String()) {
				t.Fatalf("event anchor %q repeated or not its start date %s", e.Anchor, e.Span.Start)
			}
			anchors[e.Anchor] = true
			if e.Offset < 0 || e.Offset > len(source) {
				t.Fatalf("event offset %d outside the %d-byte source", e.Offset, len(source))
			}
			_ = e.Text(source)
		}
		for _, p := range mdreport.Problems(pc) {
			if p.Offset < 0 || p.Offset > len(source) {
				t.Fatalf("problem %q at offset %d outside the source", p.Msg, p.Offset)
			}
		}
	})
}
