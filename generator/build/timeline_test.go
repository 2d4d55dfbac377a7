package build

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/calendar/icstest"
	"gazette/generator/chronicle"
	"gazette/generator/output"
)

// exportedEvent is one element of timeline/events.json, as docs/data-formats.md
// describes it.
type exportedEvent struct {
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

// wantEvent is what the content says an event is, read straight from the chronicle's
// Markdown: its ### heading, parsed with the issue's year.
type wantEvent struct {
	heading, anchor string
	span            chronicle.Span
}

// chronicleHeadings reads the event headings of a chronicle file in print order and
// gives them in timeline order: by first day, print order among equal days.
func chronicleHeadings(t *testing.T, file string, year int) []wantEvent {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []wantEvent
	seen := map[chronicle.Date]int{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		h, ok := strings.CutPrefix(sc.Text(), "### ")
		if !ok {
			continue
		}
		span, err := chronicle.ParseHeading(h, year)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		anchor := span.Start.String()
		if seen[span.Start]++; seen[span.Start] > 1 {
			anchor += fmt.Sprintf("-%d", seen[span.Start])
		}
		out = append(out, wantEvent{heading: strings.TrimSpace(h), anchor: anchor, span: span})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].span.Start.Before(out[j].span.Start) })
	return out
}

func readEvents(t *testing.T, tree *output.Tree) ([]exportedEvent, []byte) {
	t.Helper()
	raw, ok := tree.Get("timeline/events.json")
	if !ok {
		t.Fatal("no timeline/events.json")
	}
	var evs []exportedEvent
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&evs); err != nil {
		t.Fatalf("timeline/events.json: %v", err)
	}
	return evs, raw
}

