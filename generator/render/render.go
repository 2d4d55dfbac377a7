// Package render lays out the site's pages with the html/template layouts.
//
// It takes the loaded Site, the HTML of every converted body and the layouts folder
// (templates plus one UI-strings file per language) and adds every page to an output
// Tree: the home page, one page per issue, one per document, and 404.html. Every link it
// writes is relative to the page that carries it and names index.html explicitly, so
// the site works under any path on any host and when opened from disk.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"gazette/generator/content"
	"gazette/generator/output"
)

// Layouts are the parsed templates and UI strings.
type Layouts struct {
	pages   map[string]*template.Template // by kind: home, issue, document, 404
	strings map[string]map[string]string  // language → key → text
}

var pageKinds = []string{"home", "issue", "document", "404", "documents", "issuer"}

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
		t, err := template.New(kind).Funcs(funcs).ParseFS(fsys, "base.html", kind+".html")
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
}

// Month is a month group of a chronicle, for the month navigator.
type Month struct {
	ID   string
	Name string
}

// Input is everything the pages are made from.
type Input struct {
	Site       *content.Site
	Bodies     map[string]Body                // by content file path
	CitedBy    map[string][]*content.Document // document path → the documents citing it
	Unresolved []Unresolved                   // numbers cited but not published
}

// Unresolved is a 发文字号 cited in the gazette that no document of it carries.
type Unresolved struct {
	Number  string
	CitedIn []*content.Document
}

