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
// made: its alternates, its breadcrumbs' links, and what archive.html shows of a page
// of its kind.
func (p *Page) prepare() error {
	p.dir = p.folder()
	p.Alternates = p.alternates()
	p.TitleAddsSite = p.Title != "" && !strings.HasPrefix(p.Title, p.SiteTitle)
	for i := range p.Breadcrumbs {
		c := &p.Breadcrumbs[i]
		c.Current = c.Path == p.Path
		if !c.Current {
			c.Href = p.Link(c.Path)
		}
		c.TitleAttr = p.site.langAttr(c.Lang)
	}
	if p.Kind != "404" {
		p.FeedHref = p.Asset(p.Lang.Root + "feed.xml")
	}
	p.Canonical = p.canonical()
	switch p.Kind {
	case "documents":
		p.Rows = p.rows(p.List.Documents(), true)
	case "issuer":
		p.Rows = p.rows(p.Issuer.Documents, false)
	}
	if p.Doc == nil {
		return nil
	}
	switch p.Kind {
	case "document":
		if p.info == nil {
			p.info = p.site.docInfo(p.Doc, permid.Of(p.Doc.Number))
		}
		p.PermID, p.PermURL, p.Citation = p.info.permID, p.info.permURL, p.info.citation
		if p.PermID != "" {
			p.PermLink = p.Link(permid.Dir(p.PermID))
		}
		p.SourceLink = p.Link(p.Doc.Path + "/source")
		p.DataLink = Rel(p.folder(), p.Lang.Root+p.Doc.Path+"/index.json")
		p.Meta = p.meta()
		p.JSONLD = p.jsonLD()
		p.docLinks()
	case "redirect":
		p.DocHref = p.Link(p.Doc.Path)
		p.RefreshContent = p.refreshContent()
	case "source":
		p.SourceName = path.Base(p.site.sourceFile(p.Doc))
		p.SourceHref = Rel(p.folder(), p.site.sourcePath(p.Doc))
		p.SourceDownload = fmt.Sprintf(p.site.str("source_download"), p.SourceName)
		p.DocHref = p.Link(p.Doc.Path)
		h, err := p.source.highlighted()
		if err != nil {
			return fmt.Errorf("%s: %w", p.site.sourceFile(p.Doc), err)
		}
		p.SourceHTML = h
	}
	return nil
}

// docLinks sets the links of a document page.
func (p *Page) docLinks() {
	dv := p.Doc
	p.IsDocument = true
	p.CiteScript = p.Asset("js/cite.js")
	p.IssueHref = p.Link(p.Issue.Path)
	p.IssuerLinks = make([]NamedLink, len(dv.IssuerRefs))
	for i, r := range dv.IssuerRefs {
		p.IssuerLinks[i] = NamedLink{Href: p.Link(r.Path), Name: r.Name}
	}
	if len(dv.CitedBy) > 0 {
		p.CitedBy = make([]DocLink, len(dv.CitedBy))
		for i, c := range dv.CitedBy {
			p.CitedBy[i] = DocLink{Href: p.Link(c.Path), Doc: c}
		}
	}
	if dv.Prev != nil {
		p.Prev = &DocLink{Href: p.Link(dv.Prev.Path), Doc: dv.Prev}
	}
	if dv.Next != nil {
		p.Next = &DocLink{Href: p.Link(dv.Next.Path), Doc: dv.Next}
	}
	if dv.IsChronicle {
		p.TimelineHref = p.Link("timeline")
	}
}

// rows gives the documents docs as the page lists them, with their issuers' links
// when withIssuers is set.
func (p *Page) rows(docs []*DocView, withIssuers bool) []DocLink {
	rows := make([]DocLink, len(docs))
	for i, dv := range docs {
		rows[i] = DocLink{Href: p.Link(dv.Path), Doc: dv}
		if withIssuers && len(dv.IssuerRefs) > 0 {
			rows[i].Issuers = make([]NamedLink, len(dv.IssuerRefs))
			for j, r := range dv.IssuerRefs {
				rows[i].Issuers[j] = NamedLink{Href: p.Link(r.Path), Name: r.Name}
			}
		}
	}
	return rows
}

// docInfo is what the pages and the data file of a document in one language say of
// where it is and how it is cited, made once for them all.
type docInfo struct {
	permID   string // the permanent identifier, "" when the document has no 发文字号
	permURL  string // the absolute URL of the identifier page, "" without base_url or identifier
	citation string // the reference to the document in GB/T 7714 style, as the page shows it
}

