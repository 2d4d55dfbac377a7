package feed

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
)

// Base is the absolute URL a site is hosted at (site.yaml base_url), ending in a slash.
// The zero Base means the site does not know where it is hosted.
type Base struct {
	u *url.URL
}

// ParseBase checks base_url: empty, or an absolute http or https URL without query or
// fragment. A missing final slash is added: base_url names a folder.
func ParseBase(s string) (Base, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Base{}, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return Base{}, fmt.Errorf("site.yaml: base_url %q is not an absolute http(s) URL of a folder, e.g. https://example.gov.cn/gazette/", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	return Base{u: u}, nil
}

// IsSet reports whether the site knows its absolute URL.
func (b Base) IsSet() bool { return b.u != nil }

// URL returns the absolute URL of a site path such as 2023/02/x/index.html. A page
// named index.html is given as its folder (…/2023/02/x/), the form static hosts serve
// and people cite. Segments are percent-encoded. It returns "" when the Base is not set.
func (b Base) URL(sitePath string) string {
	if b.u == nil {
		return ""
	}
	if sitePath == "index.html" {
		sitePath = ""
	}
	sitePath = strings.TrimSuffix(sitePath, "/index.html")
	folder := strings.HasSuffix(sitePath, "/") || sitePath == "" || !strings.Contains(lastSegment(sitePath), ".")
	var segs []string
	for _, s := range strings.Split(strings.Trim(sitePath, "/"), "/") {
		if s != "" {
			segs = append(segs, url.PathEscape(s))
		}
	}
	out := b.u.String() + strings.Join(segs, "/")
	if folder && len(segs) > 0 {
		out += "/"
	}
	return out
}

func lastSegment(p string) string {
	if i := strings.LastIndex(strings.TrimSuffix(p, "/"), "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

// Sitemap returns a sitemaps.org sitemap listing urls in the order given.
func Sitemap(urls []string) ([]byte, error) {
	if len(urls) > 50000 {
		return nil, fmt.Errorf("sitemap: %d URLs, more than the 50,000 one sitemap may list", len(urls))
	}
	var s urlset
	for _, u := range urls {
		s.URLs = append(s.URLs, sitemapURL{Loc: u})
	}
	return marshal(s)
}

// Robots returns a robots.txt that allows everything and names the sitemap.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
