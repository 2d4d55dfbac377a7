package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAttachment2Table looks at 附件2 of the 医保 notice as a reader does: its header
// cell 服务层级及办理深度 spans the 10 service places; on a phone the page does not scroll
// sideways, the table scrolls inside its own box, and while it scrolls the header row
// stays on top and the first column stays at the left.
func TestAttachment2Table(t *testing.T) {
	doc := findDoc(t, richDocNumber)
	tb := newTab(t)
	tb.do("phone viewport", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	tb.open(h.http(doc.Path() + "/index.html"))
	got := eval[struct {
		Colspan     string  `json:"colspan"`
		PageScrolls bool    `json:"pageScrolls"`
		BoxScrolls  bool    `json:"boxScrolls"`
		HeadMoved   float64 `json:"headMoved"`
		FirstMoved  float64 `json:"firstMoved"`
	}](tb, `(() => {
		const table = document.getElementById("tbl-2");
		const th = Array.from(table.querySelectorAll("thead th")).find(th => th.textContent.trim() === "服务层级及办理深度");
		const box = table.closest(".table-wrap");
		const head = table.querySelector("thead th");
		const first = table.querySelector("tbody tr:nth-child(10) > :first-child");
		box.scrollIntoView();
		box.scrollTop = 400; box.scrollLeft = 600;
		// Sticky cells end up at the box's inner top and left edges.
		const b = box.getBoundingClientRect();
		const h0 = b.top + box.clientTop, f0 = b.left + box.clientLeft;
		return {
			colspan: th ? th.getAttribute("colspan") : "",
			pageScrolls: document.documentElement.scrollWidth > Math.min(window.innerWidth, 375),
			boxScrolls: box.scrollWidth > box.clientWidth && box.scrollLeft > 0,
			headMoved: Math.abs(head.getBoundingClientRect().top - h0),
			firstMoved: Math.abs(first.getBoundingClientRect().left - f0),
		};
	})()`)
	if got.Colspan != "10" {
		t.Errorf("服务层级及办理深度 has colspan %q, want 10", got.Colspan)
	}
	if got.PageScrolls {
		t.Error("the page scrolls sideways at 375 px")
	}
	if !got.BoxScrolls {
		t.Error("附件2 does not scroll sideways inside its own box")
	}
	if got.HeadMoved > 1 {
		t.Errorf("after scrolling down, the header row is %.0f px off the top of the table's box; it should stay in view", got.HeadMoved)
	}
	if got.FirstMoved > 1 {
		t.Errorf("after scrolling sideways, the first column is %.0f px off the left of the table's box; it should stay in view", got.FirstMoved)
	}
	tb.expectClean("附件2")
}