func icsDay(d chronicle.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

func TestTimelineOfTheBundledIssue(t *testing.T) {
	tree := buildBundled(t).Tree
	want := chronicleHeadings(t, "../../content/2023/02/dashiji.md", 2023)
	if len(want) != 42 {
		t.Fatalf("the bundled chronicle has %d event headings, the acceptance criteria say 42", len(want))
	}

	evs, raw := readEvents(t, tree)
	if len(evs) != len(want) {
		t.Fatalf("events.json has %d events, want %d", len(evs), len(want))
	}
	for i, w := range want {
		e := evs[i]
		if e.ID != w.anchor || e.Heading != w.heading || e.Start != w.span.Start.String() || e.End != w.span.End.String() {
			t.Errorf("event %d: %s %s..%s %q; want %s %s..%s %q (timeline order)",
				i, e.ID, e.Start, e.End, e.Heading, w.anchor, w.span.Start, w.span.End, w.heading)
		}
		if e.URL != "2023/02/dashiji/index.html#"+w.anchor || e.Issue.Year != 2023 || e.Issue.Number != 2 || e.Issue.Title == "" || e.Text == "" {
			t.Errorf("event %d: url %q, issue %+v, %d bytes of text", i, e.URL, e.Issue, len(e.Text))
		}
	}
	var two *exportedEvent
	for i := range evs {
		if evs[i].Heading == "6月25日至26日" {
			two = &evs[i]
		}
	}
	if two == nil || two.Start != "2023-06-25" || two.End != "2023-06-26" {
		t.Errorf("the 6月25日至26日 event in JSON: %+v, want 2023-06-25 to 2023-06-26", two)
	}

	// The JSON round-trips: decoding and encoding again gives the same bytes.
	var again bytes.Buffer
	enc := json.NewEncoder(&again)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(evs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), raw) {
		t.Errorf("events.json does not round-trip: it has fields or a layout the format does not describe")
	}

	ics, ok := tree.Get("timeline/events.ics")
	if !ok {
		t.Fatal("no timeline/events.ics")
	}
	cal, err := icstest.Parse(string(ics))
	if err != nil {
		t.Fatalf("timeline/events.ics is not valid iCalendar: %v", err)
	}
	if len(cal.Subs) != len(want) {
		t.Fatalf("events.ics has %d events, want %d", len(cal.Subs), len(want))
	}
	for i, w := range want {
		ev := cal.Subs[i]
		uid, _ := ev.One("UID")
		start, _ := ev.One("DTSTART")
		end, _ := ev.One("DTEND")
		desc, _ := ev.One("DESCRIPTION")
		text, _ := desc.Text()
		after := w.span.End.Time().AddDate(0, 0, 1)
		wantEnd := after.Format("20060102")
		if !strings.HasPrefix(uid.Value, "2023-02-"+w.anchor+"@") || start.Value != icsDay(w.span.Start) || end.Value != wantEnd || text != evs[i].Text {
			t.Errorf("VEVENT %d: UID %s DTSTART %s DTEND %s; want 2023-02-%s@… %s %s and the JSON text",
				i, uid.Value, start.Value, end.Value, w.anchor, icsDay(w.span.Start), wantEnd)
		}
		if w.heading == "6月25日至26日" && (start.Value != "20230625" || end.Value != "20230627") {
			t.Errorf("the 6月25日至26日 event in ICS runs %s to %s, want 20230625 to 20230627 (exclusive end)", start.Value, end.Value)
		}
	}

	// The page: every event in timeline order, each linking to its anchor on the
	// chronicle page, which has that id.
	for _, p := range []string{"timeline/index.html", "mn/timeline/index.html"} {
		html := page(t, tree, p)
		chron := page(t, tree, strings.TrimSuffix(p, "timeline/index.html")+"2023/02/dashiji/index.html")
		anchors := regexp.MustCompile(`<a href="\.\./2023/02/dashiji/index\.html#([^"]+)">`).FindAllStringSubmatch(html, -1)
		if n := strings.Count(html, `<article class="timeline-event">`); n != len(want) || len(anchors) != len(want) {
			t.Fatalf("%s: %d events and %d links to the chronicle, want %d", p, n, len(anchors), len(want))
		}
		for i, w := range want {
			if anchors[i][1] != w.anchor {
				t.Errorf("%s: event %d links to #%s, want #%s", p, i, anchors[i][1], w.anchor)
			}
			if !strings.Contains(chron, `id="`+w.anchor+`"`) {
				t.Errorf("%s: the chronicle page has no id %s", p, w.anchor)
			}
		}
		for _, want := range []string{`href="events.json"`, `href="events.ics"`, `src="../js/timeline.js" defer`} {
			if p == "mn/timeline/index.html" {
				want = strings.NewReplacer(`"events.`, `"../../timeline/events.`, `"../js/`, `"../../js/`).Replace(want)
			}
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
		if !strings.Contains(html, `<time datetime="2023-06-25">6月25日</time>至<time datetime="2023-06-26">26日</time>`) {
			t.Errorf("%s does not show 6月25日至26日 as a range of two dates", p)
		}
		if !strings.Contains(html, `<form class="timeline-filter" role="search"`) || !strings.Contains(html, " hidden ") {
			t.Errorf("%s: the filter form is missing or not hidden until its script runs", p)
		}
		checkLinks(t, tree, p)
	}
	mn := page(t, tree, "mn/timeline/index.html")
	if !strings.Contains(mn, `<div class="timeline-events prose" lang="zh-Hans" role="region"`) || !strings.Contains(mn, `<h3 id="tl-2023-04" lang="mn-Mong">`) {
		t.Errorf("mn/timeline: the events are not marked lang=\"zh-Hans\" in a region of their own, with the Mongolian month names marked mn-Mong")
	}
	if !strings.Contains(page(t, tree, "timeline/index.html"), `<div class="timeline-events prose">`) {
		t.Errorf("timeline: the events of the page's own language carry a lang attribute or a region role")
	}
	if !strings.Contains(page(t, tree, "index.html"), `<li><a href="timeline/index.html">`) {
		t.Errorf("the site navigation does not link to the timeline")
	}
	if !strings.Contains(page(t, tree, "2023/02/dashiji/index.html"), `<p class="timeline-link"><a href="../../../timeline/index.html">`) {
		t.Errorf("the chronicle page does not link to the timeline")
	}
}

// withChronicle3 is the bundled content plus a 2023年第3期 whose chronicle cites the 医保
// notice of 2023年第2期 by number, links to an event of its own page and has a table.
func withChronicle3(t *testing.T) fstest.MapFS {
	m := withIssue3(t, "正文。").(fstest.MapFS)
	m["2023/03/_index.md"] = &fstest.MapFile{Data: []byte("---\nyear: 2023\nnumber: 3\ndate: 2023-09-30\nsections: [政府办文件, 大事记]\n---\n")}
	m["2023/03/dashiji.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 乌审旗人民政府大事记\nsection: 大事记\ndate: 2023-09-30\ntype: chronicle\n---\n\n" +
		"## 七月份\n\n### 7月1日\n\n招商推介会召开。\n\n" +
		"### 7月30日至8月2日\n\n根据乌政办发[2023]27号文件召开医保工作会议，见[前一条](#2023-07-01)。\n\n" +
		"| 项目 | 金额 |\n|---|---|\n| 招商 | 5亿元 |\n")}
	return m
}

