package render

import (
	"sync"

	"gazette/generator/output"
	"gazette/generator/search"
)

// SearchPath is the folder of the search page in every language; the page reads its
// query from ?q=, and the language's index lives beside it (search/manifest.js).
const SearchPath = "search"

// writeSearch writes the search page of one language. The page is a shell: the
// results come from static/js/search.js, which queries the index that
// generator/search writes from SearchSites.
func (l *Layouts) writeSearch(sv *siteView, t *output.Tree) error {
	p := sv.page("search", SearchPath, sv.str("search_title"))
	p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: SearchPath, Title: p.Title}}
	return l.write(t, p)
}

// SearchLabels are the words the search script writes into the page, in the page's
// language: result kinds, states, and the names of the languages for the language
// filter, keyed by tag.
func (p *Page) SearchLabels() map[string]string {
	m := map[string]string{}
	for _, k := range []string{"search_kind_document", "search_kind_event", "search_kind_issue",
		"search_results", "search_no_results", "search_empty", "search_loading", "search_error",
		"search_more", "search_all", "document_number", "in_issue", "date"} {
		m[k] = p.site.str(k)
	}
	for _, l := range p.site.langs {
		m["lang:"+l.Tag] = l.Name
	}
	return m
}

// SearchSites gives, for every language, the entries of its search index as that
// language's pages show them: translated titles and bodies where there are
// translations, the original where there are not, names and dates as the pages write
// them.
func (l *Layouts) SearchSites(in Input) []search.Site { return l.Views(in).SearchSites() }

// SearchSites is Layouts.SearchSites from views already made. It only reads the views,
// so it may run while Pages renders from the same ones.
func (v *Views) SearchSites() []search.Site {
	out := make([]search.Site, len(v.svs))
	var wg sync.WaitGroup
	for i, sv := range v.svs {
		wg.Go(func() {
			out[i] = search.Site{Lang: sv.lang.Tag, Root: sv.lang.Root, Entries: sv.searchEntries()}
		})
	}
	wg.Wait()
	return out
}

// searchEntries lists the issues, documents and chronicle events of one language.
func (sv *siteView) searchEntries() []search.Entry {
	var out []search.Entry
	for _, is := range sv.in.Site.Issues {
		var iv *IssueView
		for _, v := range sv.Issues {
			if v.Path == is.Dir {
				iv = v
			}
		}
		if iv == nil {
			continue
		}
		issueName := issueName(sv.lang.Code, is.Year, is.Number)
		out = append(out, search.Entry{
			Kind: search.KindIssue, Path: iv.Path + "/index.html", Title: iv.Title, TitleLang: iv.TitleLang,
			BodyLang: sv.source.Tag, Issue: issueName, IssueKey: is.Dir, Date: iv.Date,
			DateText: iv.DateText, Blocks: sv.in.Bodies[is.File].Text.Blocks,
		})
		for _, d := range is.Documents {
			dv := sv.views[d.Path()]
			text := sv.in.Bodies[d.File].Text
			if t := d.Translations[sv.lang.Code]; t != nil && !dv.Fallback && sv.lang.Code != sv.source.Code {
				text = sv.in.Bodies[t.File].Text
			}
			e := search.Entry{
				Kind: search.KindDocument, Path: dv.Path + "/index.html", Title: dv.Title,
				TitleLang: dv.TitleLang, BodyLang: dv.BodyLang, Number: dv.Number,
				Meta: append(append([]string(nil), dv.IssuerNames...), dv.Addressees), Issue: issueName,
				IssueKey: is.Dir, Date: dv.Date, DateText: dv.DateText,
				Section: dv.Section, Issuers: dv.IssuerNames, Blocks: text.Blocks,
			}
			out = append(out, e)
			for _, ev := range text.Events {
				out = append(out, search.Entry{
					Kind: search.KindEvent, Path: e.Path, Anchor: ev.Anchor, Title: ev.Heading,
					TitleLang: dv.BodyLang, BodyLang: dv.BodyLang, Context: dv.Title, Issue: issueName,
					IssueKey: is.Dir, Date: ev.Date, DateText: formatDate(sv.lang.Code, ev.Date),
					Section: dv.Section, Issuers: dv.IssuerNames, Blocks: ev.Blocks,
				})
			}
		}
	}
	return out
}
