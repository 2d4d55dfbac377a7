package render

// The files an archive or a machine reads, written for every language beside the
// pages: per document its data file (index.json), its source view (source/index.html
// with the raw Markdown beside it) and, when it has a 发文字号, its permanent
// identifier page (id/<identifier>/index.html); per language an Atom feed (feed.xml);
// and once, in the default language's root, catalog.json. The formats are described in
// docs/data-formats.md.

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/gosimple/slug"

	"gazette/generator/content"
	"gazette/generator/feed"
	"gazette/generator/output"
	"gazette/generator/permid"
)

// writeArchive writes the archive files of one language.
func (l *Layouts) writeArchive(sv *siteView, t *output.Tree) error {
	if _, err := feed.ParseBase(sv.in.Site.Config.BaseURL); err != nil {
		return err
	}
	if err := checkIdentifiers(sv.in.Site); err != nil {
		return err
	}
	for _, iv := range sv.Issues {
		for _, dv := range iv.Documents {
			if err := l.writeDocArchive(sv, iv, dv, t); err != nil {
				return err
			}
		}
	}
	if err := writeFeed(sv, t); err != nil {
		return err
	}
	if sv.lang.Root == "" {
		return writeCatalog(sv, t)
	}
	return nil
}

func (l *Layouts) writeDocArchive(sv *siteView, iv *IssueView, dv *DocView, t *output.Tree) error {
	root := sv.lang.Root
	// The source is read once and serves the data file, the published copy and the
	// highlighted view.
	file := sv.sourceFile(dv)
	raw, err := fs.ReadFile(sv.in.Content, file)
	if err != nil {
		return fmt.Errorf("publishing the source of %s: %w", dv.Path, err)
	}
	data, err := docJSON(sv, dv, raw)
	if err != nil {
		return err
	}
	if err := t.Add(root+dv.Path+"/index.json", data); err != nil {
		return err
	}
	if err := t.Add(root+dv.Path+"/source/"+path.Base(file), raw); err != nil {
		return err
	}
	p := sv.page("source", dv.Path+"/source", fmt.Sprintf(sv.str("source_title"), dv.Title))
	p.Issue, p.Doc, p.HasCode, p.source = iv, dv, true, raw
	p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: iv.Path, Title: iv.Title, Lang: iv.TitleLang},
		{Path: dv.Path, Title: dv.Title, Lang: dv.TitleLang}, {Path: p.Path, Title: sv.str("source_view")}}
	if err := l.write(t, p); err != nil {
		return err
	}

	if id := permid.Of(dv.Number); id != "" {
		p := sv.page("redirect", permid.Dir(id), dv.Title)
		p.Issue, p.Doc = iv, dv
		if err := l.write(t, p); err != nil {
			return err
		}
	}
	return nil
}

// checkIdentifiers fails when two documents would share a permanent identifier: the
// loader rejects equal numbers, but two numbers can still differ only in punctuation
// or case, which the identifier folds away.
func checkIdentifiers(site *content.Site) error {
	seen := map[string]*content.Document{}
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			id := permid.Of(d.Number)
			if id == "" {
				continue
			}
			if o := seen[id]; o != nil {
				return fmt.Errorf("%s:%d: 发文字号 %s gives the permanent identifier %s, which %s:%d (%s) already has; write one of the numbers differently",
					d.File, d.NumberLine, d.Number, id, o.File, o.NumberLine, o.Number)
			}
			seen[id] = d
		}
	}
	return nil
}

// document returns the loaded document whose folder is docPath.
func (sv *siteView) document(docPath string) (*content.Issue, *content.Document) {
	dir := path.Dir(docPath)
	for _, is := range sv.in.Site.Issues {
		if is.Dir != dir {
			continue
		}
		for _, d := range is.Documents {
			if d.Path() == docPath {
				return is, d
			}
		}
	}
	return nil, nil
}

// sourceFile is the content file the page's body comes from: the translation when the
// page shows one, else the original.
func (sv *siteView) sourceFile(dv *DocView) string {
	_, d := sv.document(dv.Path)
	if d == nil {
		return ""
	}
	if tr := d.Translations[sv.lang.Code]; tr != nil && !dv.Fallback {
		return tr.File
	}
	return d.File
}

// writeFeed writes the language's Atom feed of every document, newest first: by the
// document's date, then by issue, newest first, then in print order.
func writeFeed(sv *siteView, t *output.Tree) error {
	site := sv.in.Site
	base, _ := feed.ParseBase(site.Config.BaseURL)
	auth := feedAuthority(site)
	root := sv.lang.Root
	var docs []*DocView
	issueOf := map[*DocView]*IssueView{}
	var updated time.Time
	for _, iv := range sv.Issues { // newest issue first
		for _, dv := range iv.Documents {
			docs = append(docs, dv)
			issueOf[dv] = iv
			updated = later(updated, dv.Date)
		}
		updated = later(updated, iv.Date)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Date.After(docs[j].Date) })

	link := func(sitePath string) string {
		if base.IsSet() {
			return base.URL(sitePath)
		}
		return Rel(strings.TrimSuffix(root, "/"), sitePath)
	}
	f := &feed.Feed{
		ID:    feed.TagURI(auth, oldestYear(site), root+"feed.xml"),
		Title: sv.SiteTitle, Lang: sv.lang.Tag, Updated: updated, Author: sv.Publisher,
		Self: link(root + "feed.xml"), Alternate: link(root + "index.html"),
	}
	if f.Author == "" {
		f.Author = sv.SiteTitle
	}
	for _, dv := range docs {
		iv := issueOf[dv]
		is, _ := sv.document(dv.Path)
		if is == nil {
			return fmt.Errorf("feed: no document at %s", dv.Path)
		}
		e := feed.Entry{
			ID:      feed.TagURI(auth, is.Year, root+dv.Path),
			Title:   dv.Title,
			Link:    link(root + dv.Path + "/index.html"),
			Updated: dv.Date, Authors: dv.IssuerNames,
			Summary: strings.TrimSpace(dv.Number + "　" + iv.Title),
		}
		if dv.TitleLang != sv.lang.Tag {
			e.TitleLang = dv.TitleLang
		}
		if dv.Section != "" {
			e.Categories = []string{dv.Section}
		}
		f.Entries = append(f.Entries, e)
	}
	b, err := f.Atom()
	if err != nil {
		return fmt.Errorf("%sfeed.xml: %w", root, err)
	}
	return t.Add(root+"feed.xml", b)
}

// feedAuthority names the gazette in tag: URIs: its title in the default language,
// transliterated. It depends on nothing about hosting, so ids survive a move.
func feedAuthority(site *content.Site) string {
	cfg := site.Config
	return slug.Make(cfg.Text(cfg.Title, cfg.DefaultLanguage()))
}

func oldestYear(site *content.Site) int {
	if len(site.Issues) == 0 {
		return 2000
	}
	return site.Issues[0].Year
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
