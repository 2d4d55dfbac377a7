// Package render lays out the site's pages with the html/template layouts.
//
// It takes the loaded Site, the HTML of every converted body and the layouts folder
// (templates plus one UI-strings file per language) and adds every page, in every
// language of the site, to an output Tree: the home page, one page per issue and per
// document, the documents index, one page per issuing body, the timeline of every
// chronicle's events (with their JSON and iCalendar exports, see timeline.go), and
// 404.html. The default language lives at the site root, every other language under
// /<lang>/; a page missing a translation still exists, with its chrome in that language
// and its body in the original. Every link is relative to the page that carries it and
// names index.html explicitly, so the site works under any path on any host and when
// opened from disk.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"gazette/generator/content"
	"gazette/generator/internal/parallel"
	"gazette/generator/output"
	"gazette/generator/permid"
	"gazette/generator/search"
)

// Layouts are the parsed templates and UI strings.
type Layouts struct {
	pages   map[string]map[string]*template.Template // by kind, then language (uistrings.go)
	strings map[string]map[string]string             // language → key → text
}

var pageKinds = []string{"home", "issue", "document", "404", "documents", "issuer", "timeline", "search", "source", "redirect"}

// funcs are the helpers that do not depend on the page being rendered.
var funcs = template.FuncMap{
	"iso":       func(t time.Time) string { return t.Format("2006-01-02") },
	"join":      strings.Join,
	"hasPrefix": strings.HasPrefix,
}

// LoadLayouts parses base.html with each page template, and reads strings/<lang>.yaml
// for every language. A key present in one language and missing in another is an error
// naming the key and the file. Each page template has, beside funcs, the function
// chrome, which renders the parts of base.html that many pages share once (chrome.go).
// Each language has its own copy of the templates, with its UI strings in their text
// (uistrings.go).
func LoadLayouts(fsys fs.FS, languages []string) (*Layouts, error) {
	return loadLayouts(fsys, languages, true)
}

