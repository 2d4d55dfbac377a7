package browsertest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLanguageSwitcherRoundTrip clicks the language switcher on each key page, over
// HTTP and from disk: from Chinese to the same page in Mongolian and back.
func TestLanguageSwitcherRoundTrip(t *testing.T) {
	for _, mode := range siteModes() {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t)
			for _, kp := range keyPages(t) {
				tb.open(mode.url(kp.path))
				tb.follow(`nav.lang-switch a[hreflang="mn-Mong"]`)
				if got, want := tb.location(), mode.url("mn/"+kp.path); got != want {
					t.Errorf("%s: the switcher's ᠮᠣᠩᠭᠣᠯ led to\n\t%s\nwant\n\t%s", kp.path, got, want)
					continue
				}
				tb.follow(`nav.lang-switch a[hreflang="zh-Hans"]`)
				if got, want := tb.location(), mode.url(kp.path); got != want {
					t.Errorf("mn/%s: the switcher's 中文 led to\n\t%s\nwant\n\t%s", kp.path, got, want)
				}
				tb.expectClean(kp.path)
			}
		})
	}
}

// unmarkedChineseJS lists the Chinese text under the elements sels match (the whole
// body when sels is empty) that no lang="zh-…" element encloses: on a Mongolian page a
// screen reader would read it with a Mongolian voice, and the browser would pick
// fonts for Mongolian.
const unmarkedChineseJS = `((sels) => {
	const han = /\p{Script=Han}/u;
	const roots = sels.length ? sels.flatMap(s => [...document.querySelectorAll(s)]) : [document.body];
	let checked = 0; const bad = [];
	for (const root of roots) {
		const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n; (n = w.nextNode());) {
			if (!han.test(n.data) || n.parentElement.closest("script, style")) continue;
			checked++;
			const l = n.parentElement.closest("[lang]");
			if (!l || !/^zh(-|$)/i.test(l.getAttribute("lang"))) {
				bad.push(n.parentElement.localName + "." + n.parentElement.className + ": " + n.data.trim().slice(0, 30) + " (lang " + (l ? l.getAttribute("lang") : "none") + ")");
			}
		}
	}
	return {checked, bad: bad.slice(0, 8), count: bad.length};
})`

// TestChineseMarkedOnMongolianPages checks that what stays Chinese on the Mongolian
// pages (document titles, 发文字号, section and body names, the untranslated bodies) is
// inside an element marked lang="zh-Hans", on the key pages and the documents index.
func TestChineseMarkedOnMongolianPages(t *testing.T) {
	samples := `[".doc-head h1", ".doc-number", ".doc-section", ".doc-meta dd", ".toc-section h3",
		".toc-title", ".issue-docs a", "nav.breadcrumbs", ".month-nav", ".pager-title", ".doc-body",
		".issue-body", "table.doc-index tbody", ".unresolved dt", "footer.colophon"]`
	tb := newTab(t)
	pages := append(mnKeyPages(t), keyPage{"mn-documents", "mn/documents/index.html"})
	for _, kp := range pages {
		tb.open(h.http(kp.path))
		r := eval[struct {
			Checked int      `json:"checked"`
			Bad     []string `json:"bad"`
			Count   int      `json:"count"`
		}](tb, unmarkedChineseJS+"("+samples+")")
		if r.Checked == 0 {
			t.Errorf("%s: no Chinese text found in the sampled elements; the sample no longer matches the page", kp.path)
		}
		if r.Count > 0 {
			t.Errorf("%s: %d of %d Chinese text runs are not inside a lang=\"zh-Hans\" element:\n\t%s", kp.path, r.Count, r.Checked, strings.Join(r.Bad, "\n\t"))
		}
		tb.expectClean(kp.path)
	}
}

