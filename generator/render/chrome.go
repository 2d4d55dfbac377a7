package render

// The chrome of a page (the head's stylesheets, the masthead, the colophon) is the same
// on thousands of pages, so the layouts have it rendered once and reused: base.html
// calls {{chrome "name" .}}, which executes the template name with a Chrome instead of
// the page and hands back the HTML, made on the first page that needs it and reused on
// every later page where it is certain to come out the same.
//
// That certainty comes from what a Chrome holds. The language and its UI strings, the
// site's title, publisher and address, the page's kind and whether it shows
// highlighted code key the cache (a cache per language, keyed by kind, template and
// HasCode). Links are the one thing that depends on where the page is: a Chrome
// records each link it gives, and a fragment is reused only on a page from which every
// one of those links comes out the same. A template that asks a Chrome for anything
// else fails to execute rather than being reused wrongly.

import (
	"bytes"
	"errors"
	"html/template"
)

// Chrome is what a template rendered through the chrome function sees in place of the
// page: its fields and methods have the names of the Page's, so that markup moves
// between base.html's per-page parts and its chrome unchanged.
type Chrome struct {
	Lang       language
	Kind       string
	HasCode    bool
	S          map[string]string // the UI strings of the language, by key
	SiteTitle  string
	Publisher  string
	Address    string
	SourceLang string

	site   *siteView
	folder string
	links  []chromeLink // every link given, in order
}

// chromeLink is a link a Chrome gave: the file linked to and the URL written for it.
type chromeLink struct{ file, href string }

// Link returns the relative URL from the page to the page of its language whose folder
// is target.
func (c *Chrome) Link(target string) string { return c.rel(pageFile(c.Lang, target)) }

// Asset returns the relative URL from the page to a file shared by all languages.
func (c *Chrome) Asset(file string) string { return c.rel(file) }

func (c *Chrome) rel(file string) string {
	href := Rel(c.folder, file)
	c.links = append(c.links, chromeLink{file, href})
	return href
}

// T returns the UI string key in the page's language.
func (c *Chrome) T(key string) (string, error) { return uiString(c.S, key) }

// LangAttr returns a lang attribute for text in the language tagged tag, or nothing
// when that is the page's language.
func (c *Chrome) LangAttr(tag string) template.HTMLAttr { return c.site.langAttr(tag) }

// chromeKey names the fragments that may stand for one another: those of one template,
// for pages of one kind in one language (the cache is the language's) that agree on
// HasCode. Which one fits a page is up to its links.
type chromeKey struct {
	kind, name string
	hasCode    bool
}

// chromePart is a rendered fragment with the links it holds.
type chromePart struct {
	html  template.HTML
	links []chromeLink
}

// fits reports whether the fragment is what the page in folder would render: every
// link it holds is the same from there.
func (part *chromePart) fits(folder string) bool {
	for _, l := range part.links {
		if !relIs(folder, l.file, l.href) {
			return false
		}
	}
	return true
}

// chrome returns the fragment the template name of t renders for page p, from the
// language's cache when one fits.
func (sv *siteView) chrome(t *template.Template, name string, p *Page) (template.HTML, error) {
	key := chromeKey{kind: p.Kind, name: name, hasCode: p.HasCode}
	folder := p.folder()
	sv.chromeMu.Lock()
	defer sv.chromeMu.Unlock()
	for _, part := range sv.chromeParts[key] {
		if part.fits(folder) {
			return part.html, nil
		}
	}
	c := &Chrome{Lang: sv.lang, Kind: p.Kind, HasCode: p.HasCode, S: sv.strings, SiteTitle: sv.SiteTitle,
		Publisher: sv.Publisher, Address: sv.Address, SourceLang: sv.source.Tag, site: sv, folder: folder}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, c); err != nil {
		return "", &chromeError{err}
	}
	// The template escaped what it wrote, in the context base.html calls chrome from
	// (between elements), where html/template writes template.HTML as it is.
	part := &chromePart{html: template.HTML(buf.String()), links: c.links}
	if sv.chromeParts == nil {
		sv.chromeParts = map[chromeKey][]*chromePart{}
	}
	sv.chromeParts[key] = append(sv.chromeParts[key], part)
	return part.html, nil
}

// chromeError is a chrome part that failed to render. The error of the page that
// called it names the chrome call first; chromeCause gives the part's own error, which
// names the line of the part that failed, for the editor to go to.
type chromeError struct{ err error }

func (e *chromeError) Error() string { return e.err.Error() }
func (e *chromeError) Unwrap() error { return e.err }

func chromeCause(err error) error {
	if ce, ok := errors.AsType[*chromeError](err); ok {
		return ce.err
	}
	return err
}
