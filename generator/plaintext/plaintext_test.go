package plaintext

import (
	"strings"
	"testing"
	"unicode"
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
