package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"gazette/generator/chronicle"
)

// Calendar is what WriteICS needs beyond the events.
type Calendar struct {
	Name    string // the calendar's name (X-WR-CALNAME), e.g. 乌审旗人民政府公报 大事记
	Domain  string // right-hand side of every UID; the site's host, or a name of the gazette
	BaseURL string // the site's absolute address ending in "/"; "" leaves URL out
	Events  []Event
}

// summaryMax is how many characters of text a SUMMARY holds when the first sentence is
// longer: about what a calendar shows on one line of a month view.
const summaryMax = 60

// WriteICS writes c as an iCalendar object (RFC 5545): CRLF line ends, lines folded at
// 75 octets without splitting a UTF-8 sequence, TEXT values escaped. Every event is an
// all-day event: DTSTART and DTEND are dates, DTEND the day after the last day (the
// standard's exclusive end), so 6月25日至26日 runs from 20230625 to 20230627.
func WriteICS(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//gazette//chronicle export//ZH")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", escapeText(c.Name))
	}
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", UID(e, c.Domain))
		line("DTSTAMP", icsDate(e.Issue.Date)+"T000000Z")
		line("DTSTART;VALUE=DATE", icsDate(e.Span.Start))
		line("DTEND;VALUE=DATE", icsDate(dayAfter(e.Span.End)))
		line("SUMMARY", escapeText(Summary(e.Text)))
		line("DESCRIPTION", escapeText(e.Text))
		if c.BaseURL != "" && e.URL != "" {
			line("URL;VALUE=URI", strings.TrimSuffix(c.BaseURL, "/")+"/"+e.URL)
		}
		// A day of meetings does not make the reader busy.
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("events as iCalendar: %w", err)
	}
	return nil
}

// UID identifies an event across exports: its issue and its anchor, which stay the
// same as long as the chronicle is not re-dated. 2023-02-2023-04-02@domain.
func UID(e Event, domain string) string {
	return fmt.Sprintf("%04d-%02d-%s@%s", e.Issue.Year, e.Issue.Number, e.ID, domain)
}

func icsDate(d chronicle.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

func dayAfter(d chronicle.Date) chronicle.Date {
	t := d.Time().AddDate(0, 0, 1)
	return chronicle.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// Summary is the first sentence of text's first paragraph, without its full stop, or
// its first summaryMax characters and an ellipsis when the sentence is longer.
func Summary(text string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	first = strings.TrimSpace(first)
	if i := strings.IndexAny(first, "。！？!?"); i >= 0 {
		_, size := utf8.DecodeRuneInString(first[i:])
		first = first[:i+size]
	}
	first = strings.TrimSuffix(first, "。")
	if utf8.RuneCountInString(first) <= summaryMax {
		return first
	}
	return string([]rune(first)[:summaryMax-1]) + "…"
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and
// line breaks.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxOctets is the longest a content line may be, CRLF excluded (RFC 5545 §3.1).
const maxOctets = 75

// writeFolded writes one content line, folded: a line longer than 75 octets continues
// on the next line after CRLF and one space, which counts toward that line's 75. A
// fold never falls inside a UTF-8 sequence, so every physical line is valid UTF-8.
func writeFolded(w *bufio.Writer, line string) {
	limit := maxOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.WriteString(line[:cut])
		w.WriteString("\r\n ")
		line = line[cut:]
		limit = maxOctets - 1
	}
	w.WriteString(line)
	w.WriteString("\r\n")
}
