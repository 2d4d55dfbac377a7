package search

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"gazette/generator/internal/jsonstr"
)

// randomText strings together pieces that need escaping in JSON, or look as if they
// might, with plain text.
func randomText(r *rand.Rand) string {
	pieces := []string{"乌审旗", "ᠮᠡᠳᠡᠭᠳᠡᠯ", "abc", " ", "\"", "\\", "<", ">", "&", "\n", "\t", "\b", "\f", "\r",
		"\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\u2027", "\u202a", "“引号”", "—", "…", "\xe2\x80", "\xff",
		"\xe2", "😀", "\u00e9", "</script>", "\u3000", "\xed\x9f\xbf", "\xed\xa0\x80", "\xe0\xa0\x80", "\xe0\x80\x80",
		"\xf0\x9f\x98", "\xef\xbf\xbf", "\xe1\x80", "\xe4\xb8\x41"}
	var b strings.Builder
	for range r.IntN(8) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// TestJSONWriters: the index's own JSON writers write what encoding/json does.
func TestJSONWriters(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		s := randomText(r)
		want, _ := json.Marshal(s)
		if got := jsonstr.Append([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), want...)) {
			t.Fatalf("%q: %s, want x%s", s, got, want)
		}
	}
	for range 300 {
		var metas []entryMeta
		var texts [][2]string
		for range 1 + r.IntN(5) {
			pick := func() string {
				if r.IntN(3) == 0 {
					return ""
				}
				return randomText(r)
			}
			metas = append(metas, entryMeta{Kind: pick(), Path: pick(), Anchor: pick(), Title: pick(),
				TitleLang: pick(), BodyLang: pick(), Context: pick(), Number: pick(), Issue: pick(),
				Date: pick(), DateISO: pick(), Block: r.IntN(100000), Blocks: r.IntN(50)})
			texts = append(texts, [2]string{pick(), pick()})
		}
		want, err := script("m7", metas)
		if err != nil {
			t.Fatal(err)
		}
		if got := metaScript("m7", metas); !bytes.Equal(got, want) {
			t.Fatalf("metaScript:\n%s\nwant\n%s", got, want)
		}
		if want, _ = script("x3", texts); !bytes.Equal(textsScript("x3", texts), want) {
			t.Fatalf("textsScript:\n%s\nwant\n%s", textsScript("x3", texts), want)
		}
	}
}
