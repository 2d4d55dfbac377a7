package permid

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOf(t *testing.T) {
	for _, tt := range []struct{ number, want string }{
		{"乌政发〔2023〕9号", "乌政发-2023-9"},
		{"乌政办发〔2023〕27号", "乌政办发-2023-27"},
		// Spellings of one number share the identifier.
		{"乌政发[2023]9号", "乌政发-2023-9"},
		{"乌政发（２０２３）第09号", "乌政发-2023-9"},
		{" 乌政发 〔2023〕 9 号", "乌政发-2023-9"},
		{"乌政发2023 9号", "乌政发-2023-9"},
		// Latin letters fold to lower case (case-insensitive file systems), full-width ones
		// to ASCII.
		{"ＡＢ发〔2023〕1号", "ab发-2023-1"},
		{"Ab发〔2023〕1号", "ab发-2023-1"},
		// Punctuation inside a prefix becomes one hyphen; nothing unsafe survives.
		{"乌/政..发〔2023〕1号", "乌-政-发-2023-1"},
		// Not a document number: cleaned as a whole.
		{"第27号公告", "第27号公告"},
		{"../etc/passwd", "etc-passwd"},
		{"公告 2023/7", "公告2023-7"}, // Normalize drops white space
		{"", ""},
		{"〔〕", ""},
		// Mongolian letters and their variation selectors (marks) are kept.
		{"ᠮᠣᠩᠭᠣᠯ᠋/1", "ᠮᠣᠩᠭᠣᠯ᠋-1"},
	} {
		if got := Of(tt.number); got != tt.want {
			t.Errorf("Of(%q) = %q, want %q", tt.number, got, tt.want)
		}
	}
}

// TestOfIsSafe checks the promises of the package comment on awkward input.
func TestOfIsSafe(t *testing.T) {
	for _, n := range []string{
		"a\x00b〔2023〕1号", "CON", "..", ".", "a\\b:c*d?e\"f<g>h|i", "乌政发〔2023〕1号\n",
		strings.Repeat("很长的机关代字", 40) + "〔2023〕123456号",
		strings.Repeat("x", 500),
		"%E4%B9%8C",
	} {
		id := Of(n)
		if utf8.RuneCountInString(id) > MaxLen {
			t.Errorf("Of(%q) = %q: longer than %d runes", n, id, MaxLen)
		}
		if strings.ContainsAny(id, "./\\:*?\"<>|%\x00\n ") || strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") || strings.Contains(id, "--") {
			t.Errorf("Of(%q) = %q: not a safe folder name", n, id)
		}
	}
	long := Of(strings.Repeat("很长的机关代字", 40) + "〔2023〕123456号")
	if !strings.HasSuffix(long, "-2023-123456") {
		t.Errorf("a long prefix lost the year and serial: %q", long)
	}
}

func TestDir(t *testing.T) {
	if got := Dir("乌政发-2023-9"); got != "id/乌政发-2023-9" {
		t.Errorf("Dir = %q", got)
	}
}
