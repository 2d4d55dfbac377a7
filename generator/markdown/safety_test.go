package markdown

import (
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/diag"
	"gazette/generator/xref"
)

func safeConvert(t *testing.T, o Options, src string) (string, diag.List) {
	t.Helper()
	doc, diags := New(o).Convert("a.md", []byte(src))
	return string(doc.HTML), diags
}

func TestRawHTMLIsEscaped(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // in the escaped HTML
	}{
		{"inline script", "正文<script>alert(1)</script>正文\n", "正文&lt;script&gt;alert(1)&lt;/script&gt;正文"},
		{"script block", "<script>\nalert(1)\n</script>\n", `<p class="raw-html">&lt;script&gt;` + "\nalert(1)\n" + `&lt;/script&gt;</p>`},
		{"event handler", `<img src=x onerror="alert(1)">` + "\n", `<p class="raw-html">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>`},
		{"inline event handler", `a <b onmouseover="alert(1)">b</b>` + "\n", `a &lt;b onmouseover=&quot;alert(1)&quot;&gt;b&lt;/b&gt;`},
		{"comment", "<!-- 编者注 -->\n", `<p class="raw-html">&lt;!-- 编者注 --&gt;</p>`},
		{"iframe", "<iframe src=\"javascript:alert(1)\"></iframe>\n", `&lt;iframe src=&quot;javascript:alert(1)&quot;&gt;&lt;/iframe&gt;`},
		{"style", "<style>body{display:none}</style>\n", `&lt;style&gt;body{display:none}&lt;/style&gt;`},
		{"multi-line inline", "a <span\ntitle=\"x\">b</span>\n", "a &lt;span\ntitle=&quot;x&quot;&gt;b&lt;/span&gt;"},
		{"NUL", "<b>\x00</b>\n", "&lt;b&gt;\ufffd&lt;/b&gt;"},
		{"in a list", "- <script>x</script>\n", "<li>\n<p class=\"raw-html\">&lt;script&gt;x&lt;/script&gt;</p>"},
		{"in a table cell", "| a |\n|---|\n| <script>x</script> |\n", "&lt;script&gt;x&lt;/script&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, diags := safeConvert(t, Options{}, tt.src)
			if !strings.Contains(html, tt.want) {
				t.Errorf("HTML:\n%s\nwant it to contain:\n%s", html, tt.want)
			}
			for _, tag := range []string{"<script", "<img", "<iframe", "<style", "<b ", "<span", "<!--"} {
				if strings.Contains(html, tag) {
					t.Errorf("HTML holds %s:\n%s", tag, html)
				}
			}
			if len(diags) != 0 {
				t.Errorf("diagnostics: %v", diags)
			}
		})
	}
}

func TestRawHTMLAllowed(t *testing.T) {
	src := "a <b>粗</b>\n\n<div class=\"x\">\n块\n</div>\n\n<script>\n\x00\n</script>\n"
	html, _ := safeConvert(t, Options{RawHTML: true}, src)
	for _, want := range []string{"a <b>粗</b>", "<div class=\"x\">\n块\n</div>\n", "<script>\n\ufffd\n</script>\n"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML:\n%s\nwant it to contain %q", html, want)
		}
	}
	if strings.Contains(html, "&lt;") || strings.Contains(html, "raw HTML omitted") {
		t.Errorf("allowed raw HTML was escaped or dropped:\n%s", html)
	}
}

