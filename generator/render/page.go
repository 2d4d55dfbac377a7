package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"time"
)

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Path  string
	Title string
	Lang  string // tag of the title's language when it is not translated
}

// Page is what a layout is executed with.
type Page struct {
	site        *siteView
	Lang        language
	Kind        string
	Path        string // the page's folder without the language root, "" for the home page
	Title       string
	SiteTitle   string
	Publisher   string
	Address     string
	Breadcrumbs []Crumb
	Issues      []*IssueView
	Issue       *IssueView
	Doc         *DocView
	List        *DocList
	Issuer      *IssuerView
	Timeline    *TimelineView
	HasCode     bool
	source      *docSource // the Markdown source, on a document's source view
}

// folder is where the page lives in the output: the language root plus its path.
func (p *Page) folder() string {
	switch p.Kind {
	case "home", "404":
		return strings.TrimSuffix(p.Lang.Root, "/")
	}
	return p.Lang.Root + p.Path
}

// Link returns the relative URL from this page to the page of the same language whose
// folder is target.
func (p *Page) Link(target string) string {
	return p.linkIn(p.Lang, target)
}

func (p *Page) linkIn(l language, target string) string {
	if target == "" {
		return Rel(p.folder(), l.Root+"index.html")
	}
	return Rel(p.folder(), l.Root+target+"/index.html")
}

// Asset returns the relative URL from this page to a file shared by all languages.
func (p *Page) Asset(file string) string {
	return Rel(p.folder(), file)
}

// Alternate is this page in one language of the site.
type Alternate struct {
	Tag     string
	Name    string
	Href    string
	Current bool
}

// Alternates lists the page in every language, for hreflang links and the switcher.
func (p *Page) Alternates() []Alternate {
	out := make([]Alternate, len(p.site.langs))
	for i, l := range p.site.langs {
		href := p.linkIn(l, p.Path)
		if p.Kind == "404" {
			href = Rel(p.folder(), l.Root+"404.html")
		}
		out[i] = Alternate{Tag: l.Tag, Name: l.Name, Href: href, Current: l.Code == p.Lang.Code}
	}
	return out
}

// LangAttr returns a lang attribute for text in the language tagged tag, or nothing
// when that is the page's language.
func (p *Page) LangAttr(tag string) template.HTMLAttr {
	if tag == "" || tag == p.Lang.Tag {
		return ""
	}
	return template.HTMLAttr(fmt.Sprintf(` lang="%s"`, template.HTMLEscapeString(tag)))
}

// SourceLang is the tag of the language the content is written in; data that is never
// translated (发文字号) is in it.
func (p *Page) SourceLang() string { return p.site.source.Tag }

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
	s, ok := p.site.layouts.strings[p.Lang.Code][key]
	if !ok {
		return "", fmt.Errorf("no UI string %q", key)
	}
	return s, nil
}

// FormatDate formats a date the way the page's language writes dates.
func (p *Page) FormatDate(t time.Time) string { return formatDate(p.Lang.Code, t) }
