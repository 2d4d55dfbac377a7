package render

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"sync"
	"time"

	"gazette/generator/content"
	"gazette/generator/feed"
)

// language is one language of the site as pages see it.
type language struct {
	Code string // site.yaml code: zh, mn
	Tag  string // BCP 47 tag for lang attributes: zh-Hans, mn-Mong
	Name string // the language's name in itself, for the switcher
	Root string // "" for the default language, "mn/" for the others
}

// siteView is the whole site in one language.
type siteView struct {
	layouts   *Layouts
	lang      language
	langs     []language
	source    language // the language content is written in
	SiteTitle string
	Publisher string
	Address   string
	Issues    []*IssueView // newest first
	views     map[string]*DocView
	issuers   map[string]*IssuerView
	in        Input
	base      feed.Base                    // site.yaml's base_url, checked by checkArchive
	domain    string                       // the host of base, "" without one
	strings   map[string]string            // the UI strings of lang
	langAttrs map[string]template.HTMLAttr // by tag, for the tags of the site's languages
	srcAttr   template.HTMLAttr            // langAttr(source.Tag)
	dates     map[[3]int][2]string         // year, month, day → ISO 8601 and the language's text (date)

	chromeMu    sync.Mutex
	chromeParts map[chromeKey][]*chromePart // the page chrome rendered so far (chrome.go)
}

func newSiteView(in Input, l *Layouts, lang language, langs []language) *siteView {
	cfg := in.Site.Config
	base, _ := feed.ParseBase(cfg.BaseURL) // checked by checkArchive
	sv := &siteView{
		layouts: l, lang: lang, langs: langs, source: langs[0], in: in,
		SiteTitle: cfg.Text(cfg.Title, lang.Code),
		Publisher: cfg.Text(cfg.Publisher, lang.Code),
		Address:   cfg.Address,
		views:     map[string]*DocView{},
		strings:   l.strings[lang.Code],
		base:      base,
		langAttrs: map[string]template.HTMLAttr{},
		dates:     map[[3]int][2]string{},
	}
	for _, other := range langs {
		if other.Tag != lang.Tag {
			sv.langAttrs[other.Tag] = langAttr(other.Tag)
		}
	}
	sv.srcAttr = sv.langAttr(sv.source.Tag)
	if base.IsSet() {
		if u, err := url.Parse(base.URL("index.html")); err == nil {
			sv.domain = u.Host
		}
	}
	sv.issuers = newIssuerViews(in.Site)
	for i := len(in.Site.Issues) - 1; i >= 0; i-- {
		iv := sv.newIssueView(in.Site.Issues[i])
		sv.Issues = append(sv.Issues, iv)
		for _, dv := range iv.Documents {
			sv.views[dv.Path] = dv
		}
	}
	for path, citers := range in.CitedBy {
		if dv := sv.views[path]; dv != nil {
			for _, c := range citers {
				dv.CitedBy = append(dv.CitedBy, sv.views[c.Path()])
			}
		}
	}
	return sv
}

func (sv *siteView) str(key string) string { return sv.strings[key] }

// date gives t as ISO 8601 and as the view's language writes it. The views of a
// site's thousands of documents share a few hundred dates, so each is formatted once;
// it is not safe for concurrent use: only newSiteView calls it, before the view is
// shared between goroutines.
func (sv *siteView) date(t time.Time) (iso, text string) {
	y, m, d := t.Date()
	key := [3]int{y, int(m), d}
	if f, ok := sv.dates[key]; ok {
		return f[0], f[1]
	}
	f := [2]string{t.Format(time.DateOnly), formatDate(sv.lang.Code, t)}
	sv.dates[key] = f
	return f[0], f[1]
}

// langAttr returns a lang attribute for text in the language tagged tag, or nothing
// when that is the language of the view.
func (sv *siteView) langAttr(tag string) template.HTMLAttr {
	if tag == "" || tag == sv.lang.Tag {
		return ""
	}
	if a, ok := sv.langAttrs[tag]; ok {
		return a
	}
	return langAttr(tag)
}

func langAttr(tag string) template.HTMLAttr {
	return template.HTMLAttr(` lang="` + template.HTMLEscapeString(tag) + `"`)
}

func (sv *siteView) homeCrumb() Crumb { return Crumb{Path: "", Title: sv.str("home")} }

