package browsertest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gazette/generator/permid"
)

// Browser checks of issue 10's archive features: the "cite this document" block and its
// copy button, the permanent identifier pages (id/<identifier>/), and the document page
// printed to PDF.

// readRedirectLinks reads the links of an identifier page without opening it: the page
// sends the browser on at once, so TestEveryLinkResolves could not read it after its
// load. The tab fetches the file and parses it with DOMParser, which runs no refresh,
// then reads it with readLinksJS. The tab must be on a page of the site over HTTP.
func readRedirectLinks(tb *tab, p string) pageLinks {
	tb.t.Helper()
	js := `(async () => {
		const res = await fetch(` + jsString(h.http(p)) + `);
		if (!res.ok) throw new Error("HTTP " + res.status);
		const doc = new DOMParser().parseFromString(await res.text(), "text/html");
		return (function (document) { return ` + readLinksJS + ` })(doc);
	})()`
	return eval[pageLinks](tb, js)
}

// idPage is the identifier page of a document, as a site path, in a language root.
func idPage(root, number string) string {
	return root + permid.Dir(permid.Of(number)) + "/index.html"
}

// encodePath percent-encodes a site path the way a link does, for URLs compared with the
// browser's location.
func encodePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// TestIdentifierRedirect opens each identifier page, over HTTP under the sub-path and
// from disk, in both languages, and waits for the browser to arrive at the document.
func TestIdentifierRedirect(t *testing.T) {
	doc := findDoc(t, clickDocNumber)
	for _, mode := range siteModes() {
		for _, root := range []string{"", "mn/"} {
			t.Run(mode.name+"/"+langName(root), func(t *testing.T) {
				tb := newTab(t)
				from := mode.url(encodePath(idPage(root, clickDocNumber)))
				want := mode.url(root + doc.Path() + "/index.html")
				tb.open(from)
				if loc := tb.awaitLocation(want, 10*time.Second); loc != want {
					t.Fatalf("%s stayed at / went to\n\t%s\nwant\n\t%s", from, loc, want)
				}
				// Wait for the document's own load before reading it.
				tb.do("waiting for the document", chromedp.WaitReady("body"))
				number := eval[string](tb, `(document.querySelector(".doc-number") || {}).textContent || ""`)
				if number != clickDocNumber {
					t.Errorf("arrived at a page with 发文字号 %q, want %q", number, clickDocNumber)
				}
				tb.expectClean(from)
			})
		}
	}
}

// TestIdentifierPageWithoutRefresh reads an identifier page as a harvester that does not
// follow <meta http-equiv="refresh"> would: it names the document and links to it.
func TestIdentifierPageWithoutRefresh(t *testing.T) {
	doc := findDoc(t, richDocNumber)
	tb := newTab(t)
	tb.open(h.http("index.html"))
	p := idPage("", richDocNumber)
	pl := readRedirectLinks(tb, p)
	var canonical, visible bool
	for _, l := range pl.Links {
		target, _, problem := linkTarget(p, l.Value)
		if problem != "" {
			t.Errorf("%s: <%s %s=%q>: %s", p, l.Tag, l.Attr, l.Value, problem)
			continue
		}
		if target != doc.Path()+"/index.html" {
			continue
		}
		switch {
		case l.Tag == "link" && l.Rel == "canonical":
			canonical = true
		case l.Tag == "a":
			visible = true
		}
	}
	if !canonical || !visible {
		t.Errorf("%s: rel=canonical to the document %v, visible link to it %v", p, canonical, visible)
	}
	tb.expectClean(p)
}

// citeState is the citation block as a reader sees it.
type citeState struct {
	Text    string `json:"text"`
	Buttons int    `json:"buttons"`
	Status  string `json:"status"`
	Live    string `json:"live"`
	Copied  string `json:"copied"`
	Select  string `json:"select"`
	ID      string `json:"id"`
	IDHref  string `json:"idHref"`
}

const citeStateJS = `(() => {
	const block = document.querySelector("section.cite[data-cite]");
	if (!block) return null;
	const text = block.querySelector("[data-cite-text]");
	const status = block.querySelector("[data-cite-status]");
	const id = block.querySelector(".cite-id a");
	return {
		text: text.textContent, buttons: block.querySelectorAll("button").length,
		status: status.textContent, live: status.getAttribute("aria-live") || "",
		copied: block.getAttribute("data-copied-label"),
		select: getComputedStyle(text).userSelect,
		id: id ? id.textContent : "", idHref: id ? id.getAttribute("href") : "",
	};
})()`

