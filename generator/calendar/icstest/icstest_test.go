package icstest

import (
	"strings"
	"testing"
)

// good is a minimal valid calendar; each bad case breaks one rule of it.
const good = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//ZH\r\n" +
	"BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20230630T000000Z\r\n" +
	"DTSTART;VALUE=DATE:20230625\r\nDTEND;VALUE=DATE:20230627\r\n" +
	"SUMMARY:会议\\, 召开\r\nDESCRIPTION:第一段\\n第二\r\n 段\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

func TestParseAcceptsAndUnfolds(t *testing.T) {
	cal, err := Parse(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Subs) != 1 {
		t.Fatalf("%d events, want 1", len(cal.Subs))
	}
	d, _ := cal.Subs[0].One("DESCRIPTION")
	if s, err := d.Text(); err != nil || s != "第一段\n第二段" {
		t.Errorf("DESCRIPTION = %q, %v", s, err)
	}
	s, _ := cal.Subs[0].One("SUMMARY")
	if s, err := s.Text(); err != nil || s != "会议, 召开" {
		t.Errorf("SUMMARY = %q, %v", s, err)
	}
}

func TestParseRejects(t *testing.T) {
	for _, tc := range []struct{ name, ics, want string }{
		{"bare LF", strings.Replace(good, "VERSION:2.0\r\n", "VERSION:2.0\n", 1), "bare CR or LF"},
		{"no final CRLF", strings.TrimSuffix(good, "\r\n"), "does not end with CRLF"},
		{"long line", strings.Replace(good, "UID:a@b", "UID:"+strings.Repeat("a", 80), 1), "more than 75"},
		{"split character", strings.Replace(good, "第二\r\n 段", "第\xe4\xba\r\n \x8c段", 1), "not valid UTF-8"},
		{"unescaped comma", strings.Replace(good, `会议\, 召开`, "会议, 召开", 1), "unescaped"},
		{"unknown escape", strings.Replace(good, `会议\, 召开`, `会议\t`, 1), "undefined escape"},
		{"missing UID", strings.Replace(good, "UID:a@b\r\n", "", 1), "0 UID"},
		{"timed start", strings.Replace(good, "DTSTART;VALUE=DATE:20230625", "DTSTART:20230625T090000", 1), "not an all-day date"},
		{"end not after start", strings.Replace(good, "20230627", "20230625", 1), "not after DTSTART"},
		{"local DTSTAMP", strings.Replace(good, "T000000Z", "T000000", 1), "not a UTC date-time"},
		{"unbalanced", strings.Replace(good, "END:VEVENT\r\n", "", 1), "closes nothing open"},
		{"no PRODID", strings.Replace(good, "PRODID:-//x//y//ZH\r\n", "", 1), "0 PRODID"},
	} {
		_, err := Parse(tc.ics)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}
