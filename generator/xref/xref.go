// Package xref links documents of the gazette to each other.
//
// It takes an Index of every document in the gazette (its folder, 发文字号, title, the
// title of what it encloses and its issue) and, in a parser context where the caller
// has called Enable, rewrites three kinds of reference into links:
//
//   - a 发文字号 in running text whose key (docnum.Normalize) is some document's number:
//     乌政办发〔2023〕27号, 乌政办发[2023]27号, 乌政办发（２０２３）第27号 … The agency
//     prefix is glued to the words before it, so of the prefixes docnum.Find sees
//     (现将乌政发) the longest that names a document wins (乌政发) and only the number is
//     linked. A number that names no document stays plain and is listed by Unresolved,
//     with the prefix docnum's Guess gives it.
//   - 《title》 where title equals exactly one document's title or the title of what it
//     encloses. The whole 《…》, brackets included, becomes the link, as a reader sees
//     the brackets as part of the cited name. A title that several documents share (two
//     notices enclosing plans of the same name) links nowhere: guessing would send
//     readers to the wrong plan. Brackets nest, so the outer title of
//     《关于印发《某方案》的通知》 is tried first, then the inner one.
//   - [text](doc:乌政发〔2023〕9号), in any spelling, percent-encoded or not: the
//     destination is replaced by the target's page. A number no document has is
//     reported with mdreport at the link's offset ("unknown document number in doc:
//     link: …") and the link is rendered as its plain text.
//
// Links are relative, from the page being rendered (<from>/index.html) to the target's
// page (<Path>/index.html), and look like
//
//	<a href="../../02/wu-zheng-ban-fa-2023-27-hao/index.html" title="乌政办发〔2023〕27号 · 2023年第2期" class="xref">乌政办发〔2023〕27号</a>
//
// The title attribute is the target's number (its title if it has none) and its issue.
//
// It guarantees that nothing is linked inside code spans, code blocks, raw HTML,
// autolinks, images or existing links; that a document never links to itself (its own
// number or title stays plain text, and a doc: link to itself is unwrapped); and that
// text split by goldmark into adjacent Text nodes (it splits at [ and ], which
// 乌政办发[2023]27号 contains) is matched as one run. A reference does not span a line
// break or inline markup (**乌政发**〔2023〕9号 is not linked). References written
// with backslash escapes or entities are not recognized: matching reads the source.
// Citations and Unresolved give, in document order, what was linked and what was not,
// for the "cited by" lists and for check.
package xref

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"gazette/generator/docnum"
)

// Target is one document that can be cited.
type Target struct {
	Path     string // the document's folder in the site, e.g. 2023/02/wu-zheng-fa-2023-9-hao
	Number   string // 发文字号 as written in front matter; may be empty
	Title    string
	Encloses string // the title of the plan or rules the document issues; may be empty
	Issue    string // e.g. 2023年第2期
}

// Index finds documents by number and by title. It is read-only once built, so one
// Index serves all conversions of a build, concurrently.
type Index struct {
	byKey  map[string]*Target
	byName map[string][]*Target // Title or Encloses → the distinct documents with it
}

// NewIndex indexes targets. Of two targets with the same number the first wins (the
// loader reports the duplicate).
func NewIndex(targets []Target) *Index {
	idx := &Index{byKey: map[string]*Target{}, byName: map[string][]*Target{}}
	for _, t := range targets { // t is a fresh variable per iteration: &t is kept
		if t.Number != "" {
			if k := docnum.Normalize(t.Number); idx.byKey[k] == nil {
				idx.byKey[k] = &t
			}
		}
		for _, name := range []string{t.Title, t.Encloses} {
			if name == "" {
				continue
			}
			if ts := idx.byName[name]; len(ts) == 0 || ts[len(ts)-1].Path != t.Path {
				idx.byName[name] = append(ts, &t)
			}
		}
	}
	return idx
}

// number finds the document with number key k (from docnum).
func (x *Index) number(k string) *Target { return x.byKey[k] }

// name finds the one document titled name or enclosing name; nil if none or several.
func (x *Index) name(name string) *Target {
	if ts := x.byName[name]; len(ts) == 1 {
		return ts[0]
	}
	return nil
}

// Citation is one link this extension made, in document order.
type Citation struct {
	Target string // the cited document's Path
	Kind   string // "number", "title" or "explicit"
	Text   string // the linked text as written: 乌政办发[2023]27号, 《…》, a doc: link's text
	Offset int    // byte offset in the source, for mdreport.Position
}

// UnresolvedNumber is a document number in running text that names no document.
type UnresolvedNumber struct {
	Number string // as written, with the guessed prefix: 鄂府发〔2022〕149号
	Key    string // docnum key of Number
	Offset int    // byte offset of Number in the source
}

var (
	enableKey     = parser.NewContextKey() // *page
	citationsKey  = parser.NewContextKey() // []Citation
	unresolvedKey = parser.NewContextKey() // []UnresolvedNumber
)

// page is what Enable records: whom to link to, from where, and who is speaking.
type page struct {
	idx        *Index
	from, self string
}

// Enable turns cross-references on for the document parsed with pc. from is the folder
// of the page the HTML goes to (2023/02/wu-zheng-fa-2023-9-hao for a document,
// 2023/02 for an issue page); self is the Path of the document being converted, whose
// references to itself stay plain, or "" when the page is no document.
func Enable(pc parser.Context, idx *Index, from, self string) {
	pc.Set(enableKey, &page{idx: idx, from: from, self: self})
}

// Citations returns the links made while parsing with pc, in document order.
func Citations(pc parser.Context) []Citation {
	cs, _ := pc.Get(citationsKey).([]Citation)
	return append([]Citation(nil), cs...)
}

// Unresolved returns the document numbers in running text that name no document, in
// document order.
func Unresolved(pc parser.Context) []UnresolvedNumber {
	us, _ := pc.Get(unresolvedKey).([]UnresolvedNumber)
	return append([]UnresolvedNumber(nil), us...)
}

// New returns the extension; it acts only on documents whose context has Enable.
func New() goldmark.Extender { return extender{} }

type extender struct{}

// The transformer runs after the table extension has built its cells (100), so cells
// are linked like paragraphs. Links are plain ast.Link nodes, rendered by goldmark.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 700)))
}

// href is the relative URL from the page in folder from to the page of folder to.
func href(from, to string) string {
	f, t := split(from), split(to)
	i := 0
	for i < len(f) && i < len(t) && f[i] == t[i] {
		i++
	}
	var b strings.Builder
	for range f[i:] {
		b.WriteString("../")
	}
	for _, s := range t[i:] {
		b.WriteString(s)
		b.WriteByte('/')
	}
	b.WriteString("index.html")
	return b.String()
}

func split(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// linkTitle is the title attribute of a link to t: its number or title, and issue.
func linkTitle(t *Target) string {
	name := t.Number
	if name == "" {
		name = t.Title
	}
	if t.Issue == "" {
		return name
	}
	return name + " · " + t.Issue
}
