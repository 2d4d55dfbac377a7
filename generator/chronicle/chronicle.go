// Package chronicle turns a chronicle (大事记) document into dated events.
//
// It takes a goldmark parser context in which the caller has called Enable (the
// document's front matter says type: chronicle), and the document's AST. In such a
// document level-2 headings group months (## 四月份) and every level-3 heading is the
// date of one event, written as printed (### 4月2日, ### 5月8日至9日,
// ### 7月30日至8月2日, ### 2023年6月25日至26日); the event is everything up to the next
// heading of level 1, 2 or 3. Documents without Enable are left untouched.
//
// It gives a restructured AST, a MonthNode per month group wrapping its heading and
// events and an EventNode per event wrapping its heading and text, rendered as
//
//	<section class="chronicle-month" aria-labelledby="m-2023-05">
//	<h2 id="m-2023-05">五月份</h2>
//	<article class="event" id="2023-05-08">
//	<h3><time datetime="2023-05-08">5月8日</time>至<time datetime="2023-05-09">9日</time></h3>
//	<p>…</p>
//	</article>
//	</section>
//
// and the list of events, in print order, from Events.
//
// It guarantees that headings stay visible exactly as printed, and that anchors are
// stable: an event's anchor is its start date (2023-05-08), and the second, third …
// event starting that day in the document gets -2, -3 … (2023-04-13-2). The anchor is
// the article's id; the event heading carries no id of its own, so there are no
// duplicates. A month's id is m-<year>-<month>. Parsing never fails: a level-3 heading
// that is not a date, or a month heading that names no month, is reported with
// mdreport at the heading's byte offset and rendered as it is, without an anchor.
package chronicle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gazette/generator/mdreport"
)

var (
	enableKey = parser.NewContextKey() // int: the issue year
	eventsKey = parser.NewContextKey() // []Event
)

// Enable marks the document parsed with pc as a chronicle whose dates default to year.
func Enable(pc parser.Context, year int) { pc.Set(enableKey, year) }

// Event is one dated entry of a chronicle.
type Event struct {
	Span    Span
	Heading string // the date heading as printed, e.g. 5月8日至9日
	Anchor  string // the article id: 2023-05-08, or 2023-05-08-2 for the second that day
	Month   string // the month group's heading as printed, e.g. 五月份; "" outside any group
	Offset  int    // byte offset of the heading in the source, for mdreport.Position
	Node    *EventNode
}

// Events returns the valid events of the chronicle parsed with pc, in print order. A
// heading that is not a date yields no Event (it was reported instead).
func Events(pc parser.Context) []Event {
	evs, _ := pc.Get(eventsKey).([]Event)
	return append([]Event(nil), evs...)
}

// New returns the extension; it acts only on documents whose context has Enable.
func New() goldmark.Extender { return extender{} }

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, 500)))
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	year, ok := pc.Get(enableKey).(int)
	if !ok {
		return
	}
	source := reader.Source()

	// Regroup the top-level blocks: a level-2 heading opens a month, a level-3 heading
	// an event; a level-1 heading closes both. Blocks nested in lists or quotes are
	// content, whatever they look like.
	var blocks []ast.Node
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		blocks = append(blocks, c)
	}
	doc.RemoveChildren(doc)
	var (
		month  *MonthNode
		event  *EventNode
		months []*MonthNode
		events []Event
		seen   = map[Date]int{}
	)
	for _, c := range blocks {
		h, _ := c.(*ast.Heading)
		switch {
		case h != nil && h.Level <= 2:
			month, event = nil, nil
			if h.Level == 1 {
				doc.AppendChild(doc, c)
				continue
			}
			month = &MonthNode{}
			months = append(months, month)
			doc.AppendChild(doc, month)
			month.AppendChild(month, c)
		case h != nil && h.Level == 3:
			event = &EventNode{}
			var parent ast.Node = doc
			if month != nil {
				parent = month
			}
			parent.AppendChild(parent, event)
			event.AppendChild(event, c)
			ev, ok := openEvent(event, h, source, year, pc)
			if !ok {
				continue
			}
			if seen[ev.Span.Start]++; seen[ev.Span.Start] > 1 {
				ev.Anchor += "-" + strconv.Itoa(seen[ev.Span.Start])
			}
			event.Anchor = ev.Anchor
			if month != nil {
				ev.Month = headingText(month.FirstChild().(*ast.Heading), source)
			}
			events = append(events, ev)
		case event != nil:
			event.AppendChild(event, c)
		case month != nil:
			month.AppendChild(month, c)
		default:
			doc.AppendChild(doc, c)
		}
	}

	ids := map[string]int{}
	for _, m := range months {
		m.ID = monthID(m, source, year, pc)
		if m.ID == "" {
			continue
		}
		if ids[m.ID]++; ids[m.ID] > 1 {
			m.ID += "-" + strconv.Itoa(ids[m.ID])
		}
		m.FirstChild().SetAttributeString("id", []byte(m.ID))
	}
	pc.Set(eventsKey, events)
}