// TestMongolianFallbackBody opens the Mongolian page of a document that has no
// Mongolian translation: a visible notice in Mongolian comes first, then the Chinese
// body, marked lang="zh-Hans", horizontal, in a box of its own that scrolls (and can
// be scrolled from the keyboard), with its tables horizontal too.
func TestMongolianFallbackBody(t *testing.T) {
	tb := newTab(t)
	tb.do("setting the viewport", chromedp.EmulateViewport(1280, 800))
	p := "mn/" + findDoc(t, richDocNumber).Path() + "/index.html"
	tb.open(h.http(p))
	r := eval[struct {
		Notice      string   `json:"notice"`
		NoticeMode  string   `json:"noticeMode"`
		NoticeFirst bool     `json:"noticeFirst"`
		Lang        string   `json:"lang"`
		Mode        string   `json:"mode"`
		OverflowY   string   `json:"overflowY"`
		Scrolls     bool     `json:"scrolls"`
		TabIndex    int      `json:"tabIndex"`
		Box         []int    `json:"box"`
		Tables      []string `json:"tables"`
	}](tb, `(() => {
		const n = document.querySelector(".fallback-notice"), b = document.querySelector(".doc-body");
		const r = b.getBoundingClientRect();
		return {
			notice: n ? n.textContent : "", noticeMode: n ? getComputedStyle(n).writingMode : "",
			noticeFirst: !!n && !!(n.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING),
			lang: b.getAttribute("lang"), mode: getComputedStyle(b).writingMode,
			overflowY: getComputedStyle(b).overflowY, scrolls: b.scrollHeight > b.clientHeight + 1,
			tabIndex: b.tabIndex, box: [r.width, r.height, innerWidth, innerHeight].map(Math.round),
			tables: [...b.querySelectorAll(".table-wrap")].map(w => getComputedStyle(w).writingMode),
		};
	})()`)
	if !strings.ContainsRune(r.Notice, 'ᠬ') || r.NoticeMode != "vertical-lr" || !r.NoticeFirst {
		t.Errorf("%s: fallback notice %q (writing-mode %q, before the body: %v); want Mongolian, vertical, first", p, r.Notice, r.NoticeMode, r.NoticeFirst)
	}
	if r.Lang != "zh-Hans" || r.Mode != "horizontal-tb" {
		t.Errorf("%s: the untranslated body is lang=%q, writing-mode %q; want zh-Hans, horizontal-tb", p, r.Lang, r.Mode)
	}
	if !r.Scrolls || (r.OverflowY != "auto" && r.OverflowY != "scroll") || r.TabIndex != 0 {
		t.Errorf("%s: the Chinese body must scroll in its own box and take the keyboard focus: overflow-y %q, scrolls %v, tabIndex %d", p, r.OverflowY, r.Scrolls, r.TabIndex)
	}
	if r.Box[0] > r.Box[2] || r.Box[1] > r.Box[3] {
		t.Errorf("%s: the Chinese body box is %d×%d px in a %d×%d px window", p, r.Box[0], r.Box[1], r.Box[2], r.Box[3])
	}
	if len(r.Tables) == 0 {
		t.Errorf("%s: no table in the body; the test needs the document with tables", p)
	}
	for i, m := range r.Tables {
		if m != "horizontal-tb" {
			t.Errorf("%s: table %d has writing-mode %q, want horizontal-tb", p, i+1, m)
		}
	}
	tb.expectClean(p)
}