// TestCiteCopyButton clicks the copy button of the 医保 notice, over HTTP and from
// disk, and checks that the citation reached the clipboard and that the live region
// says so.
func TestCiteCopyButton(t *testing.T) {
	doc := findDoc(t, richDocNumber)
	for _, mode := range siteModes() {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t)
			for _, name := range []string{"clipboard-read", "clipboard-write"} {
				if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
					Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted,
				}); err != nil {
					t.Fatalf("granting %s: %v", name, err)
				}
			}
			if _, err := chromedp.Call(tb.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
				t.Fatal(err)
			}
			tb.open(mode.url(doc.Path() + "/index.html"))
			before := eval[*citeState](tb, citeStateJS)
			if before == nil {
				t.Fatal("the document page has no section.cite[data-cite]")
			}
			if before.Buttons != 1 || before.Status != "" || before.Live != "polite" {
				t.Fatalf("before the click: %+v; want one button, an empty polite live region", before)
			}
			if !strings.Contains(before.Text, doc.Number+"[Z]") || !strings.Contains(before.Text, "2023(2): 18.") {
				t.Errorf("the citation %q is not in GB/T 7714 form with the number and printed page", before.Text)
			}
			if before.ID != permid.Of(doc.Number) {
				t.Errorf("the citation block shows the identifier %q, want %q", before.ID, permid.Of(doc.Number))
			}
			tb.follow0("section.cite button")
			var after *citeState
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if after = eval[*citeState](tb, citeStateJS); after.Status != "" {
					break
				}
			}
			if after.Status != after.Copied {
				t.Fatalf("after the click the live region says %q, want %q", after.Status, after.Copied)
			}
			clip := eval[string](tb, `navigator.clipboard.readText()`)
			if want := strings.Join(strings.Fields(before.Text), " "); clip != want {
				t.Errorf("clipboard holds\n\t%q\nwant the citation\n\t%q", clip, want)
			}
			tb.expectClean(mode.name)
		})
	}
}