// href matches every address the HTML links to or loads.
var href = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestDangerousLinksAreRemoved(t *testing.T) {
	tests := []struct {
		name, src, text string
	}{
		{"javascript", "[点击](javascript:alert(1))", "点击"},
		{"upper case", "[点击](JavaScript:alert(1))", "点击"},
		{"entity", "[点击](&#106;avascript:alert(1))", "点击"},
		{"hex entity", "[点击](&#x6A;&#x61;vascript:alert(1))", "点击"},
		{"tab inside", "[点击](<java\tscript:alert(1)>)", "点击"},
		{"leading space", "[点击](< javascript:alert(1)>)", "点击"},
		{"vbscript", "[点击](vbscript:msgbox(1))", "点击"},
		{"file", "[点击](file:///etc/passwd)", "点击"},
		{"data html", "[点击](data:text/html;base64,PHNjcmlwdD4=)", "点击"},
		{"reference", "[点击][x]\n\n[x]: javascript:alert(1)", "点击"},
		{"autolink", "<javascript:alert(1)>", "javascript:alert(1)"},
		{"image", "![图片说明](javascript:alert(1))", "图片说明"},
		{"svg image", "![图片说明](data:image/svg+xml;base64,PHN2Zz4=)", "图片说明"},
		{"nested emphasis", "[**粗**体](javascript:alert(1))", "<strong>粗</strong>体"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, diags := safeConvert(t, Options{}, tt.src+"\n")
			if strings.Contains(html, "<a") || strings.Contains(html, "<img") {
				t.Errorf("a link or image is left:\n%s", html)
			}
			if !strings.Contains(html, tt.text) {
				t.Errorf("its text %q is gone:\n%s", tt.text, html)
			}
			if len(diags) != 1 || diags[0].Severity != diag.Note || diags[0].Line != 1 || !strings.Contains(diags[0].Msg, "removed") {
				t.Errorf("want one note on line 1, got %v", diags)
			}
		})
	}
}

func TestSafeLinksStay(t *testing.T) {
	src := "[网站](https://example.org/a?b=1) [邮件](mailto:a@example.org) [相对](../02/index.html)" +
		" [锚点](#2023-04-02) <https://example.org> www.example.org ![图](data:image/png;base64,iVBO) ![图](tu.png)" +
		" [冒号](a/b:c) [查询](?javascript:x)\n"
	html, diags := safeConvert(t, Options{}, src)
	var got []string
	for _, m := range href.FindAllStringSubmatch(html, -1) {
		got = append(got, m[1])
	}
	want := []string{"https://example.org/a?b=1", "mailto:a@example.org", "../02/index.html", "#2023-04-02",
		"https://example.org", "http://www.example.org", "data:image/png;base64,iVBO", "tu.png", "a/b:c", "?javascript:x"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("addresses:\n%q\nwant:\n%q", got, want)
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

func TestDangerous(t *testing.T) {
	for _, tt := range []struct {
		url   string
		image bool
		want  bool
	}{
		{"javascript:x", false, true},
		{" \x01JAVASCRIPT:x", false, true},
		{"java\nscript:x", false, true},
		{"data:image/png;base64,x", true, false},
		{"data:image/png;base64,x", false, true},
		{"data:image/svg+xml,x", true, true},
		{"https://x", false, false},
		{"javascript", false, false},
		{"./javascript:x", false, false},
		{"java%73cript:x", false, false}, // not a scheme: a relative path
	} {
		if got := Dangerous([]byte(tt.url), tt.image); got != tt.want {
			t.Errorf("Dangerous(%q, %v) = %v, want %v", tt.url, tt.image, got, tt.want)
		}
	}
}

// TestCrossReferencesStaySafe: the addresses xref writes are relative paths made from
// slugs, and a doc: link to no document is unwrapped, javascript: or not.
func TestCrossReferencesStaySafe(t *testing.T) {
	c := New(Options{Extensions: []goldmark.Extender{xref.New()}})
	idx := xref.NewIndex([]xref.Target{{Path: "2023/02/a", Number: "乌政发〔2023〕9号", Title: "通知"}})
	src := "[甲](doc:乌政发〔2023〕9号) [乙](doc:javascript:alert(1)) [丙](doc:%6Aavascript:x) 乌政发〔2023〕9号 《通知》\n"
	doc, diags := c.Convert("b.md", []byte(src), func(pc parser.Context) { xref.Enable(pc, idx, "2023/02/b", "2023/02/b") })
	var got []string
	for _, m := range href.FindAllStringSubmatch(string(doc.HTML), -1) {
		got = append(got, m[1])
	}
	if strings.Join(got, " ") != "../a/index.html ../a/index.html ../a/index.html" {
		t.Errorf("addresses %q in\n%s", got, doc.HTML)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	want := "b.md:1:22: unknown document number in doc: link: javascript:alert(1)\nb.md:1:51: unknown document number in doc: link: javascript:x"
	if strings.Join(msgs, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), want)
	}
}
