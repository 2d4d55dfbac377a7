package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/markdown"
)

const timelinePage = "timeline/index.html"

// contentEvents lists every chronicle event of the content, read with the chronicle
// extension alone, as "<chronicle folder>#<anchor>" with the event's text: what the
// timeline must show, computed without the site's build.
func contentEvents(t *testing.T) (keys []string, texts map[string]string) {
	t.Helper()
	md := markdown.New(markdown.Options{Extensions: []goldmark.Extender{chronicle.New()}})
	texts = map[string]string{}
	for _, is := range h.site.Issues {
		for _, d := range is.Documents {
			if !d.IsChronicle() {
				continue
			}
			year := is.Year
			doc, diags := md.Convert(d.File, d.Body, func(pc parser.Context) { chronicle.Enable(pc, year) })
			if len(diags) > 0 {
				t.Fatalf("reading %s: %v", d.File, diags)
			}
			for _, ev := range chronicle.Events(doc.Context) {
				k := d.Path() + "#" + ev.Anchor
				keys = append(keys, k)
				texts[k] = ev.Text(doc.Source)
			}
		}
	}
	return keys, texts
}

// matching lists, in content order, the events whose text contains q.
func matching(keys []string, texts map[string]string, q string) []string {
	var out []string
	for _, k := range keys {
		if strings.Contains(texts[k], q) {
			out = append(out, k)
		}
	}
	return out
}

// timelineState is what a reader sees of the timeline: the events shown (as
// "<chronicle folder>#<anchor>", read from their permanent links), whether the filter
// box shows, what the live region says, and groups and navigator links left showing
// without events or hidden with events.
type timelineState struct {
	Shown      []string `json:"shown"`
	Total      int      `json:"total"`
	FormShown  bool     `json:"formShown"`
	Status     string   `json:"status"`
	Live       string   `json:"live"`
	BadGroups  []string `json:"badGroups"`
	BadNav     []string `json:"badNav"`
	HiddenNav  int      `json:"hiddenNav"`
	ShownYears int      `json:"shownYears"`
}

const timelineStateJS = `(() => {
	const shown = el => el.getClientRects().length > 0;
	const key = ev => {
		const a = ev.querySelector(".timeline-source a");
		const u = new URL(a.href);
		const parts = u.pathname.split("/");
		return parts.slice(-4, -1).join("/") + u.hash;
	};
	const events = Array.from(document.querySelectorAll(".timeline-event"));
	const groups = Array.from(document.querySelectorAll(".timeline-month, .timeline-year"));
	const form = document.querySelector("form.timeline-filter");
	const status = form && form.querySelector("[role=status]");
	const navItems = Array.from(document.querySelectorAll(".timeline-nav li, .timeline-nav-year"));
	return {
		shown: events.filter(shown).map(key),
		total: events.length,
		formShown: !!form && shown(form),
		status: status ? status.textContent : "",
		live: status ? (status.getAttribute("aria-live") || "") : "",
		badGroups: groups.filter(g => shown(g) !== Array.from(g.querySelectorAll(".timeline-event")).some(shown))
			.map(g => g.getAttribute("aria-labelledby")),
		badNav: navItems.filter(li => {
			const a = li.querySelector("a");
			const target = document.getElementById(a.getAttribute("href").slice(1));
			const group = target.closest(".timeline-month, .timeline-year");
			return shown(li) !== shown(group);
		}).map(li => li.querySelector("a").getAttribute("href")),
		hiddenNav: navItems.filter(li => !shown(li)).length,
		shownYears: Array.from(document.querySelectorAll(".timeline-year")).filter(shown).length,
	};
})()`

