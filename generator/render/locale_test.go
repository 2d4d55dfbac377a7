package render

import (
	"strings"
	"testing"
	"time"
)

// The Mongolian words of the date, spelled out by code point so that a look-alike
// letter, a plain space where U+202F belongs or a lost U+180E fails the test.
const (
	nnbsp  = "\u202f"                               // before a case suffix
	mnYear = "\u1823\u1828" + nnbsp + "\u1824"      // ᠣᠨ⎵ᠤ "of the year"
	mnBack = "\u1833\u180b\u1824\u182d\u1820\u1837" // ᠳ᠋ᠤᠭᠠᠷ, FVS1 after ᠳ
	mnFrnt = "\u1833\u180b\u1826\u182d\u1821\u1837" // ᠳ᠋ᠦᠭᠡᠷ
	mnMon  = "\u1830\u1820\u1837\u180e\u1820" + nnbsp + "\u1836\u1822\u1828"
	mnDay  = nnbsp + "\u1824 \u1821\u1833\u1826\u1837" // ⎵ᠤ ᠡᠳᠦᠷ
)

// TestMnOrdinal checks the vowel harmony of the ordinal after a numeral: the numeral's
// last non-zero part decides, and 1 nige, 4 dörbe, 9 yisü, 40 döčin, 90 yeren are the
// front-vowel ones. 6, 12, 19, 26, 86 and 213 are attested on Inner Mongolian
// government sites (notes §6); the rest follow from the rule.
func TestMnOrdinal(t *testing.T) {
	for _, tc := range []struct {
		n     int
		front bool
		why   string
	}{
		{1, true, "nige"},
		{2, false, "qoyar"},
		{3, false, "γurba"},
		{4, true, "dörbe"},
		{5, false, "tabu"},
		{6, false, "ǰirγuγ-a, attested"},
		{7, false, "doloγ-a"},
		{8, false, "naiman"},
		{9, true, "yisü"},
		{10, false, "arba"},
		{11, true, "arban nige"},
		{12, false, "arban qoyar, attested"},
		{14, true, "arban dörbe"},
		{19, true, "arban yisü, attested"},
		{20, false, "qori"},
		{26, false, "qorin ǰirγuγ-a, attested"},
		{29, true, "qorin yisü"},
		{30, false, "γuči"},
		{31, true, "γučin nige"},
		{40, true, "döči"},
		{50, false, "tabi"},
		{86, false, "nayan ǰirγuγ-a, attested"},
		{90, true, "yere"},
		{100, false, "ǰaγu"},
		{140, true, "ǰaγun döči"},
		{213, false, "qoyar ǰaγun arban γurba, attested"},
		{2023, false, "… γurba"},
		{2024, true, "… dörbe"},
	} {
		want := mnBack
		if tc.front {
			want = mnFrnt
		}
		if got := mnOrdinal(tc.n); got != want {
			t.Errorf("mnOrdinal(%d) (%s) = %q, want %q", tc.n, tc.why, got, want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		lang string
		date time.Time
		want string
	}{
		{"zh", day(2023, 4, 18), "2023年4月18日"},
		{"zh", day(2023, 12, 1), "2023年12月1日"},
		// The example of the notes, from nmg.gov.cn: 2015 ᠣᠨ ᠤ 6 ᠳ᠋ᠤᠭᠠᠷ ᠰᠠᠷᠠ ᠶᠢᠨ 29 ᠤ ᠡᠳᠦᠷ.
		{"mn", day(2015, 6, 29), "2015 " + mnYear + " 6 " + mnBack + " " + mnMon + " 29" + mnDay},
		// April (4 dörbe) takes the front-vowel ordinal.
		{"mn", day(2023, 4, 18), "2023 " + mnYear + " 4 " + mnFrnt + " " + mnMon + " 18" + mnDay},
		// Months 1, 9 and 11 too; 10 and 12 do not.
		{"mn", day(2023, 1, 9), "2023 " + mnYear + " 1 " + mnFrnt + " " + mnMon + " 9" + mnDay},
		{"mn", day(2023, 9, 30), "2023 " + mnYear + " 9 " + mnFrnt + " " + mnMon + " 30" + mnDay},
		{"mn", day(2023, 10, 1), "2023 " + mnYear + " 10 " + mnBack + " " + mnMon + " 1" + mnDay},
		{"mn", day(2023, 11, 2), "2023 " + mnYear + " 11 " + mnFrnt + " " + mnMon + " 2" + mnDay},
		{"mn", day(2023, 12, 31), "2023 " + mnYear + " 12 " + mnBack + " " + mnMon + " 31" + mnDay},
		// A language with no convention of its own gets ISO 8601.
		{"en", day(2023, 4, 18), "2023-04-18"},
	} {
		if got := formatDate(tc.lang, tc.date); got != tc.want {
			t.Errorf("formatDate(%s, %s) =\n\t%q\nwant\n\t%q", tc.lang, tc.date.Format("2006-01-02"), got, tc.want)
		}
	}
}

// TestMongolianDateIsNotCyrillic guards against the trap the notes warn about: CLDR
// and Intl give Cyrillic for mn-Mong. Every letter of the date must be in the
// Mongolian block.
func TestMongolianDateIsNotCyrillic(t *testing.T) {
	s := formatDate("mn", time.Date(2024, 6, 29, 0, 0, 0, 0, time.UTC))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == ' ', r == '\u202f':
		case r >= 0x1800 && r <= 0x18af:
		default:
			t.Fatalf("formatDate(mn) = %q has %U, outside the Mongolian block", s, r)
		}
	}
	if strings.Count(s, "\u202f") != 3 {
		t.Errorf("formatDate(mn) = %q: want a U+202F before each of its three suffixes", s)
	}
}

func TestIssueName(t *testing.T) {
	for _, tc := range []struct {
		lang         string
		year, number int
		want         string
	}{
		{"zh", 2023, 2, "2023年第2期"},
		{"mn", 2023, 2, "2023 " + mnYear + " 2 " + mnBack},
		{"mn", 2024, 4, "2024 " + mnYear + " 4 " + mnFrnt},
		{"mn", 2024, 12, "2024 " + mnYear + " 12 " + mnBack},
	} {
		if got := issueName(tc.lang, tc.year, tc.number); got != tc.want {
			t.Errorf("issueName(%s, %d, %d) = %q, want %q", tc.lang, tc.year, tc.number, got, tc.want)
		}
	}
}
