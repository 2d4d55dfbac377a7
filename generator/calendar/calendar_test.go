package calendar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gazette/generator/calendar/icstest"
	"gazette/generator/chronicle"
)

func day(y, m, d int) chronicle.Date { return chronicle.Date{Year: y, Month: m, Day: d} }

var issue2 = Issue{Year: 2023, Number: 2, Title: "乌审旗人民政府公报 2023年第2期", Date: day(2023, 6, 30)}

// sample has a one-day event, a range inside a month, a range across a year end, text
// needing every escape, and a long Chinese paragraph that must be folded.
func sample() []Event {
	return []Event{
		{ID: "2023-06-26", Span: chronicle.Span{Start: day(2023, 6, 26), End: day(2023, 6, 26)}, Heading: "6月26日",
			Text: "中天合创门克庆矿井二号风井项目开工。旗领导参加开工仪式。", Issue: issue2, URL: "2023/02/dashiji/index.html#2023-06-26"},
		{ID: "2023-06-25", Span: chronicle.Span{Start: day(2023, 6, 25), End: day(2023, 6, 26)}, Heading: "6月25日至26日",
			Text: strings.Repeat("希尼带队赴自治区文旅厅汇报对接工作，", 8) + "\n第二段。", Issue: issue2, URL: "2023/02/dashiji/index.html#2023-06-25"},
		{ID: "2023-12-30", Span: chronicle.Span{Start: day(2023, 12, 30), End: day(2024, 1, 2)}, Heading: "12月30日至2024年1月2日",
			Text: `a,b;c\d` + "\r\n" + "e", Issue: issue2, URL: "2023/02/dashiji/index.html#2023-12-30"},
	}
}

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain 文字，中文逗号；分号", "plain 文字，中文逗号；分号"},
		{`a,b`, `a\,b`},
		{`a;b`, `a\;b`},
		{`a\b`, `a\\b`},
		{"a\nb", `a\nb`},
		{"a\r\nb", `a\nb`},
		{"a\rb", `a\nb`},
		{`\,;`, `\\\,\;`},
	} {
		if got := escapeText(tc.in); got != tc.want {
			t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// What the escape makes, a reader must turn back into the text.
		back, err := icstest.Prop{Name: "X", Value: escapeText(tc.in)}.Text()
		if want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(tc.in); err != nil || back != want {
			t.Errorf("unescaping %q gave %q, %v; want %q", escapeText(tc.in), back, err, want)
		}
	}
}

func TestFolding(t *testing.T) {
	for _, tc := range []struct {
		name string
		line string
	}{
		{"short", "SUMMARY:short"},
		{"exactly 75 octets", "X:" + strings.Repeat("a", 73)},
		{"76 octets", "X:" + strings.Repeat("a", 74)},
		{"ASCII, several folds", "DESCRIPTION:" + strings.Repeat("abcdefghij", 30)},
		{"three-octet runes", "DESCRIPTION:" + strings.Repeat("乌审旗", 60)},
		{"runes straddling every boundary", "DESCRIPTION:x" + strings.Repeat("希", 100)},
		{"four-octet runes", "DESCRIPTION:" + strings.Repeat("𠀋", 50)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := bufio.NewWriter(&buf)
			writeFolded(w, tc.line)
			w.Flush()
			out := buf.String()
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("no CRLF at the end: %q", out)
			}
			phys := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			var unfolded strings.Builder
			for i, l := range phys {
				if len(l) > 75 {
					t.Errorf("physical line %d has %d octets", i+1, len(l))
				}
				if !utf8.ValidString(l) {
					t.Errorf("physical line %d is not valid UTF-8: %q", i+1, l)
				}
				if i > 0 {
					if !strings.HasPrefix(l, " ") {
						t.Fatalf("continuation line %d does not start with a space: %q", i+1, l)
					}
					l = l[1:]
				}
				unfolded.WriteString(l)
			}
			if unfolded.String() != tc.line {
				t.Errorf("unfolding gives %q, want %q", unfolded.String(), tc.line)
			}
			if len(tc.line) <= 75 && len(phys) != 1 {
				t.Errorf("a line of %d octets was folded", len(tc.line))
			}
			// Folds are as late as the rules allow: only a rune boundary moves one back.
			for i, l := range phys[:len(phys)-1] {
				if len(l)+3 < 75 {
					t.Errorf("physical line %d is folded early, at %d octets", i+1, len(l))
				}
			}
		})
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("很长的句子", 20)
	for _, tc := range []struct{ in, want string }{
		{"乌审旗与鹏欣农业集团座谈会召开。旗委副书记参加会议。", "乌审旗与鹏欣农业集团座谈会召开"},
		{"没有句号的短文", "没有句号的短文"},
		{"问句吗？后文。", "问句吗？"},
		{"第一段没有句号\n第二段。", "第一段没有句号"},
		{long + "。", string([]rune(long)[:59]) + "…"},
		{"  前后空白。 ", "前后空白"},
	} {
		if got := Summary(tc.in); got != tc.want {
			t.Errorf("Summary(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if n := utf8.RuneCountInString(Summary(tc.in)); n > summaryMax {
			t.Errorf("Summary(%q) has %d characters", tc.in, n)
		}
	}
}