// typeQuery replaces the filter box's text as a reader does: select it, delete it,
// and insert the new text as an input method commits it. It then waits until the live
// region announces n events, in the page's own words (the form's data-found, or
// data-total for an empty box), and returns what the page shows.
func (tb *tab) typeQuery(q string, n int) timelineState {
	tb.t.Helper()
	tb.do("focusing the filter box", chromedp.Focus(chromedp.CSS("#timeline-q"), chromedp.NodeVisible))
	tb.do("selecting its text", chromedp.Evaluate[chromedp.Void](`document.getElementById("timeline-q").select()`))
	tb.do("deleting it", chromedp.KeyEvent(kb.Backspace))
	if q != "" {
		if _, err := chromedp.Call(tb.ctx, input.InsertText, input.InsertTextParams{Text: q}); err != nil {
			tb.t.Fatalf("typing %q: %v", q, err)
		}
	}
	which := "found"
	if q == "" {
		which = "total"
	}
	want := eval[string](tb, `document.querySelector("form.timeline-filter").dataset.`+which+`.replace("%d", "`+fmt.Sprint(n)+`")`)
	if !strings.Contains(want, fmt.Sprint(n)) {
		tb.t.Fatalf("the announcement %q does not say the number", want)
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](
		`document.getElementById("timeline-status").textContent === `+jsString(want),
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		got := eval[string](tb, `document.getElementById("timeline-status").textContent`)
		tb.t.Fatalf("after typing %q the live region says %q, want %q (%v)", q, got, want, err)
	}
	return eval[timelineState](tb, timelineStateJS)
}

// TestTimelineFilter types into the timeline's filter box over HTTP under the
// sub-path and from disk, and checks that exactly the events whose text contains
// what was typed stay visible, that months and years left empty disappear with their
// navigator links, and that a live region announces the count.
func TestTimelineFilter(t *testing.T) {
	keys, texts := contentEvents(t)
	if len(keys) == 0 {
		t.Fatal("the content has no chronicle events")
	}
	for _, mode := range []struct {
		name string
		url  func(string) string
	}{
		{"http", h.http},
		{"file", h.file},
	} {
		t.Run(mode.name, func(t *testing.T) {
			tb := newTab(t)
			tb.open(mode.url(timelinePage))
			st := eval[timelineState](tb, timelineStateJS)
			if !st.FormShown || st.Live != "polite" {
				t.Fatalf("the filter box shows: %v, its status is aria-live=%q; want a shown box and a polite live region", st.FormShown, st.Live)
			}
			if !slices.Equal(sortedCopy(st.Shown), sortedCopy(keys)) {
				t.Fatalf("before filtering the page shows %d events, want all %d of the content", len(st.Shown), len(keys))
			}

			for _, q := range []string{"招商", "希尼", "招商 签约", "没有这样的词"} {
				want := keys
				for _, term := range strings.Fields(q) {
					want = intersect(want, matching(keys, texts, term))
				}
				st := tb.typeQuery(q, len(want))
				if !slices.Equal(sortedCopy(st.Shown), sortedCopy(want)) {
					t.Errorf("filter %q shows %d events, want the %d whose text contains it:\n\tshown %v\n\twant  %v",
						q, len(st.Shown), len(want), st.Shown, want)
				}
				if len(st.BadGroups) > 0 || len(st.BadNav) > 0 {
					t.Errorf("filter %q: groups shown without events or hidden with events: %v; navigator links out of step: %v", q, st.BadGroups, st.BadNav)
				}
				if len(want) == 0 && st.ShownYears != 0 {
					t.Errorf("filter %q matches nothing but %d year(s) still show", q, st.ShownYears)
				}
				if q == "招商" && (len(want) == 0 || len(want) == len(keys)) {
					t.Errorf("the content has %d events mentioning 招商 of %d: the test proves nothing", len(want), len(keys))
				}
			}
			st = tb.typeQuery("", len(keys))
			if len(st.Shown) != len(keys) || st.HiddenNav != 0 {
				t.Errorf("clearing the filter shows %d events and hides %d navigator links, want %d and 0", len(st.Shown), st.HiddenNav, len(keys))
			}
			tb.expectClean(timelinePage)
		})
	}
}

// TestTimelineWithoutJavaScript checks that without scripts every event shows and the
// filter box, which could not work, does not.
func TestTimelineWithoutJavaScript(t *testing.T) {
	keys, _ := contentEvents(t)
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.open(h.http(timelinePage))
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	// The page's own script did not run; this one only reads.
	st := eval[timelineState](tb, timelineStateJS)
	if st.FormShown {
		t.Errorf("without JavaScript the filter box shows, but cannot filter")
	}
	if len(st.Shown) != len(keys) {
		t.Errorf("without JavaScript %d events show, want all %d", len(st.Shown), len(keys))
	}
	tb.expectClean(timelinePage)
}

