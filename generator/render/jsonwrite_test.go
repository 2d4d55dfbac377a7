package render

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"gazette/generator/permid"
)

// hostileStrings hold everything JSON strings escape, and text that is not UTF-8.
var hostileStrings = []string{
	"", `"`, `\`, `\\"`, "<script>&amp;</script>", "\x00\x01\x1f\x7f\b\f\n\r\t",
	"\u2028\u2029", "\u2027\u202a\u20ac", "乌政发〔2023〕9号", "ᠣᠨ\u202fᠤ", "\xe2", "\xe2\x80",
	"a\xe2\x80\xa8", "\xff\xfe", "\xed\xa0\x80", "\xf0\x9f\x98\x80 \U0001f600", "a\xc3", "\xc3\x28",
	strings.Repeat("政府\u2028<", 100) + "\x80",
}

// TestDocDataJSON: a data file written by hand is what encoding/json and indentJSON
// write, with every field set, with what is empty, and with strings full of escapes.
func TestDocDataJSON(t *testing.T) {
	full := func(s string) docData {
		return docData{
			Format: docFormat, Language: s, Path: s + "/index.html", URL: s, Type: s, Title: s,
			TitleLanguage: s, Number: s, Identifier: s, IdentifierPath: s, Section: s, Date: s,
			Issuers: []string{s, "b"}, Addressees: s, Encloses: s, PrintedPage: -12,
			Issue:    issueData{Year: 2023, Number: 2, Date: s, Title: s, Path: s},
			Citation: s, BodyLanguage: s, Translated: true, SourceFile: s, SourcePath: s, Source: s,
			Text: s, Files: []string{s}, Cites: []docRef{{Number: s, Title: s, Path: s}, {}},
			CitedBy: []docRef{{Number: s}},
		}
	}
	cases := []docData{{Issuers: []string{}, Files: []string{}, Cites: []docRef{}, CitedBy: []docRef{}}}
	for _, s := range hostileStrings {
		cases = append(cases, full(s))
	}
	for _, d := range cases {
		checkDocData(t, &d)
	}
}

// TestDocJSONContent: the data file of every document of the bundled content and of a
// synthetic gazette, in every language, is what encoding/json and indentJSON write,
// the texts escaped for one language standing in the other's.
func TestDocJSONContent(t *testing.T) {
	for name, in := range testInputs(t) {
		t.Run(name, func(t *testing.T) {
			l, err := LoadLayouts(os.DirFS("../../layouts"), in.Site.Config.Languages)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			// As in a build, the languages that show a document's original share
			// what is made from it (docSources), its texts as JSON strings included.
			srcs := docSources{}
			for _, sv := range l.Views(in).svs {
				for _, dv := range sv.views {
					d, err := newDocData(sv, dv, sv.docInfo(dv, permid.Of(dv.Number)), srcs.get(in.Content, sv.sourceFile(dv)))
					if err != nil {
						t.Fatal(err)
					}
					checkDocData(t, d)
					n++
				}
			}
			if n == 0 {
				t.Fatal("no documents")
			}
		})
	}
}

func checkDocData(t *testing.T, d *docData) {
	t.Helper()
	want, err := marshalJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.appendJSON(nil); !bytes.Equal(got, want) {
		t.Errorf("%s: got\n%s\nwant\n%s", d.Path, got, want)
	}
	// Appending keeps what the buffer held.
	if got := d.appendJSON([]byte("x")); !bytes.Equal(got, append([]byte("x"), want...)) {
		t.Errorf("%s: appending to a buffer lost its content", d.Path)
	}
}