// docInfo gives the docInfo of dv, whose permanent identifier is id (permid.Of of its
// number, the same in every language).
func (sv *siteView) docInfo(dv *DocView, id string) *docInfo {
	info := &docInfo{permID: id}
	if id != "" {
		info.permURL = sv.base.URL(sv.lang.Root + permid.Dir(id))
	}
	info.citation = sv.citation(dv, info)
	return info
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
	segs := strings.Split(p.DocHref, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return "0; url=" + strings.Join(segs, "/")
}

// citation is the reference to the document dv in GB/T 7714 style, as its page shows
// it.
func (sv *siteView) citation(dv *DocView, info *docInfo) string {
	is, d := sv.document(dv.Path)
	if d == nil {
		return ""
	}
	// An untranslated document is cited as the original: its title with the gazette's
	// title in the language it is written in, not a mix of two scripts.
	serial, etc := sv.SiteTitle, sv.str("cite_etc")
	if dv.TitleLang != sv.lang.Tag {
		cfg := sv.in.Site.Config
		serial = cfg.Text(cfg.Title, cfg.DefaultLanguage())
		etc = sv.layouts.strings[sv.source.Code]["cite_etc"]
	}
	u := info.permURL
	if info.permID == "" {
		u = sv.base.URL(sv.lang.Root + dv.Path + "/index.html")
	}
	return citation.GBT7714(citation.Ref{
		Issuers: dv.IssuerNames, Title: dv.Title, Number: dv.Number,
		Serial: serial, Year: is.Year, Issue: is.Number, Page: d.Page, URL: u,
		Etc: etc,
	})
}

// DocMeta is what the <meta> elements of a document page say: the Dublin Core
// elements (DC-HTML: DC.title …) and the page metadata Chinese government sites carry
// for harvesters (SiteName, ColumnName, ArticleTitle, PubDate, ContentSource).
// archive.html writes an element for each field, leaving out those that are empty and
// may be.
type DocMeta struct {
	Title      string   // DC.title, ArticleTitle
	Creators   []string // DC.creator: the issuers
	Date       string   // DC.date
	Number     string   // DC.identifier: the 发文字号
	PermURL    string   // DC.identifier: the absolute URL of the identifier page
	Publisher  string   // DC.publisher
	Language   string   // DC.language: the body's
	SiteName   string
	SiteDomain string // the host of base_url
	Section    string // ColumnName
	PubDate    string // the issue's date and time
	Source     string // ContentSource: the issuers, or else the publisher
}

// meta is the DocMeta of a document page.
func (p *Page) meta() *DocMeta {
	is, d := p.site.document(p.Doc.Path)
	if d == nil {
		return nil
	}
	dv := p.Doc
	source := strings.Join(dv.IssuerNames, "、")
	if source == "" {
		source = p.Publisher
	}
	return &DocMeta{
		Title: dv.Title, Creators: dv.IssuerNames, Date: dv.DateISO, Number: dv.Number, PermURL: p.PermURL,
		Publisher: p.Publisher, Language: dv.BodyLang, SiteName: p.SiteTitle, SiteDomain: p.site.domain,
		Section: dv.Section, PubDate: is.Date.Format("2006-01-02 15:04"), Source: source,
	}
}

// jsonLD is the schema.org description of a document page: a Legislation (a
// chronicle is an Article) in its issue, volume (the year) and periodical (the
// gazette), as JSON for the script element. It is what html/template writes for the
// jsonLD value itself (encoding/json, < and > escaped so that no title can end the
// element), written without reflection.
func (p *Page) jsonLD() template.JS {
	ld := p.jsonLDData()
	if ld == nil {
		return ""
	}
	w := jsonWriter{buf: make([]byte, 0, 1024)}
	ld.writeJSON(&w)
	return template.JS(w.buf)
}

// jsonLDData is what jsonLD writes.
func (p *Page) jsonLDData() *jsonLD {
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
	if p.PermID != "" {
		ld.ID = p.PermURL
	}
	if dv.IsChronicle {
		ld.Type, ld.DateCreated, ld.PageStart = "Article", dv.DateISO, d.Page
		ld.Author = orgs(dv.IssuerNames)
		return &ld
	}
	ld.Identifier, ld.Date = dv.Number, dv.DateISO
	ld.PassedBy = orgs(dv.IssuerNames)
	return &ld
}

// writeJSON writes ld as encoding/json does, fields with omitempty left out when
// empty.
func (ld *jsonLD) writeJSON(w *jsonWriter) {
	w.open('{')
	w.stringMembers("@context", ld.Context, "@type", ld.Type)
	w.optString("@id", ld.ID)
	w.optString("url", ld.URL)
	w.key("name")
	w.string(ld.Name)
	w.optString("legislationIdentifier", ld.Identifier)
	w.optString("legislationDate", ld.Date)
	w.optOrgs("legislationPassedBy", ld.PassedBy)
	w.optString("dateCreated", ld.DateCreated)
	w.optOrgs("author", ld.Author)
	if ld.PageStart != 0 {
		w.key("pageStart")
		w.int(ld.PageStart)
	}
	w.key("inLanguage")
	w.string(ld.InLanguage)
	w.key("isPartOf")
	ld.IsPartOf.writeJSON(w)
	w.close('}')
}

func (part *ldPart) writeJSON(w *jsonWriter) {
	if part == nil {
		w.null()
		return
	}
	w.open('{')
	w.key("@type")
	w.string(part.Type)
	w.optString("name", part.Name)
	w.optString("issueNumber", part.IssueNumber)
	w.optString("volumeNumber", part.VolumeNumber)
	w.optString("datePublished", part.DatePublished)
	if part.Publisher != nil {
		w.key("publisher")
		part.Publisher.writeJSON(w)
	}
	if part.IsPartOf != nil {
		w.key("isPartOf")
		part.IsPartOf.writeJSON(w)
	}
	w.close('}')
}

func (o *ldOrg) writeJSON(w *jsonWriter) {
	w.open('{')
	w.stringMembers("@type", o.Type, "name", o.Name)
	w.close('}')
}

// optString writes the member k: s unless s is empty (omitempty).
func (w *jsonWriter) optString(k, s string) {
	if s != "" {
		w.key(k)
		w.string(s)
	}
}

// optOrgs writes the member k: orgs unless there are none (omitempty).
func (w *jsonWriter) optOrgs(k string, orgs []ldOrg) {
	if len(orgs) == 0 {
		return
	}
	w.key(k)
	w.open('[')
	for i := range orgs {
		w.elem()
		orgs[i].writeJSON(w)
	}
	w.close(']')
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