// crossScrollJS reports how far a page reaches past the viewport across its lines: a
// horizontal page must not scroll sideways, a vertical (Mongolian) page, which scrolls
// sideways by design, must not scroll up and down.
const crossScrollJS = `(() => {
	const el = document.documentElement;
	return getComputedStyle(el).writingMode.startsWith("vertical") ?
		{vertical: true, over: el.scrollHeight - window.innerHeight} :
		{vertical: false, over: el.scrollWidth - window.innerWidth};
})()`

// TestTimelineOnPhone checks the timeline in both languages, whole and filtered, at
// 375 px: a horizontal page must not scroll sideways, a vertical one up and down.
func TestTimelineOnPhone(t *testing.T) {
	tb := newTab(t)
	tb.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight,
		chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	for _, p := range []string{timelinePage, "mn/" + timelinePage} {
		tb.open(h.http(p))
		check := func(what string) {
			cross := eval[struct {
				Vertical bool    `json:"vertical"`
				Over     float64 `json:"over"`
			}](tb, crossScrollJS)
			switch {
			case cross.Vertical && cross.Over > 1:
				t.Errorf("%s (%s), a vertical page, scrolls up and down at %dx%d: %.0f px too tall", p, what, phoneWidth, phoneHeight, cross.Over)
			case cross.Vertical:
			default:
				if o := eval[*overflow](tb, fmt.Sprintf("%s(%d)", findOverflowJS, phoneWidth)); o != nil {
					t.Errorf("%s (%s) scrolls sideways at %d px: %.0f px wide; widest %s (right edge %.0f px, text %q)",
						p, what, phoneWidth, o.ScrollWidth, o.Culprit, o.Right, o.Text)
				}
			}
		}
		check("all events")
		keys, texts := contentEvents(t)
		tb.typeQuery("招商", len(matching(keys, texts, "招商")))
		check("filtered by 招商")
		tb.expectClean(p)
	}
}

// TestTimelineAccessibility runs axe-core's WCAG 2.1 A and AA rules on the timeline in
// both languages, with a filter applied so that the live region and hidden groups are
// in the page checked.
func TestTimelineAccessibility(t *testing.T) {
	requireBrowser(t)
	axe := axeScript(t)
	for _, p := range []string{timelinePage, "mn/" + timelinePage} {
		t.Run(p, func(t *testing.T) {
			tb := newTab(t)
			tb.open(h.http(p) + "?q=" + "%E6%8B%9B%E5%95%86") // ?q=招商 fills the box
			tb.do("injecting axe-core", chromedp.Evaluate[chromedp.Void](axe))
			res := eval[struct {
				Violations []axeViolation `json:"violations"`
			}](tb, `axe.run(document, {runOnly: {type: "tag", values: `+axeTags+`}}).then(r => ({violations: r.violations}))`)
			for _, v := range res.Violations {
				msg := fmt.Sprintf("%s: axe %s (%s): %s\n\t%s%s", p, v.ID, v.Impact, v.Help, v.URL, nodeList(v))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
			if got := eval[string](tb, `document.getElementById("timeline-q").value`); got != "招商" {
				t.Errorf("?q=招商 left the filter box holding %q", got)
			}
			tb.expectClean(p)
		})
	}
}

// TestTimelineScreenshots writes the timeline, whole and filtered by 招商, at desktop
// and phone width into GAZETTE_SHOTS, like TestScreenshots.
func TestTimelineScreenshots(t *testing.T) {
	dir := os.Getenv("GAZETTE_SHOTS")
	if dir == "" {
		t.Skip("set GAZETTE_SHOTS to a folder to get screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{1280, phoneWidth} {
		tb := newTab(t)
		opts := []chromedp.EmulateViewportOption{}
		if width == phoneWidth {
			opts = append(opts, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		tb.do("setting the viewport", chromedp.EmulateViewport(width, 800, opts...))
		for _, shot := range []struct{ name, path string }{
			{"timeline", timelinePage},
			{"timeline-filtered", timelinePage + "?q=%E6%8B%9B%E5%95%86"},
			{"timeline-mn", "mn/" + timelinePage},
		} {
			tb.open(h.http(shot.path))
			png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot of %s: %v", shot.path, err)
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-%d.png", shot.name, width))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", name)
			tb.expectClean(shot.path)
		}
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