// openEvent parses the date heading h of event n. On success it replaces the heading's
// text with <time> elements around the printed dates; otherwise it reports why.
func openEvent(n *EventNode, h *ast.Heading, source []byte, year int, pc parser.Context) (Event, bool) {
	printed := headingText(h, source)
	offset := headingOffset(h)
	parsed, err := parseHeading(printed, year)
	if err != nil {
		var de *DateError
		reason := err.Error()
		if errors.As(err, &de) {
			reason = de.Reason
		}
		mdreport.Report(pc, offset, "chronicle heading %q: %s", printed, reason)
		return Event{}, false
	}
	n.Span = parsed.span
	removeID(h)
	h.RemoveChildren(h)
	h.AppendChild(h, &timeNode{date: parsed.span.Start, text: parsed.start})
	if parsed.span.IsRange() {
		h.AppendChild(h, ast.NewString([]byte(parsed.sep)))
		h.AppendChild(h, &timeNode{date: parsed.span.End, text: parsed.end})
	}
	return Event{
		Span:    parsed.span,
		Heading: printed,
		Anchor:  parsed.span.Start.String(),
		Offset:  offset,
		Node:    n,
	}, true
}

// monthID derives m-<year>-<month> from the month heading, taking the year from the
// heading, else from the group's first event in that month, else the issue year. A
// heading that names no month is reported, and the first event's month stands in.
func monthID(m *MonthNode, source []byte, year int, pc parser.Context) string {
	h := m.FirstChild().(*ast.Heading)
	var first *EventNode
	for c := m.FirstChild(); c != nil; c = c.NextSibling() {
		if e, ok := c.(*EventNode); ok && e.Anchor != "" {
			first = e
			break
		}
	}
	printed := headingText(h, source)
	y, mo, hasYear, reason := parseMonth(printed)
	switch {
	case reason != "":
		mdreport.Report(pc, headingOffset(h), "chronicle month heading %q: %s", printed, reason)
		if first == nil {
			return ""
		}
		y, mo = first.Span.Start.Year, first.Span.Start.Month
	case hasYear:
	case first != nil && first.Span.Start.Month == mo:
		y = first.Span.Start.Year
	default:
		y = year
	}
	return fmt.Sprintf("m-%04d-%02d", y, mo)
}

// headingText is the heading's source text, as printed.
func headingText(h *ast.Heading, source []byte) string {
	var b strings.Builder
	lines := h.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	return strings.TrimSpace(b.String())
}

func headingOffset(h *ast.Heading) int {
	if p := h.Pos(); p >= 0 {
		return p
	}
	if h.Lines().Len() > 0 {
		return h.Lines().At(0).Start
	}
	return 0
}

// removeID drops an id given by an automatic heading-id generator: the article carries
// the event's anchor, and one element per id is all a page may have.
func removeID(n ast.Node) {
	attrs := n.Attributes()
	if len(attrs) == 0 {
		return
	}
	n.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != "id" {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

var chineseMonths = map[string]int{
	"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
	"七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
}

// parseMonth reads a month heading: 四月份, 十二月, 4月, 2023年四月份, optionally in
// 【】 as the printed issue sets them. It returns a reason instead of an error.
func parseMonth(s string) (year, month int, hasYear bool, reason string) {
	const want = "expected a month such as 四月份 or 4月"
	t := strings.Trim(s, spaces)
	if strings.HasPrefix(t, "【") && strings.HasSuffix(t, "】") {
		t = strings.Trim(strings.TrimSuffix(strings.TrimPrefix(t, "【"), "】"), spaces)
	}
	sc := &scanner{s: t}
	if n, ok := sc.number(); ok {
		sc.skipSpace()
		if sc.accept('年') {
			year, hasYear = n, true
			if r := (Date{n, 1, 1}).check(); r != "" {
				return 0, 0, false, r
			}
			t = strings.Trim(t[sc.i:], spaces)
		} else {
			sc.i = 0
		}
	}
	switch {
	case strings.HasSuffix(t, "月份"):
		t = strings.TrimSuffix(t, "月份")
	case strings.HasSuffix(t, "月"):
		t = strings.TrimSuffix(t, "月")
	default:
		return 0, 0, false, "not a month; " + want
	}
	t = strings.Trim(t, spaces)
	if m, ok := chineseMonths[t]; ok {
		return year, m, hasYear, ""
	}
	sc = &scanner{s: t}
	m, ok := sc.number()
	switch {
	case !ok || !sc.eof():
		return 0, 0, false, "not a month; " + want
	case m < 1 || m > 12:
		return 0, 0, false, fmt.Sprintf("month %d does not exist", m)
	}
	return year, m, hasYear, ""
}
