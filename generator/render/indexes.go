package render

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gosimple/slug"

	"gazette/generator/content"
	"gazette/generator/docnum"
	"gazette/generator/output"
)

// IssuerView is an issuing body and its documents across all issues.
type IssuerView struct {
	Name      string
	Path      string // issuers/<slug>
	Documents []*DocView
}

// newIssuerViews gives every issuing body a page folder. Slugs come from the name's
// pinyin; two bodies with the same pinyin get -2, -3 in order of first appearance.
func newIssuerViews(site *content.Site) map[string]*IssuerView {
	out := map[string]*IssuerView{}
	used := map[string]bool{}
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			for _, name := range d.Issuers {
				if out[name] != nil {
					continue
				}
				base := slug.Make(name)
				if base == "" {
					base = "issuer"
				}
				s := base
				for n := 2; used[s]; n++ {
					s = base + "-" + strconv.Itoa(n)
				}
				used[s] = true
				out[name] = &IssuerView{Name: name, Path: "issuers/" + s}
			}
		}
	}
	return out
}

// Sorting is one of the orders of the documents index.
type Sorting struct {
	Key   string // "number", "date", "issuer"
	Path  string
	Label string // UI string key
}

var sortings = []Sorting{
	{Key: "number", Path: "documents", Label: "sort_number"},
	{Key: "date", Path: "documents/by-date", Label: "sort_date"},
	{Key: "issuer", Path: "documents/by-issuer", Label: "sort_issuer"},
}

// writeIndexes writes the gazette-wide documents index in each order, and one page per
// issuing body. They are static pages rather than a script-sorted table so that they
// work from disk and without JavaScript.
func (l *Layouts) writeIndexes(sv *siteView, t *output.Tree) error {
	var all []*DocView
	for i := len(sv.Issues) - 1; i >= 0; i-- { // oldest issue first
		all = append(all, sv.Issues[i].Documents...)
	}
	for _, dv := range all {
		for _, iv := range dv.Issuers {
			iv.Documents = append(iv.Documents, dv)
		}
	}
	var unresolved []UnresolvedView
	for _, u := range sv.in.Unresolved {
		uv := UnresolvedView{Number: u.Number}
		for _, d := range u.CitedIn {
			uv.CitedIn = append(uv.CitedIn, sv.views[d.Path()])
		}
		unresolved = append(unresolved, uv)
	}
	title := sv.str("documents_index")
	for _, s := range sortings {
		p := sv.page("documents", s.Path, title)
		p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: s.Path, Title: title}}
		p.List = &DocList{Sort: s.Key, Sortings: sortings, Unresolved: unresolved, all: all}
		if err := l.write(t, p); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(sv.issuers))
	for n := range sv.issuers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		iv := sv.issuers[n]
		p := sv.page("issuer", iv.Path, iv.Name)
		p.Issuer = iv
		p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: "documents", Title: title}, {Path: iv.Path, Title: iv.Name, Lang: sv.source.Tag}}
		if err := l.write(t, p); err != nil {
			return err
		}
	}
	return nil
}

// DocList is the documents index in one order.
type DocList struct {
	Sort       string
	Sortings   []Sorting
	Unresolved []UnresolvedView
	all        []*DocView // in print order, oldest issue first
	sorted     []*DocView
}

// Documents are the documents in the list's order. They are sorted when the page is
// rendered, so that a page reused from an earlier build costs no sorting.
func (dl *DocList) Documents() []*DocView {
	if dl.sorted == nil {
		dl.sorted = sortDocs(dl.all, dl.Sort)
	}
	return dl.sorted
}

// UnresolvedView is a number cited in the gazette but not published in it.
type UnresolvedView struct {
	Number  string
	CitedIn []*DocView
}

// sortDocs gives documents ordered by 发文字号 (agency, year, serial number; documents
// without one last), by date (newest first), or by first issuer; ties keep print order.
func sortDocs(docs []*DocView, key string) []*DocView {
	out := slices.Clone(docs)
	switch key {
	case "date":
		sort.SliceStable(out, func(i, j int) bool { return out[i].Date.After(out[j].Date) })
	case "issuer":
		sort.SliceStable(out, func(i, j int) bool { return firstIssuer(out[i]) < firstIssuer(out[j]) })
	default:
		// Each number is parsed once rather than at every comparison.
		keyed := make([]struct {
			dv  *DocView
			key numberKey
		}, len(out))
		for i, dv := range out {
			keyed[i].dv, keyed[i].key = dv, newNumberKey(dv.Number)
		}
		sort.SliceStable(keyed, func(i, j int) bool { return keyed[i].key.less(keyed[j].key) })
		for i := range keyed {
			out[i] = keyed[i].dv
		}
	}
	return out
}

func firstIssuer(d *DocView) string {
	if len(d.Issuers) == 0 {
		return "\uffff" // documents without an issuer go last
	}
	return d.Issuers[0].Name
}

// numberKey is a 发文字号 as the documents index sorts it: by agency, year and serial
// number when it parses into them, else as written.
type numberKey struct {
	raw    string
	parts  []string // agency, year, serial number, when there are those three
	serial int
}

func newNumberKey(number string) numberKey {
	k := numberKey{raw: number}
	if number != "" {
		if p := strings.Split(docnum.Normalize(number), "|"); len(p) == 3 {
			k.parts = p
			k.serial, _ = strconv.Atoi(p[2])
		}
	}
	return k
}

func (a numberKey) less(b numberKey) bool {
	if a.raw == "" || b.raw == "" {
		return a.raw != "" && b.raw == ""
	}
	if a.parts == nil || b.parts == nil {
		return a.raw < b.raw
	}
	if a.parts[0] != b.parts[0] {
		return a.parts[0] < b.parts[0]
	}
	if a.parts[1] != b.parts[1] {
		return a.parts[1] < b.parts[1]
	}
	return a.serial < b.serial
}
