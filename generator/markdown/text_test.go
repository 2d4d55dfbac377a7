package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// assemble is New with renderer options, and with goldmark's own text renderer
// instead of plainText unless fast.
func assemble(o Options, fast bool, opts ...renderer.Option) goldmark.Markdown {
	var exts []goldmark.Extender
	for _, e := range extensions(o) {
		if _, ok := e.(*plainText); ok && !fast {
			continue
		}
		exts = append(exts, e)
	}
	return goldmark.New(goldmark.WithParser(newParser()), goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()), goldmark.WithRendererOptions(opts...))
}

func renderWith(t *testing.T, md goldmark.Markdown, src []byte) []byte {
	t.Helper()
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// textSamples hold text that goldmark writes as it is and text it changes: escapes,
// references, NUL, line breaks of every kind.
var textSamples = []string{
	"正文\n第二行\n\n乌审旗人民政府\\\n2023年4月18日  \n末行",
	"a & b &amp; &copy; &#39; &#x4E00; &bogus; < > \" ' \\* \\a \\\\ \x00 end",
	"**粗** *斜* `code` [链接](https://example.org \"t&t\") <https://example.org> www.example.org ~~删~~",
	"- [ ] 任务\n- [x] 完成\n\n> 引用\n> 第二行\n\n1. 一\n2. 二\n\n| a | b |\n|---|---|\n| <x> | & |\n",
	"ᠮᠣᠩᠭᠣᠯ\nᠪᠢᠴᠢᠭ\u202fᠤ\n\n# 标题 & <标题>\n\n<div>raw</div>\n\n    code & <x>\n",
	"中文\n中文\nEnglish\nwords\n中文\nEnglish",
}

// TestPlainTextSameAsGoldmark: with and without the fast text renderer, bodies give
// the same HTML, under the default renderer options and under those the fast path
// leaves to goldmark.
func TestPlainTextSameAsGoldmark(t *testing.T) {
	var srcs [][]byte
	for _, s := range textSamples {
		srcs = append(srcs, []byte(s))
	}
	if !testing.Short() {
		_, bodies := siteBodies(t, 100)
		for _, b := range bodies {
			srcs = append(srcs, b.src)
		}
	}
	for _, opts := range [][]renderer.Option{nil, {html.WithHardWraps()}, {html.WithXHTML()},
		{html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple)}} {
		for _, raw := range []bool{false, true} {
			o := Options{RawHTML: raw}
			fast, general := assemble(o, true, opts...), assemble(o, false, opts...)
			for _, src := range srcs {
				if got, want := renderWith(t, fast, src), renderWith(t, general, src); !bytes.Equal(got, want) {
					t.Errorf("raw HTML %v, %d options: %.60q…\n got %s\nwant %s", raw, len(opts), src, got, want)
				}
			}
		}
	}
}

// TestHasSpecial puts each special byte at every place of texts of every length up to
// three words, among Chinese bytes and among ASCII ones: hasSpecial must find it
// there, and nothing in the texts without it.
func TestHasSpecial(t *testing.T) {
	for _, filler := range []string{"中文字", "abc", "中a文"} {
		for n := 0; n <= 24; n++ {
			text := []byte(strings.Repeat(filler, n)[:n])
			if hasSpecial(text) {
				t.Fatalf("hasSpecial(%q) without a special byte", text)
			}
			for i := range n {
				for c := range 256 {
					b := bytes.Clone(text)
					b[i] = byte(c)
					if got, want := hasSpecial(b), special[c]; got != want {
						t.Fatalf("hasSpecial(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}