// Site adds every page of the default language to t.
func (l *Layouts) Site(in Input, t *output.Tree) error {
	cfg := in.Site.Config
	lang := cfg.DefaultLanguage()
	base := pageBase{
		layouts:   l,
		lang:      lang,
		SiteTitle: cfg.Text(cfg.Title, lang),
		Publisher: cfg.Text(cfg.Publisher, lang),
		Address:   cfg.Address,
	}
	issuers := newIssuerViews(in.Site)
	issues := make([]*IssueView, 0, len(in.Site.Issues))
	views := map[string]*DocView{}
	for i := len(in.Site.Issues) - 1; i >= 0; i-- { // newest first
		iv := newIssueView(in.Site.Issues[i], base.SiteTitle, in.Bodies, issuers)
		issues = append(issues, iv)
		for _, dv := range iv.Documents {
			views[dv.Path] = dv
		}
	}
	for path, citers := range in.CitedBy {
		if dv := views[path]; dv != nil {
			for _, c := range citers {
				dv.CitedBy = append(dv.CitedBy, views[c.Path()])
			}
		}
	}
	if err := l.indexes(t, base, in, issues, views, issuers); err != nil {
		return err
	}
	home := &Page{pageBase: base, Kind: "home", Issues: issues}
	if err := l.write(t, home, "index.html"); err != nil {
		return err
	}
	notFound := &Page{pageBase: base, Kind: "404", Title: l.strings[lang]["not_found_title"]}
	if err := l.write(t, notFound, "404.html"); err != nil {
		return err
	}
	for _, iv := range issues {
		crumbs := []Crumb{{Path: "", Title: l.strings[lang]["home"]}, {Path: iv.Path, Title: iv.Title}}
		p := &Page{pageBase: base, Kind: "issue", Path: iv.Path, Title: iv.Title, Issue: iv, Breadcrumbs: crumbs, HasCode: iv.hasCode}
		if err := l.write(t, p, iv.Path+"/index.html"); err != nil {
			return err
		}
		for _, dv := range iv.Documents {
			dc := append(crumbs[:2:2], Crumb{Path: dv.Path, Title: dv.Title})
			p := &Page{pageBase: base, Kind: "document", Path: dv.Path, Title: dv.Title, Issue: iv, Doc: dv, Breadcrumbs: dc, HasCode: dv.hasCode}
			if err := l.write(t, p, dv.Path+"/index.html"); err != nil {
				return err
			}
			for _, name := range sortedNames(dv.files) {
				if err := t.Add(dv.Path+"/"+name, dv.files[name]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (l *Layouts) write(t *output.Tree, p *Page, file string) error {
	var buf bytes.Buffer
	if err := l.pages[p.Kind].ExecuteTemplate(&buf, "base", p); err != nil {
		return fmt.Errorf("rendering %s: %w", file, err)
	}
	return t.Add(file, buf.Bytes())
}

// IssueView is an issue as the layouts see it.
type IssueView struct {
	Path      string
	Title     string
	Date      time.Time
	Documents []*DocView
	Sections  []SectionView
	Body      template.HTML
	hasCode   bool
}

// SectionView is one section of an issue's table of contents.
type SectionView struct {
	Index     int
	Name      string
	Documents []*DocView
}

// DocView is a document as the layouts see it.
type DocView struct {
	Path        string
	Title       string
	Number      string
	Section     string
	Issuers     []*IssuerView
	Addressees  string
	IssueTitle  string     // 2023年第2期
	CitedBy     []*DocView // documents citing this one, oldest issue first
	Date        time.Time
	Page        int
	IsChronicle bool
	Body        template.HTML
	Months      []Month
	Prev, Next  *DocView
	hasCode     bool
	files       map[string][]byte
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func newIssueView(is *content.Issue, siteTitle string, bodies map[string]Body, issuers map[string]*IssuerView) *IssueView {
	title := is.Title
	if title == "" {
		title = fmt.Sprintf("%s %d年第%d期", siteTitle, is.Year, is.Number)
	}
	iv := &IssueView{Path: is.Dir, Title: title, Date: is.Date, Body: bodies[is.File].HTML, hasCode: bodies[is.File].HasCode}
	bySection := map[string]*SectionView{}
	for i, s := range is.Sections {
		iv.Sections = append(iv.Sections, SectionView{Index: i + 1, Name: s})
	}
	for i := range iv.Sections {
		bySection[iv.Sections[i].Name] = &iv.Sections[i]
	}
	var prev *DocView
	for _, d := range is.Documents {
		b := bodies[d.File]
		dv := &DocView{
			Path: d.Path(), Title: d.Title, Number: d.Number, Section: d.Section,
			Addressees: d.Addressees, Date: d.Date, Page: d.Page, IssueTitle: is.String(),
			IsChronicle: d.IsChronicle(), Body: b.HTML, Months: b.Months, hasCode: b.HasCode,
			files: b.Files,
		}
		for _, name := range d.Issuers {
			dv.Issuers = append(dv.Issuers, issuers[name])
		}
		if prev != nil {
			prev.Next, dv.Prev = dv, prev
		}
		prev = dv
		iv.Documents = append(iv.Documents, dv)
		if s := bySection[d.Section]; s != nil {
			s.Documents = append(s.Documents, dv)
		}
	}
	// Sections with no document this issue are left out of the table of contents.
	kept := iv.Sections[:0]
	for _, s := range iv.Sections {
		if len(s.Documents) > 0 {
			kept = append(kept, s)
		}
	}
	iv.Sections = kept
	return iv
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Path  string
	Title string
}

type pageBase struct {
	layouts   *Layouts
	lang      string
	SiteTitle string
	Publisher string
	Address   string
}

// Page is what a layout is executed with.
type Page struct {
	pageBase
	Kind        string
	Path        string // the page's folder, "" for the home page
	Title       string
	Breadcrumbs []Crumb
	Issues      []*IssueView
	Issue       *IssueView
	Doc         *DocView
	List        *DocList
	Issuer      *IssuerView
	HasCode     bool
}

// Link returns the relative URL from this page to the page whose folder is target.
func (p *Page) Link(target string) string {
	if target == "" {
		return p.Asset("index.html")
	}
	return p.Asset(target + "/index.html")
}

// Asset returns the relative URL from this page to a file of the site.
func (p *Page) Asset(file string) string {
	return Rel(p.Path, file)
}

// Rel returns the URL of file (relative to the site root) as seen from a page whose
// folder is from (relative to the site root, "" for the root).
func Rel(from, file string) string {
	file = path.Clean(file)
	if from == "" {
		return file
	}
	fromParts := strings.Split(from, "/")
	fileParts := strings.Split(file, "/")
	common := 0
	for common < len(fromParts) && common < len(fileParts)-1 && fromParts[common] == fileParts[common] {
		common++
	}
	return strings.Repeat("../", len(fromParts)-common) + strings.Join(fileParts[common:], "/")
}

// T returns the UI string key in the page's language.
func (p *Page) T(key string) (string, error) {
	s, ok := p.layouts.strings[p.lang][key]
	if !ok {
		return "", fmt.Errorf("no UI string %q", key)
	}
	return s, nil
}

// FormatDate formats a date the way the page's language writes dates.
func (p *Page) FormatDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}
