package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"testing"

	"gazette/generator/permid"
)

// testInputs are the bundled content and a synthetic gazette, as rendering is given
// them.
func testInputs(t *testing.T) map[string]Input {
	t.Helper()
	docs := 1000
	if testing.Short() {
		docs = 100
	}
	return map[string]Input{
		"bundled":   contentInput(t, os.DirFS("../../content")),
		"synthetic": synthInput(t, docs),
	}
}

// TestPrecomputedFields: what the views and pages hold for the layouts to read as
// fields is what the methods it stands for give (LangAttr, Link), so that layouts may
// use either.
func TestPrecomputedFields(t *testing.T) {
	for name, in := range testInputs(t) {
		t.Run(name, func(t *testing.T) {
			l, err := LoadLayouts(os.DirFS("../../layouts"), in.Site.Config.Languages)
			if err != nil {
				t.Fatal(err)
			}
			for _, sv := range l.Views(in).svs {
				srcs := docSources{}
				attr := func(what string, got template.HTMLAttr, tag string) {
					t.Helper()
					if want := sv.langAttr(tag); got != want {
						t.Errorf("%s %s: %q, want %q", sv.lang.Code, what, got, want)
					}
				}
				attr("source", sv.page("home", "", "").SourceAttr, sv.source.Tag)
				for _, iv := range sv.Issues {
					attr(iv.Path+" title", iv.TitleAttr, iv.TitleLang)
					for _, s := range iv.Sections {
						attr(iv.Path+" section "+s.Name, s.TitleAttr, s.TitleLang)
					}
				}
				for _, dv := range sv.views {
					attr(dv.Path+" title", dv.TitleAttr, dv.TitleLang)
					attr(dv.Path+" section", dv.SectionAttr, dv.SectionLang)
					attr(dv.Path+" issuers", dv.IssuersAttr, dv.IssuersLang)
					attr(dv.Path+" addressees", dv.AddresseesAttr, dv.AddresseesLang)
					attr(dv.Path+" body", dv.BodyAttr, dv.BodyLang)
					if len(dv.IssuerRefs) != len(dv.Issuers) {
						t.Fatalf("%s: %d issuer refs for %d issuers", dv.Path, len(dv.IssuerRefs), len(dv.Issuers))
					}
					for i, r := range dv.IssuerRefs {
						if r.Path != dv.Issuers[i].Path || r.Name != dv.IssuerNames[i] {
							t.Errorf("%s: issuer %d is %+v, want %s %s", dv.Path, i, r, dv.Issuers[i].Path, dv.IssuerNames[i])
						}
					}
					links(t, sv, dv)
					p := sv.sourcePage(dv, srcs.get(in.Content, sv.sourceFile(dv)))
					if err := p.prepare(); err != nil {
						t.Fatal(err)
					}
					if want := p.Link(dv.Path); p.DocHref != want {
						t.Errorf("%s: DocHref %s, want %s", p.Path, p.DocHref, want)
					}
					if want := fmt.Sprintf(sv.str("source_download"), p.SourceName); p.SourceDownload != want {
						t.Errorf("%s: SourceDownload %q, want %q", p.Path, p.SourceDownload, want)
					}
					for _, c := range p.Breadcrumbs {
						if want := p.Link(c.Path); !c.Current && c.Href != want {
							t.Errorf("%s: breadcrumb %s links to %s, want %s", p.Path, c.Path, c.Href, want)
						}
						attr(p.Path+" breadcrumb "+c.Path, c.TitleAttr, c.Lang)
					}
				}
			}
		})
	}
}

