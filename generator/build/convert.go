package build

import (
	"fmt"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/internal/parallel"
	"gazette/generator/markdown"
	"gazette/generator/mdreport"
	"gazette/generator/render"
	"gazette/generator/search"
	"gazette/generator/table"
	"gazette/generator/xref"
)

// converted is every body of the site as HTML, and the citations between documents.
type converted struct {
	bodies     map[string]render.Body
	citedBy    map[string][]*content.Document // target path → citing documents, in site order
	cites      map[string][]*content.Document // citing path → cited documents, in order of first citation
	unresolved []render.Unresolved
	events     []render.Event        // every chronicle's, for the timeline
	results    map[string]*docResult // by document file: what converting each gave
}

// convert renders every Markdown body of the site, resolving cross-references against
// every document of every issue. inc, when not nil, gives back what converting a
// document or issue gave in an earlier build when it would give the same again. lean
// drops each Markdown body from the site once it is converted (see buildSite).
func convert(site *content.Site, inc *incremental, lean bool) (*converted, diag.List) {
	cv := inc.converter(site)
	out := &converted{bodies: map[string]render.Body{}, citedBy: map[string][]*content.Document{}, cites: map[string][]*content.Document{},
		results: map[string]*docResult{}}
	byPath := documentsByPath(site)
	unresolved := map[string]*render.Unresolved{}
	var diags diag.List
	jobs, done := convertAll(cv, site, inc, lean)
	for i, j := range jobs {
		if j.dc == nil {
			diags = append(diags, done[i].diags...)
			out.bodies[j.is.File] = done[i].body
			continue
		}
		dc, r := j.dc, done[i].doc
		out.results[dc.File] = r
		diags = append(diags, r.diags...)
		for file, b := range r.bodies {
			out.bodies[file] = b
		}
		for _, ev := range r.events {
			ev.Doc = dc // r may come from an earlier build, with its own documents
			out.events = append(out.events, ev)
		}
		for _, target := range r.cites {
			out.citedBy[target] = append(out.citedBy[target], dc)
			if d := byPath[target]; d != nil {
				out.cites[dc.Path()] = append(out.cites[dc.Path()], d)
			}
		}
		for _, u := range r.unresolved {
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

// converter is the site's Markdown dialect and cross-reference index, assembled once
// per build.
type converter struct {
	md, timelineMD *markdown.Converter
	idx            *xref.Index
}

func newConverter(site *content.Site) *converter {
	return newConverterOf(site.Config.RawHTML, targets(site))
}

// newConverterOf is newConverter for what it reads of the site: whether site.yaml
// allows raw HTML, and every document as cross-references find it.
func newConverterOf(rawHTML bool, targets []xref.Target) *converter {
	regionLabel := table.WithRegionLabel(func(n int) string { return fmt.Sprintf("表格%d", n) })
	// Raw HTML is shown as text unless site.yaml allows it; the CSV follows the page.
	escaped := table.WithEscapedHTML(!rawHTML)
	md := markdown.New(markdown.Options{RawHTML: rawHTML, Extensions: []goldmark.Extender{
		chronicle.New(),
		table.New(
			table.WithCSVLink("下载本表（CSV）"),
			regionLabel, escaped,
		),
		xref.New(),
	}})
	// The timeline shows chronicle events away from the chronicle page, where the CSV
	// files of its tables are not: the same dialect without links to them.
	timelineMD := markdown.New(markdown.Options{RawHTML: rawHTML, Extensions: []goldmark.Extender{
		chronicle.New(), table.New(regionLabel, escaped), xref.New(),
	}})
	return &converter{md: md, timelineMD: timelineMD, idx: xref.NewIndex(targets)}
}

// enable turns cross-references on for a conversion, recording the questions it asks
// the index in rec when rec is not nil.
func (cv *converter) enable(from, self string, rec *[]xref.Lookup) markdown.Prepare {
	return func(pc parser.Context) {
		xref.Enable(pc, cv.idx, from, self)
		if rec != nil {
			xref.RecordLookups(pc, rec)
		}
	}
}

// issue converts an issue's body.
func (cv *converter) issue(is *content.Issue, rec *[]xref.Lookup) (render.Body, diag.List) {
	doc, d := cv.md.Convert(is.File, is.Body, cv.enable(is.Dir, "", rec))
	return render.Body{HTML: trusted(doc.HTML), HasCode: hasCode(doc.HTML),
		Text: search.BodyText(doc.AST, doc.Source, doc.Context)}, d
}

// docResult is what converting a document and its translations gives. It depends on
// nothing else than the document, its issue and the answers of the index, so that an
// incremental build can use it again (convcache.go): it holds no pointer into the site.
type docResult struct {
	bodies     map[string]render.Body // by file: the document's and its translations'
	events     []render.Event         // a chronicle's events; the caller sets their Doc
	cites      []string               // the paths of the documents cited, in order of first citation
	unresolved []xref.UnresolvedNumber
	diags      diag.List
}

// document converts dc and its translations.
func (cv *converter) document(dc *content.Document, rec *[]xref.Lookup) *docResult {
	r := &docResult{bodies: map[string]render.Body{}}
	prepare := []markdown.Prepare{cv.enable(dc.Path(), dc.Path(), rec)}
	if dc.IsChronicle() {
		prepare = append(prepare, func(pc parser.Context) { chronicle.Enable(pc, dc.Issue.Year) })
	}
	doc, d := cv.md.Convert(dc.File, dc.Body, prepare...)
	r.diags = append(r.diags, d...)
	r.bodies[dc.File] = render.Body{
		HTML: trusted(doc.HTML), HasCode: hasCode(doc.HTML), Months: months(doc),
		Files: tableFiles(doc), Text: search.BodyText(doc.AST, doc.Source, doc.Context),
	}
	if dc.IsChronicle() {
		evs, err := timelineEvents(cv.timelineMD, dc, doc)
		if err != nil {
			r.diags.Add(dc.File, 0, "timeline: %v", err)
		}
		r.events = evs
	}
	// Translations link to the same relative places: every language has the
	// same folders under its own root.
	for _, lang := range sortedLangs(dc.Translations) {
		tr := dc.Translations[lang]
		tdoc, d := cv.md.Convert(tr.File, tr.Body, prepare...)
		r.diags = append(r.diags, d...)
		r.bodies[tr.File] = render.Body{HTML: trusted(tdoc.HTML), HasCode: hasCode(tdoc.HTML), Months: months(tdoc),
			Text: search.BodyText(tdoc.AST, tdoc.Source, tdoc.Context)}
	}
	seen := map[string]bool{}
	for _, c := range xref.Citations(doc.Context) {
		if !seen[c.Target] {
			seen[c.Target] = true
			r.cites = append(r.cites, c.Target)
		}
	}
	for _, u := range xref.Unresolved(doc.Context) {
		line, _ := mdreport.Position(doc.Source, u.Offset)
		r.diags.AddNote(dc.File, line, "%s is cited but not published in the gazette", u.Number)
		r.unresolved = append(r.unresolved, u)
	}
	return r
}

func sortedLangs(m map[string]*content.Translation) []string {
	langs := make([]string, 0, len(m))
	for l := range m {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// documentsByPath indexes every document by its folder, the key citations use.
func documentsByPath(site *content.Site) map[string]*content.Document {
	m := map[string]*content.Document{}
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			m[d.Path()] = d
		}
	}
	return m
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

// convertJob is one body to convert: an issue's own (dc nil) or a document's with its
// translations.
type convertJob struct {
	is *content.Issue
	dc *content.Document
}

// convertResult is what one convertJob gave.
type convertResult struct {
	body  render.Body // an issue's
	diags diag.List   // an issue's; a document's are in doc
	doc   *docResult
}

// convertAll converts every body of the site on all cores (parallel.ForEach): each conversion
// reads only its own source and the read-only cross-reference index, and a Builder's
// cache locks its maps. It gives the jobs in site order, each issue before its
// documents, and their results at the same index, for convert to merge in that order.
// lean drops each body from the site once converted.
func convertAll(cv *converter, site *content.Site, inc *incremental, lean bool) ([]convertJob, []convertResult) {
	var jobs []convertJob
	for _, is := range site.Issues {
		jobs = append(jobs, convertJob{is: is})
		for _, dc := range is.Documents {
			jobs = append(jobs, convertJob{is: is, dc: dc})
		}
	}
	done := make([]convertResult, len(jobs))
	parallel.ForEach(len(jobs), func(i int) {
		j := jobs[i]
		if j.dc == nil {
			done[i].body, done[i].diags = inc.issue(cv, j.is)
			if lean {
				j.is.Body = nil
			}
			return
		}
		done[i].doc = inc.document(cv, j.dc)
		if lean {
			j.dc.Body = nil
			for _, tr := range j.dc.Translations {
				tr.Body = nil
			}
		}
	})
	return jobs, done
}
