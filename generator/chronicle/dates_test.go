package chronicle

import (
	"errors"
	"strings"
	"testing"
)

func TestParseHeading(t *testing.T) {
	d := func(y, m, day int) Date { return Date{y, m, day} }
	tests := []struct {
		in         string
		year       int // default year; 2023 when zero
		start, end Date
	}{
		{in: "4月2日", start: d(2023, 4, 2), end: d(2023, 4, 2)},
		{in: "12月31日", start: d(2023, 12, 31), end: d(2023, 12, 31)},
		{in: "  4月2日  ", start: d(2023, 4, 2), end: d(2023, 4, 2)},
		{in: "\u30004月2日\t", start: d(2023, 4, 2), end: d(2023, 4, 2)},
		{in: "４月２日", start: d(2023, 4, 2), end: d(2023, 4, 2)},
		{in: "２０２３年１２月３０日", start: d(2023, 12, 30), end: d(2023, 12, 30)},
		{in: "5 月 17 日", start: d(2023, 5, 17), end: d(2023, 5, 17)},
		{in: "04月02日", start: d(2023, 4, 2), end: d(2023, 4, 2)},
		{in: "5月8日至9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日 至 9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "6月25日至26日", start: d(2023, 6, 25), end: d(2023, 6, 26)},
		{in: "5月11日至15日", start: d(2023, 5, 11), end: d(2023, 5, 15)},
		{in: "7月30日至8月2日", start: d(2023, 7, 30), end: d(2023, 8, 2)},
		{in: "2023年6月25日至26日", start: d(2023, 6, 25), end: d(2023, 6, 26)},
		{in: "2023年12月30日", start: d(2023, 12, 30), end: d(2023, 12, 30)},
		{in: "2023年12月30日至2024年1月2日", start: d(2023, 12, 30), end: d(2024, 1, 2)},
		{in: "12月31日至2024年1月1日", start: d(2023, 12, 31), end: d(2024, 1, 1)},
		{in: "2022年6月1日", start: d(2022, 6, 1), end: d(2022, 6, 1)},
		{in: "5月8日—9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日——9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日-9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日－9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日～9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日~9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "5月8日到9日", start: d(2023, 5, 8), end: d(2023, 5, 9)},
		{in: "2月29日", year: 2024, start: d(2024, 2, 29), end: d(2024, 2, 29)},
		{in: "2000年2月29日", start: d(2000, 2, 29), end: d(2000, 2, 29)},
		{in: "1949年10月1日", start: d(1949, 10, 1), end: d(1949, 10, 1)},
		{in: "2200年12月31日", start: d(2200, 12, 31), end: d(2200, 12, 31)},
	}
	for _, tt := range tests {
		year := tt.year
		if year == 0 {
			year = 2023
		}
		got, err := ParseHeading(tt.in, year)
		if err != nil {
			t.Errorf("ParseHeading(%q, %d): %v", tt.in, year, err)
			continue
		}
		if want := (Span{tt.start, tt.end}); got != want {
			t.Errorf("ParseHeading(%q, %d) = %v, want %v", tt.in, year, got, want)
		}
	}
}

func TestParseHeadingErrors(t *testing.T) {
	tests := []struct {
		in     string
		year   int // default year; 2023 when zero
		reason string
	}{
		{in: "", reason: "empty; expected a date such as 4月2日 or 5月8日至9日"},
		{in: " \u3000 ", reason: "empty; expected a date"},
		{in: "四月份", reason: "not a date; expected a date such as 4月2日 or 5月8日至9日"},
		{in: "【四月份】", reason: "not a date"},
		{in: "【4月2日】", reason: "not a date"},
		{in: "四月二日", reason: "not a date"},
		{in: "2023", reason: "not a date"},
		{in: "4月2日上午", reason: `unexpected "上午" after the date; a heading holds only the date`},
		{in: "4月2日 上午", reason: `unexpected " 上午" after the date`},
		{in: "4月2日和3日", reason: `unexpected "和3日" after the date`},
		{in: "4月2日至9日上午", reason: `unexpected "上午" after the date`},
		{in: "4月31日", reason: "day 31 does not exist in April"},
		{in: "6月31日", reason: "day 31 does not exist in June"},
		{in: "4月0日", reason: "day 0 does not exist"},
		{in: "13月2日", reason: "month 13 does not exist"},
		{in: "0月1日", reason: "month 0 does not exist"},
		{in: "123月1日", reason: "month 123 does not exist"},
		{in: "2月29日", reason: "day 29 does not exist in February 2023 (not a leap year)"},
		{in: "2100年2月29日", reason: "day 29 does not exist in February 2100 (not a leap year)"},
		{in: "2月30日", year: 2024, reason: "day 30 does not exist in February"},
		{in: "5月30日至32日", reason: "day 32 does not exist in May"},
		{in: "1948年10月1日", reason: "year 1948 is outside 1949–2200"},
		{in: "2201年1月1日", reason: "year 2201 is outside 1949–2200"},
		{in: "4月2日", year: 1900, reason: "year 1900 is outside 1949–2200"},
		{in: "99999999999年1月1日", reason: "is outside 1949–2200"},
		{in: "5月9日至8日", reason: "the range ends (2023-05-08) before it starts (2023-05-09)"},
		{in: "2023年5月9日至2023年5月8日", reason: "the range ends (2023-05-08) before it starts (2023-05-09)"},
		{in: "12月30日至1月2日", reason: "the range ends (2023-01-02) before it starts (2023-12-30); write the end year (2024年1月2日) if the event runs into the next year"},
		{in: "5月8日至8日", reason: "the range starts and ends on the same day (2023-05-08)"},
		{in: "4月2日至", reason: `the range has no end date after "至"`},
		{in: "4月2日 — ", reason: `the range has no end date after "—"`},
		{in: "4月2日至上午", reason: "the range has no end date after the separator"},
		{in: "4月2日至9", reason: "expected 日 after the end day 9"},
		{in: "4月2日至5月", reason: "the date 5月 has no day"},
		{in: "2023年4月2日至2024年3日", reason: "expected 月 after 2024年3"},
		{in: "4月", reason: "the date 4月 has no day"},
		{in: "2日", reason: "the date 2日 has no month"},
		{in: "4月2", reason: "expected 日 after 4月2"},
		{in: "2023年", reason: "expected a month after 2023年"},
		{in: "2023年4日", reason: "expected 月 after 2023年4"},
	}
	for _, tt := range tests {
		year := tt.year
		if year == 0 {
			year = 2023
		}
		got, err := ParseHeading(tt.in, year)
		if err == nil {
			t.Errorf("ParseHeading(%q, %d) = %v, want an error containing %q", tt.in, year, got, tt.reason)
			continue
		}
		var de *DateError
		if !errors.As(err, &de) {
			t.Errorf("ParseHeading(%q): error %T is not a *DateError", tt.in, err)
			continue
		}
		if de.Text != tt.in || !strings.Contains(err.Error(), de.Reason) {
			t.Errorf("ParseHeading(%q): error %q does not name the heading", tt.in, err)
		}
		if !strings.Contains(de.Reason, tt.reason) {
			t.Errorf("ParseHeading(%q): reason %q, want it to contain %q", tt.in, de.Reason, tt.reason)
		}
	}
}

func TestDateAndSpan(t *testing.T) {
	a, b := Date{2023, 4, 2}, Date{2023, 12, 1}
	if a.String() != "2023-04-02" {
		t.Errorf("String = %q", a.String())
	}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("Compare(%v, %v) wrong", a, b)
	}
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Before(a) {
		t.Errorf("Before/After(%v, %v) wrong", a, b)
	}
	if (Date{2024, 1, 1}).Compare(Date{2023, 12, 31}) != 1 {
		t.Errorf("a later year must compare after")
	}

	tests := []struct {
		s     Span
		days  int
		str   string
		inner Date
	}{
		{Span{a, a}, 1, "2023-04-02", a},
		{Span{Date{2023, 5, 8}, Date{2023, 5, 9}}, 2, "2023-05-08/2023-05-09", Date{2023, 5, 9}},
		{Span{Date{2023, 7, 30}, Date{2023, 8, 2}}, 4, "2023-07-30/2023-08-02", Date{2023, 8, 1}},
		{Span{Date{2023, 12, 30}, Date{2024, 1, 2}}, 4, "2023-12-30/2024-01-02", Date{2024, 1, 1}},
		{Span{Date{2024, 2, 28}, Date{2024, 3, 1}}, 3, "2024-02-28/2024-03-01", Date{2024, 2, 29}},
	}
	for _, tt := range tests {
		if got := tt.s.Days(); got != tt.days {
			t.Errorf("%v.Days() = %d, want %d", tt.s, got, tt.days)
		}
		if got := tt.s.IsRange(); got != (tt.days > 1) {
			t.Errorf("%v.IsRange() = %v", tt.s, got)
		}
		if got := tt.s.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
		if !tt.s.Contains(tt.inner) || tt.s.Contains(Date{2023, 4, 1}) || tt.s.Contains(Date{2025, 1, 1}) {
			t.Errorf("%v.Contains wrong", tt.s)
		}
	}
}