// links checks the links of the pages of dv that prepare sets against Link and Asset.
func links(t *testing.T, sv *siteView, dv *DocView) {
	t.Helper()
	check := func(p *Page, what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s %s: %s is %q, want %q", sv.lang.Code, p.Path, what, got, want)
		}
	}
	p := sv.documentPage(dv, sv.docInfo(dv, permid.Of(dv.Number)))
	if err := p.prepare(); err != nil {
		t.Fatal(err)
	}
	if !p.IsDocument {
		t.Errorf("%s: IsDocument not set", p.Path)
	}
	check(p, "CiteScript", p.CiteScript, p.Asset("js/cite.js"))
	check(p, "IssueHref", p.IssueHref, p.Link(dv.issue.Path))
	if len(p.IssuerLinks) != len(dv.IssuerRefs) || len(p.CitedBy) != len(dv.CitedBy) {
		t.Fatalf("%s: %d issuer links, %d citing, want %d, %d", p.Path, len(p.IssuerLinks), len(p.CitedBy), len(dv.IssuerRefs), len(dv.CitedBy))
	}
	for i, r := range dv.IssuerRefs {
		check(p, "issuer link", p.IssuerLinks[i].Href+" "+p.IssuerLinks[i].Name, p.Link(r.Path)+" "+r.Name)
	}
	for i, c := range dv.CitedBy {
		check(p, "citing link", p.CitedBy[i].Href, p.Link(c.Path))
		if p.CitedBy[i].Doc != c {
			t.Errorf("%s: citing document %d is %s, want %s", p.Path, i, p.CitedBy[i].Doc.Path, c.Path)
		}
	}
	for _, n := range []struct {
		link *DocLink
		dv   *DocView
	}{{p.Prev, dv.Prev}, {p.Next, dv.Next}} {
		if (n.link == nil) != (n.dv == nil) || n.link != nil && (n.link.Doc != n.dv || n.link.Href != p.Link(n.dv.Path)) {
			t.Errorf("%s: pager link %+v, want one to %+v", p.Path, n.link, n.dv)
		}
	}
	timeline := ""
	if dv.IsChronicle {
		timeline = p.Link("timeline")
	}
	check(p, "TimelineHref", p.TimelineHref, timeline)
	pageText := ""
	if dv.Page != 0 {
		pageText = fmt.Sprintf(sv.str("page_n"), dv.Page)
	}
	check(p, "PageText", dv.PageText, pageText)
	if r := sv.redirectPage(dv, p.info); r != nil {
		if err := r.prepare(); err != nil {
			t.Fatal(err)
		}
		check(r, "DocHref", r.DocHref, r.Link(dv.Path))
	}
}

// TestTitleAddsSite: <title> is the page's title with the site's after it, unless
// it starts with the site's title; the site's title alone on a page without one.
func TestTitleAddsSite(t *testing.T) {
	sv := &siteView{SiteTitle: "乌审旗人民政府公报"}
	for _, tc := range []struct {
		title string
		want  bool
	}{
		{"", false}, {"关于印发的通知", true}, {"乌审旗人民政府公报 2023年第2期", false}, {"乌审旗", true},
	} {
		p := sv.page("404", "404", tc.title)
		if err := p.prepare(); err != nil {
			t.Fatal(err)
		}
		if p.TitleAddsSite != tc.want {
			t.Errorf("%q: TitleAddsSite %v, want %v", tc.title, p.TitleAddsSite, tc.want)
		}
	}
}

// TestJSONLD: the JSON-LD of every document page of the bundled content and of a
// synthetic gazette is what html/template writes for the jsonLD value itself
// (encoding/json), and so are descriptions with every field set or empty and strings
// full of escapes.
func TestJSONLD(t *testing.T) {
	check := func(ld *jsonLD) {
		t.Helper()
		want, err := json.Marshal(ld)
		if err != nil {
			t.Fatal(err)
		}
		w := jsonWriter{}
		ld.writeJSON(&w)
		if !bytes.Equal(w.buf, want) {
			t.Errorf("got\n%s\nwant\n%s", w.buf, want)
		}
	}
	check(&jsonLD{})
	for _, s := range hostileStrings {
		org := &ldOrg{Type: s, Name: s}
		check(&jsonLD{Context: s, Type: s, ID: s, URL: s, Name: s, Identifier: s, Date: s,
			PassedBy: []ldOrg{*org, {}}, DateCreated: s, Author: []ldOrg{*org}, PageStart: 7, InLanguage: s,
			IsPartOf: &ldPart{Type: s, Name: s, IssueNumber: s, VolumeNumber: s, DatePublished: s, Publisher: org,
				IsPartOf: &ldPart{Type: s}}})
	}
	for name, in := range testInputs(t) {
		t.Run(name, func(t *testing.T) {
			l, err := LoadLayouts(os.DirFS("../../layouts"), in.Site.Config.Languages)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, sv := range l.Views(in).svs {
				for _, dv := range sv.views {
					p := sv.documentPage(dv, sv.docInfo(dv, permid.Of(dv.Number)))
					if err := p.prepare(); err != nil {
						t.Fatal(err)
					}
					ld := p.jsonLDData()
					check(ld)
					if want, _ := json.Marshal(ld); string(p.JSONLD) != string(want) {
						t.Errorf("%s: the page's JSON-LD is\n%s\nwant\n%s", dv.Path, p.JSONLD, want)
					}
					n++
				}
			}
			if n == 0 {
				t.Fatal("no documents")
			}
		})
	}
}
