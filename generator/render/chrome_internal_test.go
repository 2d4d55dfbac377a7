package render

import (
	"html/template"
	"testing"
)

// TestChromeReusesWhereLinksAgree renders a chrome part for pages in several folders:
// it is rendered again only for a page kind not seen yet or a page from which one of
// its links differs, and each page gets its own links.
func TestChromeReusesWhereLinksAgree(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(
		`{{define "nav"}}<a href="{{.Link "documents"}}" class="{{.Kind}}">{{.S.home}}</a>{{end}}`))
	sv := &siteView{lang: language{Code: "mn", Tag: "mn-Mong", Root: "mn/"}, strings: map[string]string{"home": "ᠨᠢᠭᠤᠷ"}}
	for _, tc := range []struct {
		kind, path, href string
		parts            int // fragments of the kind made so far
	}{
		{"document", "2023/02/a", "../../../documents/index.html", 1},
		{"document", "2023/02/b", "../../../documents/index.html", 1},
		{"document", "2022/12/c", "../../../documents/index.html", 1},
		{"redirect", "id/x", "../../documents/index.html", 1},
		{"document", "id/x", "../../documents/index.html", 2},
		{"documents", "documents", "index.html", 1},
		{"documents", "documents/by-date", "../index.html", 2},
		{"documents", "documents/by-issuer", "../index.html", 2},
		{"document", "2023/03/d", "../../../documents/index.html", 2},
	} {
		p := &Page{site: sv, Lang: sv.lang, Kind: tc.kind, Path: tc.path}
		got, err := sv.chrome(tmpl, "nav", p)
		if err != nil {
			t.Fatal(err)
		}
		want := `<a href="` + tc.href + `" class="` + tc.kind + `">ᠨᠢᠭᠤᠷ</a>`
		if string(got) != want {
			t.Errorf("%s %s: got %s, want %s", tc.kind, tc.path, got, want)
		}
		if n := len(sv.chromeParts[chromeKey{kind: tc.kind, name: "nav"}]); n != tc.parts {
			t.Errorf("%s %s: %d fragments made, want %d", tc.kind, tc.path, n, tc.parts)
		}
	}
}
