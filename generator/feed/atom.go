// Package feed writes what machines harvest a site by: an Atom feed (RFC 4287),
// sitemap.xml, robots.txt, and the absolute URLs they need.
//
// It takes plain values (a Feed with its Entries, a list of URLs, the site.yaml
// base_url) and gives the bytes of each file. It guarantees well-formed XML in UTF-8
// with every element RFC 4287 requires (feed id, title, updated, author; entry id,
// title, updated, link), and stable ids: TagURI builds RFC 4151 tag: URIs from values
// that do not depend on where the site is hosted, so a feed reader sees the same
// entries whether or not base_url is set, and after the site moves.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Feed is an Atom feed.
type Feed struct {
	ID        string
	Title     string
	Lang      string // BCP 47 tag of the feed's text
	Updated   time.Time
	Author    string // the publisher; entries without authors inherit it
	Self      string // URL of the feed itself, relative to the feed or absolute
	Alternate string // URL of the site's home page in the feed's language
	Entries   []Entry
}

// Entry is one document of the feed.
type Entry struct {
	ID         string
	Title      string
	TitleLang  string // tag of the title's language when it differs from the feed's
	Link       string // the document page, relative to the feed or absolute
	Updated    time.Time
	Authors    []string
	Categories []string
	Summary    string
}

type atomFeed struct {
	XMLName   xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string       `xml:"id"`
	Title     atomText     `xml:"title"`
	Updated   string       `xml:"updated"`
	Authors   []atomPerson `xml:"author"`
	Links     []atomLink   `xml:"link"`
	Generator string       `xml:"generator"`
	Entries   []atomEntry  `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom returns the feed as an Atom document. Entries keep their order.
func (f *Feed) Atom() ([]byte, error) {
	if f.ID == "" || f.Title == "" || f.Author == "" {
		return nil, fmt.Errorf("atom feed: id, title and author are required")
	}
	out := atomFeed{
		Lang: f.Lang, ID: f.ID, Title: text(f.Title, ""), Updated: stamp(f.Updated),
		Authors:   []atomPerson{{Name: f.Author}},
		Generator: "gazette",
	}
	if f.Self != "" {
		out.Links = append(out.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: f.Self})
	}
	if f.Alternate != "" {
		out.Links = append(out.Links, atomLink{Rel: "alternate", Type: "text/html", Href: f.Alternate})
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.Link == "" {
			return nil, fmt.Errorf("atom entry %q: id, title and link are required", e.ID)
		}
		ae := atomEntry{ID: e.ID, Title: text(e.Title, e.TitleLang), Updated: stamp(e.Updated),
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: e.Link}}}
		for _, a := range e.Authors {
			ae.Authors = append(ae.Authors, atomPerson{Name: a})
		}
		for _, c := range e.Categories {
			ae.Categories = append(ae.Categories, atomCategory{Term: c})
		}
		if e.Summary != "" {
			s := text(e.Summary, "")
			ae.Summary = &s
		}
		out.Entries = append(out.Entries, ae)
	}
	return marshal(out)
}

func text(s, lang string) atomText { return atomText{Type: "text", Lang: lang, Text: s} }

// stamp writes a time as RFC 3339 in UTC, the form RFC 4287 requires.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding XML: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// TagURI returns the RFC 4151 tag URI tag:<authority>,<year>:<specific>. authority is
// reduced to a DNS-name-like slug (letters, digits, hyphens and dots); specific is
// percent-encoded where a URI needs it, slashes kept.
func TagURI(authority string, year int, specific string) string {
	var segs []string
	for _, s := range strings.Split(specific, "/") {
		segs = append(segs, url.PathEscape(s))
	}
	return fmt.Sprintf("tag:%s,%04d:%s", authorityName(authority), year, strings.Join(segs, "/"))
}

func authorityName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	name := strings.Trim(b.String(), "-.")
	if name == "" {
		return "gazette"
	}
	return name
}
