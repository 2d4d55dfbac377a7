package jsonstr

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// hostileStrings hold everything JSON strings escape, and text that is not UTF-8.
var hostileStrings = []string{
	"", `"`, `\`, `\\"`, "<script>&amp;</script>", "\x00\x01\x1f\x7f\b\f\n\r\t",
	"\u2028\u2029", "\u2027\u202a\u20ac", "乌政发〔2023〕9号", "ᠣᠨ\u202fᠤ", "\xe2", "\xe2\x80",
	"a\xe2\x80\xa8", "\xff\xfe", "\xed\xa0\x80", "\xf0\x9f\x98\x80 \U0001f600", "a\xc3", "\xc3\x28",
	strings.Repeat("政府\u2028<", 100) + "\x80",
}

// TestAppend: strings are escaped as encoding/json escapes them.
func TestAppend(t *testing.T) {
	for _, s := range hostileStrings {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := Append(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Skip()
		}
		if got := Append(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}
