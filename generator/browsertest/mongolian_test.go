package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// The Mongolian pages (docs/fonts.md, static/css/mongolian.css): vertical, in the
// shipped font, with every Chinese run marked and untranslated bodies horizontal.

// mnFont is the family static/css/mongolian.css gives the shipped font.
const mnFont = "Gazette Mongolian"

// mnKeyPages are the key pages in Mongolian, under mn/.
func mnKeyPages(t *testing.T) []keyPage {
	t.Helper()
	var out []keyPage
	for _, kp := range keyPages(t) {
		out = append(out, keyPage{"mn-" + kp.name, "mn/" + kp.path})
	}
	return out
}

// verticalJS reports how a Mongolian page is laid out. The masthead title is a run of
// Mongolian text: in vertical-lr each of its line boxes is a column, taller than wide.
const verticalJS = `(() => {
	const wm = sel => { const el = document.querySelector(sel); return el ? getComputedStyle(el).writingMode : ""; };
	const run = document.querySelector(".masthead-title a").getClientRects()[0];
	return {
		lang: document.documentElement.getAttribute("lang"),
		html: wm("html"),
		parts: Object.fromEntries(["nav.site-nav", "nav.lang-switch", "nav.breadcrumbs", "main",
			"section.doc-meta", "nav.toc", "nav.month-nav", ".fallback-notice", "footer.colophon"]
			.filter(s => document.querySelector(s)).map(s => [s, wm(s)])),
		run: [run.width, run.height],
		scrollHeight: document.documentElement.scrollHeight,
		innerHeight: innerHeight,
	};
})()`

type verticalReport struct {
	Lang         string            `json:"lang"`
	HTML         string            `json:"html"`
	Parts        map[string]string `json:"parts"`
	Run          [2]float64        `json:"run"`
	ScrollHeight float64           `json:"scrollHeight"`
	InnerHeight  float64           `json:"innerHeight"`
}

// TestMongolianPagesAreVertical opens the Mongolian home page, issue, document and
// chronicle: each is lang="mn-Mong" and vertical-lr as a whole, navigation, metadata,
// table of contents and month list included; its Mongolian runs are columns taller
// than wide; and the columns fit the window, so the page scrolls only sideways.
func TestMongolianPagesAreVertical(t *testing.T) {
	tb := newTab(t)
	tb.do("setting the viewport", chromedp.EmulateViewport(1280, 800))
	for _, kp := range mnKeyPages(t) {
		tb.open(h.http(kp.path))
		r := eval[verticalReport](tb, verticalJS)
		if r.Lang != "mn-Mong" {
			t.Errorf("%s: <html lang=%q>, want mn-Mong", kp.path, r.Lang)
		}
		if r.HTML != "vertical-lr" {
			t.Errorf("%s: html has writing-mode %q, want vertical-lr", kp.path, r.HTML)
		}
		for sel, wm := range r.Parts {
			if wm != "vertical-lr" {
				t.Errorf("%s: %s has writing-mode %q, want vertical-lr like the page", kp.path, sel, wm)
			}
		}
		if w, ht := r.Run[0], r.Run[1]; !(ht > 2*w) {
			t.Errorf("%s: the Mongolian masthead title runs %.0f×%.0f px: a vertical column is taller than wide", kp.path, w, ht)
		}
		if r.ScrollHeight > r.InnerHeight+1 {
			t.Errorf("%s: the page is %.0f px tall in an %.0f px window: a vertical page should scroll sideways only", kp.path, r.ScrollHeight, r.InnerHeight)
		}
		tb.expectClean(kp.path)
	}
}

// phoneJS measures a vertical page on a phone: it must not be zoomed out to fit its
// width (Chrome does that to pages wider than the screen unless minimum-scale=1), and
// nothing may reach below the window, outside the boxes that scroll by themselves.
const phoneJS = `(() => {
	const de = document.documentElement;
	const scrolls = el => { for (let p = el.parentElement; p && p !== de; p = p.parentElement) {
		if (getComputedStyle(p).overflowY !== "visible") return true; } return false; };
	const below = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.bottom > innerHeight + 1 && r.height > 0 && !scrolls(el) && !el.closest(".visually-hidden")) {
			below.push(el.localName + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " bottom " + Math.round(r.bottom));
		}
	}
	// A column that holds fewer than five characters makes a page absurdly wide.
	const slivers = [];
	for (const el of document.body.querySelectorAll("*")) {
		const cs = getComputedStyle(el);
		if (!cs.writingMode.startsWith("vertical") || cs.display.startsWith("inline") || cs.display === "none" || el.closest(".visually-hidden")) continue;
		const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join("").replace(/\s+/g, "");
		const r = el.getBoundingClientRect();
		if (own.length >= 12 && r.width > 0 && r.height > 0 && r.height < 5 * parseFloat(cs.fontSize)) {
			slivers.push(el.localName + "." + el.className + " " + Math.round(r.height) + " px: " + own.slice(0, 20));
		}
	}
	const box = document.querySelector(".doc-body[lang|=zh]");
	const b = box ? box.getBoundingClientRect() : null;
	return {
		scale: visualViewport.scale, innerWidth, innerHeight,
		scrollWidth: de.scrollWidth, scrollHeight: de.scrollHeight,
		below: below.slice(0, 5), belowCount: below.length, slivers: slivers.slice(0, 5),
		box: b ? [b.width, b.height] : null,
	};
})()`

