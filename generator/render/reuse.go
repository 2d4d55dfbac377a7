package render

import (
	"sort"

	"gazette/generator/content"
	"gazette/generator/output"
)

// PageRef names a page about to be rendered, for Input.Reuse.
type PageRef struct {
	Kind string // the layout: home, issue, document, documents, issuer, timeline, 404 …
	Path string // the page's folder without the language root; "" for home and 404
	Lang string // the language code
	File string // where it goes in the output: mn/2023/02/index.html
	Doc  string // the path of the document the page is about, if any
}

// reused adds the page p to t as Reuse gives it, when Reuse is set and gives it.
func (l *Layouts) reused(t *output.Tree, p *Page, file string) (bool, error) {
	reuse := p.site.in.Reuse
	if reuse == nil {
		return false, nil
	}
	ref := PageRef{Kind: p.Kind, Path: p.Path, Lang: p.Lang.Code, File: file}
	if p.Doc != nil {
		ref.Doc = p.Doc.Path
	}
	b, ok := reuse(ref)
	if !ok {
		return false, nil
	}
	return true, t.Add(file, b)
}

// IssuerPaths gives the page folder (issuers/<slug>) of every issuing body of the
// site, by name, as the pages link to them.
func IssuerPaths(site *content.Site) map[string]string {
	out := map[string]string{}
	for name, iv := range newIssuerViews(site) {
		out[name] = iv.Path
	}
	return out
}

// PageKinds lists the kinds of page the layouts render, sorted.
func (l *Layouts) PageKinds() []string {
	kinds := make([]string, 0, len(l.pages))
	for k := range l.pages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}
