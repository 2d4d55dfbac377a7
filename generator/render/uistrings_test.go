package render

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"testing"

	"gazette/generator/output"
)

// uiTestPage stands for the page in TestInlineUIStrings: the actions that print .S of
// something else than the page (sub, the items of a range) must stay actions.
type uiTestPage struct {
	S     map[string]string
	Sub   *uiTestPage
	Items []*uiTestPage
}

// TestInlineUIStrings: inlining the UI strings changes nothing of what the layouts
// write, with strings full of what html/template escapes, in every context; only the
// actions certain to print the page's string as HTML-escaped text are inlined.
func TestInlineUIStrings(t *testing.T) {
	const src = `{{define "base"}}<title>{{.S.k}}</title>
<p title="{{.S.k}}" data-x='{{$.S.k}}'>{{.S.k}}{{if .S}}{{.S.k}}{{end}}</p>
<a href="{{.S.url}}">{{$.S.url}}</a><a href="/x?q={{.S.k}}">q</a>
<p title={{.S.k}}>unquoted</p><script>var k = {{.S.k}};</script><style>p { font: {{.S.k}} }</style>
{{- range .Items}}<li>{{.S.k}}{{$.S.k}}{{template "part" .}}</li>{{end}}
{{- with .Sub}}{{.S.k}}{{end}}{{template "part" .Sub}}{{template "page" .}}{{template "page" $}}
{{- $s := .S.k}}{{$s}}{{.S.missing}}{{end}}
{{define "part"}}<i>{{.S.k}}</i>{{end}}
{{define "page"}}<b>{{.S.k}}</b>{{end}}`
	for _, s := range append([]string{"", "<b>&amp;\"'+\x00 政府 ᠮᠣᠩ", "javascript:alert(1)"}, hostileStrings...) {
		strs := map[string]string{"k": s, "url": s}
		other := map[string]string{"k": "other " + s}
		data := &uiTestPage{S: strs, Sub: &uiTestPage{S: other}, Items: []*uiTestPage{{S: other}}}
		render := func(inline bool) (string, int) {
			t.Helper()
			tmpl := template.Must(template.New("t").Parse(src))
			n := 0
			if inline {
				texts, err := escapeUIStrings(strs)
				if err != nil {
					t.Fatal(err)
				}
				n = inlineUIStrings(tmpl, texts)
			}
			var b strings.Builder
			if err := tmpl.ExecuteTemplate(&b, "base", data); err != nil {
				t.Fatal(err)
			}
			return b.String(), n
		}
		want, _ := render(false)
		got, n := render(true)
		if got != want {
			t.Errorf("%q: inlined\n%s\nwant\n%s", s, got, want)
		}
		// <title>, the two attributes, the text and the one in if, the link's text,
		// $.S.k in the range, the page template: 8; not the URLs, the script, the
		// style, the unquoted attribute, the range's and with's dot, part, the
		// variable or the missing key.
		if n != 8 {
			t.Errorf("%q: %d actions inlined, want 8", s, n)
		}
	}
}

// TestInlinedLayoutsSameSite: the layouts with their UI strings inlined make every file
// of the bundled content and of a synthetic gazette byte for byte as the layouts
// without, and inline most of the strings of a document's page.
func TestInlinedLayoutsSameSite(t *testing.T) {
	for name, in := range testInputs(t) {
		t.Run(name, func(t *testing.T) {
			langs := in.Site.Config.Languages
			trees := make([]*output.Tree, 2)
			for i, inline := range []bool{false, true} {
				l, err := loadLayouts(os.DirFS("../../layouts"), langs, inline)
				if err != nil {
					t.Fatal(err)
				}
				trees[i] = output.NewTree()
				if err := l.Site(in, trees[i]); err != nil {
					t.Fatal(err)
				}
			}
			files := trees[0].Paths()
			if len(files) == 0 || len(files) != len(trees[1].Paths()) {
				t.Fatalf("%d files without inlining, %d with", len(files), len(trees[1].Paths()))
			}
			for _, f := range files {
				want, _ := trees[0].Get(f)
				if got, ok := trees[1].Get(f); !ok || !bytes.Equal(got, want) {
					t.Errorf("%s differs with the UI strings inlined", f)
				}
			}
		})
	}
	l, err := loadLayouts(os.DirFS("../../layouts"), []string{"zh"}, false)
	if err != nil {
		t.Fatal(err)
	}
	texts, err := escapeUIStrings(l.strings["zh"])
	if err != nil {
		t.Fatal(err)
	}
	if n := inlineUIStrings(l.pages["document"]["zh"], texts); n < 20 {
		t.Errorf("%d UI strings inlined in a document's page, want 20 or more", n)
	}
}
