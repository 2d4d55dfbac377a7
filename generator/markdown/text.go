package markdown

import (
	"encoding/binary"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// plainText renders text nodes as goldmark does, faster for the common case: text
// with nothing to escape or resolve, which goldmark's writer still reads byte by byte
// twice (for references and backslash escapes, then for HTML escapes). Such text is
// copied as it is; any other text, and any option that changes how text or line
// breaks are written, goes to goldmark's own text renderer.
type plainText struct {
	html.Config // the renderer options, as goldmark's HTML renderer gets them
}

func newPlainText() *plainText { return &plainText{Config: html.NewConfig()} }

// Extend registers the renderer ahead of goldmark's (priority 1000; lower wins).
func (r *plainText) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 100)))
}

// SetOption receives the renderer options before RegisterFuncs.
func (r *plainText) SetOption(name renderer.OptionName, value any) { r.Config.SetOption(name, value) }

func (r *plainText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	general := textFunc(r.Config)
	fast := r.Writer == html.DefaultWriter && !r.HardWraps && r.EastAsianLineBreaks == html.EastAsianLineBreaksNone
	reg.Register(ast.KindText, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Text)
		if !fast || !entering || n.IsRaw() || n.HardLineBreak() {
			return general(w, source, node, entering)
		}
		value := n.Segment.Value(source)
		if hasSpecial(value) {
			return general(w, source, node, entering)
		}
		_, _ = w.Write(value)
		if n.SoftLineBreak() {
			_ = w.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
}

// special marks the bytes goldmark's writer changes in text: NUL, the HTML escapes,
// and the starts of references and backslash escapes. It is only read.
var special = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// hasSpecial reports whether b holds a special byte. Every special byte is ASCII, and
// Chinese and Mongolian text is all bytes of 0x80 and above: eight of them at a time
// are passed over with one test, and only the words holding some ASCII are looked
// at byte by byte.
func hasSpecial(b []byte) bool {
	const high = 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&high == high {
			continue
		}
		for _, c := range b[i : i+8] {
			if special[c] {
				return true
			}
		}
	}
	for _, c := range b[i:] {
		if special[c] {
			return true
		}
	}
	return false
}

// textFunc is goldmark's HTML renderer's function for text nodes, with options cfg.
func textFunc(cfg html.Config) renderer.NodeRendererFunc {
	var f renderer.NodeRendererFunc
	(&html.Renderer{Config: cfg}).RegisterFuncs(registerer(func(k ast.NodeKind, v renderer.NodeRendererFunc) {
		if k == ast.KindText {
			f = v
		}
	}))
	return f
}

// registerer collects the functions a node renderer registers.
type registerer func(ast.NodeKind, renderer.NodeRendererFunc)

func (r registerer) Register(k ast.NodeKind, v renderer.NodeRendererFunc) { r(k, v) }
