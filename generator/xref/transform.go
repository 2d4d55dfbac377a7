package xref

import (
	"bytes"
	"net/url"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gazette/generator/docnum"
	"gazette/generator/mdreport"
)

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	p, ok := pc.Get(enableKey).(*page)
	if !ok || p.idx == nil {
		return
	}
	l := &linker{page: p, pc: pc, source: reader.Source()}
	l.lookups, _ = pc.Get(lookupsKey).(*[]Lookup)
	l.walk(doc)
	pc.Set(citationsKey, l.citations)
	pc.Set(unresolvedKey, l.unresolved)
}

// linker carries one conversion's state through the walk.
type linker struct {
	*page
	pc         parser.Context
	source     []byte
	citations  []Citation
	unresolved []UnresolvedNumber
	lookups    *[]Lookup // nil unless RecordLookups was called
}

// walk visits parent's inline content in document order. It never descends into
// nodes whose text is not running text.
func (l *linker) walk(parent ast.Node) {
	for n := parent.FirstChild(); n != nil; {
		next := n.NextSibling()
		switch n := n.(type) {
		case *ast.Text:
			if !n.IsRaw() {
				last := runEnd(n)
				next = last.NextSibling()
				l.linkRun(parent, n, last)
			}
		case *ast.Link:
			l.explicit(n)
		case *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.RawHTML,
			*ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		default:
			l.walk(n)
		}
		n = next
	}
}

// runEnd returns the last of the Text siblings from t on that goldmark split from one
// stretch of a line: contiguous in the source, not raw, with no line break before the
// last. The run is t to runEnd(t).
func runEnd(t *ast.Text) *ast.Text {
	last := t
	for {
		next, ok := last.NextSibling().(*ast.Text)
		if !ok || next.IsRaw() || last.SoftLineBreak() || last.HardLineBreak() ||
			last.Segment.Stop != next.Segment.Start {
			return last
		}
		last = next
	}
}

// ref is one reference found in a run, by byte offsets in the run's text.
type ref struct {
	start, end int
	target     *Target
	kind       string
}

// linkRun finds the references in the run of Text siblings first to last and replaces
// the run by text and links.
func (l *linker) linkRun(parent ast.Node, first, last *ast.Text) {
	base := first.Segment.Start
	text := l.source[base:last.Segment.Stop]
	// A title starts with 《 and a number ends with 号: most runs have neither.
	if !mayCite(text) {
		return
	}
	s := string(text)
	refs, covered := l.titles(s)
	for _, m := range docnum.Find(s) {
		if overlaps(covered, m.Start, m.End) {
			continue
		}
		if r, ok := l.number(m); ok {
			if r.target != nil {
				refs = append(refs, r)
			}
			continue
		}
		g := m.Guess()
		l.unresolved = append(l.unresolved, UnresolvedNumber{Number: s[g.Start:g.End], Key: g.Key, Offset: base + g.Start})
	}
	if len(refs) == 0 {
		return
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].start < refs[j].start })

	var nodes []ast.Node
	pos := 0
	for _, r := range refs {
		if r.start > pos {
			nodes = append(nodes, newText(base+pos, base+r.start))
		}
		nodes = append(nodes, l.newLink(r.target, newText(base+r.start, base+r.end)))
		l.cite(r.target, r.kind, s[r.start:r.end], base+r.start)
		pos = r.end
	}
	if pos < len(s) || last.SoftLineBreak() || last.HardLineBreak() {
		t := newText(base+pos, base+len(s))
		t.SetSoftLineBreak(last.SoftLineBreak())
		t.SetHardLineBreak(last.HardLineBreak())
		nodes = append(nodes, t)
	}
	for _, n := range nodes {
		parent.InsertBefore(parent, first, n)
	}
	for t := ast.Node(first); ; {
		next := t.NextSibling()
		parent.RemoveChild(parent, t)
		if t == last {
			return
		}
		t = next
	}
}

// mayCite reports whether text holds 《 or 号. It looks for the last byte of each
// (E3 80 8A, E5 8F B7) and checks the two before: their first bytes begin a large
// share of Chinese characters, where bytes.Index would stop to compare.
func mayCite(text []byte) bool {
	return hasRune(text, "《") || hasRune(text, "号")
}

