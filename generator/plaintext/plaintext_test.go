package plaintext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFromHTML(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"paragraphs", "<p>一</p>\n<p>二 &amp; 三</p>", "一\n\n二 & 三\n"},
		{"inline markup", "<p>现将<a href=\"x\" class=\"xref\">乌政发〔2023〕9号</a>印发， <em>认真</em>  执行。</p>", "现将乌政发〔2023〕9号印发， 认真 执行。\n"},
		{"soft break between Han characters", "<p>第一行\n第二行</p>", "第一行第二行\n"},
		{"soft break between Latin words", "<p>one\ntwo</p>", "one two\n"},
		{"hard break", "<p class=\"signoff\">乌审旗人民政府<br>\n2023年4月18日</p>", "乌审旗人民政府\n2023年4月18日\n"},
		{"headings and lists", "<h2 id=\"a\">一、目标</h2>\n<ol>\n<li>甲</li>\n<li>乙</li>\n</ol>\n<p>完</p>", "一、目标\n\n甲\n乙\n\n完\n"},
		{"table", "<div class=\"table-wrap\"><table><caption>名单</caption><thead><tr><th>职务</th><th>姓名</th></tr></thead>\n<tbody>\n<tr>\n<td>组长</td>\n<td>赵慧</td>\n</tr>\n<tr><td></td><td>韩建成</td></tr></tbody></table></div>",
			"名单\n职务\t姓名\n组长\t赵慧\n\t韩建成\n"},
		{"merged cells keep their columns",
			"<table><thead><tr><th>职务</th><th>姓名</th><th>单位</th></tr></thead><tbody>" +
				"<tr><td rowspan=\"2\">副组长</td><td>甲</td><td>局</td></tr>" +
				"<tr><td>乙</td><td>办</td></tr>" +
				"<tr><td colspan=\"2\">合计</td><td rowspan=\"2\">2</td></tr>" +
				"<tr><td>丙</td><td>丁</td></tr></tbody></table>",
			"职务\t姓名\t单位\n副组长\t甲\t局\n\t乙\t办\n合计\t\t2\n丙\t丁\t\n"},
		{"skipped class", "<p>表</p><p class=\"table-csv\"><a href=\"t.csv\">下载本表（CSV）</a></p><p>后</p>", "表\n\n后\n"},
		{"nested skipped element", "<div class=\"skip\"><div>a</div>b</div><p>c</p>", "c\n"},
		{"script and comment", "<script>var x = '<p>';</script><!-- note --><p>正文</p>", "正文\n"},
		{"pre keeps white space", "<pre class=\"hl-chroma\"><code>a  b\n  c\n</code></pre><p>d</p>", "a  b\n  c\n\nd\n"},
		{"attribute with >", "<p title=\"a>b\">文</p>", "文\n"},
		{"empty", "", ""},
		{"stray < at the end", "<p>a</p>b<", "a\n\nb\n"},
		{"only <", "<", ""},
	} {
		if got := FromHTML(tt.in, "table-csv", "skip"); got != tt.want {
			t.Errorf("%s: FromHTML(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// collapseByRune is collapse as first written, rune by rune: the reference for its
// faster form.
func collapseByRune(s string) string {
	var b strings.Builder
	var prev rune
	space, newline := false, false
	for _, r := range s {
		if unicode.IsSpace(r) && r != '\u202f' && r != '\u00a0' {
			space = true
			newline = newline || r == '\n'
			continue
		}
		if space && b.Len() > 0 && !(newline && noSpaces(prev) && noSpaces(r)) {
			b.WriteByte(' ')
		} else if space && b.Len() == 0 {
			b.WriteByte(' ')
		}
		space, newline = false, false
		b.WriteRune(r)
		prev = r
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// TestSpaceSize: spaceSize finds exactly the white space unicode.IsSpace knows, but
// the no-break spaces, and collapse treats every character as before.
func TestSpaceSize(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		b := utf8.AppendRune([]byte("a"), r)
		want := 0
		if unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' {
			want = len(b) - 1
		}
		if got := spaceSize(b, 1); got != want {
			t.Errorf("spaceSize(%U) = %d, want %d", r, got, want)
		}
		if len(b) > 2 {
			if got := spaceSize(b[:len(b)-1], 1); got != 0 {
				t.Errorf("spaceSize of the first %d bytes of %U = %d, want 0", len(b)-2, r, got)
			}
		}
		if testing.Short() {
			continue
		}
		s := "中" + string(r) + "\n" + string(r) + "x"
		if got, want := collapse(s), collapseByRune(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", " a  b ", "乌审旗\n人民政府", "ᠮᠣᠩᠭᠣᠯ\nᠪᠢᠴᠢᠭ", "a\u00a0\u202fb", "\xff x\n\xfe", "。\n“", "\t\n\r\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapse(s), collapseByRune(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}

// htmlSamples are fragments of the shapes FromHTML meets, and some it should survive.
var htmlSamples = []string{
	"", "<p>一</p>", "text only", " <p> a  b </p> ", "<p>a</p>\n\n\n<p>b</p>\n",
	"<p>乌审旗\n人民政府</p><p>ᠮᠣᠩᠭᠣᠯ\nᠪᠢᠴᠢᠭ</p><p>2023\u202fᠣᠨ a\u00a0b</p>",
	"<p>&amp; &lt;b&gt; &quot;q&quot; &#39; &nbsp;x &#10;y &copy; &bogus; &amp</p>",
	"<h2 id=\"x\">标题</h2><ul>\n<li>甲<ul><li>乙</li></ul></li>\n<li><p>丙</p></li></ul><ol start=\"3\"><li>丁</li></ol>",
	"<blockquote>\n<p>引</p>\n</blockquote><hr><hr /><p>a<br>b<br />\nc</p>",
	"<pre><code>  a\n\tb  \n</code></pre><pre><code>x<pre>y</pre>z</code></pre>",
	"<div class=\"table-wrap\"><table><thead><tr><th>a</th><th colspan=\"2\">b</th></tr></thead><tbody>" +
		"<tr><td rowspan=\"3\">1</td><td> 2 </td><td>3</td></tr><tr><td colspan=2>4</td></tr><tr></tr><tr><td>5</td></tr></tbody></table></div>" +
		"<p class=\"table-csv\"><a href=\"tbl-1.csv\">下载本表（CSV）</a></p>",
	"<table><tr><td><table><tr><td>inner</td></tr></table></td><td>outer</td></tr></table>",
	"<div class='table-csv x'><div>skip<div>deep</div></div>still</div>after",
	"<script>if (a<b) {}</script><style>p{}</style><!-- c --><!DOCTYPE html><?xml?>text",
	"<P CLASS=\"X\">Upper</P><BR><Td>cell", "a < b > c", "<p", "<", "a<", "<p>a<", "</pre>\xb8 a  b", "<p title=\"a>b\" class=\"table-csv\">x</p>y",
	"<img src=x alt=\"图\"><input><p>\t\t</p><p> \t </p><p>x\t</p>", "\xff<p>\xfe \x00</p>",
	"<dl><dt>词</dt><dd>义</dd></dl><figure><img src=a><figcaption>图注</figcaption></figure><section><article>文</article></section>",
}

// TestFromHTMLSameAsBefore: on the samples, the bundled content and a synthetic
// gazette FromHTML gives what its first implementation gave.
func TestFromHTMLSameAsBefore(t *testing.T) {
	inputs := append([]string(nil), htmlSamples...)
	inputs = append(inputs, convertedBodies(t, 0)...)
	if !testing.Short() {
		inputs = append(inputs, convertedBodies(t, 200)...)
	}
	for _, in := range inputs {
		for _, skip := range [][]string{nil, {"table-csv"}, {"table-csv", "x"}} {
			if got, want := FromHTML(in, skip...), refFromHTML(in, skip...); got != want {
				t.Errorf("FromHTML(%.80q, %q)\n got %q\nwant %q", in, skip, got, want)
			}
		}
	}
}

func FuzzFromHTML(f *testing.F) {
	for _, s := range htmlSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FromHTML(s, "table-csv"), refFromHTML(s, "table-csv"); got != want {
			t.Errorf("FromHTML(%q)\n got %q\nwant %q", s, got, want)
		}
	})
}

// BenchmarkFromHTML reads the converted bodies of a synthetic gazette of 200
// documents, as index.json is written.
func BenchmarkFromHTML(b *testing.B) {
	bodies := convertedBodies(b, 200)
	size := 0
	for _, s := range bodies {
		size += len(s)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, s := range bodies {
			FromHTML(s, "table-csv")
		}
	}
}
