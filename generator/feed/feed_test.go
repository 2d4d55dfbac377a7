package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

// parsedFeed is the Atom feed as a consumer reads it back.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []string `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID    string `xml:"id"`
		Title struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Text string `xml:",chardata"`
		} `xml:"title"`
		Updated string   `xml:"updated"`
		Authors []string `xml:"author>name"`
		Link    struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Category []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func TestAtomRoundTrip(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	f := &Feed{
		ID: TagURI("Wu Shen Qi", 2023, "feed.xml"), Title: "乌审旗人民政府公报 & <更新>", Lang: "zh-Hans",
		Updated: day("2023-06-30"), Author: "乌审旗人民政府办公室", Self: "feed.xml", Alternate: "index.html",
		Entries: []Entry{
			{ID: TagURI("Wu Shen Qi", 2023, "2023/02/a"), Title: "关于</title>的通知", Link: "2023/02/a/index.html",
				Updated: day("2023-04-23"), Authors: []string{"甲", "乙"}, Categories: []string{"政府文件"}, Summary: "乌政发〔2023〕9号"},
			{ID: TagURI("Wu Shen Qi", 2023, "2023/02/b"), Title: "ᠮᠣᠩᠭᠣᠯ", TitleLang: "mn-Mong", Link: "2023/02/b/index.html",
				Updated: day("2023-04-12")},
		},
	}
	b, err := f.Atom()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration: %.60s", b)
	}
	var got parsedFeed
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, b)
	}
	if got.ID != "tag:wu-shen-qi,2023:feed.xml" || got.Title != f.Title || got.Lang != "zh-Hans" ||
		got.Updated != "2023-06-30T00:00:00Z" || len(got.Author) != 1 || got.Author[0] != f.Author {
		t.Errorf("feed head read back as %+v", got)
	}
	if len(got.Links) != 2 || got.Links[0].Rel != "self" || got.Links[0].Href != "feed.xml" || got.Links[1].Rel != "alternate" {
		t.Errorf("feed links: %+v", got.Links)
	}
	if len(got.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(got.Entries))
	}
	e := got.Entries[0]
	if e.ID != "tag:wu-shen-qi,2023:2023/02/a" || e.Title.Text != "关于</title>的通知" || e.Updated != "2023-04-23T00:00:00Z" ||
		e.Link.Rel != "alternate" || e.Link.Href != "2023/02/a/index.html" || strings.Join(e.Authors, ",") != "甲,乙" ||
		len(e.Category) != 1 || e.Category[0].Term != "政府文件" || e.Summary != "乌政发〔2023〕9号" {
		t.Errorf("entry read back as %+v", e)
	}
	if got.Entries[1].Title.Lang != "mn-Mong" || got.Entries[1].Title.Text != "ᠮᠣᠩᠭᠣᠯ" {
		t.Errorf("second entry title read back as %+v", got.Entries[1].Title)
	}
}

func TestAtomRequires(t *testing.T) {
	for _, f := range []Feed{
		{Title: "t", Author: "a"},
		{ID: "i", Author: "a"},
		{ID: "i", Title: "t"},
		{ID: "i", Title: "t", Author: "a", Entries: []Entry{{ID: "e", Title: "t"}}},
	} {
		if _, err := f.Atom(); err == nil {
			t.Errorf("%+v: no error for a missing required element", f)
		}
	}
}

func TestTagURI(t *testing.T) {
	for _, tt := range []struct {
		auth, spec string
		year       int
		want       string
	}{
		{"wu-shen-qi-ren-min-zheng-fu-gong-bao", "2023/02/wu-zheng-fa-2023-9-hao", 2023, "tag:wu-shen-qi-ren-min-zheng-fu-gong-bao,2023:2023/02/wu-zheng-fa-2023-9-hao"},
		{"Example.GOV.cn", "mn/feed.xml", 1999, "tag:example.gov.cn,1999:mn/feed.xml"},
		{"乌审旗", "id/乌政发-2023-9", 2023, "tag:gazette,2023:id/%E4%B9%8C%E6%94%BF%E5%8F%91-2023-9"},
		{"a b__c", "x y", 2023, "tag:a-b-c,2023:x%20y"},
	} {
		if got := TagURI(tt.auth, tt.year, tt.spec); got != tt.want {
			t.Errorf("TagURI(%q, %d, %q) = %q, want %q", tt.auth, tt.year, tt.spec, got, tt.want)
		}
	}
}

func TestBase(t *testing.T) {
	b, err := ParseBase("https://example.gov.cn/gazette")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{"index.html", "https://example.gov.cn/gazette/"},
		{"", "https://example.gov.cn/gazette/"},
		{"2023/02/x/index.html", "https://example.gov.cn/gazette/2023/02/x/"},
		{"mn/index.html", "https://example.gov.cn/gazette/mn/"},
		{"id/乌政发-2023-9", "https://example.gov.cn/gazette/id/%E4%B9%8C%E6%94%BF%E5%8F%91-2023-9/"},
		{"sitemap.xml", "https://example.gov.cn/gazette/sitemap.xml"},
		{"2023/02/x/tbl-1.csv", "https://example.gov.cn/gazette/2023/02/x/tbl-1.csv"},
	} {
		if got := b.URL(tt.path); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
	if (Base{}).URL("index.html") != "" || (Base{}).IsSet() {
		t.Error("the zero Base makes URLs")
	}
	for _, bad := range []string{"example.gov.cn", "/gazette/", "ftp://x/", "https://x/?a=1", "https://x/#f", "https://u:p@x/", "https:///x"} {
		if _, err := ParseBase(bad); err == nil {
			t.Errorf("ParseBase(%q) accepted", bad)
		}
	}
	if b, err := ParseBase(""); err != nil || b.IsSet() {
		t.Errorf("ParseBase(\"\") = %v, %v", b, err)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	urls := []string{"https://example.gov.cn/g/", "https://example.gov.cn/g/a?x=1&y=<2>"}
	b, err := Sitemap(urls)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		Locs    []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, b)
	}
	if strings.Join(got.Locs, " ") != strings.Join(urls, " ") {
		t.Errorf("sitemap locs %q, want %q", got.Locs, urls)
	}
	r := string(Robots("https://example.gov.cn/g/sitemap.xml"))
	if !strings.Contains(r, "User-agent: *\n") || !strings.HasSuffix(r, "\nSitemap: https://example.gov.cn/g/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", r)
	}
}
