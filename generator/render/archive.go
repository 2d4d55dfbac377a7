package render

// The files an archive or a machine reads, written for every language beside the
// pages: per document its data file (index.json), its source view (source/index.html
// with the raw Markdown beside it) and, when it has a 发文字号, its permanent
// identifier page (id/<identifier>/index.html); per language an Atom feed (feed.xml);
// and once, in the default language's root, catalog.json. The formats are described in
// docs/data-formats.md.

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/gosimple/slug"

	"gazette/generator/content"
	"gazette/generator/feed"
	"gazette/generator/internal/jsonstr"
	"gazette/generator/output"
	"gazette/generator/permid"
	"gazette/generator/plaintext"
	"gazette/generator/sourceview"
)

// checkArchive checks, once for every language, what the archive files need of the
// site: a usable base_url and one document per permanent identifier.
func checkArchive(site *content.Site) error {
	if _, err := feed.ParseBase(site.Config.BaseURL); err != nil {
		return err
	}
	return checkIdentifiers(site)
}

// writeArchive writes the archive files of one language that are not a document's: the
// feed and, in the default language, the catalog.
func (l *Layouts) writeArchive(sv *siteView, t *output.Tree) error {
	feed := PageRef{Kind: "feed", File: sv.lang.Root + "feed.xml"}
	if err := sv.add(t, feed, func() ([]byte, error) { return feedXML(sv) }); err != nil {
		return err
	}
	if sv.lang.Root == "" {
		catalog := PageRef{Kind: "catalog", File: "catalog.json"}
		return sv.add(t, catalog, func() ([]byte, error) { return catalogJSON(sv) })
	}
	return nil
}

// docSource is a content file that a document's pages show, with what is made from it,
// each made once for all the languages that show it, and only when a file that shows
// it is made rather than reused.
type docSource struct {
	fsys     fs.FS
	file     string
	raw      []byte
	str      string        // raw as a string, for the data files
	view     template.HTML // the highlighted source view
	text     string        // the plain text of the body converted from it
	rawDone  bool
	viewDone bool
	textDone bool

	// str and text as JSON strings, for the data files: the languages that show the
	// same source (all those without a translation) write the same two long texts.
	strJSON, textJSON []byte
}

// docSources are one document's sources, by content file.
type docSources map[string]*docSource

// get gives file of the content folder, which is read when first needed.
func (s docSources) get(fsys fs.FS, file string) *docSource {
	src := s[file]
	if src == nil {
		src = &docSource{fsys: fsys, file: file}
		s[file] = src
	}
	return src
}

// bytes is the file as written.
func (src *docSource) bytes() ([]byte, error) {
	if !src.rawDone {
		raw, err := fs.ReadFile(src.fsys, src.file)
		if err != nil {
			return nil, fmt.Errorf("publishing the Markdown source: %w", err)
		}
		src.raw, src.rawDone = raw, true
	}
	return src.raw, nil
}

// string is the file as written, as a string.
func (src *docSource) string() (string, error) {
	if src.str == "" {
		raw, err := src.bytes()
		if err != nil {
			return "", err
		}
		src.str = string(raw)
	}
	return src.str, nil
}

// highlighted is the source as the source view shows it.
func (src *docSource) highlighted() (template.HTML, error) {
	if !src.viewDone {
		raw, err := src.bytes()
		if err != nil {
			return "", err
		}
		// sourceview escapes every character of the source.
		src.view, src.viewDone = template.HTML(sourceview.HTML(raw)), true
	}
	return src.view, nil
}

// stringJSON is string as a JSON string.
func (src *docSource) stringJSON() ([]byte, error) {
	if src.strJSON == nil {
		str, err := src.string()
		if err != nil {
			return nil, err
		}
		src.strJSON = jsonstr.Append(make([]byte, 0, jsonSize(str)), str)
	}
	return src.strJSON, nil
}

// plainTextJSON is plainText as a JSON string.
func (src *docSource) plainTextJSON(body template.HTML) []byte {
	if src.textJSON == nil {
		text := src.plainText(body)
		src.textJSON = jsonstr.Append(make([]byte, 0, jsonSize(text)), text)
	}
	return src.textJSON
}

// jsonSize is room enough for s as a JSON string unless it has many escapes.
func jsonSize(s string) int { return len(s) + len(s)/16 + 2 }

