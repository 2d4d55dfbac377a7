package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// translatedDocNumber is the bundled document translated whole into Mongolian, as a
// reference translation (content/2023/02/zhifa-zhuti.mn.md).
const translatedDocNumber = "乌政办发〔2023〕29号"

// TestMongolianReferenceTranslation opens the Mongolian page of the bundled notice
// that is translated whole: its body is Mongolian, vertical, in the shipped font, in
// columns taller than wide, with no fallback notice; a visible note in Mongolian says
// that the translation is a reference translation. The Chinese page has no such note.
func TestMongolianReferenceTranslation(t *testing.T) {
	doc := findDoc(t, translatedDocNumber)
	tb := newTab(t)
	tb.do("setting the viewport", chromedp.EmulateViewport(1280, 800))
	mn := "mn/" + doc.Path() + "/index.html"
	tb.open(h.http(mn))
	r := eval[struct {
		BodyLang, Mode, Font       string
		Fallback                   bool
		Notice, NoticeRole         string
		NoticeMode, NoticeLang     string
		NoticeBox, Item, Paragraph []float64
		NoticeBeforeBody           bool
	}](tb, `document.fonts.ready.then(() => {
		const b = document.querySelector(".doc-body"), n = document.querySelector(".translation-notice");
		const box = el => { if (!el) return []; const r = el.getBoundingClientRect(); return [r.width, r.height, r.left, r.top]; };
		const cs = n ? getComputedStyle(n) : null;
		const shown = n && cs.display !== "none" && cs.visibility === "visible" && Number(cs.opacity) > 0;
		const li = b.querySelector("li").getClientRects()[0];
		return {
			BodyLang: b.closest("[lang]").getAttribute("lang"), Mode: getComputedStyle(b).writingMode,
			Font: getComputedStyle(b).fontFamily.split(",")[0].replace(/"/g, "").trim(),
			Fallback: !!document.querySelector(".fallback-notice"),
			Notice: shown ? n.textContent : "", NoticeRole: n ? n.getAttribute("role") : "",
			NoticeMode: cs ? cs.writingMode : "", NoticeLang: n ? n.closest("[lang]").getAttribute("lang") : "",
			NoticeBox: box(n), Item: [li.width, li.height], Paragraph: box(b.querySelector("p:not(.addressees)")),
			NoticeBeforeBody: !!n && !!(n.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING),
		};
	})`)
	if r.BodyLang != "mn-Mong" || r.Mode != "vertical-lr" || r.Font != mnFont {
		t.Errorf("%s: body in lang %q, writing-mode %q, font %q; want mn-Mong, vertical-lr, %q", mn, r.BodyLang, r.Mode, r.Font, mnFont)
	}
	if r.Fallback {
		t.Errorf("%s: the fallback notice is shown, but the body is translated", mn)
	}
	if !strings.ContainsRune(r.Notice, 'ᠯ') || r.NoticeRole != "note" || r.NoticeLang != "mn-Mong" || r.NoticeMode != "vertical-lr" || !r.NoticeBeforeBody {
		t.Errorf("%s: reference translation notice %q (role %q, lang %q, writing-mode %q, before the body %v); want a visible Mongolian note, vertical, before the body",
			mn, r.Notice, r.NoticeRole, r.NoticeLang, r.NoticeMode, r.NoticeBeforeBody)
	}
	if len(r.NoticeBox) == 4 && (r.NoticeBox[0] < 1 || r.NoticeBox[1] < 1 || r.NoticeBox[3]+r.NoticeBox[1] > 800+1) {
		t.Errorf("%s: the notice's box is %.0f×%.0f px at (%.0f, %.0f); want it inside an 800 px tall window", mn, r.NoticeBox[0], r.NoticeBox[1], r.NoticeBox[2], r.NoticeBox[3])
	}
	if !(r.Item[1] > 2*r.Item[0]) {
		t.Errorf("%s: the first body of the list runs %.0f×%.0f px; a Mongolian column is taller than wide", mn, r.Item[0], r.Item[1])
	}
	if len(r.Paragraph) == 4 && r.Paragraph[3]+r.Paragraph[1] > 800+1 {
		t.Errorf("%s: the first paragraph reaches %.0f px down an 800 px window: its columns must fit the window", mn, r.Paragraph[3]+r.Paragraph[1])
	}
	tb.expectClean(mn)

	zh := doc.Path() + "/index.html"
	tb.open(h.http(zh))
	if eval[bool](tb, `!!document.querySelector(".translation-notice")`) {
		t.Errorf("%s: the Chinese original shows the reference translation notice", zh)
	}
	tb.expectClean(zh)
}
