package chronicle

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Text returns the event's plain text for search and filters: every paragraph (and
// other text block) after the date heading, one per line, without markup. Lines the
// editor broke inside a paragraph are joined, with a space only between Latin words.
func (e Event) Text(source []byte) string {
	if e.Node == nil {
		return ""
	}
	var paras []string
	for c := e.Node.FirstChild(); c != nil; c = c.NextSibling() {
		if c == e.Node.FirstChild() {
			continue // the date heading
		}
		_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch {
			case n.Kind() == ast.KindHTMLBlock:
				return ast.WalkSkipChildren, nil
			case n.Type() == ast.TypeBlock && n.FirstChild() == nil:
				// A leaf block (code) carries its text as lines.
				if s := linesText(n, source); s != "" {
					paras = append(paras, s)
				}
			case n.Type() == ast.TypeBlock && n.FirstChild().Type() == ast.TypeInline:
				var b strings.Builder
				inlineText(&b, n, source)
				if s := strings.TrimSpace(b.String()); s != "" {
					paras = append(paras, s)
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return strings.Join(paras, "\n")
}

func linesText(n ast.Node, source []byte) string {
	if n.Kind() == ast.KindThematicBreak {
		return ""
	}
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	return strings.TrimSpace(b.String())
}

// inlineText appends the text of n's inline descendants, dropping raw HTML.
func inlineText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				lineBreak(b)
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML:
		default:
			inlineText(b, c, source)
		}
	}
}

// lineBreak joins two lines of a paragraph: Chinese runs on, Latin words need a space.
func lineBreak(b *strings.Builder) {
	s := b.String()
	r, _ := utf8.DecodeLastRuneInString(s)
	if r < utf8.RuneSelf && r != ' ' {
		b.WriteByte(' ')
	}
}
