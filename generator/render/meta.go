package render

// What archive-head and archive-doc in layouts/archive.html show: the feed link on
// every page; on document pages the machine-readable metadata (JSON-LD, Dublin Core,
// the page metadata of Chinese government sites), the "cite this document" block and
// the links to the source and data; on identifier pages the redirect.

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"

	"gazette/generator/citation"
	"gazette/generator/permid"
)

// prepare sets what the page's layout reads of it and is not set when the page is
// made: its alternates, and what archive.html shows of a page of its kind.
func (p *Page) prepare() {
	p.dir = p.folder()
	p.Alternates = p.alternates()
	for i := range p.Breadcrumbs {
		p.Breadcrumbs[i].Current = p.Breadcrumbs[i].Path == p.Path
	}
	if p.Kind != "404" {
		p.FeedHref = p.Asset(p.Lang.Root + "feed.xml")
	}
	p.Canonical = p.canonical()
	if p.Doc == nil {
		return
	}
	switch p.Kind {
	case "document":
		p.PermID = p.permID()
		if p.PermID != "" {
			p.PermLink = p.Link(permid.Dir(p.PermID))
		}
		p.PermURL = p.permURL()
		p.SourceLink = p.Link(p.Doc.Path + "/source")
		p.DataLink = Rel(p.folder(), p.Lang.Root+p.Doc.Path+"/index.json")
		p.MetaTags = p.metaTags()
		p.JSONLD = p.jsonLD()
	case "redirect":
		p.RefreshContent = p.refreshContent()
	case "source":
		p.SourceName = path.Base(p.site.sourceFile(p.Doc))
		p.SourceHref = Rel(p.folder(), p.site.sourcePath(p.Doc))
	}
}

// canonical is the URL of the page a search engine should index: on an identifier page
// the document it leads to, on a document page the page itself. It is absolute when
// site.yaml sets base_url; without it only identifier pages get one, relative.
func (p *Page) canonical() string {
	switch {
	case p.Kind == "redirect":
		if u := p.site.base.URL(p.Lang.Root + p.Doc.Path + "/index.html"); u != "" {
			return u
		}
		return p.Link(p.Doc.Path)
	case p.Kind == "document" || p.Kind == "source":
		return p.site.base.URL(p.Lang.Root + p.Path + "/index.html")
	}
	return ""
}

