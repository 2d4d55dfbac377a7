package sourceview

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"gazette/generator/synth"
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
	s := HTML([]byte("---\ntitle: <script>alert(1)</script>\n---\n\n正文 & <b>\n"))
	for _, want := range []string{`<pre tabindex="0" class="hl-chroma"><code>`, `<span class="hl-ln">1</span>`, `&lt;script&gt;alert(1)&lt;/script&gt;`, `正文 &amp; &lt;b&gt;`} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<script>") || strings.Contains(s, "<b>") {
		t.Errorf("HTML holds unescaped markup:\n%s", s)
	}
}

func TestIsBreak(t *testing.T) {
	for s, want := range map[string]bool{
		"---": true, "***": true, "___": true, "- - -": true, "*  *  * ": true, "----------": true,
		"--": false, "-*-": false, "--- x": false, "===": false, "": false, "   ": false, "-\t--": false,
	} {
		if got := isBreak(s); got != want {
			t.Errorf("isBreak(%q) = %v, want %v", s, got, want)
		}
	}
}

// reference is chroma's HTML formatter set up as the source view wants it: the
// output format writes the same bytes by hand.
var reference = chtml.New(chtml.WithClasses(true), chtml.ClassPrefix("hl-"), chtml.WithLineNumbers(true),
	chtml.WithPreWrapper(focusablePre{}))

// focusablePre is chroma's <pre><code> wrapper with tabindex="0".
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0"` + styleAttr + `><code>`
	}
	return `<pre tabindex="0"` + styleAttr + `>`
}

func (focusablePre) End(code bool) string {
	if code {
		return `</code></pre>`
	}
	return `</pre>`
}

