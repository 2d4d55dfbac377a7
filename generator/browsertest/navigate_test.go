package browsertest

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestClickThrough reads the gazette as a visitor does, by clicking: home page → the
// newest issue → a document in its table of contents, over HTTP under a sub-path and
// from disk, and checks the document page shows its title and its 发文字号.
func TestClickThrough(t *testing.T) {
	is := newestIssue(t)
	doc := findDoc(t, clickDocNumber)
	for _, mode := range []struct {
		name string
		url  func(string) string
	}{
		{"http", h.http},
		{"file", h.file},
	} {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t)
			tb.open(mode.url("index.html"))
			tb.expectClean("home page")

			tb.follow("ol.issues h3 a")
			if got, want := tb.location(), mode.url(is.Dir+"/index.html"); got != want {
				t.Fatalf("the first issue link on the home page led to\n\t%s\nwant the newest issue\n\t%s", got, want)
			}
			tb.expectClean("issue page")

			// Find the table-of-contents entry by the title a reader sees.
			href := eval[string](tb, `(() => {
				const title = `+jsString(doc.Title)+`;
				const a = Array.from(document.querySelectorAll("nav.toc a"))
					.find(a => a.textContent.replace(/\s+/g, " ").includes(title));
				return a ? a.getAttribute("href") : "";
			})()`)
			if href == "" {
				t.Fatalf("the issue's nav.toc has no link with the title %q", doc.Title)
			}
			tb.follow(`nav.toc a[href="` + href + `"]`)
			if got, want := tb.location(), mode.url(doc.Path()+"/index.html"); got != want {
				t.Fatalf("the table of contents entry %q led to\n\t%s\nwant\n\t%s", doc.Title, got, want)
			}

			page := eval[struct {
				H1   []string   `json:"h1"`
				Meta [][]string `json:"meta"`
			}](tb, `(() => {
				const text = el => el.textContent.replace(/\s+/g, " ").trim();
				return {
					h1: Array.from(document.querySelectorAll("h1"), text),
					meta: Array.from(document.querySelectorAll("section.doc-meta dl dt"),
						dt => [text(dt), dt.nextElementSibling ? text(dt.nextElementSibling) : ""]),
				};
			})()`)
			if !slices.Contains(page.H1, doc.Title) {
				t.Errorf("document page: no h1 with the title %q; h1 elements: %q", doc.Title, page.H1)
			}
			if len(page.Meta) == 0 {
				t.Errorf("document page: no section.doc-meta with a dl of dt/dd pairs")
			}
			number := ""
			for _, kv := range page.Meta {
				if kv[0] == "发文字号" {
					number = kv[1]
				}
			}
			if number != clickDocNumber {
				t.Errorf("document page: section.doc-meta lists 发文字号 %q, want %q (all: %q)", number, clickDocNumber, page.Meta)
			}
			tb.expectClean("document page")
		})
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // JSON strings are JavaScript strings
	return string(b)
}
