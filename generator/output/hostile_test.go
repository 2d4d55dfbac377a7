package output

import "testing"

func TestTreeAddRefusesEscapes(t *testing.T) {
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", "a/./b", "a//b", `a\..\..\x`, "a\x00b", "a\nb", ".", "..", ""} {
		if err := NewTree().Add(p, nil); err == nil {
			t.Errorf("Add(%q) accepted", p)
		}
	}
	for _, p := range []string{"index.html", "2023/02/乌政发-2023-9/index.html", "mn/ᠮᠣᠩᠭᠣᠯ/a.csv"} {
		if err := NewTree().Add(p, nil); err != nil {
			t.Errorf("Add(%q): %v", p, err)
		}
	}
}
