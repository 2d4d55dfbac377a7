package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gazette/generator/mdreport"
)

// safeLinks removes links whose address would run code or reach outside the site's
// files when followed: javascript:, vbscript:, file: and data: (data: images of the
// four raster types excepted, as goldmark does). goldmark already leaves such an href
// empty, which still renders a link to nowhere; here the link goes and its text stays,
// for links, autolinks, images (their alt text stays) and whatever an extension made,
// cross-references included. It runs after every other transformer, and reads the
// address as a browser does: surrounding spaces and control characters dropped, tabs
// and newlines inside ignored, scheme case-insensitive.
type safeLinks struct{}

func (safeLinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 10000)))
}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if Dangerous(n.Destination, false) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if Dangerous(n.Destination, true) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if Dangerous(n.URL(source), false) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		dest := ""
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		case *ast.AutoLink:
			dest = string(n.URL(source))
			label := ast.NewString(n.Label(source))
			label.SetRaw(true)
			n.AppendChild(n, label)
		}
		mdreport.Note(pc, position(n), "link to %s removed: only web, mail and relative addresses are linked", shorten(dest))
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// scheme matches a URL scheme as browsers read it.
var scheme = regexp.MustCompile(`^([a-z][a-z0-9+.\-]*):`)

// safeImage matches the data: images that cannot carry script.
var safeImage = regexp.MustCompile(`^data:image/(png|gif|jpeg|webp)[;,]`)

// Dangerous reports whether following (or, for an image, loading) the address dest
// could run script or read local files. It is exported for the stages that write
// addresses outside Markdown bodies.
func Dangerous(dest []byte, image bool) bool {
	// goldmark resolves character references in a destination only when it renders
	// it (&#106;avascript:), so both spellings are looked at.
	resolved := util.ResolveEntityNames(util.ResolveNumericReferences(dest))
	return dangerous(dest, image) || dangerous(resolved, image)
}

func dangerous(dest []byte, image bool) bool {
	// The URL standard trims C0 controls and spaces, and removes tabs and newlines
	// anywhere, before it looks for a scheme.
	u := bytes.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
	u = bytes.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = bytes.ToLower(u)
	m := scheme.FindSubmatch(u)
	if m == nil {
		return false
	}
	switch string(m[1]) {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		return !image || !safeImage.Match(u)
	}
	return false
}

// position is the offset of n or its nearest positioned ancestor, for the report.
func position(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// shorten keeps a message on one line and short: at most 40 runes, no line breaks.
func shorten(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c < ' ' {
			r[i] = ' '
		}
	}
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return string(r)
}
