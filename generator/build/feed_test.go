package build

import (
	"encoding/xml"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/output"
)

// The feeds and the sitemap of issue 10 (docs/data-formats.md), read back as a feed
// reader and a crawler would. archiveContent is in archive_test.go.

// atomFeed is what the tests read back from a feed.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []string `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Authors []string `xml:"author>name"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, tree *output.Tree, p string) atomFeed {
	t.Helper()
	b, ok := tree.Get(p)
	if !ok {
		t.Fatalf("no %s", p)
	}
	var f atomFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s does not parse as Atom: %v", p, err)
	}
	if f.ID == "" || f.Title == "" || f.Updated == "" || len(f.Author) == 0 {
		t.Errorf("%s: feed lacks a required element: %+v", p, f)
	}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "tag:") || e.Title == "" || e.Updated == "" || e.Link.Href == "" {
			t.Errorf("%s: entry lacks a required element: %+v", p, e)
		}
	}
	return f
}

func TestFeedsWithoutBaseURL(t *testing.T) {
	res := buildBundled(t)
	tree := res.Tree
	for _, p := range []string{"feed.xml", "mn/feed.xml"} {
		f := readFeed(t, tree, p)
		if len(f.Entries) != res.Documents {
			t.Errorf("%s: %d entries, want one per document (%d)", p, len(f.Entries), res.Documents)
		}
		for i, e := range f.Entries {
			if i > 0 && e.Updated > f.Entries[i-1].Updated {
				t.Errorf("%s: entry %d (%s) is newer than the one before it", p, i, e.Updated)
			}
			// Without base_url the links are relative to the feed and lead to pages.
			target, err := url.PathUnescape(path.Join(path.Dir(p), e.Link.Href))
			if _, ok := tree.Get(target); err != nil || !ok || strings.Contains(e.Link.Href, ":") {
				t.Errorf("%s: entry link %q does not lead to a page of the site", p, e.Link.Href)
			}
		}
	}
	for _, p := range []string{"sitemap.xml", "robots.txt"} {
		if _, ok := tree.Get(p); ok {
			t.Errorf("%s written without base_url: it needs absolute URLs", p)
		}
	}
	// Every page but 404 links its language's feed.
	home := page(t, tree, "mn/2023/02/index.html")
	if !strings.Contains(home, `<link rel="alternate" type="application/atom+xml" href="../../feed.xml"`) {
		t.Errorf("mn issue page does not link mn/feed.xml")
	}
}

func TestFeedsSitemapWithBaseURL(t *testing.T) {
	tree := buildArchive(t)
	f := readFeed(t, tree, "feed.xml")
	want := []string{ // by date, newest first; the same date: the newer issue first
		"tag:ce-shi-gong-bao,2023:2023/02/dashiji",
		"tag:ce-shi-gong-bao,2023:2023/03/wu-zheng-fa-2023-12-hao",
		"tag:ce-shi-gong-bao,2023:2023/02/wu-zheng-fa-2023-di-09-hao",
	}
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("feed entries\n%q\nwant\n%q", got, want)
	}
	if f.ID != "tag:ce-shi-gong-bao,2023:feed.xml" || f.Updated != "2023-09-30T00:00:00Z" {
		t.Errorf("feed id %q updated %q", f.ID, f.Updated)
	}
	if e := f.Entries[2]; e.Link.Href != "https://example.gov.cn/gazette/2023/02/wu-zheng-fa-2023-di-09-hao/" || strings.Join(e.Authors, ",") != "甲局,乙局" {
		t.Errorf("entry with base_url: link %q, authors %q", e.Link.Href, e.Authors)
	}
	mn := readFeed(t, tree, "mn/feed.xml")
	if mn.Entries[2].ID != "tag:ce-shi-gong-bao,2023:mn/2023/02/wu-zheng-fa-2023-di-09-hao" || mn.Entries[2].Title != "ᠮᠡᠳᠡᠭᠳᠡᠯ" {
		t.Errorf("mn feed entry: %+v", mn.Entries[2])
	}

	// The ids do not depend on base_url: the same content without it gives the same ids.
	in := bundled()
	c := archiveContent()
	c["site.yaml"] = &fstest.MapFile{Data: []byte("title: {zh: 测试公报, mn: \"ᠲᠧᠰᠲ\"}\nlanguages: [zh, mn]\npublisher: {zh: 测试办公室}\n")}
	in.Content = c
	res, err := Site(in)
	if err != nil {
		t.Fatal(err)
	}
	plain := readFeed(t, res.Tree, "feed.xml")
	for i := range plain.Entries {
		if plain.Entries[i].ID != f.Entries[i].ID {
			t.Errorf("entry id changes with base_url: %q / %q", plain.Entries[i].ID, f.Entries[i].ID)
		}
	}

	var sm struct {
		Locs []string `xml:"url>loc"`
	}
	b, _ := tree.Get("sitemap.xml")
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	var pages []string
	for _, p := range tree.Paths() {
		if strings.HasSuffix(p, ".html") && path.Base(p) != "404.html" && !strings.HasPrefix(strings.TrimPrefix(p, "mn/"), "id/") {
			pages = append(pages, p)
		}
	}
	if len(sm.Locs) != len(pages) {
		t.Errorf("sitemap lists %d URLs, the site has %d pages to list", len(sm.Locs), len(pages))
	}
	for _, l := range sm.Locs {
		if !strings.HasPrefix(l, "https://example.gov.cn/gazette/") || strings.Contains(l, "/id/") || strings.HasSuffix(l, "404.html") {
			t.Errorf("sitemap URL %q", l)
		}
	}
	if !slices.Contains(sm.Locs, "https://example.gov.cn/gazette/mn/2023/03/wu-zheng-fa-2023-12-hao/source/") {
		t.Errorf("sitemap lacks the mn source view")
	}
	robots, _ := tree.Get("robots.txt")
	if !strings.Contains(string(robots), "\nSitemap: https://example.gov.cn/gazette/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
	// Canonical links and the citation use the absolute URLs.
	doc := page(t, tree, "2023/02/wu-zheng-fa-2023-di-09-hao/index.html")
	for _, want := range []string{
		`<link rel="canonical" href="https://example.gov.cn/gazette/2023/02/wu-zheng-fa-2023-di-09-hao/">`,
		`[Z/OL]. 测试公报, 2023(2): 3. https://example.gov.cn/gazette/id/%E4%B9%8C%E6%94%BF%E5%8F%91-2023-9/.`,
		`<meta name="SiteDomain" content="example.gov.cn">`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
}
