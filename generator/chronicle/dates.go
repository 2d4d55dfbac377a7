package chronicle

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The years a gazette date may fall in. Anything outside is a typo, not history: the
// People's Republic, and so its government gazettes, start in 1949.
const (
	minYear = 1949
	maxYear = 2200
)

// Date is a calendar day, without time zone: the chronicle prints days, not instants.
type Date struct{ Year, Month, Day int }

// String returns the ISO 8601 form, 2023-04-02, used for anchors and datetime attributes.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Compare returns -1, 0 or +1 as d is before, the same day as, or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(d.Month - o.Month)
	default:
		return sign(d.Day - o.Day)
	}
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Time returns midnight UTC of the day, for arithmetic and formatting with package time.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Span is the days an event covers, both ends included; End equals Start for one day.
type Span struct{ Start, End Date }

// IsRange reports whether the span covers more than one day.
func (s Span) IsRange() bool { return s.End != s.Start }

// Days returns how many days the span covers, counting both ends: 1 for a single day.
func (s Span) Days() int {
	return int(s.End.Time().Sub(s.Start.Time()).Hours()/24) + 1
}

// Contains reports whether d falls within the span.
func (s Span) Contains(d Date) bool { return !d.Before(s.Start) && !d.After(s.End) }

// String returns 2023-04-02 for one day and the ISO 8601 interval 2023-05-08/2023-05-09
// for a range.
func (s Span) String() string {
	if !s.IsRange() {
		return s.Start.String()
	}
	return s.Start.String() + "/" + s.End.String()
}

// DateError explains why a heading is not a date. Reason is written for the editor who
// typed the heading, and does not repeat the heading itself.
type DateError struct {
	Text   string // the heading as given
	Reason string
}

func (e *DateError) Error() string { return fmt.Sprintf("date %q: %s", e.Text, e.Reason) }

// ParseHeading parses a chronicle heading written as printed: 4月2日, 5月8日至9日,
// 7月30日至8月2日, 2023年6月25日至26日, 2023年12月30日至2024年1月2日. Digits may be
// full-width (４月２日), spaces may stand around the numbers (5 月 17 日, as the PDF
// extraction leaves them), and a range may be written with 至, 到, —, －, -, ～ or ~.
// The year defaults to defaultYear; a range's end takes its year and month from the
// start unless it gives them.
//
// Anything else (a month heading like 四月份, a date followed by more text, a day that
// does not exist, a range that ends before it starts, a year before 1949 or after 2200)
// is a *DateError.
func ParseHeading(s string, defaultYear int) (Span, error) {
	h, err := parseHeading(s, defaultYear)
	return h.span, err
}

// heading is a parsed date heading together with its printed parts, so that the
// renderer can wrap each date in a <time> element and keep the text exactly as printed.
type heading struct {
	span            Span
	start, sep, end string // sep and end are empty for a single day
}

// separators are the range marks seen in print, longest first so that —— wins over —.
var separators = []string{"至", "到", "——", "—", "－", "–", "-", "～", "〜", "~"}

const example = "expected a date such as 4月2日 or 5月8日至9日"

func parseHeading(s string, defaultYear int) (heading, error) {
	fail := func(format string, args ...any) (heading, error) {
		return heading{}, &DateError{Text: s, Reason: fmt.Sprintf(format, args...)}
	}
	text := strings.Trim(s, spaces)
	if text == "" {
		return fail("empty; %s", example)
	}
	sc := &scanner{s: text}
	start, reason := sc.date(nil, defaultYear)
	if reason != "" {
		return fail("%s", reason)
	}
	h := heading{span: Span{start.d, start.d}, start: text[:sc.i]}
	if sc.eof() {
		return h, nil
	}
	sepStart := sc.i
	sc.skipSpace()
	sep := sc.separator()
	if sep == "" {
		return fail("unexpected %q after the date; a heading holds only the date", text[sepStart:])
	}
	sc.skipSpace()
	if sc.eof() {
		return fail("the range has no end date after %q", sep)
	}
	endStart := sc.i
	end, reason := sc.date(&start, defaultYear)
	if reason != "" {
		return fail("%s", reason)
	}
	if !sc.eof() {
		return fail("unexpected %q after the date; a heading holds only the date", text[sc.i:])
	}
	switch c := end.d.Compare(start.d); {
	case c < 0:
		hint := ""
		if !end.hasYear && end.hasMonth && end.d.Month < start.d.Month {
			hint = fmt.Sprintf("; write the end year (%d年%d月%d日) if the event runs into the next year",
				start.d.Year+1, end.d.Month, end.d.Day)
		}
		return fail("the range ends (%s) before it starts (%s)%s", end.d, start.d, hint)
	case c == 0:
		return fail("the range starts and ends on the same day (%s); write the day once", start.d)
	}
	h.span.End = end.d
	h.sep = text[sepStart:endStart]
	h.end = text[endStart:]
	return h, nil
}