func writeICS(t *testing.T, c Calendar) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteICS(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestICSParsesBack(t *testing.T) {
	c := Calendar{Name: "乌审旗人民政府公报, 大事记", Domain: "example.org", BaseURL: "https://example.org/gazette/", Events: sample()}
	out := writeICS(t, c)
	cal, err := icstest.Parse(out)
	if err != nil {
		t.Fatalf("the export does not parse as iCalendar: %v\n%s", err, out)
	}
	if len(cal.Subs) != len(c.Events) {
		t.Fatalf("%d VEVENTs, want %d", len(cal.Subs), len(c.Events))
	}
	for i, want := range []struct {
		start, end, uid, summary, url string
	}{
		{"20230626", "20230627", "2023-02-2023-06-26@example.org", "中天合创门克庆矿井二号风井项目开工", "https://example.org/gazette/2023/02/dashiji/index.html#2023-06-26"},
		{"20230625", "20230627", "2023-02-2023-06-25@example.org", string([]rune(strings.Repeat("希尼带队赴自治区文旅厅汇报对接工作，", 8))[:59]) + "…", "https://example.org/gazette/2023/02/dashiji/index.html#2023-06-25"},
		{"20231230", "20240103", "2023-02-2023-12-30@example.org", "a,b;c\\d", "https://example.org/gazette/2023/02/dashiji/index.html#2023-12-30"},
	} {
		ev := cal.Subs[i]
		get := func(name string) string {
			p, err := ev.One(name)
			if err != nil {
				t.Fatal(err)
			}
			if name == "DTSTART" || name == "DTEND" || name == "DTSTAMP" || name == "URL" {
				return p.Value
			}
			s, err := p.Text()
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		if got := get("DTSTART"); got != want.start {
			t.Errorf("event %d: DTSTART %s, want %s", i, got, want.start)
		}
		if got := get("DTEND"); got != want.end {
			t.Errorf("event %d: DTEND %s, want %s (the day after the last day)", i, got, want.end)
		}
		if got := get("DTSTAMP"); got != "20230630T000000Z" {
			t.Errorf("event %d: DTSTAMP %s, want the issue date 20230630T000000Z", i, got)
		}
		if got := get("UID"); got != want.uid {
			t.Errorf("event %d: UID %s, want %s", i, got, want.uid)
		}
		if got := get("SUMMARY"); got != want.summary {
			t.Errorf("event %d: SUMMARY %q, want %q", i, got, want.summary)
		}
		if got, text := get("DESCRIPTION"), strings.ReplaceAll(c.Events[i].Text, "\r\n", "\n"); got != text {
			t.Errorf("event %d: DESCRIPTION %q, want the full text %q", i, got, text)
		}
		if got := get("URL"); got != want.url {
			t.Errorf("event %d: URL %s, want %s", i, got, want.url)
		}
	}
	name, _ := cal.One("X-WR-CALNAME")
	if s, err := name.Text(); err != nil || s != c.Name {
		t.Errorf("X-WR-CALNAME reads back as %q, %v", s, err)
	}
}

func TestICSWithoutBaseURLHasNoURL(t *testing.T) {
	out := writeICS(t, Calendar{Domain: "gazette", Events: sample()})
	if _, err := icstest.Parse(out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\r\nURL") {
		t.Errorf("URL written without a base URL: a relative URI is not a valid URL value")
	}
}

func TestDeterministic(t *testing.T) {
	c := Calendar{Name: "大事记", Domain: "gazette", Events: sample()}
	a, b := writeICS(t, c), writeICS(t, c)
	if a != b {
		t.Errorf("two writes of the same calendar differ")
	}
	var ja, jb bytes.Buffer
	if err := WriteJSON(&ja, c.Events); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&jb, c.Events); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja.Bytes(), jb.Bytes()) {
		t.Errorf("two JSON exports of the same events differ")
	}
}

func TestSortKeepsPrintOrderOnEqualDays(t *testing.T) {
	evs := sample() // 6月26日 printed before 6月25日至26日
	evs = append(evs, Event{ID: "2023-06-26-2", Span: chronicle.Span{Start: day(2023, 6, 26), End: day(2023, 6, 26)}})
	Sort(evs)
	var ids []string
	for _, e := range evs {
		ids = append(ids, e.ID)
	}
	want := []string{"2023-06-25", "2023-06-26", "2023-06-26-2", "2023-12-30"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("sorted: %v, want %v", ids, want)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		ID      string `json:"id"`
		Start   string `json:"start"`
		End     string `json:"end"`
		Heading string `json:"heading"`
		Text    string `json:"text"`
		Issue   struct {
			Year   int    `json:"year"`
			Number int    `json:"number"`
			Title  string `json:"title"`
		} `json:"issue"`
		URL string `json:"url"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	for i, e := range sample() {
		g := got[i]
		if g.ID != e.ID || g.Start != e.Span.Start.String() || g.End != e.Span.End.String() ||
			g.Heading != e.Heading || g.Text != e.Text || g.URL != e.URL ||
			g.Issue.Year != 2023 || g.Issue.Number != 2 || g.Issue.Title != e.Issue.Title {
			t.Errorf("event %d reads back as %+v, from %+v", i, g, e)
		}
	}
	if got[0].End != "2023-06-26" {
		t.Errorf("a one-day event's end is %q, want its start day", got[0].End)
	}
	var empty bytes.Buffer
	if err := WriteJSON(&empty, nil); err != nil || strings.TrimSpace(empty.String()) != "[]" {
		t.Errorf("no events give %q, %v; want []", empty.String(), err)
	}
}
