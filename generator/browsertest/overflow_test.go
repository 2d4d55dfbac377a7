package browsertest

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// phone is the viewport of a small phone, in CSS pixels.
const phoneWidth, phoneHeight = 375, 812

// overflow is what findOverflowJS reports about a page wider than the viewport.
type overflow struct {
	ScrollWidth float64 `json:"scrollWidth"`
	InnerWidth  float64 `json:"innerWidth"`
	Culprit     string  `json:"culprit"` // CSS path of the element reaching furthest right
	Right       float64 `json:"right"`
	Width       float64 `json:"width"`
	Text        string  `json:"text"`
	Count       int     `json:"count"` // elements reaching past the viewport
}

// findOverflowJS returns null when the page does not scroll sideways. Otherwise it
// names the element whose right edge lies furthest right, preferring the outermost
// such element, since that is the one to fix; elements inside a container that clips
// or scrolls its overflow do not count. The viewport width is the smaller of
// innerWidth and the emulated width: on an emulated phone Chrome may widen the layout
// viewport to fit wide content, and innerWidth grows with it.
const findOverflowJS = `((width) => {
	const vw = Math.min(window.innerWidth, width);
	const sw = document.documentElement.scrollWidth;
	if (sw <= vw) return null;
	const clipped = el => {
		for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible") return true;
		}
		return false;
	};
	const name = el => {
		const parts = [];
		for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
			let s = e.localName;
			if (e.id) s += "#" + e.id;
			for (const c of e.classList) s += "." + c;
			parts.unshift(s);
			if (e.id) break;
		}
		return parts.join(" > ");
	};
	let worst = null, count = 0;
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		const right = r.right + window.scrollX;
		if (right <= vw + 0.5 || clipped(el)) continue;
		count++;
		if (!worst || right > worst.right + 0.5) worst = {el, right, width: r.width};
	}
	return {
		scrollWidth: sw, innerWidth: window.innerWidth, count,
		culprit: worst ? name(worst.el) : "(none found)",
		right: worst ? worst.right : 0, width: worst ? worst.width : 0,
		text: worst ? worst.el.textContent.replace(/\s+/g, " ").trim().slice(0, 60) : "",
	};
})`

// TestNoSidewaysScrollOnPhone loads every page of the site at 375×812 as a phone
// and fails when the page is wider than the screen, naming the widest element.
// Vertical pages (Mongolian) scroll sideways by design; TestMongolianPagesOnPhone
// checks them along the other axis.
func TestNoSidewaysScrollOnPhone(t *testing.T) {
	tb := newTab(t)
	tb.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight,
		chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	for _, p := range sitePages(t) {
		if redirects(t, p) { // an identifier page leaves at once; TestIdentifierRedirect opens them
			continue
		}
		tb.open(h.http(p))
		if eval[bool](tb, `getComputedStyle(document.documentElement).writingMode.startsWith("vertical")`) {
			tb.expectClean(p)
			continue
		}
		if o := eval[*overflow](tb, fmt.Sprintf("%s(%d)", findOverflowJS, phoneWidth)); o != nil {
			t.Errorf("%s scrolls sideways at %d px: the page is %.0f px wide (innerWidth %.0f); "+
				"%d element(s) reach past the right edge, the widest is\n\t%s\n\t(right edge at %.0f px, %.0f px wide, text %q)",
				p, phoneWidth, o.ScrollWidth, o.InnerWidth, o.Count, o.Culprit, o.Right, o.Width, o.Text)
		}
		tb.expectClean(p)
	}
}