// plainText is the text of body, the HTML converted from this source.
func (src *docSource) plainText(body template.HTML) string {
	if !src.textDone {
		src.text, src.textDone = plaintext.FromHTML(string(body), "table-csv"), true
	}
	return src.text
}

// writeDocArchive writes the files published beside a document's page in one
// language (its tables as CSV) and its archive files. Each Markdown file is published
// once (sourcePath): a language that shows the original, not a translation, links to
// the default language's copy instead of publishing its own.
func (l *Layouts) writeDocArchive(sv *siteView, dv *DocView, info *docInfo, srcs docSources, t *output.Tree) error {
	root := sv.lang.Root
	for _, name := range sortedNames(dv.files) {
		ref := PageRef{Kind: "table", Path: dv.Path, File: root + dv.Path + "/" + name, Doc: dv.Path}
		if err := sv.add(t, ref, func() ([]byte, error) { return dv.files[name], nil }); err != nil {
			return err
		}
	}
	file := sv.sourceFile(dv)
	src := srcs.get(sv.in.Content, file)
	data := PageRef{Kind: "data", Path: dv.Path, File: root + dv.Path + "/index.json", Doc: dv.Path}
	if err := sv.addAppended(t, data, func(dst []byte) ([]byte, error) { return appendDocJSON(dst, sv, dv, info, src) }); err != nil {
		return err
	}
	if published := sv.sourcePath(dv); published == root+dv.Path+"/source/"+path.Base(file) {
		md := PageRef{Kind: "markdown", Path: dv.Path, File: published, Doc: dv.Path}
		if err := sv.add(t, md, src.bytes); err != nil {
			return err
		}
	}
	if err := l.write(t, sv.sourcePage(dv, src)); err != nil {
		return err
	}
	if p := sv.redirectPage(dv, info); p != nil {
		return l.write(t, p)
	}
	return nil
}

// sourcePage starts the source view of the document dv, which shows src.
func (sv *siteView) sourcePage(dv *DocView, src *docSource) *Page {
	iv := dv.issue
	p := sv.page("source", dv.Path+"/source", fmt.Sprintf(sv.str("source_title"), dv.Title))
	p.Issue, p.Doc, p.HasCode, p.source = iv, dv, true, src
	p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: iv.Path, Title: iv.Title, Lang: iv.TitleLang},
		{Path: dv.Path, Title: dv.Title, Lang: dv.TitleLang}, {Path: p.Path, Title: sv.str("source_view")}}
	return p
}

// redirectPage starts the permanent identifier page of the document dv, or gives nil
// when it has no 发文字号.
func (sv *siteView) redirectPage(dv *DocView, info *docInfo) *Page {
	if info.permID == "" {
		return nil
	}
	p := sv.page("redirect", permid.Dir(info.permID), dv.Title)
	p.Issue, p.Doc = dv.issue, dv
	return p
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

// document returns the loaded document whose folder is docPath, with its issue.
func (sv *siteView) document(docPath string) (*content.Issue, *content.Document) {
	if dv := sv.views[docPath]; dv != nil {
		return dv.doc.Issue, dv.doc
	}
	return nil, nil
}

// sourceFile is the content file the page's body comes from: the translation when the
// page shows one, else the original.
func (sv *siteView) sourceFile(dv *DocView) string {
	d := dv.doc
	if tr := d.Translations[sv.lang.Code]; tr != nil && !dv.Fallback {
		return tr.File
	}
	return d.File
}

// sourcePath is the site path of the Markdown file the page's body comes from, as
// published: a translation beside the source view of its language, the original beside
// the default language's, once for all languages.
func (sv *siteView) sourcePath(dv *DocView) string {
	file := sv.sourceFile(dv)
	root := sv.lang.Root
	if file == dv.doc.File {
		root = sv.langs[0].Root
	}
	return root + dv.Path + "/source/" + path.Base(file)
}

// feedXML is the language's Atom feed of every document, newest first: by the
// document's date, then by issue, newest first, then in print order.
func feedXML(sv *siteView) ([]byte, error) {
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
			return nil, fmt.Errorf("feed: no document at %s", dv.Path)
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
		return nil, fmt.Errorf("%sfeed.xml: %w", root, err)
	}
	return b, nil
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
