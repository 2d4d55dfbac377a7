package plaintext

import (
	"testing"

	"gazette/generator/internal/corpustest"
)

// convertedBodies is the HTML of every body of the bundled content (docs 0) or of a
// synthetic gazette of docs documents, converted as a build converts them: the input
// FromHTML gets.
func convertedBodies(tb testing.TB, docs int) []string {
	tb.Helper()
	c := corpustest.Load(tb, corpustest.Content(tb, "../../content", docs))
	var out []string
	for _, is := range c.Site.Issues {
		for _, d := range is.Documents {
			prepare := c.Document(d)
			doc, _ := c.MD.Convert(d.File, d.Body, prepare)
			out = append(out, string(doc.HTML))
			for _, tr := range d.Translations {
				doc, _ := c.MD.Convert(tr.File, tr.Body, prepare)
				out = append(out, string(doc.HTML))
			}
		}
	}
	return out
}
