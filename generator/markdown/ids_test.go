package markdown

import (
	"testing"
	"unicode"
)

// TestHanIsLetter: Generate keeps the ideographs of isHan as they are without asking
// the unicode tables, which must agree.
func TestHanIsLetter(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !isHan(r) || !unicode.IsLetter(r) || unicode.ToLower(r) != r {
			t.Fatalf("U+%04X: isHan %v, letter %v, lower U+%04X", r, isHan(r), unicode.IsLetter(r), unicode.ToLower(r))
		}
	}
	for _, r := range []rune{0x4DFF, 0xA000, 'A', 'ᠮ'} {
		if isHan(r) {
			t.Errorf("isHan(U+%04X)", r)
		}
	}
}

func TestGenerate(t *testing.T) {
	s := newIDs()
	for _, c := range []struct{ in, want string }{
		{"一、总体要求", "一-总体要求"},
		{"一、总体要求", "一-总体要求-2"},
		{"(三) Work Plan 2023", "三-work-plan-2023"},
		{"ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "ᠮᠣᠩᠭᠣᠯ-ᠪᠢᠴᠢᠭ"},
		{"——", "section"},
	} {
		if got := string(s.Generate([]byte(c.in), 0)); got != c.want {
			t.Errorf("Generate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