// refreshContent is the content of an identifier page's <meta http-equiv="refresh">:
// at once, to the document, by a relative URL percent-encoded by hand (html/template
// does not treat this attribute as a URL).
func (p *Page) refreshContent() string {
	segs := strings.Split(p.Link(p.Doc.Path), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return "0; url=" + strings.Join(segs, "/")
}

func (p *Page) permID() string {
	if p.Doc == nil {
		return ""
	}
	return permid.Of(p.Doc.Number)
}

func (p *Page) permURL() string {
	id := p.permID()
	if id == "" {
		return ""
	}
	return p.site.base.URL(p.Lang.Root + permid.Dir(id))
}

// SourceHTML is the Markdown source, highlighted.
func (p *Page) SourceHTML() (template.HTML, error) {
	h, err := p.source.highlighted()
	if err != nil {
		return "", fmt.Errorf("%s: %w", p.site.sourceFile(p.Doc), err)
	}
	return template.HTML(h), nil // sourceview escapes every character of the source
}

// Citation is the reference to the document in GB/T 7714 style, as the page shows it.
func (p *Page) Citation() string {
	is, d := p.site.document(p.Doc.Path)
	if d == nil {
		return ""
	}
	// An untranslated document is cited as the original: its title with the gazette's
	// title in the language it is written in, not a mix of two scripts.
	serial, etc := p.SiteTitle, p.site.str("cite_etc")
	if p.Doc.TitleLang != p.Lang.Tag {
		cfg := p.site.in.Site.Config
		serial = cfg.Text(cfg.Title, cfg.DefaultLanguage())
		etc = p.site.layouts.strings[p.site.source.Code]["cite_etc"]
	}
	u := p.permURL()
	if p.permID() == "" {
		u = p.site.base.URL(p.Lang.Root + p.Doc.Path + "/index.html")
	}
	return citation.GBT7714(citation.Ref{
		Issuers: p.Doc.IssuerNames, Title: p.Doc.Title, Number: p.Doc.Number,
		Serial: serial, Year: is.Year, Issue: is.Number, Page: d.Page, URL: u,
		Etc: etc,
	})
}

// MetaTag is one <meta name content>.
type MetaTag struct{ Name, Content string }

// metaTags are the Dublin Core elements (DC-HTML: DC.title …) and the page metadata
// Chinese government sites carry for harvesters (SiteName, ColumnName, ArticleTitle,
// PubDate, ContentSource) of a document page.
func (p *Page) metaTags() []MetaTag {
	is, d := p.site.document(p.Doc.Path)
	if d == nil {
		return nil
	}
	dv := p.Doc
	tags := []MetaTag{{"DC.title", dv.Title}}
	for _, n := range dv.IssuerNames {
		tags = append(tags, MetaTag{"DC.creator", n})
	}
	tags = append(tags, MetaTag{"DC.date", dv.Date.Format("2006-01-02")})
	if dv.Number != "" {
		tags = append(tags, MetaTag{"DC.identifier", dv.Number})
	}
	if u := p.permURL(); u != "" {
		tags = append(tags, MetaTag{"DC.identifier", u})
	}
	if p.Publisher != "" {
		tags = append(tags, MetaTag{"DC.publisher", p.Publisher})
	}
	tags = append(tags, MetaTag{"DC.language", dv.BodyLang}, MetaTag{"DC.type", "Text"},
		MetaTag{"SiteName", p.SiteTitle})
	if b := p.site.base; b.IsSet() {
		if u, err := url.Parse(b.URL("index.html")); err == nil {
			tags = append(tags, MetaTag{"SiteDomain", u.Host})
		}
	}
	source := strings.Join(dv.IssuerNames, "、")
	if source == "" {
		source = p.Publisher
	}
	tags = append(tags, MetaTag{"ColumnName", dv.Section}, MetaTag{"ArticleTitle", dv.Title},
		MetaTag{"PubDate", is.Date.Format("2006-01-02 15:04")}, MetaTag{"ContentSource", source})
	return tags
}

// jsonLD is the schema.org description of a document page: a Legislation (a
// chronicle is an Article) in its issue, volume (the year) and periodical (the
// gazette). html/template encodes it as JSON inside the script element, escaping <
// and > so that no title can end the element.
func (p *Page) jsonLD() any {
	is, d := p.site.document(p.Doc.Path)
	if d == nil {
		return nil
	}
	dv := p.Doc
	ld := jsonLD{Context: "https://schema.org", Type: "Legislation", Name: dv.Title, InLanguage: dv.BodyLang,
		URL: p.site.base.URL(p.Lang.Root + dv.Path + "/index.html"),
		IsPartOf: &ldPart{Type: "PublicationIssue", IssueNumber: fmt.Sprint(is.Number),
			DatePublished: is.Date.Format("2006-01-02"), Name: dv.issue.Title,
			IsPartOf: &ldPart{Type: "PublicationVolume", VolumeNumber: fmt.Sprint(is.Year),
				IsPartOf: &ldPart{Type: "Periodical", Name: p.SiteTitle, Publisher: org(p.Publisher)}}},
	}
	if p.permID() != "" {
		ld.ID = p.permURL()
	}
	if dv.IsChronicle {
		ld.Type, ld.DateCreated, ld.PageStart = "Article", dv.Date.Format("2006-01-02"), d.Page
		ld.Author = orgs(dv.IssuerNames)
		return ld
	}
	ld.Identifier, ld.Date = dv.Number, dv.Date.Format("2006-01-02")
	ld.PassedBy = orgs(dv.IssuerNames)
	return ld
}

type jsonLD struct {
	Context     string  `json:"@context"`
	Type        string  `json:"@type"`
	ID          string  `json:"@id,omitempty"`
	URL         string  `json:"url,omitempty"`
	Name        string  `json:"name"`
	Identifier  string  `json:"legislationIdentifier,omitempty"`
	Date        string  `json:"legislationDate,omitempty"`
	PassedBy    []ldOrg `json:"legislationPassedBy,omitempty"`
	DateCreated string  `json:"dateCreated,omitempty"`
	Author      []ldOrg `json:"author,omitempty"`
	PageStart   int     `json:"pageStart,omitempty"`
	InLanguage  string  `json:"inLanguage"`
	IsPartOf    *ldPart `json:"isPartOf"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// ldPart is a PublicationIssue, PublicationVolume or Periodical.
type ldPart struct {
	Type          string  `json:"@type"`
	Name          string  `json:"name,omitempty"`
	IssueNumber   string  `json:"issueNumber,omitempty"`
	VolumeNumber  string  `json:"volumeNumber,omitempty"`
	DatePublished string  `json:"datePublished,omitempty"`
	Publisher     *ldOrg  `json:"publisher,omitempty"`
	IsPartOf      *ldPart `json:"isPartOf,omitempty"`
}

func org(name string) *ldOrg {
	if name == "" {
		return nil
	}
	return &ldOrg{Type: "Organization", Name: name}
}

func orgs(names []string) []ldOrg {
	var out []ldOrg
	for _, n := range names {
		out = append(out, ldOrg{Type: "Organization", Name: n})
	}
	return out
}
