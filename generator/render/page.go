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
	Path      string
	Title     string
	Lang      string            // tag of the title's language when it is not translated
	Current   bool              // the crumb is the page itself (set by prepare)
	Href      string            // the link to the crumb's page (set by prepare)
	TitleAttr template.HTMLAttr // the lang attribute of Lang (set by prepare)
}

// Page is what a layout is executed with.
//
// text/template finds a field by name among the fields in the order they are declared
// here, so that each field costs more to read than the one before it: the fields the
// layouts read most on the pages most numerous (those of documents) come first.
type Page struct {
	Doc           *DocView
	SourceAttr    template.HTMLAttr // the lang attribute of SourceLang (LangAttr)
	Title         string
	TitleAddsSite bool        // <title> adds the site's title to Title, which does not start with it (set by prepare)
	SiteTitle     string      // the gazette's title in the page's language
	Alternates    []Alternate // the page in every language, for hreflang links and the switcher
	Breadcrumbs   []Crumb
	Issue         *IssueView

	// What archive.html shows, set by prepare (meta.go) before the page is rendered,
	// so that the layouts read fields where text/template would otherwise call methods
	// by reflection on every one of thousands of pages; "" (nil) on the pages that do
	// not show it.
	FeedHref       string      // the link to the Atom feed of the page's language; none on 404.html, which is served at any depth
	Canonical      string      // see canonical
	RefreshContent string      // an identifier page's <meta http-equiv="refresh">, see refreshContent
	IsDocument     bool        // Kind is "document": archive-head describes the document
	Meta           *DocMeta    // what a document page's <meta> elements say
	JSONLD         template.JS // see jsonLD
	CiteScript     string      // a document page's link to js/cite.js
	Citation       string      // the reference to the document in GB/T 7714 style, see docInfo
	PermID         string      // the document's permanent identifier, "" when it has no 发文字号
	PermLink       string      // the relative link to the document's identifier page
	PermURL        string      // the absolute URL of the identifier page, "" without base_url
	SourceLink     string      // from a document page to its source view
	DataLink       string      // from a document page to its data file

	// The links of a document's pages and of the lists of documents, set by prepare
	// like the fields above, so that the layouts read them rather than call Link by
	// reflection (each such call costs more than printing a dozen fields).
	IssuerLinks  []NamedLink // a document page's issuers, each linked to its page
	IssueHref    string      // a document page's link to the page of its issue
	CitedBy      []DocLink   // the documents citing a document page's
	Prev, Next   *DocLink    // a document page's neighbours in its issue, nil at either end
	TimelineHref string      // a chronicle's page's link to the timeline
	DocHref      string      // a source view's or identifier page's link to its document's page
	Rows         []DocLink   // the documents a documents index or an issuer's page lists, in order

	// What a source view shows, set by prepare.
	SourceHref     string        // from a source view to the Markdown file it shows (sourcePath)
	SourceDownload string        // the download link's text: source_download with SourceName
	SourceHTML     template.HTML // the Markdown source a source view shows, highlighted
	SourceName     string        // the file name of the Markdown source a source view shows

	Kind       string
	S          map[string]string // the UI strings of the page's language, by key; most are text of the layouts (uistrings.go)
	List       *DocList
	Issuer     *IssuerView
	Timeline   *TimelineView
	Issues     []*IssueView
	Lang       language
	Path       string // the page's folder without the language root, "" for the home page
	Publisher  string
	Address    string
	SourceLang string // the tag of the language the content is written in (发文字号 are in it)
	HasCode    bool

	site   *siteView
	source *docSource // the Markdown source, on a document's source view
	dir    string     // folder, once prepare has run: every link of the page starts from it
	info   *docInfo   // what the pages of a document share, see docInfo
}

// folder is where the page lives in the output: the language root plus its path.
func (p *Page) folder() string {
	if p.dir != "" {
		return p.dir
	}
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
	return Rel(p.folder(), pageFile(l, target))
}

// pageFile is the file of the page of language l whose folder is target.
func pageFile(l language, target string) string {
	if target == "" {
		return l.Root + "index.html"
	}
	return l.Root + target + "/index.html"
}

// Asset returns the relative URL from this page to a file shared by all languages.
func (p *Page) Asset(file string) string {
	return Rel(p.folder(), file)
}

// NamedLink is a link with its text.
type NamedLink struct {
	Href string
	Name string
}

// DocLink is a document with the link to its page from the page that shows it.
type DocLink struct {
	Href    string
	Doc     *DocView
	Issuers []NamedLink // its issuers, each linked to its page, in the lists that show them
}

// Alternate is this page in one language of the site.
type Alternate struct {
	Tag     string
	Name    string
	Href    string
	Current bool
}

// alternates lists the page in every language.
func (p *Page) alternates() []Alternate {
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
func (p *Page) LangAttr(tag string) template.HTMLAttr { return p.site.langAttr(tag) }

// Rel returns the URL of file (relative to the site root) as seen from a page whose
// folder is from (relative to the site root, "" for the root). It is called for every
// link of every page, so it walks the two paths in place rather than splitting them.
func Rel(from, file string) string {
	up, rest := rel(from, file)
	if up == 0 {
		return rest
	}
	var b strings.Builder
	b.Grow(3*up + len(rest))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(rest)
	return b.String()
}

// relIs reports whether Rel(from, file) is href, without making the URL.
func relIs(from, file, href string) bool {
	up, rest := rel(from, file)
	if len(href) != 3*up+len(rest) || href[3*up:] != rest {
		return false
	}
	for i := range up {
		if href[3*i:3*i+3] != "../" {
			return false
		}
	}
	return true
}

// rel gives Rel(from, file) as the number of folders to climb out of and the path from
// there.
func rel(from, file string) (up int, rest string) {
	file = path.Clean(file)
	if from == "" {
		return 0, file
	}
	up = strings.Count(from, "/") + 1 // the folders of from left to climb out of
	rest = file                       // file after the folders the two share
	for up > 0 {
		dir, tail, ok := strings.Cut(rest, "/")
		if !ok { // the file name is never a shared folder
			break
		}
		var f string
		f, from, _ = strings.Cut(from, "/")
		if f != dir {
			break
		}
		up, rest = up-1, tail
	}
	return up, rest
}

// T returns the UI string key in the page's language; layouts write .S.key where the
// key is fixed, which the template reads without a method call.
func (p *Page) T(key string) (string, error) { return uiString(p.S, key) }

func uiString(strings map[string]string, key string) (string, error) {
	s, ok := strings[key]
	if !ok {
		return "", fmt.Errorf("no UI string %q", key)
	}
	return s, nil
}

// FormatDate formats a date the way the page's language writes dates.
func (p *Page) FormatDate(t time.Time) string { return formatDate(p.Lang.Code, t) }