func TestTimelineEventsLinkFromTheTimeline(t *testing.T) {
	in := bundled()
	in.Content = withChronicle3(t)
	res, err := Site(in)
	if err != nil {
		t.Fatal(err)
	}
	tree := res.Tree
	chron := page(t, tree, "2023/03/dashiji/index.html")
	for _, want := range []string{`href="../../02/wu-zheng-ban-fa-2023-27-hao/index.html"`, `href="#2023-07-01"`, `href="tbl-1.csv"`} {
		if !strings.Contains(chron, want) {
			t.Errorf("the chronicle page lacks %s (the timeline must not change it)", want)
		}
	}
	for _, p := range []string{"timeline/index.html", "mn/timeline/index.html"} {
		html := page(t, tree, p)
		for _, want := range []string{
			`href="../2023/02/wu-zheng-ban-fa-2023-27-hao/index.html"`,
			`href="../2023/03/dashiji/index.html#2023-07-01"`,
			`<table id="tbl-1">`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
		if strings.Contains(html, "tbl-1.csv") {
			t.Errorf("%s links to tbl-1.csv, which is published beside the chronicle page only", p)
		}
		checkLinks(t, tree, p)
	}
	evs, _ := readEvents(t, tree)
	last := evs[len(evs)-1]
	if len(evs) != 44 || last.ID != "2023-07-30" || last.End != "2023-08-02" || last.URL != "2023/03/dashiji/index.html#2023-07-30" || last.Issue.Number != 3 {
		t.Errorf("%d events, the last %+v; want 44, ending with 7月30日至8月2日 of 2023年第3期", len(evs), last)
	}
}

var linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// checkLinks fails for every relative link of page p that does not lead to a file of
// the tree, or whose #fragment names no id of the page it leads to.
func checkLinks(t *testing.T, tree *output.Tree, p string) {
	t.Helper()
	html := page(t, tree, p)
	for _, m := range linkAttr.FindAllStringSubmatch(html, -1) {
		u, err := url.Parse(m[1])
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
			t.Errorf("%s: %q is not a relative link", p, m[1])
			continue
		}
		target := p
		if u.Path != "" {
			target = path.Join(path.Dir(p), u.Path)
		}
		b, ok := tree.Get(target)
		switch {
		case !ok:
			t.Errorf("%s: %q leads to %s, which the site does not have", p, m[1], target)
		case u.Fragment != "" && !bytes.Contains(b, []byte(`id="`+u.Fragment+`"`)):
			t.Errorf("%s: %q: %s has no id %q", p, m[1], target, u.Fragment)
		}
	}
}
