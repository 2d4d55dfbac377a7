package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strings"

	"github.com/gosimple/slug"

	"gazette/generator/calendar"
	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/output"
)

// TimelinePath is the folder of the gazette-wide timeline page, in every language;
// the exports sit beside the default language's page.
const TimelinePath = "timeline"

// The exports, relative to the site root.
const (
	timelineJSON = TimelinePath + "/events.json"
	timelineICS  = TimelinePath + "/events.ics"
)

// Event is one event of a chronicle, as converted, for the timeline and its exports.
type Event struct {
	Doc     *content.Document // the chronicle that prints it
	Span    chronicle.Span
	Anchor  string        // its permanent anchor on the chronicle page
	Heading string        // the date heading as printed
	Text    string        // plain text, one paragraph per line
	Date    template.HTML // the heading's content with its <time> elements
	Body    template.HTML // its blocks, with links that work from the timeline page
}

// TimelineView is every event of the gazette by year and month, in one language.
type TimelineView struct {
	Count     int
	Years     []TimelineYear
	EventLang string // tag of the language events are written in
}

// TimelineYear is one year of the timeline.
type TimelineYear struct {
	ID, Name string
	Months   []TimelineMonth
}

// TimelineMonth is one month of the timeline: the events starting in it.
type TimelineMonth struct {
	ID, Name string
	Events   []EventView
}

// EventView is one event on the timeline page.
type EventView struct {
	Date, Body    template.HTML
	ChroniclePath string // the chronicle page's folder
	Anchor        string
	IssuePath     string
	IssueTitle    string // 2023年第2期, in the page's language
}

// timelineOrder returns the events by first day; events of one day keep print order
// (issues are listed oldest first, each issue's events in print order).
func timelineOrder(evs []Event) []Event {
	out := append([]Event(nil), evs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start.Before(out[j].Span.Start) })
	return out
}

// timeline groups the site's events by the year and month they start in.
func (sv *siteView) timeline() *TimelineView {
	tv := &TimelineView{Count: len(sv.in.Events), EventLang: sv.source.Tag}
	for _, e := range timelineOrder(sv.in.Events) {
		y, m := e.Span.Start.Year, e.Span.Start.Month
		if n := len(tv.Years); n == 0 || tv.Years[n-1].ID != fmt.Sprintf("tl-%04d", y) {
			tv.Years = append(tv.Years, TimelineYear{ID: fmt.Sprintf("tl-%04d", y), Name: yearName(sv.lang.Code, y)})
		}
		year := &tv.Years[len(tv.Years)-1]
		if n := len(year.Months); n == 0 || year.Months[n-1].ID != fmt.Sprintf("tl-%04d-%02d", y, m) {
			year.Months = append(year.Months, TimelineMonth{ID: fmt.Sprintf("tl-%04d-%02d", y, m), Name: monthName(sv.lang.Code, m)})
		}
		month := &year.Months[len(year.Months)-1]
		is := e.Doc.Issue
		month.Events = append(month.Events, EventView{
			Date: e.Date, Body: e.Body, ChroniclePath: e.Doc.Path(), Anchor: e.Anchor,
			IssuePath: is.Dir, IssueTitle: issueName(sv.lang.Code, is.Year, is.Number),
		})
	}
	return tv
}

// writeTimeline writes the timeline page of sv's language and, once for all languages
// beside the default language's page, the events as JSON and iCalendar.
func (l *Layouts) writeTimeline(sv *siteView, t *output.Tree) error {
	title := sv.str("timeline")
	p := sv.page("timeline", TimelinePath, title)
	p.Timeline = sv.timeline()
	p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: TimelinePath, Title: title}}
	if err := l.write(t, p); err != nil {
		return err
	}
	if sv.lang.Root != "" {
		return nil
	}
	var evs []calendar.Event // made for the first export not reused
	events := func() []calendar.Event {
		if evs == nil {
			evs = sv.exportEvents()
		}
		return evs
	}
	js := PageRef{Kind: "events", Path: TimelinePath, File: timelineJSON}
	err := sv.add(t, js, func() ([]byte, error) {
		var b bytes.Buffer
		err := calendar.WriteJSON(&b, events())
		return b.Bytes(), err
	})
	if err != nil {
		return err
	}
	ics := PageRef{Kind: "events", Path: TimelinePath, File: timelineICS}
	return sv.add(t, ics, func() ([]byte, error) {
		cal := calendar.Calendar{
			Name:    fmt.Sprintf(sv.str("timeline_calendar_name"), sv.SiteTitle),
			Domain:  uidDomain(sv.in.Site.Config.BaseURL, sv.SiteTitle),
			BaseURL: sv.in.Site.Config.BaseURL,
			Events:  events(),
		}
		var b bytes.Buffer
		err := calendar.WriteICS(&b, cal)
		return b.Bytes(), err
	})
}

// exportEvents gives the events in timeline order as the exports describe them, with
// the issue titles of sv's language.
func (sv *siteView) exportEvents() []calendar.Event {
	titles := map[string]string{}
	for _, iv := range sv.Issues {
		titles[iv.Path] = iv.Title
	}
	evs := make([]calendar.Event, 0, len(sv.in.Events))
	for _, e := range timelineOrder(sv.in.Events) {
		is := e.Doc.Issue
		evs = append(evs, calendar.Event{
			ID: e.Anchor, Span: e.Span, Heading: e.Heading, Text: e.Text,
			Issue: calendar.Issue{Year: is.Year, Number: is.Number, Title: titles[is.Dir],
				Date: chronicle.Date{Year: is.Date.Year(), Month: int(is.Date.Month()), Day: is.Date.Day()}},
			URL: e.Doc.Path() + "/index.html#" + e.Anchor,
		})
	}
	return evs
}

// uidDomain is the right-hand side of the calendar's UIDs: the site's host when
// site.yaml gives base_url, else a name made from the gazette's title, which is as
// stable and tells one gazette's events from another's.
func uidDomain(baseURL, title string) string {
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		return strings.ToLower(u.Host)
	}
	if s := slug.Make(title); s != "" {
		return s
	}
	return "gazette"
}

// yearName and monthName head the timeline's groups. The Mongolian forms are those of
// the attested date pattern ({Y} ᠣᠨ …, {M} ᠳ᠋ᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ …) without its case suffixes,
// as a heading stands on its own: review (MED).
func yearName(lang string, y int) string {
	switch lang {
	case "zh":
		return fmt.Sprintf("%d年", y)
	case "mn":
		return fmt.Sprintf("%d ᠣᠨ", y)
	}
	return fmt.Sprint(y)
}

func monthName(lang string, m int) string {
	switch lang {
	case "zh":
		return fmt.Sprintf("%d月", m)
	case "mn":
		return fmt.Sprintf("%d %s ᠰᠠᠷ᠎ᠠ", m, mnOrdinal(m))
	}
	return fmt.Sprintf("%02d", m)
}
