package render

import (
	"fmt"
	"time"
)

// formatDate writes a date as the language writes dates. Mongolian is built by hand:
// Intl and CLDR give Cyrillic Mongolian for mn-Mong. The pattern is the one of the
// Inner Mongolian government's Mongolian sites: {Y} ᠣᠨ⎵ᠤ {M} ᠳ᠋ᠤᠭᠠᠷ ᠰᠠᠷ᠎ᠠ⎵ᠶᠢᠨ {D}⎵ᠤ ᠡᠳᠦᠷ,
// with NNBSP (U+202F) before the suffixes.
func formatDate(lang string, t time.Time) string {
	switch lang {
	case "zh":
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	case "mn":
		m := int(t.Month())
		// The genitive after the day stays ⎵ᠤ whatever the numeral, as attested
		// ("29⎵ᠤ ᠡᠳᠦᠷ" on nmg.gov.cn).
		return fmt.Sprintf("%d ᠣᠨ\u202fᠤ %d %s ᠰᠠᠷ᠎ᠠ\u202fᠶᠢᠨ %d\u202fᠤ ᠡᠳᠦᠷ",
			t.Year(), m, mnOrdinal(m), t.Day())
	}
	return t.Format("2006-01-02")
}

// mnOrdinal is the ordinal suffix word after a numeral. Vowel harmony follows the
// numeral's name: its last non-zero part decides, and 1 nige, 4 dörbe, 9 yisü, 40 döčin
// and 90 yeren are front-vowel words.
func mnOrdinal(n int) string {
	if mnFront(n) {
		return "ᠳ᠋ᠦᠭᠡᠷ"
	}
	return "ᠳ᠋ᠤᠭᠠᠷ"
}

func mnFront(n int) bool {
	if n == 0 {
		return false
	}
	if u := n % 10; u != 0 {
		return u == 1 || u == 4 || u == 9
	}
	t := (n / 10) % 10
	if t != 0 {
		return t == 4 || t == 9
	}
	return false
}