// chromaHTML formats tokens with chroma's formatter.
func chromaHTML(t testing.TB, tokens []chroma.Token) string {
	t.Helper()
	var buf strings.Builder
	if err := reference.Format(&buf, styles.Get("github"), chroma.Literator(tokens...)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// sameAsChroma fails unless HTML gives for src what chroma's formatter gives for the
// tokens of src.
func sameAsChroma(t *testing.T, name, src string) {
	t.Helper()
	got := HTML([]byte(src))
	if want := chromaHTML(t, Tokens(src)); got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: HTML differs from chroma's formatter at byte %d:\n got …%.120q\nwant …%.120q", name, i, got[max(0, i-40):], want[max(0, i-40):])
	}
}

// markdownSamples exercise every token type the lexer emits, escapes, line breaks,
// line numbers of several widths and the edges of the input.
var markdownSamples = map[string]string{
	"empty":              "",
	"one line, no break": "正文",
	"only a break":       "\n",
	"blank lines":        "\n\n\n",
	"no final break":     "# 标题\n\n正文",
	"crlf":               "---\r\ntitle: 通知\r\n---\r\n\r\n正文\r\n",
	"front matter": "---\ntitle: \"关于印发《方案》的通知\"\nnumber: 乌政发〔2023〕9号\ndate: 2023-04-18\npage: 18\n" +
		"issuers: [乌审旗人民政府, 'O''Brien']\ntags:\n  - 卫生\n  - \"a & b\"\n# a comment\nkey: value # trailing\n---\n\n正文\n",
	"unclosed front matter": "---\ntitle: x\n",
	"table": "| 职务 | 姓名 | 单位 |\n|:---|:---:|---:|\n| 组长 | **赵慧** | [局](doc:乌政发〔2023〕9号) |\n" +
		"| `code` | a \\| b | <br> |\n",
	"code": "```go\nfunc main() { fmt.Println(\"<&>\") }\n```\n\n~~~\nplain ~~~ text\n~~~\n\n    indented <code>\n\n" +
		"`inline` and ``double ` tick``\n```\nunclosed fence\n",
	"html": "<div class=\"x\" title='y'>\n<script>alert(\"&amp;\")</script>\n</div>\n\n<!-- 注释 -->\n<!-- unclosed\n" +
		"a <b>bold</b> & <i>i</i> &copy; &#39; \"quoted\" 'single'\n",
	"links": "[链接](https://example.org/?a=1&b=2 \"title\") <https://example.org> [ref][1] ![图](img.png)\n\n" +
		"[1]: https://example.org/ref\n见[乌政发〔2023〕9号](doc:乌政发〔2023〕9号)。\n",
	"emphasis": "**重点** *强调* __strong__ _em_ ***both*** ~~del~~ * not * a_b_c\\\n\\* escaped\n",
	"blocks": "# 一级\n## 二级\n### 三级\n####### seven\n#nospace\n> 引用\n> > 嵌套\n>\n- 甲\n* 乙\n+ 丙\n1. 一\n10) 十\n" +
		"123456789. long\n1234567890. too long\n---\n* * *\n___\n- [ ] task\n- [x] done\n",
	"cjk": "## 一、总体要求\n\n为深入贯彻落实《中华人民共和国基本医疗卫生与健康促进法》，现将有关事项通知如下：\n\n" +
		"（一）坚持人民至上。\n\n乌审旗人民政府\\\n2023年4月18日\n",
	"mongolian": "---\ntitle: ᠤᠤᠰᠢᠨ ᠬᠣᠰᠢᠭᠤ ᠶᠢᠨ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ\n---\n\n## ᠨᠢᠭᠡ᠂ ᠶᠡᠷᠦᠩᠬᠡᠢ ᠱᠠᠭᠠᠷᠳᠠᠯᠭ᠎ᠠ\n\n" +
		"ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠄ **ᠲᠣᠳᠣᠷᠬᠠᠢ** ᠪᠠ *ᠰᠢᠯᠭᠠᠨ*\u202fᠤ\n\n2023 ᠣᠨ\u202fᠤ 4 ᠳ᠋ᠦᠭᠡᠷ ᠰᠠᠷ᠎ᠠ\u202fᠶᠢᠨ 23\u202fᠤ ᠡᠳᠦᠷ\n",
	"odd bytes":    "a\x00b\tc\x7f\xff\xfe\u00a0\u3000d\r\n\re\r",
	"lone markers": "|\n>\n-\n`\n*\n_\n[\n\\\n<\n",
}

// TestHTMLSameAsChroma: for the samples, every bundled file and a synthetic gazette,
// HTML writes the bytes chroma's formatter writes for the same tokens.
func TestHTMLSameAsChroma(t *testing.T) {
	for name, src := range markdownSamples {
		sameAsChroma(t, name, src)
	}
	// Line numbers of one to four digits, right-aligned.
	for _, n := range []int{9, 10, 99, 100, 1000} {
		sameAsChroma(t, "many lines", strings.Repeat("行 & <x>\n", n))
		sameAsChroma(t, "many lines, no final break", strings.Repeat("\n", n-1)+"end")
	}
	fsys := os.DirFS("../../content")
	files, _ := fs.Glob(fsys, "*/*/*.md")
	if len(files) == 0 {
		t.Fatal("no content files")
	}
	for _, f := range files {
		b, _ := fs.ReadFile(fsys, f)
		sameAsChroma(t, f, string(b))
	}
	if testing.Short() {
		return
	}
	corpus := fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(corpus), synth.Options{Docs: 200, Seed: 1, Source: fsys}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, f := range corpus {
		if strings.HasSuffix(name, ".md") {
			sameAsChroma(t, name, string(f.Data))
			n++
		}
	}
	if n < 200 {
		t.Fatalf("the synthetic gazette has %d Markdown files, want at least 200", n)
	}
}

// TestFormatEveryTokenType: every standard token type, and one that is none, gets the
// class and escaping chroma gives it, also when a token spans lines.
func TestFormatEveryTokenType(t *testing.T) {
	var src strings.Builder
	var spans []span
	var tokens []chroma.Token
	add := func(tt chroma.TokenType, v string) {
		src.WriteString(v)
		spans = append(spans, span{typ: tt, end: src.Len()})
		tokens = append(tokens, chroma.Token{Type: tt, Value: v})
	}
	for tt := range chroma.StandardTypes {
		add(tt, "<"+tt.String()+"> & '\"")
		add(tt, "a\nb\n")
	}
	add(chroma.TokenType(12345), "not a standard type\n")
	add(chroma.LiteralStringBacktick, "\n\nlast")
	got := format(src.String(), spans)
	if want := chromaHTML(t, tokens); got != want {
		t.Errorf("format differs from chroma's formatter:\n got %s\nwant %s", got, want)
	}
}

// FuzzHTML: on any input HTML writes what chroma's formatter writes, and its text,
// unescaped, is the source.
func FuzzHTML(f *testing.F) {
	for _, s := range markdownSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameAsChroma(t, "fuzz input", src)
	})
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
		HTML(src)
	}
}

// BenchmarkHTMLCorpus highlights the Markdown files of a synthetic gazette of 200
// documents, as a build does, by this package and by chroma's formatter.
func BenchmarkHTMLCorpus(b *testing.B) {
	corpus := fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(corpus), synth.Options{Docs: 200, Seed: 1, Source: os.DirFS("../../content")}); err != nil {
		b.Fatal(err)
	}
	var srcs [][]byte
	size := 0
	for name, f := range corpus {
		if strings.HasSuffix(name, ".md") {
			srcs = append(srcs, f.Data)
			size += len(f.Data)
		}
	}
	b.Run("sourceview", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, src := range srcs {
				HTML(src)
			}
		}
	})
	b.Run("chroma", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, src := range srcs {
				chromaHTML(b, Tokens(string(src)))
			}
		}
	})
	b.Run("tokens", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, src := range srcs {
				Tokens(string(src))
			}
		}
	})
}
