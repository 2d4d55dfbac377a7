package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// highlighter renders fenced code blocks through chroma with CSS classes, so pages carry
// no inline styles and one generated stylesheet serves the whole site.
type highlighter struct {
	formatter *chtml.Formatter
}

// maxLanguage is the longest info string looked up as a language name.
const maxLanguage = 32

// StyleName is the chroma style of the generated stylesheet: quiet, print-like colours.
const StyleName = "github"

func newHighlighter() *highlighter {
	return &highlighter{formatter: chtml.New(chtml.WithClasses(true), chtml.ClassPrefix("hl-"))}
}

// Extend registers the renderer ahead of goldmark's own code block renderer.
func (h *highlighter) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 100)))
}

func (h *highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
}

func (h *highlighter) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	lang := strings.ToLower(string(n.Language(source)))
	var lexer chroma.Lexer
	// chroma matches an unknown name against every lexer's file name patterns, which
	// takes minutes for an info string of some kilobytes (a line of ~~~~); no
	// language name is longer than this.
	if len(lang) <= maxLanguage {
		lexer = lexers.Get(lang)
	}
	if lexer == nil {
		lexer = lexers.Fallback
	}
	lexer = chroma.Coalesce(lexer)
	it, err := lexer.Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, fmt.Errorf("highlighting %s code: %w", lang, err)
	}
	if err := h.formatter.Format(w, styles.Get(StyleName), it); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}

// WriteCSS writes the stylesheet for highlighted code.
func WriteCSS(w io.Writer) error {
	f := chtml.New(chtml.WithClasses(true), chtml.ClassPrefix("hl-"))
	return f.WriteCSS(w, styles.Get(StyleName))
}
