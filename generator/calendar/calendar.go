// Package calendar exports the gazette's chronicle events for other programs.
//
// It takes the events of every chronicle (大事记) of the gazette, each with its dates,
// its permanent anchor, its heading as printed, its plain text, its issue and its place
// in the site, and gives two files:
//
//   - WriteJSON: a JSON array of events for journalists and scripts, the format that
//     docs/data-formats.md describes;
//   - WriteICS: an iCalendar file (RFC 5545) that calendar programs import, one all-day
//     event per chronicle event, a range of days as one multi-day event.
//
// It guarantees byte-identical output for the same events: nothing comes from the
// clock (DTSTAMP is the issue's publication date) or from map order, and UIDs depend
// only on the issue and the anchor, so a re-import updates events instead of
// duplicating them. Events are written in the order given; Sort puts them in timeline
// order.
package calendar

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"gazette/generator/chronicle"
)

// Event is one chronicle event as exported.
type Event struct {
	ID      string         // the permanent anchor in its chronicle: 2023-04-02, 2023-04-02-2
	Span    chronicle.Span // the days it covers, both ends included
	Heading string         // the date heading as printed: 6月25日至26日
	Text    string         // plain text, one paragraph per line
	Issue   Issue
	URL     string // of the event's anchor, relative to the site root: 2023/02/dashiji/index.html#2023-04-02
}

// Issue is the issue an event is printed in.
type Issue struct {
	Year   int
	Number int
	Title  string
	Date   chronicle.Date // publication date; the events' DTSTAMP
}

// Sort orders events by their first day; events of the same day keep the order they
// came in, which is print order when the caller lists issues oldest first.
func Sort(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Span.Start.Before(evs[j].Span.Start) })
}

// jsonEvent is the JSON form of an Event; docs/data-formats.md documents it field by
// field, so a change here is a change of the published format.
type jsonEvent struct {
	ID      string    `json:"id"`
	Start   string    `json:"start"`
	End     string    `json:"end"`
	Heading string    `json:"heading"`
	Text    string    `json:"text"`
	Issue   jsonIssue `json:"issue"`
	URL     string    `json:"url"`
}

type jsonIssue struct {
	Year   int    `json:"year"`
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// WriteJSON writes evs as an indented JSON array, end included for one-day events so
// that readers need no special case.
func WriteJSON(w io.Writer, evs []Event) error {
	out := make([]jsonEvent, len(evs))
	for i, e := range evs {
		out[i] = jsonEvent{
			ID: e.ID, Start: e.Span.Start.String(), End: e.Span.End.String(),
			Heading: e.Heading, Text: e.Text, URL: e.URL,
			Issue: jsonIssue{Year: e.Issue.Year, Number: e.Issue.Number, Title: e.Issue.Title},
		}
	}
	enc := json.NewEncoder(w)
	// < > & are escaped (\u003c …), the default: content text holding "<script>" can
	// never read as markup in a file of the site (issue 11).
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("events as JSON: %w", err)
	}
	return nil
}