// TestMongolianPagesOnPhone loads every Mongolian page at 375×812 as a phone. A
// vertical page scrolls sideways there, as it should; it must still open at its real
// size, keep its columns inside the window, keep a horizontal Chinese body inside the
// screen, and not grow absurdly wide: no block of text is squeezed into columns of a
// few characters each.
func TestMongolianPagesOnPhone(t *testing.T) {
	tb := newTab(t)
	tb.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight,
		chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	for _, p := range sitePages(t) {
		if !strings.HasPrefix(p, "mn/") || redirects(t, p) {
			continue
		}
		tb.open(h.http(p))
		r := eval[struct {
			Scale        float64   `json:"scale"`
			InnerWidth   float64   `json:"innerWidth"`
			InnerHeight  float64   `json:"innerHeight"`
			ScrollWidth  float64   `json:"scrollWidth"`
			ScrollHeight float64   `json:"scrollHeight"`
			Below        []string  `json:"below"`
			BelowCount   int       `json:"belowCount"`
			Box          []float64 `json:"box"`
			Slivers      []string  `json:"slivers"`
		}](tb, phoneJS)
		if r.Scale != 1 || r.InnerWidth != phoneWidth {
			t.Errorf("%s: opens zoomed out (scale %.2f, %.0f px wide layout viewport): the text is unreadably small", p, r.Scale, r.InnerWidth)
		}
		if r.ScrollHeight > r.InnerHeight+1 || r.BelowCount > 0 {
			t.Errorf("%s: %.0f px tall in a %.0f px window; %d element(s) reach below it: %q", p, r.ScrollHeight, r.InnerHeight, r.BelowCount, r.Below)
		}
		if len(r.Box) == 2 && (r.Box[0] > r.InnerWidth || r.Box[1] > r.InnerHeight) {
			t.Errorf("%s: the horizontal Chinese body is %.0f×%.0f px, larger than the %.0f×%.0f px screen", p, r.Box[0], r.Box[1], r.InnerWidth, r.InnerHeight)
		}
		if len(r.Slivers) > 0 {
			t.Errorf("%s (%.0f px wide): text squeezed into columns shorter than five characters: %q", p, r.ScrollWidth, r.Slivers)
		}
		tb.expectClean(p)
	}
}

// redirects reports whether a built page only forwards to another (a permanent
// identifier page): it has no layout of its own to check.
func redirects(t *testing.T, p string) bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(h.dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(b), `http-equiv="refresh"`)
}

// fontJS reports, after the fonts have loaded, the shipped face, how many font files
// the page fetched (none: the font is inlined in css/mongolian-font.css, so that it
// loads from file:// too), and the elements whose own text is Mongolian but whose font
// stack does not start with it (the Chromium fallback bug breaks suffixes then).
const fontJS = `document.fonts.ready.then(() => {
	const faces = [...document.fonts].filter(f => f.family.replace(/"/g, "") === ` + "`" + mnFont + "`" + `);
	const fetched = performance.getEntriesByType("resource").filter(e => /\.(woff2?|ttf|otf)$/.test(e.name)).length;
	const mong = /[\u1800-\u18AF]/;
	let checked = 0; const wrong = [];
	for (const el of document.querySelectorAll("body *")) {
		const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join("");
		if (!mong.test(own)) continue;
		checked++;
		const first = getComputedStyle(el).fontFamily.split(",")[0].trim().replace(/^["']|["']$/g, "");
		if (first !== ` + "`" + mnFont + "`" + `) wrong.push(el.localName + "." + el.className + ": " + first);
	}
	return {
		status: faces.map(f => f.status),
		check: document.fonts.check("20px \"` + mnFont + `\"", "ᠮᠣᠩᠭᠣᠯ"),
		fetched, checked, wrong: wrong.slice(0, 5),
	};
})`

