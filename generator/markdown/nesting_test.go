package markdown

import (
	"strings"
	"testing"

	"gazette/generator/diag"
)

// deep builds inputs that nest 100,000 levels (or as deep as a line structure allows).
// Unbounded, the first takes goldmark minutes and the indented list longer; the test
// asserts the cap, not a time, and relies on go test's timeout should the cap break.
func deep() map[string]string {
	const n = 100_000
	var indented strings.Builder
	for i := range 1000 {
		indented.WriteString(strings.Repeat("  ", i) + "- 项\n")
	}
	var quoteLines strings.Builder
	for range 1000 {
		quoteLines.WriteString(strings.Repeat(">", 1000) + " 引文\n")
	}
	return map[string]string{
		"block quotes":         strings.Repeat(">", n) + " 引文\n",
		"spaced block quotes":  strings.Repeat("> ", n) + "引文\n",
		"bullet list":          strings.Repeat("- ", n) + "项\n",
		"ordered list":         strings.Repeat("1. ", n) + "项\n",
		"indented list":        indented.String(),
		"many deep quotes":     quoteLines.String(),
		"quotes in list items": strings.Repeat("- > ", n/2) + "项\n",
	}
}

func TestDeepNestingIsCapped(t *testing.T) {
	c := New(Options{})
	for name, src := range deep() {
		t.Run(name, func(t *testing.T) {
			doc, diags := c.Convert("a.md", []byte(src))
			html := string(doc.HTML)
			depth, maxDepth := 0, 0
			for i := 0; i < len(html); i++ {
				switch {
				case strings.HasPrefix(html[i:], "<blockquote>"), strings.HasPrefix(html[i:], "<ul>"),
					strings.HasPrefix(html[i:], "<ol>"), strings.HasPrefix(html[i:], "<ol "), strings.HasPrefix(html[i:], "<li>"):
					depth++
					maxDepth = max(maxDepth, depth)
				case strings.HasPrefix(html[i:], "</blockquote>"), strings.HasPrefix(html[i:], "</ul>"),
					strings.HasPrefix(html[i:], "</ol>"), strings.HasPrefix(html[i:], "</li>"):
					depth--
				}
			}
			if maxDepth > MaxNesting || maxDepth < MaxNesting-1 {
				t.Errorf("nested %d deep, want %d (or one less when a list does not fit)", maxDepth, MaxNesting)
			}
			if len(diags) != 1 || diags[0].Severity != diag.Note || diags[0].Line < 1 || !strings.Contains(diags[0].Msg, "nest more than 32") {
				t.Errorf("want one note, got %v", diags)
			}
		})
	}
}

func TestNestingWithinTheCapIsUntouched(t *testing.T) {
	src := strings.Repeat(">", MaxNesting) + " 引文\n\n- 一\n  - 二\n    - 三\n"
	doc, diags := New(Options{}).Convert("a.md", []byte(src))
	if got := strings.Count(string(doc.HTML), "<blockquote>"); got != MaxNesting {
		t.Errorf("%d block quotes, want %d", got, MaxNesting)
	}
	if got := strings.Count(string(doc.HTML), "<ul>"); got != 3 {
		t.Errorf("%d lists, want 3", got)
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

// TestLongInfoString: chroma took minutes to look up a language named by kilobytes of
// tildes (found while measuring pathological inputs); such a name is not looked up.
func TestLongInfoString(t *testing.T) {
	src := strings.Repeat("~", 40_000) + "x" + strings.Repeat("~", 40_000) + "\ncode\n"
	doc, _ := New(Options{}).Convert("a.md", []byte(src))
	if !strings.Contains(string(doc.HTML), "code") {
		t.Errorf("the code is gone:\n%.200s", doc.HTML)
	}
}