// page starts a page of this language.
func (sv *siteView) page(kind, path, title string) *Page {
	return &Page{site: sv, Lang: sv.lang, Kind: kind, Path: path, Title: title, S: sv.strings,
		SourceLang: sv.source.Tag, SourceAttr: sv.srcAttr, SiteTitle: sv.SiteTitle, Publisher: sv.Publisher,
		Address: sv.Address, Issues: sv.Issues}
}

// IssueView is an issue as the layouts see it. The *Attr fields are the lang
// attributes (LangAttr) of the *Lang fields beside them, made once per view rather
// than on every page that shows it.
type IssueView struct {
	Path      string
	Title     string
	TitleLang string
	TitleAttr template.HTMLAttr
	Date      time.Time
	DateISO   string // Date as YYYY-MM-DD, for datetime attributes
	DateText  string // Date as the page's language writes dates
	Documents []*DocView
	Sections  []SectionView
	Body      template.HTML
	hasCode   bool
}

// SectionView is one section of an issue's table of contents.
type SectionView struct {
	Index     int
	Name      string // as the issue names it, in the original
	Title     string // in the page's language when the issue's translation names it
	TitleLang string
	TitleAttr template.HTMLAttr
	Documents []*DocView
}

// DocView is a document as the layouts see it, in one language. The *Lang fields hold
// the language tag of text that is not translated, so that layouts can mark it; the
// *Attr fields beside them are their lang attributes (LangAttr), made once per view
// rather than on every page that shows the document.
type DocView struct {
	// text/template finds a field by comparing names in the order declared here: the
	// fields a document's page reads come first, those it reads most before the rest.
	Title        string
	TitleAttr    template.HTMLAttr
	Number       string
	Path         string
	SectionTitle string // in the page's language when the issue's translation names it
	SectionAttr  template.HTMLAttr
	IsChronicle  bool
	// ReferenceTranslation is set when the page shows text of a translation that is
	// not official (see content.Translation.Status), so that the page can say so.
	ReferenceTranslation bool
	Body                 template.HTML
	BodyAttr             template.HTMLAttr
	Fallback             bool // the body is the original: no translation in the page's language
	Months               []Month
	DateISO              string // Date as YYYY-MM-DD, for datetime attributes
	DateText             string // Date as the page's language writes dates
	Page                 int
	PageText             string // the printed page as the page's language writes it (page_n), "" without one
	Issuers              []*IssuerView
	IssuersAttr          template.HTMLAttr
	Addressees           string
	AddresseesAttr       template.HTMLAttr
	IssueTitle           string     // 2023年第2期, in the page's language
	CitedBy              []*DocView // documents citing this one, oldest issue first
	Prev, Next           *DocView
	IssuerRefs           []IssuerRef // each issuer's page with its name as the page's language writes it
	TitleLang            string
	Section              string // as the issue names it, in the original
	SectionLang          string
	IssuerNames          []string // as the page's language writes them
	IssuersLang          string
	AddresseesLang       string
	Date                 time.Time
	BodyLang             string

	hasCode bool
	files   map[string][]byte
	doc     *content.Document
	issue   *IssueView
}

// IssuerRef is an issuing body as a document names it: the folder of its page, and
// its name in the language of the page.
type IssuerRef struct {
	Path string
	Name string
}

