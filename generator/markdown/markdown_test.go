package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
)

func convert(t *testing.T, src string) string {
	t.Helper()
	doc, diags := New(Options{}).Convert("x.md", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	return string(doc.HTML)
}

func TestHeadingIDsKeepChineseAndMongolian(t *testing.T) {
	got := convert(t, "## 一、指导思想\n\n### （一）主要职责\n\n### （一）主要职责\n\n## ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ\n\n## Plan B: 2023\n\n## ！！\n")
	for _, want := range []string{
		`<h2 id="一-指导思想">`,
		`<h3 id="一-主要职责">`,
		`<h3 id="一-主要职责-2">`,
		`<h2 id="ᠮᠣᠩᠭᠣᠯ-ᠪᠢᠴᠢᠭ">`,
		`<h2 id="plan-b-2023">`,
		`<h2 id="section">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestFencedCodeIsHighlightedWithClasses(t *testing.T) {
	got := convert(t, "```go\nfunc main() {}\n```\n")
	if !strings.Contains(got, `class="hl-chroma"`) || !strings.Contains(got, `<span class="hl-kd">func</span>`) {
		t.Errorf("code not highlighted with chroma classes:\n%s", got)
	}
	if strings.Contains(got, "style=") {
		t.Errorf("highlighted code carries inline styles:\n%s", got)
	}
	var css strings.Builder
	if err := WriteCSS(&css); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(css.String(), ".hl-kd") {
		t.Errorf("generated stylesheet lacks the keyword class")
	}
}

func TestOfficialParts(t *testing.T) {
	got := convert(t, "苏里格经济开发区管委会，各苏木镇人民政府：\n\n经研究同意，现印发给你们。\n\n乌审旗人民政府\\\n乌审旗人民法院\\\n2023年4月18日\n\n这一段提到2023年4月18日但不是落款。\n")
	for _, want := range []string{
		`<p class="addressees">苏里格经济开发区管委会，各苏木镇人民政府：</p>`,
		`<p>经研究同意，现印发给你们。</p>`,
		`<p class="signoff">乌审旗人民政府<br>`,
		`<p>这一段提到2023年4月18日但不是落款。</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

// TestOfficialPartsMongolian finds the same parts in a Mongolian translation: the
// addressees end with the Mongolian colon, the sign-off with a date as the pages write
// it (U+202F before suffixes, FVS1 in the ordinal, MVS in ᠰᠠᠷ᠎ᠠ).
func TestOfficialPartsMongolian(t *testing.T) {
	got := convert(t, "ᠡᠯᠡ ᠰᠤᠮᠤ ᠪᠠᠯᠭᠠᠰᠤᠨ\u202fᠳᠤ᠄\n\nᠡᠳᠦᠭᠡ ᠢᠯᠡ ᠨᠡᠶᠢᠲᠡᠯᠡᠪᠡ᠃\n\n"+
		"ᠠᠯᠪᠠᠨ ᠭᠡᠷ\\\n2023 ᠣᠨ\u202fᠤ 4 ᠳ\u180bᠦᠭᠡᠷ ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ 23\u202fᠤ ᠡᠳᠦᠷ\n")
	for _, want := range []string{
		"<p class=\"addressees\">ᠡᠯᠡ ᠰᠤᠮᠤ ᠪᠠᠯᠭᠠᠰᠤᠨ\u202fᠳᠤ᠄</p>",
		"<p>ᠡᠳᠦᠭᠡ ᠢᠯᠡ ᠨᠡᠶᠢᠲᠡᠯᠡᠪᠡ᠃</p>",
		"<p class=\"signoff\">ᠠᠯᠪᠠᠨ ᠭᠡᠷ<br>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestProblemsCarryFileLine(t *testing.T) {
	c := New(Options{Extensions: []goldmark.Extender{chronicle.New()}})
	body := []byte("\n\n## 四月份\n\n### 4月31日\n\n文字\n")
	_, diags := c.Convert("2023/02/dashiji.md", body, func(pc parser.Context) { chronicle.Enable(pc, 2023) })
	if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), "2023/02/dashiji.md:5:1: ") {
		t.Fatalf("want one diagnostic at 2023/02/dashiji.md:5:1, got %v", diags)
	}
}