// spaces are what may surround the numbers: ASCII blanks and the ideographic space.
const spaces = " \t\u3000"

// scanner reads a heading left to right; i is a byte offset into s.
type scanner struct {
	s string
	i int
}

func (sc *scanner) eof() bool { return sc.i >= len(sc.s) }

func (sc *scanner) peek() rune {
	r, _ := utf8.DecodeRuneInString(sc.s[sc.i:])
	return r
}

func (sc *scanner) skipSpace() {
	for !sc.eof() && strings.ContainsRune(spaces, sc.peek()) {
		sc.i += utf8.RuneLen(sc.peek())
	}
}

// accept consumes r if it comes next.
func (sc *scanner) accept(r rune) bool {
	if sc.eof() || sc.peek() != r {
		return false
	}
	sc.i += utf8.RuneLen(r)
	return true
}

func (sc *scanner) separator() string {
	for _, sep := range separators {
		if strings.HasPrefix(sc.s[sc.i:], sep) {
			sc.i += len(sep)
			return sep
		}
	}
	return ""
}

// number reads ASCII or full-width digits. Values are capped so that a long run of
// digits reads as an impossible number instead of overflowing.
func (sc *scanner) number() (int, bool) {
	n, digits := 0, 0
	for !sc.eof() {
		r := sc.peek()
		var d int
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '０' && r <= '９':
			d = int(r - '０')
		default:
			return n, digits > 0
		}
		n = min(n*10+d, 1_000_000)
		digits++
		sc.i += utf8.RuneLen(r)
	}
	return n, digits > 0
}

// parsedDate remembers which fields were written, which the range checks need.
type parsedDate struct {
	d                 Date
	hasYear, hasMonth bool
}

// date reads [Y年]M月D日, or, for a range's end (from != nil), also [[Y年]M月]D日 with the
// missing fields taken from the start. It returns a reason instead of an error so that
// the caller wraps every failure the same way.
func (sc *scanner) date(from *parsedDate, defaultYear int) (parsedDate, string) {
	var p parsedDate
	if from != nil {
		p.d.Year, p.d.Month = from.d.Year, from.d.Month
	} else {
		p.d.Year = defaultYear
	}
	n, ok := sc.number()
	if !ok {
		if from != nil {
			return p, fmt.Sprintf("the range has no end date after the separator; %s", example)
		}
		return p, "not a date; " + example
	}
	sc.skipSpace()
	switch {
	case sc.accept('年'):
		p.d.Year, p.hasYear = n, true
		sc.skipSpace()
		if n, ok = sc.number(); !ok {
			return p, fmt.Sprintf("expected a month after %d年", p.d.Year)
		}
		sc.skipSpace()
		if !sc.accept('月') {
			return p, fmt.Sprintf("expected 月 after %d年%d", p.d.Year, n)
		}
		p.d.Month, p.hasMonth = n, true
	case sc.accept('月'):
		p.d.Month, p.hasMonth = n, true
	case sc.accept('日'):
		if from == nil {
			return p, fmt.Sprintf("the date %d日 has no month; %s", n, example)
		}
		p.d.Day = n
		return p, p.d.check()
	case from != nil:
		return p, fmt.Sprintf("expected 日 after the end day %d", n)
	default:
		return p, "not a date; " + example
	}
	sc.skipSpace()
	if n, ok = sc.number(); !ok {
		return p, fmt.Sprintf("the date %d月 has no day; %s", p.d.Month, example)
	}
	sc.skipSpace()
	if !sc.accept('日') {
		return p, fmt.Sprintf("expected 日 after %d月%d", p.d.Month, n)
	}
	p.d.Day = n
	return p, p.d.check()
}

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// check returns why d is not a day of the calendar, or "".
func (d Date) check() string {
	switch {
	case d.Year < minYear || d.Year > maxYear:
		return fmt.Sprintf("year %d is outside %d–%d", d.Year, minYear, maxYear)
	case d.Month < 1 || d.Month > 12:
		return fmt.Sprintf("month %d does not exist", d.Month)
	case d.Day < 1:
		return fmt.Sprintf("day %d does not exist", d.Day)
	}
	last := Date{d.Year, d.Month + 1, 0}.Time().Day() // day 0 of next month normalises to the last day
	switch {
	case d.Day <= last:
		return ""
	case d.Month == 2 && d.Day == 29:
		return fmt.Sprintf("day 29 does not exist in February %d (not a leap year)", d.Year)
	}
	return fmt.Sprintf("day %d does not exist in %s", d.Day, monthNames[d.Month])
}