// loadLayouts is LoadLayouts, with the UI strings left to the actions that print them
// unless inline is set.
func loadLayouts(fsys fs.FS, languages []string, inline bool) (*Layouts, error) {
	l := &Layouts{pages: map[string]map[string]*template.Template{}, strings: map[string]map[string]string{}}
	all := map[string]bool{}
	for _, lang := range languages {
		file := "strings/" + lang + ".yaml"
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("layouts: UI strings for %q: %w", lang, err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(src, &m); err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", file, err)
		}
		l.strings[lang] = m
		for k := range m {
			all[k] = true
		}
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, lang := range languages {
		for _, k := range keys {
			if _, ok := l.strings[lang][k]; !ok {
				return nil, fmt.Errorf("layouts/strings/%s.yaml: missing UI string %q", lang, k)
			}
		}
	}
	texts := map[string]map[string]string{} // by language, the UI strings escaped
	for _, lang := range languages {
		var err error
		if texts[lang], err = escapeUIStrings(l.strings[lang]); err != nil {
			return nil, fmt.Errorf("layouts/strings/%s.yaml: %w", lang, err)
		}
	}
	for _, kind := range pageKinds {
		l.pages[kind] = map[string]*template.Template{}
		for _, lang := range languages {
			t, err := parsePage(fsys, kind)
			if err != nil {
				return nil, err
			}
			if inline {
				inlineUIStrings(t, texts[lang])
			}
			l.pages[kind][lang] = t
		}
	}
	return l, nil
}

// parsePage parses the templates of a page of kind.
func parsePage(fsys fs.FS, kind string) (*template.Template, error) {
	// A UI string the layouts name (.S.key) that no language defines is an error,
	// as T reports it, not an empty string.
	t := template.New(kind).Option("missingkey=error").Funcs(funcs)
	t.Funcs(template.FuncMap{"chrome": func(name string, p *Page) (template.HTML, error) {
		if p == nil {
			return "", errNoPage
		}
		return p.site.chrome(t, name, p)
	}})
	if _, err := t.ParseFS(fsys, "base.html", kind+".html", "archive.html"); err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	return t, nil
}

// Body is the rendered HTML of a document or issue body.
type Body struct {
	HTML    template.HTML
	HasCode bool
	Months  []Month           // chronicle month groups, in print order
	Files   map[string][]byte // files published beside the page (tables as CSV), by name
	Text    search.Text       // the plain text, for the search index
}

// Month is a month group of a chronicle, for the month navigator.
type Month struct {
	ID   string
	Name string
}

// Input is everything the pages are made from.
type Input struct {
	Site       *content.Site
	Bodies     map[string]Body                // by content file path, translations included
	CitedBy    map[string][]*content.Document // document path → the documents citing it
	Unresolved []Unresolved                   // numbers cited but not published
	Events     []Event                        // every chronicle's events: issues oldest first, each in print order
	Cites      map[string][]*content.Document // document path → the documents it cites, in order of first citation
	Content    fs.FS                          // the content folder, to publish each document's Markdown source as written
	// Reuse, when set, is asked for each file before it is made (pages, and the files
	// that are not pages, see PageRef): when it adds the file to the tree itself, as an
	// earlier build made it, it reports true and the file is not made (incremental
	// builds, see build.Builder).
	Reuse func(PageRef, *output.Tree) (bool, error)
	// Release hands the documents' HTML in Bodies over to rendering, which drops each
	// document's once its pages are written, so that memory need not hold every body
	// until the end; Bodies is left without the documents' HTML.
	Release bool
}

// Unresolved is a 发文字号 cited in the gazette that no document of it carries.
type Unresolved struct {
	Number  string
	CitedIn []*content.Document
}

// Site adds every page of every language to t.
//
// The work is split into jobs that run on all cores and add their files to t as they
// go: one per language for the pages that list the whole gazette (home, issues,
// indexes, timeline, search, feeds, catalog), and one per document for its pages and
// files in every language, so that what they share (the source read from the content
// folder, its highlighted view, the plain text of a body shown untranslated) is made
// once and dropped when the document is done.
func (l *Layouts) Site(in Input, t *output.Tree) error { return l.Pages(l.Views(in), t) }

// Views are what every page and search entry of one build is made from: per
// language, the issues and documents as that language shows them.
type Views struct {
	in  Input
	svs []*siteView
}

// Views makes the views of in, each language on a core of its own.
func (l *Layouts) Views(in Input) *Views {
	langs := in.Site.Config.Languages
	alts := make([]language, len(langs))
	for i, lang := range langs {
		alts[i] = language{Code: lang, Tag: l.strings[lang]["lang_tag"], Name: l.strings[lang]["lang_name"]}
		if i > 0 {
			alts[i].Root = lang + "/"
		}
	}
	svs := make([]*siteView, len(langs))
	parallel.ForEach(len(langs), func(i int) { svs[i] = newSiteView(in, l, alts[i], alts) })
	return &Views{in: in, svs: svs}
}

// Pages is Site from views already made. It changes nothing of the views that search
// entries are made from, so that Views.SearchSites may run beside it on the same views.
func (l *Layouts) Pages(v *Views, t *output.Tree) error {
	if err := checkArchive(v.in.Site); err != nil {
		return err
	}
	in, svs, langs := v.in, v.svs, v.in.Site.Config.Languages
	var docs []*content.Document
	for _, is := range in.Site.Issues {
		docs = append(docs, is.Documents...)
	}
	if in.Release { // the views hold what the pages show
		for _, d := range docs {
			drop(in.Bodies, d.File)
			for _, tr := range d.Translations {
				drop(in.Bodies, tr.File)
			}
		}
	}
	errs := make([]error, len(langs)+len(docs))
	parallel.ForEach(len(errs), func(i int) {
		if i < len(langs) {
			errs[i] = l.language(svs[i], t)
		} else {
			errs[i] = l.document(svs, docs[i-len(langs)], t)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// language adds the pages of one language that are not a document's to t.
func (l *Layouts) language(sv *siteView, t *output.Tree) error {
	for _, write := range []func(*siteView, *output.Tree) error{
		l.writeHome, l.writeIssues, l.writeIndexes, l.writeTimeline, l.writeSearch,
		l.writeArchive,
	} {
		if err := write(sv, t); err != nil {
			return err
		}
	}
	return nil
}

func (l *Layouts) writeHome(sv *siteView, t *output.Tree) error {
	if err := l.write(t, sv.page("home", "", "")); err != nil {
		return err
	}
	return l.write(t, sv.page("404", "404", sv.str("not_found_title")))
}

// writeIssues writes each issue's page.
func (l *Layouts) writeIssues(sv *siteView, t *output.Tree) error {
	for _, iv := range sv.Issues {
		p := sv.page("issue", iv.Path, iv.Title)
		p.Issue, p.HasCode = iv, iv.hasCode
		p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: iv.Path, Title: iv.Title, Lang: iv.TitleLang}}
		if err := l.write(t, p); err != nil {
			return err
		}
	}
	return nil
}

// document adds a document's page in every language, with the files published beside
// it and its archive files (archive.go).
func (l *Layouts) document(svs []*siteView, d *content.Document, t *output.Tree) error {
	if ok, err := svs[0].reusedDocument(t, d.Path()); ok || err != nil {
		return err
	}
	srcs := docSources{}
	id := permid.Of(d.Number)
	for _, sv := range svs {
		dv := sv.views[d.Path()]
		info := sv.docInfo(dv, id)
		if err := l.write(t, sv.documentPage(dv, info)); err != nil {
			return err
		}
		if err := l.writeDocArchive(sv, dv, info, srcs, t); err != nil {
			return err
		}
	}
	if svs[0].in.Release { // only this job reads a document's body and files
		for _, sv := range svs {
			dv := sv.views[d.Path()]
			dv.Body, dv.files = "", nil
		}
	}
	return nil
}

// documentPage starts the page of the document dv.
func (sv *siteView) documentPage(dv *DocView, info *docInfo) *Page {
	iv := dv.issue
	p := sv.page("document", dv.Path, dv.Title)
	p.Issue, p.Doc, p.HasCode, p.info = iv, dv, dv.hasCode, info
	p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: iv.Path, Title: iv.Title, Lang: iv.TitleLang}, {Path: dv.Path, Title: dv.Title, Lang: dv.TitleLang}}
	return p
}

// drop removes the HTML and files of a body, keeping what the other pages read.
func drop(bodies map[string]Body, file string) {
	if b, ok := bodies[file]; ok {
		b.HTML, b.Files = "", nil
		bodies[file] = b
	}
}

// write renders a page to its file: <root><path>/index.html, or <root>404.html.
func (l *Layouts) write(t *output.Tree, p *Page) error {
	file := p.Lang.Root + p.Path + "/index.html"
	switch p.Kind {
	case "home":
		file = p.Lang.Root + "index.html"
	case "404":
		file = p.Lang.Root + "404.html"
	}
	if ok, err := l.reused(t, p, file); ok {
		return err
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(buf)
	buf.Reset()
	if err := l.execute(buf, p); err != nil {
		return fmt.Errorf("rendering %s: %w", file, err)
	}
	page := buf.Bytes()
	if !t.Streams() {
		page = bytes.Clone(page) // a tree in memory keeps the page
	}
	return t.Add(file, page)
}

// execute renders the page p to buf with its layout.
func (l *Layouts) execute(buf *bytes.Buffer, p *Page) error {
	if err := p.prepare(); err != nil {
		return err
	}
	t := l.pages[p.Kind][p.Lang.Code]
	if t == nil {
		return fmt.Errorf("layouts: no %s page loaded for the language %q", p.Kind, p.Lang.Code)
	}
	if err := t.ExecuteTemplate(buf, "base", p); err != nil {
		return chromeCause(err)
	}
	return nil
}

// pageBuffers serve page after page: a tree that streams keeps nothing of a page once
// added, which spares the garbage collector most of what rendering allocates.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
