package markdown

import (
	"strings"
	"testing"
)

func TestRebaseURL(t *testing.T) {
	const from, to = "2023/02/dashiji", "timeline"
	for _, tc := range []struct{ dest, want string }{
		// What the cross-reference extension writes from a chronicle page.
		{"../wu-zheng-fa-2023-9-hao/index.html", "../2023/02/wu-zheng-fa-2023-9-hao/index.html"},
		{"../../01/dashiji/index.html#2023-01-05", "../2023/01/dashiji/index.html#2023-01-05"},
		{"../../../2022/06/x/index.html", "../2022/06/x/index.html"},
		// The page's own parts now live on the chronicle page.
		{"#2023-04-02", "../2023/02/dashiji/index.html#2023-04-02"},
		{"?q=1", "../2023/02/dashiji/index.html?q=1"},
		// Files beside the page, and above it.
		{"tbl-1.csv", "../2023/02/dashiji/tbl-1.csv"},
		{"../../../css/site.css", "../css/site.css"},
		{"../../../timeline/index.html", "index.html"},
		{"sub/", "../2023/02/dashiji/sub/"},
		// Escapes survive.
		{"a%20b.pdf", "../2023/02/dashiji/a%20b.pdf"},
		{"#%E4%B8%80", "../2023/02/dashiji/index.html#%E4%B8%80"},
		// Left alone.
		{"https://example.org/a", "https://example.org/a"},
		{"//example.org/a", "//example.org/a"},
		{"/root.html", "/root.html"},
		{"mailto:a@example.org", "mailto:a@example.org"},
		{"doc:乌政发〔2023〕9号", "doc:乌政发〔2023〕9号"},
		{"", ""},
	} {
		if got := rebaseURL(tc.dest, from, to); got != tc.want {
			t.Errorf("rebaseURL(%q) = %q, want %q", tc.dest, got, tc.want)
		}
	}
	// Deeper and shallower targets, and above the root.
	for _, tc := range []struct{ dest, from, to, want string }{
		{"a/index.html", "", "x/y", "../../a/index.html"},
		{"../a.html", "x", "", "a.html"},
		{"../../../up.html", "2023/02/d", "timeline", "../up.html"},
		{"../../../../up.html", "2023/02/d", "timeline", "../../up.html"},
		{"#top", "x", "x", "index.html#top"},
	} {
		if got := rebaseURL(tc.dest, tc.from, tc.to); got != tc.want {
			t.Errorf("rebaseURL(%q, %q, %q) = %q, want %q", tc.dest, tc.from, tc.to, got, tc.want)
		}
	}
}

func TestRebaseRendersLinksForTheOtherPage(t *testing.T) {
	c := New(Options{})
	src := "见[另一文件](../x/index.html)、[本页](#a)、![图](fig.png)、<https://example.org/>和`[code](y)`。\n"
	doc, diags := c.Convert("f.md", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	Rebase(doc.AST, "2023/02/d", "timeline")
	html, err := c.RenderNode(doc, doc.AST)
	if err != nil {
		t.Fatal(err)
	}
	got := string(html)
	for _, want := range []string{
		`href="../2023/02/x/index.html"`,
		`href="../2023/02/d/index.html#a"`,
		`src="../2023/02/d/fig.png"`,
		`href="https://example.org/"`,
		`<code>[code](y)</code>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rebased HTML lacks %s:\n%s", want, got)
		}
	}
}
