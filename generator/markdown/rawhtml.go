package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTML renders the HTML written in content. By default it is escaped and shown as
// text: a clerk's stray <center> or a pasted <script> stays visible, so the mistake
// is noticed, and nothing in a body can run in a reader's browser. goldmark's own
// safe mode would drop it silently instead. Only site.yaml's raw_html: true lets it
// through as HTML.
type rawHTML struct{ allow bool }

// Extend registers the renderer ahead of goldmark's (priority 1000; lower wins).
func (r rawHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 50)))
}

func (r rawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, r.inline)
	reg.Register(ast.KindHTMLBlock, r.block)
}

func (r rawHTML) inline(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := node.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		r.write(w, seg.Value(source))
	}
	return ast.WalkSkipChildren, nil
}

// block shows an HTML block as one paragraph of text; the stylesheet keeps its line
// breaks (.raw-html).
func (r rawHTML) block(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	var src bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		src.Write(line.Value(source))
	}
	if n.HasClosure() {
		src.Write(n.ClosureLine.Value(source))
	}
	if r.allow {
		r.write(w, src.Bytes())
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<p class="raw-html">`)
	r.write(w, bytes.TrimRight(src.Bytes(), "\n"))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// write escapes b, or copies it as it is when raw HTML is allowed; NUL, which no
// HTML may hold, becomes U+FFFD either way, as goldmark does for text.
func (r rawHTML) write(w util.BufWriter, b []byte) {
	b = bytes.ReplaceAll(b, []byte{0}, []byte("\ufffd"))
	if !r.allow {
		b = util.EscapeHTML(b)
	}
	_, _ = w.Write(b)
}
