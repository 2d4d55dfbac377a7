package sourceview

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// show writes tokens compactly: type abbreviation and value, one per token, plain text
// as is.
func show(ts []chroma.Token) string {
	var b strings.Builder
	for _, t := range ts {
		switch t.Type {
		case chroma.Text, chroma.TextWhitespace:
			b.WriteString(t.Value)
		default:
			b.WriteString("{" + chroma.StandardTypes[t.Type] + ":" + t.Value + "}")
		}
	}
	return b.String()
}

func TestTokens(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"front matter",
			"---\ntitle: 通知\ndate: 2023-04-18\npage: 18\nissuers: [甲, 乙]\n# note\n---\n",
			"{nn:---\n}{nt:title}{p::} {s:通知}\n{nt:date}{p::} {ld:2023-04-18}\n{nt:page}{p::} {m:18}\n{nt:issuers}{p::} {p:[}{s:甲}{p:,}{s: 乙}{p:]}\n{c:# note}\n{nn:---\n}"},
		{"headings", "## 一、总体要求\n### 4月2日\n#hashtag\n",
			"{gh:## 一、总体要求}\n{gu:### 4月2日}\n#hashtag\n"},
		{"lists and quotes", "1. 甲\n- 乙\n> 丙\n  10) 丁\n",
			"{k:1. }甲\n{k:- }乙\n{k:> }丙\n  {k:10) }丁\n"},
		{"inline", "见**重点**与*强调*、`code`和[链接](doc:乌政发〔2023〕9号)。\\\n",
			"见{gs:**重点**}与{ge:*强调*}、{sb:`code`}和{nt:[链接]}{na:(doc:乌政发〔2023〕9号)}。{se:\\}\n"},
		{"table", "| 职务 | 姓名 |\n|---|---|\n",
			"{p:|} 职务 {p:|} 姓名 {p:|}\n{p:|}---{p:|}---{p:|}\n"},
		{"fence", "```go\nx := 1 // **not** emphasis\n```\n后\n",
			"{sb:```go\nx := 1 // **not** emphasis\n```\n}后\n"},
		{"break and comment", "***\n<!-- 注 -->文\n", "{p:***}\n{c:<!-- 注 -->}文\n"},
		{"unclosed", "a * b ` c [d] _\n", "a * b ` c [d] _\n"},
		{"no front matter", "title: x\n", "title: x\n"},
	} {
		if got := show(Tokens(tt.src)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestLossless: the tokens of every content file put together are the file.
func TestLossless(t *testing.T) {
	fsys := os.DirFS("../../content")
	files, _ := fs.Glob(fsys, "*/*/*.md")
	if len(files) == 0 {
		t.Fatal("no content files")
	}
	extra := []string{"", "\n", "---\n", "---\nx: [a\n", "```\nunclosed", "a\r\nb\r\n", "\\", "| a\n"}
	for _, f := range files {
		b, _ := fs.ReadFile(fsys, f)
		extra = append(extra, string(b))
	}
	for _, src := range extra {
		var b strings.Builder
		for _, tok := range Tokens(src) {
			b.WriteString(tok.Value)
		}
		if b.String() != src {
			t.Errorf("tokens of %.40q… do not give the source back", src)
		}
	}
}

func TestHTML(t *testing.T) {
	out, err := HTML([]byte("---\ntitle: <script>alert(1)</script>\n---\n\n正文 & <b>\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{`<pre tabindex="0" class="hl-chroma"><code>`, `<span class="hl-ln">1</span>`, `&lt;script&gt;alert(1)&lt;/script&gt;`, `正文 &amp; &lt;b&gt;`} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<script>") || strings.Contains(s, "<b>") {
		t.Errorf("HTML holds unescaped markup:\n%s", s)
	}
}

// BenchmarkHTML highlights the longest bundled document; chroma's own Markdown lexer
// takes about a second for it.
func BenchmarkHTML(b *testing.B) {
	src, err := os.ReadFile("../../content/2023/02/weisheng-xian-fushen.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := HTML(src); err != nil {
			b.Fatal(err)
		}
	}
}
