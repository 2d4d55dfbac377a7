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
	"gazette/generator/output"
	"gazette/generator/search"
)

// Layouts are the parsed templates and UI strings.
type Layouts struct {
	pages   map[string]*template.Template // by kind
	strings map[string]map[string]string  // language → key → text
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
// naming the key and the file.
func LoadLayouts(fsys fs.FS, languages []string) (*Layouts, error) {
	l := &Layouts{pages: map[string]*template.Template{}, strings: map[string]map[string]string{}}
	for _, kind := range pageKinds {
		t, err := template.New(kind).Funcs(funcs).ParseFS(fsys, "base.html", kind+".html", "archive.html")
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		l.pages[kind] = t
	}
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
	return l, nil
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
	// Reuse, when set, is asked for each page before it is rendered; a page it gives is
	// added as it is instead (incremental builds, see build.Builder).
	Reuse func(PageRef) ([]byte, bool)
}

// Unresolved is a 发文字号 cited in the gazette that no document of it carries.
type Unresolved struct {
	Number  string
	CitedIn []*content.Document
}

// Site adds every page of every language to t.
func (l *Layouts) Site(in Input, t *output.Tree) error {
	langs := in.Site.Config.Languages
	alts := make([]language, len(langs))
	for i, lang := range langs {
		alts[i] = language{Code: lang, Tag: l.strings[lang]["lang_tag"], Name: l.strings[lang]["lang_name"]}
		if i > 0 {
			alts[i].Root = lang + "/"
		}
	}
	// A language's pages depend on nothing the other languages' rendering does, so the
	// languages render side by side, each into a tree of its own, merged in their order.
	trees, errs := make([]*output.Tree, len(langs)), make([]error, len(langs))
	var wg sync.WaitGroup
	for i := range langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			trees[i] = output.NewTree()
			errs[i] = l.language(newSiteView(in, l, alts[i], alts), trees[i])
		}()
	}
	wg.Wait()
	for i := range langs {
		if errs[i] != nil {
			return errs[i]
		}
		for _, p := range trees[i].Paths() {
			b, _ := trees[i].Get(p)
			if err := t.Add(p, b); err != nil {
				return err
			}
		}
	}
	return nil
}

// language adds every page of one language to t.
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

// writeIssues writes each issue's page and its documents' pages, with the files
// published beside them.
func (l *Layouts) writeIssues(sv *siteView, t *output.Tree) error {
	for _, iv := range sv.Issues {
		p := sv.page("issue", iv.Path, iv.Title)
		p.Issue, p.HasCode = iv, iv.hasCode
		p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: iv.Path, Title: iv.Title, Lang: iv.TitleLang}}
		if err := l.write(t, p); err != nil {
			return err
		}
		for _, dv := range iv.Documents {
			p := sv.page("document", dv.Path, dv.Title)
			p.Issue, p.Doc, p.HasCode = iv, dv, dv.hasCode
			p.Breadcrumbs = []Crumb{sv.homeCrumb(), {Path: iv.Path, Title: iv.Title, Lang: iv.TitleLang}, {Path: dv.Path, Title: dv.Title, Lang: dv.TitleLang}}
			if err := l.write(t, p); err != nil {
				return err
			}
			for _, name := range sortedNames(dv.files) {
				if err := t.Add(sv.lang.Root+dv.Path+"/"+name, dv.files[name]); err != nil {
					return err
				}
			}
		}
	}
	return nil
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
	var buf bytes.Buffer
	if err := l.pages[p.Kind].ExecuteTemplate(&buf, "base", p); err != nil {
		return fmt.Errorf("rendering %s: %w", file, err)
	}
	return t.Add(file, buf.Bytes())
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
