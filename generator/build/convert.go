package build

import (
	"fmt"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/markdown"
	"gazette/generator/mdreport"
	"gazette/generator/render"
	"gazette/generator/table"
	"gazette/generator/xref"
)

// converted is every body of the site as HTML, and the citations between documents.
type converted struct {
	bodies     map[string]render.Body
	citedBy    map[string][]*content.Document // target path → citing documents, in site order
	unresolved []render.Unresolved
}

// convert renders every Markdown body of the site, resolving cross-references against
// every document of every issue.
func convert(site *content.Site) (*converted, diag.List) {
	md := markdown.New(markdown.Options{Extensions: []goldmark.Extender{
		chronicle.New(),
		table.New(
			table.WithCSVLink("下载本表（CSV）"),
			table.WithRegionLabel(func(n int) string { return fmt.Sprintf("表格%d", n) }),
		),
		xref.New(),
	}})
	idx := xref.NewIndex(targets(site))
	out := &converted{bodies: map[string]render.Body{}, citedBy: map[string][]*content.Document{}}
	unresolved := map[string]*render.Unresolved{}
	var diags diag.List
	for _, is := range site.Issues {
		dir := is.Dir
		doc, d := md.Convert(is.File, is.Body, func(pc parser.Context) { xref.Enable(pc, idx, dir, "") })
		diags = append(diags, d...)
		out.bodies[is.File] = render.Body{HTML: trusted(doc.HTML), HasCode: hasCode(doc.HTML)}
		for _, dc := range is.Documents {
			dc := dc
			prepare := []markdown.Prepare{func(pc parser.Context) { xref.Enable(pc, idx, dc.Path(), dc.Path()) }}
			if dc.IsChronicle() {
				prepare = append(prepare, func(pc parser.Context) { chronicle.Enable(pc, dc.Issue.Year) })
			}
			doc, d := md.Convert(dc.File, dc.Body, prepare...)
			diags = append(diags, d...)
			out.bodies[dc.File] = render.Body{
				HTML: trusted(doc.HTML), HasCode: hasCode(doc.HTML), Months: months(doc),
				Files: tableFiles(doc),
			}
			// Translations link to the same relative places: every language has the
			// same folders under its own root.
			for _, lang := range sortedLangs(dc.Translations) {
				tr := dc.Translations[lang]
				tdoc, d := md.Convert(tr.File, tr.Body, prepare...)
				diags = append(diags, d...)
				out.bodies[tr.File] = render.Body{HTML: trusted(tdoc.HTML), HasCode: hasCode(tdoc.HTML), Months: months(tdoc)}
			}
			seen := map[string]bool{}
			for _, c := range xref.Citations(doc.Context) {
				if !seen[c.Target] {
					seen[c.Target] = true
					out.citedBy[c.Target] = append(out.citedBy[c.Target], dc)
				}
			}
			for _, u := range xref.Unresolved(doc.Context) {
				line, _ := mdreport.Position(doc.Source, u.Offset)
				diags.AddNote(dc.File, line, "%s is cited but not published in the gazette", u.Number)
				r := unresolved[u.Key]
				if r == nil {
					r = &render.Unresolved{Number: u.Number}
					unresolved[u.Key] = r
				}
				if n := len(r.CitedIn); n == 0 || r.CitedIn[n-1] != dc {
					r.CitedIn = append(r.CitedIn, dc)
				}
			}
		}
	}
	keys := make([]string, 0, len(unresolved))
	for k := range unresolved {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out.unresolved = append(out.unresolved, *unresolved[k])
	}
	return out, diags
}

func sortedLangs(m map[string]*content.Translation) []string {
	langs := make([]string, 0, len(m))
	for l := range m {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// targets lists every document as a cross-reference target.
func targets(site *content.Site) []xref.Target {
	var ts []xref.Target
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			ts = append(ts, xref.Target{Path: d.Path(), Number: d.Number, Title: d.Title, Encloses: d.Encloses, Issue: is.String()})
		}
	}
	return ts
}

// tableFiles exports each table of a document as CSV, named as the table's link under
// it on the page.
func tableFiles(doc *markdown.Doc) map[string][]byte {
	tables := table.Tables(doc.AST)
	if len(tables) == 0 {
		return nil
	}
	files := make(map[string][]byte, len(tables))
	for _, t := range tables {
		files[fmt.Sprintf("tbl-%d.csv", t.N)] = t.CSV(doc.Source)
	}
	return files
}

// months lists a chronicle's month groups for the month navigator.
func months(doc *markdown.Doc) []render.Month {
	var out []render.Month
	for n := doc.AST.FirstChild(); n != nil; n = n.NextSibling() {
		m, ok := n.(*chronicle.MonthNode)
		if !ok || m.ID == "" || m.FirstChild() == nil {
			continue
		}
		out = append(out, render.Month{ID: m.ID, Name: string(m.FirstChild().Text(doc.Source))})
	}
	return out
}