// TestMongolianTranslation builds the site with a Mongolian translation laid over the
// bundled content, in place of the bundled one (testdata/mn-translation: a title and a
// body made of attested forms only) and checks the translated path: the Mongolian title and body
// take the place of the Chinese ones, unmarked (they are in the page's language),
// vertical and in the shipped font, with no fallback notice; the Chinese page is
// unchanged, and the switcher joins the two.
func TestMongolianTranslation(t *testing.T) {
	requireBrowser(t)
	dir := buildWithFixture(t, "testdata/mn-translation")
	srv := httptest.NewServer(siteHandler(dir))
	t.Cleanup(srv.Close)
	root := srv.URL + subPath
	h.extraRoots = append(h.extraRoots, root)
	doc := findDoc(t, "乌政办发〔2023〕29号")
	src, err := os.ReadFile(filepath.Join("testdata/mn-translation", filepath.FromSlash(doc.File[:len(doc.File)-len(".md")]+".mn.md")))
	if err != nil {
		t.Fatal(err)
	}
	title := ""
	for _, line := range strings.Split(string(src), "\n") {
		if v, ok := strings.CutPrefix(line, "title: "); ok {
			title = v
		}
	}
	tb := newTab(t)
	tb.do("setting the viewport", chromedp.EmulateViewport(1280, 800))
	mn := root + "mn/" + doc.Path() + "/index.html"
	tb.open(mn)
	r := eval[struct {
		H1, H1Lang, BodyLang, Mode, Font string
		Notice                           bool
		Para                             []float64
	}](tb, `document.fonts.ready.then(() => {
		const h1 = document.querySelector(".doc-head h1"), b = document.querySelector(".doc-body");
		const p = b.querySelector("p").getClientRects()[0];
		return {
			H1: h1.textContent, H1Lang: h1.closest("[lang]").getAttribute("lang"),
			BodyLang: b.closest("[lang]").getAttribute("lang"), Mode: getComputedStyle(b).writingMode,
			Font: getComputedStyle(b).fontFamily.split(",")[0].replace(/"/g, "").trim(),
			Notice: !!document.querySelector(".fallback-notice"), Para: [p.width, p.height],
		};
	})`)
	if r.H1 != title || r.H1Lang != "mn-Mong" {
		t.Errorf("translated page: h1 %q in lang %q, want the translation's title %q in mn-Mong", r.H1, r.H1Lang, title)
	}
	if r.BodyLang != "mn-Mong" || r.Notice || r.Mode != "vertical-lr" || r.Font != mnFont {
		t.Errorf("translated page: body in lang %q, writing-mode %q, font %q, fallback notice %v; want mn-Mong, vertical-lr, %q, none",
			r.BodyLang, r.Mode, r.Font, r.Notice, mnFont)
	}
	if !(r.Para[1] > 2*r.Para[0]) {
		t.Errorf("translated page: the first line of the body is %.0f×%.0f px; a Mongolian column is taller than wide", r.Para[0], r.Para[1])
	}
	tb.follow(`nav.lang-switch a[hreflang="zh-Hans"]`)
	if got, want := tb.location(), root+doc.Path()+"/index.html"; got != want {
		t.Errorf("the switcher of the translated page led to %s, want %s", got, want)
	}
	if h1 := eval[string](tb, `document.querySelector(".doc-head h1").textContent`); h1 != doc.Title {
		t.Errorf("Chinese page of the translated document: h1 %q, want %q", h1, doc.Title)
	}
	tb.follow(`nav.lang-switch a[hreflang="mn-Mong"]`)
	if got := tb.location(); got != mn {
		t.Errorf("the switcher led back to %s, want %s", got, mn)
	}
	tb.expectClean("translated document")
}

// TestMongolianAccessibility runs axe-core, as TestAccessibility does, on the
// Mongolian home page, issue, document and chronicle.
func TestMongolianAccessibility(t *testing.T) {
	requireBrowser(t)
	axe := axeScript(t)
	for _, kp := range mnKeyPages(t) {
		t.Run(kp.name, func(t *testing.T) {
			tb := newTab(t)
			tb.open(h.http(kp.path))
			tb.do("injecting axe-core", chromedp.Evaluate[chromedp.Void](axe))
			res := eval[struct {
				Violations []axeViolation `json:"violations"`
			}](tb, `axe.run(document, {runOnly: {type: "tag", values: `+axeTags+`}, resultTypes: ["violations"]})
				.then(r => ({violations: r.violations}))`)
			for _, v := range res.Violations {
				msg := fmt.Sprintf("%s: axe %s (%s): %s\n\t%s%s", kp.path, v.ID, v.Impact, v.Help, v.URL, nodeList(v))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
			tb.expectClean(kp.path)
		})
	}
}