// hasRune reports whether text holds r, the UTF-8 encoding of a rune.
func hasRune(text []byte, r string) bool {
	last := r[len(r)-1]
	for i := len(r) - 1; i < len(text); i++ {
		j := bytes.IndexByte(text[i:], last)
		if j < 0 {
			return false
		}
		i += j
		if string(text[i-len(r)+1:i+1]) == r {
			return true
		}
	}
	return false
}

// titles finds the 《title》 references in s. covered holds them and the titles of
// the document itself, inside which no number is looked for.
func (l *linker) titles(s string) (refs []ref, covered [][2]int) {
	const open, close = "《", "》"
	for i := 0; ; {
		j := strings.Index(s[i:], open)
		if j < 0 {
			return refs, covered
		}
		start := i + j
		end := closing(s, start)
		if end < 0 {
			i = start + len(open)
			continue
		}
		t := l.byName(s[start+len(open) : end-len(close)])
		switch {
		case t == nil:
			i = start + len(open) // an inner 《…》 may still be a title
			continue
		case t.Path != l.self:
			refs = append(refs, ref{start: start, end: end, target: t, kind: "title"})
		}
		covered = append(covered, [2]int{start, end})
		i = end
	}
}

// closing returns the offset after the 》 that closes the 《 at s[start:], or -1.
func closing(s string, start int) int {
	depth := 0
	for i, r := range s[start:] {
		switch r {
		case '《':
			depth++
		case '》':
			if depth--; depth == 0 {
				return start + i + len("》")
			}
		}
	}
	return -1
}

func overlaps(spans [][2]int, start, end int) bool {
	for _, sp := range spans {
		if start < sp[1] && sp[0] < end {
			return true
		}
	}
	return false
}

// number resolves m to the document with the longest prefix that exists. ok is false
// if there is none; a ref with a nil target means the document itself.
func (l *linker) number(m docnum.Match) (r ref, ok bool) {
	for _, s := range m.Suffixes() {
		if t := l.byNumber(s.Key); t != nil {
			if t.Path == l.self {
				return ref{}, true
			}
			return ref{start: s.Start, end: s.End, target: t, kind: "number"}, true
		}
	}
	return ref{}, false
}

// explicit rewrites a [text](doc:number) link to its target's page.
func (l *linker) explicit(link *ast.Link) {
	dest, ok := strings.CutPrefix(string(link.Destination), "doc:")
	if !ok {
		return
	}
	number := dest
	if u, err := url.PathUnescape(dest); err == nil {
		number = u
	}
	number = strings.TrimSpace(string(util.UnescapePunctuations([]byte(number))))
	t := l.byNumber(docnum.Normalize(number))
	switch {
	case t == nil:
		mdreport.Report(l.pc, offset(link), "unknown document number in doc: link: %s", number)
		unwrap(link)
	case t.Path == l.self:
		unwrap(link)
	default:
		link.Destination = []byte(href(l.from, t.Path))
		if link.Title == nil {
			link.Title = []byte(linkTitle(t))
		}
		link.SetAttributeString("class", []byte("xref"))
		l.cite(t, "explicit", plainText(link, l.source), offset(link))
	}
}

func (l *linker) cite(t *Target, kind, text string, offset int) {
	l.citations = append(l.citations, Citation{Target: t.Path, Kind: kind, Text: text, Offset: offset})
}

func (l *linker) newLink(t *Target, child ast.Node) *ast.Link {
	link := ast.NewLink()
	link.Destination = []byte(href(l.from, t.Path))
	link.Title = []byte(linkTitle(t))
	link.SetAttributeString("class", []byte("xref"))
	link.SetPos(child.Pos())
	link.AppendChild(link, child)
	return link
}

func newText(start, stop int) *ast.Text {
	t := ast.NewTextSegment(text.NewSegment(start, stop))
	t.SetPos(start)
	return t
}

// offset is where link starts in the source: goldmark records its [.
func offset(link *ast.Link) int {
	if p := link.Pos(); p >= 0 {
		return p
	}
	for n := ast.Node(link); n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return 0
}

// unwrap replaces link by its content.
func unwrap(link *ast.Link) {
	parent := link.Parent()
	for c := link.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, link, c)
		c = next
	}
	parent.RemoveChild(parent, link)
}

// plainText is the text of n's inline content as written.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