// TestMongolianFont checks the shipped font on Mongolian pages, over HTTP and from
// disk: the face loads, from the stylesheet itself (no font file is fetched; see
// TestMongolianFontStylesheet for what it holds), it is the first family of every
// element with Mongolian text, Chromium really draws the Mongolian with it, and
// Chinese runs are drawn with a Chinese font. Chinese pages load none of it.
func TestMongolianFont(t *testing.T) {
	for _, mode := range siteModes() {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t)
			for _, kp := range mnKeyPages(t) {
				tb.open(mode.url(kp.path))
				r := eval[struct {
					Status  []string `json:"status"`
					Check   bool     `json:"check"`
					Fetched int      `json:"fetched"`
					Checked int      `json:"checked"`
					Wrong   []string `json:"wrong"`
				}](tb, fontJS)
				if len(r.Status) != 1 || r.Status[0] != "loaded" || !r.Check {
					t.Errorf("%s: font face %q: status %q, fonts.check %v; want one face, loaded", kp.path, mnFont, r.Status, r.Check)
				}
				if r.Fetched != 0 {
					t.Errorf("%s: fetched %d font files; the font is inlined in css/mongolian-font.css and needs none", kp.path, r.Fetched)
				}
				if r.Checked == 0 || len(r.Wrong) > 0 {
					t.Errorf("%s: of %d elements with Mongolian text, these do not start their font stack with %q: %q", kp.path, r.Checked, mnFont, r.Wrong)
				}
				used := platformFonts(tb, ".masthead-title a")
				if len(used) != 1 || !used[0].IsCustomFont || used[0].FamilyName != "Noto Sans Mongolian" {
					t.Errorf("%s: the Mongolian masthead title is drawn with %s, want only the shipped Noto Sans Mongolian", kp.path, fontList(used))
				}
				tb.expectClean(kp.path)
			}
			// A Chinese run inside a Mongolian page, the 发文字号, is drawn with a
			// Chinese font.
			tb.open(mode.url("mn/" + findDoc(t, richDocNumber).Path() + "/index.html"))
			for _, f := range platformFonts(tb, ".doc-head .doc-number") {
				if f.IsCustomFont {
					t.Errorf("the 发文字号 of a Mongolian page is drawn partly with %s", fontList([]*css.PlatformFontUsage{f}))
				}
			}
			tb.open(mode.url("index.html"))
			zh := eval[struct {
				Fetched int    `json:"fetched"`
				Mode    string `json:"mode"`
			}](tb, `({fetched: performance.getEntriesByType("resource").filter(e => /noto-sans-mongolian|mongolian\.(css|js)/.test(e.name)).length,
				mode: getComputedStyle(document.documentElement).writingMode})`)
			if zh.Fetched != 0 || zh.Mode != "horizontal-tb" {
				t.Errorf("Chinese home page: fetched %d Mongolian assets, writing-mode %q; want none, horizontal-tb", zh.Fetched, zh.Mode)
			}
			tb.expectClean("fonts")
		})
	}
}

// platformFonts asks Chromium which fonts drew the text of the first element sel
// matches.
func platformFonts(tb *tab, sel string) []*css.PlatformFontUsage {
	tb.t.Helper()
	fonts, err := chromedp.Run(tb.ctx, func(ctx context.Context, t *chromedp.Target) ([]*css.PlatformFontUsage, error) {
		if _, err := cdp.Call(ctx, t, dom.Enable, dom.EnableParams{}); err != nil {
			return nil, err
		}
		if _, err := cdp.Call(ctx, t, css.Enable, cdp.Empty{}); err != nil {
			return nil, err
		}
		doc, err := cdp.Call(ctx, t, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return nil, err
		}
		n, err := cdp.Call(ctx, t, dom.QuerySelector, dom.QuerySelectorParams{NodeID: doc.Root.NodeID, Selector: sel})
		if err != nil {
			return nil, err
		}
		if n.NodeID == 0 {
			return nil, fmt.Errorf("no element matches %s", sel)
		}
		r, err := cdp.Call(ctx, t, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: n.NodeID})
		return r.Fonts, err
	})
	if err != nil {
		tb.t.Fatalf("fonts of %s: %v", sel, err)
	}
	return fonts
}

func fontList(fs []*css.PlatformFontUsage) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		kind := "installed"
		if f.IsCustomFont {
			kind = "web font"
		}
		parts[i] = fmt.Sprintf("%s (%s, %.0f glyphs)", f.FamilyName, kind, f.GlyphCount)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
