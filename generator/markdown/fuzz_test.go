package markdown

import (
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/table"
	"gazette/generator/xref"
)

// elements are every element the dialect writes; anything else came from content.
var elements = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`a article blockquote br caption code del div em h1 h2 h3 h4 h5 h6
		hr img input li ol p pre section span strong table tbody td th thead time tr ul`) {
		elements[e] = true
	}
}

var (
	tagRE  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*/?>`)
	attrRE = regexp.MustCompile(`\s+([^\s=>]+)(?:="([^"]*)")?`)
)

// checkInert fails when html holds markup that content could have injected: an
// element the dialect never writes, an event handler or style attribute, an address
// that runs script, or a '<' that starts no known tag.
func checkInert(t *testing.T, html string) {
	t.Helper()
	rest := tagRE.ReplaceAllStringFunc(html, func(tag string) string {
		m := tagRE.FindStringSubmatch(tag)
		name := strings.ToLower(m[2])
		if !elements[name] {
			t.Fatalf("element <%s> in the output: %s", name, tag)
		}
		for _, a := range attrRE.FindAllStringSubmatch(m[3], -1) {
			attr := strings.ToLower(a[1])
			if strings.HasPrefix(attr, "on") || attr == "style" || attr == "srcdoc" || attr == "formaction" {
				t.Fatalf("attribute %s in the output: %s", attr, tag)
			}
			if (attr == "href" || attr == "src") && Dangerous([]byte(stdhtml.UnescapeString(a[2])), attr == "src") {
				t.Fatalf("address %q in the output: %s", a[2], tag)
			}
		}
		return ""
	})
	if i := strings.IndexByte(rest, '<'); i >= 0 {
		t.Fatalf("unescaped '<' outside a tag: %q", rest[i:min(len(rest), i+40)])
	}
}

// FuzzConvert converts arbitrary Markdown with every extension of the gazette's
// dialect. With raw HTML escaped (the default) nothing in the output may be markup the
// dialect does not write itself. Seeds: testdata/fuzz/FuzzConvert, the hostile inputs
// of this package's tests and the bundled content.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>", "a <img src=x onerror=alert(1)> b", "[x](javascript:alert(1))",
		"[x](&#106;avascript:alert(1))", "<javascript:alert(1)>", "![x](data:image/svg+xml,<svg onload=alert(1)>)",
		"| <script> | [x](vbscript:y) |\n|---|---|\n| ^^ | <iframe> |\n", "## 四月份\n\n### 4月2日<script>\n\n<style>x</style>\n",
		"```\n<script>\n```\n", "`<script>`", "<!-- <script> -->", "<?php x ?>", "<![CDATA[<script>]]>",
		"> <div onclick=x>\n", "- <a href=javascript:x>y</a>", "[x]: javascript:y\n\n[x]", "<a\nhref=javascript:x>y</a>",
		"www.example.com/<script>", "x@example.com<script>", "\\<script>", "&lt;script&gt;",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("../../content/*/*/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	c := New(Options{Extensions: []goldmark.Extender{
		chronicle.New(), table.New(table.WithCSVLink("CSV"), table.WithEscapedHTML(true)), xref.New(),
	}})
	idx := xref.NewIndex([]xref.Target{{Path: "2023/02/a", Number: "乌政发〔2023〕9号", Title: "通知", Issue: "2023年第2期"}})
	f.Fuzz(func(t *testing.T, src string) {
		doc, diags := c.Convert("a.md", []byte(src), func(pc parser.Context) {
			chronicle.Enable(pc, 2023)
			xref.Enable(pc, idx, "2023/02/b", "2023/02/b")
		})
		checkInert(t, string(doc.HTML))
		for _, d := range diags {
			if d.Line < 1 {
				t.Fatalf("diagnostic without a line: %v", d)
			}
		}
	})
}
