package browsertest

import (
	"bytes"
	"encoding/base64"
	"os"
	"regexp"
	"testing"
)

// TestMongolianFontStylesheet keeps css/mongolian-font.css, which carries the font as
// a data: URL, identical to the font file it is made from, and checks that file is
// what docs/fonts.md says: a WOFF2 with its licence beside it. It needs no browser.
func TestMongolianFontStylesheet(t *testing.T) {
	const (
		fontFile = "../../static/fonts/noto-sans-mongolian.woff2"
		cssFile  = "../../static/css/mongolian-font.css"
		ofl      = "../../static/fonts/OFL.txt"
	)
	font, err := os.ReadFile(fontFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(font, []byte("wOF2")) {
		t.Fatalf("%s is not a WOFF2 file", fontFile)
	}
	if len(font) > 40_000 {
		t.Errorf("%s is %d bytes; the block subset without hinting is about 34 KB (docs/fonts.md)", fontFile, len(font))
	}
	if lic, err := os.ReadFile(ofl); err != nil || !bytes.Contains(lic, []byte("SIL OPEN FONT LICENSE Version 1.1")) {
		t.Errorf("%s must hold the SIL Open Font License 1.1 beside the font (%v)", ofl, err)
	}
	css, err := os.ReadFile(cssFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`font-family: "` + mnFont + `"`, "font-display: swap",
		"unicode-range: U+0020, U+00A0, U+1800-18AF, U+200C-200D, U+202F"} {
		if !bytes.Contains(css, []byte(want)) {
			t.Errorf("%s: no %s", cssFile, want)
		}
	}
	m := regexp.MustCompile(`url\("data:font/woff2;base64,([A-Za-z0-9+/=]+)"\) format\("woff2"\)`).FindSubmatch(css)
	if m == nil {
		t.Fatalf("%s: no src: url(\"data:font/woff2;base64,…\") format(\"woff2\")", cssFile)
	}
	inlined, err := base64.StdEncoding.DecodeString(string(m[1]))
	if err != nil {
		t.Fatalf("%s: the data: URL is not base64: %v", cssFile, err)
	}
	if !bytes.Equal(inlined, font) {
		t.Errorf("%s holds a font of %d bytes that is not %s (%d bytes): regenerate it with the command in docs/fonts.md", cssFile, len(inlined), fontFile, len(font))
	}
}