func (sv *siteView) newIssueView(is *content.Issue) *IssueView {
	title, titleLang := is.Title, sv.source.Tag
	if t := is.Translations[sv.lang.Code]; t != nil && t.Title != "" {
		title, titleLang = t.Title, sv.lang.Tag
	}
	if title == "" {
		title, titleLang = sv.SiteTitle+" "+issueName(sv.lang.Code, is.Year, is.Number), sv.lang.Tag
	}
	body := sv.in.Bodies[is.File]
	iso, text := sv.date(is.Date)
	iv := &IssueView{Path: is.Dir, Title: title, TitleLang: titleLang, TitleAttr: sv.langAttr(titleLang),
		Date: is.Date, DateISO: iso, DateText: text, Body: body.HTML, hasCode: body.HasCode}
	bySection := map[string]*SectionView{}
	for i, s := range is.Sections {
		title, lang := sv.sectionTitle(is, s)
		iv.Sections = append(iv.Sections, SectionView{Index: i + 1, Name: s, Title: title, TitleLang: lang, TitleAttr: sv.langAttr(lang)})
	}
	for i := range iv.Sections {
		bySection[iv.Sections[i].Name] = &iv.Sections[i]
	}
	var prev *DocView
	name := issueName(sv.lang.Code, is.Year, is.Number)
	for _, d := range is.Documents {
		dv := sv.newDocView(is, name, d)
		dv.issue = iv
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

// newDocView makes the view of d, a document of the issue is, whose name in the
// view's language is issue.
func (sv *siteView) newDocView(is *content.Issue, issue string, d *content.Document) *DocView {
	src := sv.source.Tag
	b := sv.in.Bodies[d.File]
	iso, text := sv.date(d.Date)
	dv := &DocView{
		Path: d.Path(), Title: d.Title, TitleLang: src, Number: d.Number, Section: d.Section,
		IssuerNames: d.Issuers, IssuersLang: src, Addressees: d.Addressees, AddresseesLang: src,
		Date: d.Date, DateISO: iso, DateText: text, Page: d.Page, IssueTitle: issue,
		IsChronicle: d.IsChronicle(), Body: b.HTML, BodyLang: src, Months: b.Months,
		hasCode: b.HasCode, files: b.Files, doc: d,
	}
	if d.Page != 0 {
		dv.PageText = fmt.Sprintf(sv.str("page_n"), d.Page)
	}
	dv.SectionTitle, dv.SectionLang = sv.sectionTitle(is, d.Section)
	if sv.lang.Code != sv.source.Code {
		dv.Fallback = true
		if t := d.Translations[sv.lang.Code]; t != nil {
			if t.Title != "" {
				dv.Title, dv.TitleLang = t.Title, sv.lang.Tag
			}
			if len(t.Issuers) > 0 && len(t.Issuers) >= len(d.Issuers) { // one name per issuer page; the loader reports fewer
				dv.IssuerNames, dv.IssuersLang = t.Issuers, sv.lang.Tag
			}
			if t.Addressees != "" {
				dv.Addressees, dv.AddresseesLang = t.Addressees, sv.lang.Tag
			}
			if tb, ok := sv.in.Bodies[t.File]; ok && strings.TrimSpace(string(tb.HTML)) != "" {
				dv.Body, dv.BodyLang, dv.Fallback = tb.HTML, sv.lang.Tag, false
				dv.Months, dv.hasCode = tb.Months, tb.HasCode
			}
			translated := dv.TitleLang == sv.lang.Tag || dv.IssuersLang == sv.lang.Tag ||
				dv.AddresseesLang == sv.lang.Tag || !dv.Fallback
			dv.ReferenceTranslation = translated && t.IsReference()
		}
	}
	for i, name := range d.Issuers {
		iv := sv.issuers[name]
		dv.Issuers = append(dv.Issuers, iv)
		dv.IssuerRefs = append(dv.IssuerRefs, IssuerRef{Path: iv.Path, Name: dv.IssuerNames[i]})
	}
	dv.TitleAttr, dv.SectionAttr = sv.langAttr(dv.TitleLang), sv.langAttr(dv.SectionLang)
	dv.IssuersAttr, dv.AddresseesAttr = sv.langAttr(dv.IssuersLang), sv.langAttr(dv.AddresseesLang)
	dv.BodyAttr = sv.langAttr(dv.BodyLang)
	return dv
}

// sectionTitle names the section s of is in the page's language, with the tag of the
// language it is in: the issue's translation names the sections in their order, and
// without one the original name stays.
func (sv *siteView) sectionTitle(is *content.Issue, s string) (string, string) {
	if t := is.Translations[sv.lang.Code]; t != nil && len(t.Sections) == len(is.Sections) {
		for i, name := range is.Sections {
			if name == s {
				return t.Sections[i], sv.lang.Tag
			}
		}
	}
	return s, sv.source.Tag
}

// issueName names an issue the way each language does: 2023年第2期, or for Mongolian the
// year with its genitive and the issue number with its ordinal.
func issueName(lang string, year, number int) string {
	switch lang {
	case "zh":
		return fmt.Sprintf("%d年第%d期", year, number)
	case "mn":
		return fmt.Sprintf("%d ᠣᠨ\u202fᠤ %d %s", year, number, mnOrdinal(number))
	}
	return fmt.Sprintf("%d/%d", year, number)
}
