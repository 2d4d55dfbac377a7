package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// wheelParams are Input.dispatchMouseEvent's parameters for a wheel. cdproto's own
// struct leaves out a zero deltaX, and Chromium wants both deltas.
type wheelParams struct {
	Type   input.DispatchMouseEventType `json:"type"`
	X      float64                      `json:"x"`
	Y      float64                      `json:"y"`
	DeltaX float64                      `json:"deltaX"`
	DeltaY float64                      `json:"deltaY"`
}

var wheelEvent = cdp.Command[wheelParams, cdp.Empty]{Method: input.CommandDispatchMouseEvent}

// wheel turns the mouse wheel by dy pixels over the point (x, y), as a reader does, and
// gives the page a moment to scroll.
func wheel(tb *tab, x, y, dy float64) {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, wheelEvent, wheelParams{Type: input.DispatchMouseEventTypeMouseWheel, X: x, Y: y, DeltaY: dy})
		return err
	}), chromedp.Sleep(300*time.Millisecond))
	if err != nil {
		tb.t.Fatalf("turning the wheel: %v", err)
	}
}

// TestMongolianWheel checks static/js/mongolian.js: on a vertical Mongolian page the
// mouse wheel scrolls the page sideways (towards the reader: on to the next columns,
// to the right; away: back), while over the horizontal Chinese body it scrolls that
// box up and down as usual.
func TestMongolianWheel(t *testing.T) {
	tb := newTab(t)
	tb.do("setting the viewport", chromedp.EmulateViewport(1280, 800))
	p := "mn/" + findDoc(t, richDocNumber).Path() + "/index.html"
	tb.open(h.http(p))
	type state struct {
		X      float64 `json:"x"`
		BoxTop float64 `json:"boxTop"`
		BoxX   float64 `json:"boxX"`
		BoxY   float64 `json:"boxY"`
	}
	read := func() state {
		return eval[state](tb, `(() => {
			const b = document.querySelector(".doc-body"), r = b.getBoundingClientRect();
			return {x: scrollX, boxTop: b.scrollTop, boxX: r.left + r.width / 2, boxY: r.top + r.height / 2};
		})()`)
	}
	start := read()
	wheel(tb, 40, 400, 300) // over the masthead, at the left
	after := read()
	if after.X <= start.X {
		t.Fatalf("%s: the wheel towards the reader left the page at scrollX %.0f (from %.0f); want it to move right", p, after.X, start.X)
	}
	wheel(tb, 40, 400, -300)
	if back := read(); back.X >= after.X {
		t.Errorf("%s: the wheel away from the reader left scrollX at %.0f (from %.0f); want it to move back left", p, back.X, after.X)
	}
	// Bring the Chinese body into view, then turn the wheel over it.
	tb.do("scrolling to the body", chromedp.Evaluate[chromedp.Void](`document.querySelector(".doc-body").scrollIntoView({inline: "center"})`))
	before := read()
	wheel(tb, before.BoxX, before.BoxY, 300)
	over := read()
	if over.BoxTop <= before.BoxTop || over.X != before.X {
		t.Errorf("%s: the wheel over the horizontal Chinese body: its scrollTop %.0f → %.0f, the page's scrollX %.0f → %.0f; want the body to scroll down and the page to stay",
			p, before.BoxTop, over.BoxTop, before.X, over.X)
	}
	tb.expectClean(p)
}
