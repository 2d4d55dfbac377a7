package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/markdown"
	"gazette/generator/table"
)

func TestBodyText(t *testing.T) {
	md := markdown.New(markdown.Options{Extensions: []goldmark.Extender{chronicle.New(), table.New()}})
	long := strings.Repeat("一二三四五六七八九十", 25) + "。" + strings.Repeat("甲乙丙丁", 20) + "。"
	for _, tc := range []struct {
		name, body string
		chronicle  bool
		blocks     []string // anchor|text
		events     []string // anchor heading: anchor|text …
	}{
		{name: "paragraphs keep the anchor of their heading; raw HTML is dropped",
			body: "主送：\n\n## 一、总体要求\n\n第一段\n第二行<b>粗</b>。\n\n- 条目 `<script>`\n\n<div>块</div>\n",
			blocks: []string{"|主送：", "一-总体要求|一、总体要求", "一-总体要求|第一段第二行粗。",
				"一-总体要求|条目 <script>"}},
		{name: "a table row is one block anchored at the table",
			body:   "## 表\n\n| 序号 | 名称 |\n|---|---|\n| 1 | 公安局 |\n\n后文\n",
			blocks: []string{"表|表", "tbl-1|序号 名称", "tbl-1|1 公安局", "表|后文"}},
		{name: "a long paragraph is cut after a sentence",
			body:   long + "\n",
			blocks: []string{"|" + strings.Repeat("一二三四五六七八九十", 25) + "。", "|" + strings.Repeat("甲乙丙丁", 20) + "。"}},
		{name: "chronicle events are entries of their own",
			chronicle: true,
			body:      "## 四月份\n\n### 4月2日\n\n座谈会召开。\n\n会议交流。\n\n### 4月2日\n\n又一事。\n",
			blocks:    []string{"m-2023-04|四月份"},
			events:    []string{"2023-04-02 4月2日: 2023-04-02|座谈会召开。 2023-04-02|会议交流。", "2023-04-02-2 4月2日: 2023-04-02-2|又一事。"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var prep []markdown.Prepare
			if tc.chronicle {
				prep = append(prep, func(pc parser.Context) { chronicle.Enable(pc, 2023) })
			}
			doc, diags := md.Convert("x.md", []byte(tc.body), prep...)
			if len(diags) > 0 {
				t.Fatalf("converting: %v", diags)
			}
			txt := BodyText(doc.AST, doc.Source, doc.Context)
			var got []string
			for _, b := range txt.Blocks {
				got = append(got, b.Anchor+"|"+b.Text)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.blocks) {
				t.Errorf("blocks\n got %q\nwant %q", got, tc.blocks)
			}
			var evs []string
			for _, e := range txt.Events {
				var bs []string
				for _, b := range e.Blocks {
					bs = append(bs, b.Anchor+"|"+b.Text)
				}
				evs = append(evs, e.Anchor+" "+e.Heading+": "+strings.Join(bs, " "))
				if e.Date.Format("2006-01-02") != "2023-04-02" {
					t.Errorf("event %s dated %v", e.Anchor, e.Date)
				}
			}
			if fmt.Sprintf("%q", evs) != fmt.Sprintf("%q", tc.events) {
				t.Errorf("events\n got %q\nwant %q", evs, tc.events)
			}
		})
	}
}

// appendBlockSpec is appendBlock as first written: white space collapsed by
// strings.Fields, the text cut as runes.
func appendBlockSpec(blocks []Block, anchor, text string) []Block {
	text = strings.Join(strings.Fields(text), " ")
	for text != "" {
		rs := []rune(text)
		if len(rs) <= maxBlock {
			return append(blocks, Block{Anchor: anchor, Text: text})
		}
		cut := maxBlock
		for i := maxBlock - 1; i > maxBlock/2; i-- {
			if strings.ContainsRune("。！？；!?;", rs[i]) {
				cut = i + 1
				break
			}
		}
		blocks = append(blocks, Block{Anchor: anchor, Text: strings.TrimSpace(string(rs[:cut]))})
		text = strings.TrimSpace(string(rs[cut:]))
	}
	return blocks
}

// TestAppendBlock: text is collapsed and cut into blocks as the spec does, with every
// kind of white space, sentence ends anywhere, invalid UTF-8, short and long.
func TestAppendBlock(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"乌审旗", "人民政府", "。", "！", "?", ";", "，", " ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u202f",
		"\u2028", "\u0085", "\u1680", "\u2009", "ᠮᠡᠳᠡᠭᠳᠡᠯ", "abc", "😀", "\u200b", "\xff", "\xe4\xb8"}
	for i := range 3000 {
		valid := len(pieces) - 2 // most texts are valid UTF-8
		if i%10 == 0 {
			valid = len(pieces)
		}
		var b strings.Builder
		for n := r.IntN(2500); b.Len() < n; {
			b.WriteString(pieces[r.IntN(valid)])
		}
		text := b.String()
		if got, want := appendBlock(nil, "a", text), appendBlockSpec(nil, "a", text); !slices.Equal(got, want) {
			t.Fatalf("%q:\n%q\nwant\n%q", text, got, want)
		}
	}
}

// TestMayBeSpace: mayBeSpace holds every code point that unicode.IsSpace says is white
// space.
func TestMayBeSpace(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) && !mayBeSpace(r) {
			t.Errorf("U+%04X is white space", r)
		}
	}
}