// follow0 clicks the first element sel matches without waiting for a navigation.
func (tb *tab) follow0(sel string) {
	tb.t.Helper()
	tb.do("clicking "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// TestCiteWithoutJavaScript: without scripts there is no button that could not work, and
// the citation is text a reader can select and copy.
func TestCiteWithoutJavaScript(t *testing.T) {
	doc := findDoc(t, richDocNumber)
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.open(h.http(doc.Path() + "/index.html"))
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	st := eval[*citeState](tb, citeStateJS)
	if st == nil || st.Buttons != 0 || st.Text == "" || st.Select == "none" {
		t.Errorf("without JavaScript the citation block is %+v; want the text, selectable, and no button", st)
	}
	tb.expectClean("document without JavaScript")
}

// printState is a document page as print media lays it out.
type printState struct {
	Hidden  map[string]bool    `json:"hidden"`  // selector → display:none (or absent)
	Shown   map[string]bool    `json:"shown"`   // selector → present and displayed
	Rule    string             `json:"rule"`    // the 发文字号 line's bottom border
	Indent  float64            `json:"indent"`  // a body paragraph's first-line indent, in font sizes
	THead   string             `json:"thead"`   // a table head's display
	Sizes   map[string]float64 `json:"sizes"`   // font sizes in px
	Centred map[string]bool    `json:"centred"` // text-align center
	Above   bool               `json:"above"`   // the 发文字号 line comes before the title
	Width   float64            `json:"width"`   // the rule's width over the body's
}

const printStateJS = `(() => {
	const vis = sel => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== "none" && el.getClientRects().length > 0; };
	const hidden = {}, shown = {}, sizes = {}, centred = {};
	for (const sel of [".skip", ".site-nav", ".lang-switch", ".site-search", ".breadcrumbs", ".pager", ".cite", ".doc-meta", ".colophon", ".table-csv", ".doc-formats"]) hidden[sel] = !vis(sel);
	for (const sel of [".masthead-title", "h1", ".doc-number", ".doc-body"]) shown[sel] = vis(sel);
	for (const sel of ["h1", ".doc-number", ".doc-body p"]) {
		const el = document.querySelector(sel);
		sizes[sel] = el ? parseFloat(getComputedStyle(el).fontSize) : 0;
		centred[sel] = el ? getComputedStyle(el).textAlign === "center" : false;
	}
	const num = getComputedStyle(document.querySelector(".doc-number"));
	const p = Array.from(document.querySelectorAll(".doc-body > p")).find(p => !p.className);
	const ps = getComputedStyle(p);
	const thead = document.querySelector(".doc-body thead");
	const nr = document.querySelector(".doc-number").getBoundingClientRect();
	const hr = document.querySelector("h1").getBoundingClientRect();
	const br = document.querySelector(".doc-body").getBoundingClientRect();
	return {
		above: nr.bottom <= hr.top, width: nr.width / br.width,
		hidden, shown, sizes, centred,
		rule: num.borderBottomStyle + " " + num.borderBottomColor,
		indent: parseFloat(ps.textIndent) / parseFloat(ps.fontSize),
		thead: thead ? getComputedStyle(thead).display : "",
	};
})()`

// TestPrintDocument lays out the 医保 notice for print and prints it to PDF (A4, as
// the print stylesheet asks): no navigation or other screen chrome; the masthead, then
// the 发文字号 over a full-width red rule, then the title, as GB/T 9704 orders them;
// body paragraphs indented two characters,
// table heads repeated on every page. With GAZETTE_SHOTS set the PDF is written there.
func TestPrintDocument(t *testing.T) {
	doc := findDoc(t, richDocNumber)
	tb := newTab(t)
	tb.open(h.http(doc.Path() + "/index.html"))
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	st := eval[printState](tb, printStateJS)
	for sel, ok := range st.Hidden {
		if !ok {
			t.Errorf("print: %s is printed; it is screen chrome", sel)
		}
	}
	for sel, ok := range st.Shown {
		if !ok {
			t.Errorf("print: %s is not printed", sel)
		}
	}
	var r, g, b int
	if _, err := fmt.Sscanf(st.Rule, "solid rgb(%d, %d, %d)", &r, &g, &b); err != nil || r < 150 || g > 60 || b > 60 {
		t.Errorf("print: the 发文字号 line's rule is %q, want a solid red rule", st.Rule)
	}
	if !st.Above || st.Width < 0.95 {
		t.Errorf("print: the 发文字号 line comes before the title %v, its rule spans %.0f%% of the body; GB/T 9704 puts the number and a full-width red rule above the title", st.Above, 100*st.Width)
	}
	if st.Indent < 1.9 || st.Indent > 2.1 {
		t.Errorf("print: body paragraphs are indented %.2f characters, want 2", st.Indent)
	}
	if st.THead != "table-header-group" {
		t.Errorf("print: table heads display as %q, want table-header-group (repeated on every page)", st.THead)
	}
	// 二号 (22pt) title over 三号 (16pt) text, centred.
	if px := st.Sizes["h1"]; px < 29 || px > 30 {
		t.Errorf("print: the title is %.1f px, want 22pt (29.3 px)", px)
	}
	if px := st.Sizes[".doc-body p"]; px < 21 || px > 22 {
		t.Errorf("print: body text is %.1f px, want 16pt (21.3 px)", px)
	}
	if !st.Centred["h1"] || !st.Centred[".doc-number"] {
		t.Errorf("print: title and 发文字号 are not centred: %v", st.Centred)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	yes := true
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { p.PreferCSSPageSize = &yes }))
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("the printed document is not a PDF: %.20q", pdf)
	}
	// Chromium writes one /Type /Page object per page; the notice with its three
	// tables is several pages long, on A4 (595 × 842 pt).
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < 3 {
		t.Errorf("the PDF has %d pages; the notice with its tables should fill several", pages)
	}
	if !regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+59[45]\.\d+\s+84[12]\.\d+`).Match(pdf) {
		t.Errorf("the PDF's pages are not A4 (595 × 842 pt): @page size was not honoured")
	}
	if dir := os.Getenv("GAZETTE_SHOTS"); dir != "" {
		name := filepath.Join(dir, "document-print.pdf")
		if err := os.WriteFile(name, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d pages)", name, pages)
	}
	tb.expectClean(fmt.Sprintf("printing %s", doc.Path()))
}

// langName names a language root in test names: zh for the site root.
func langName(root string) string {
	if root == "" {
		return "zh"
	}
	return strings.TrimSuffix(root, "/")
}

// TestArchiveAccessibility runs axe-core's WCAG 2.1 A and AA rules, as
// TestAccessibility does for the key pages, on the source views of the 医保 notice in
// both languages, and on its page after the copy button was clicked (the button and
// the filled live region exist only then).
func TestArchiveAccessibility(t *testing.T) {
	requireBrowser(t)
	axe := axeScript(t)
	doc := findDoc(t, richDocNumber)
	for _, tc := range []struct{ name, path, click string }{
		{"source", doc.Path() + "/source/index.html", ""},
		{"mn-source", "mn/" + doc.Path() + "/source/index.html", ""},
		{"copied", doc.Path() + "/index.html", "section.cite button"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := newTab(t)
			tb.open(h.http(tc.path))
			if tc.click != "" {
				tb.follow0(tc.click)
			}
			tb.do("injecting axe-core", chromedp.Evaluate[chromedp.Void](axe))
			res := eval[struct {
				Violations []axeViolation `json:"violations"`
			}](tb, `axe.run(document, {runOnly: {type: "tag", values: `+axeTags+`}, resultTypes: ["violations"]}).then(r => ({violations: r.violations}))`)
			for _, v := range res.Violations {
				msg := fmt.Sprintf("%s: axe %s (%s): %s\n\t%s%s", tc.path, v.ID, v.Impact, v.Help, v.URL, nodeList(v))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
			tb.expectClean(tc.path)
		})
	}
}
