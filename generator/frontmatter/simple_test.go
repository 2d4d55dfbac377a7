package frontmatter

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// checkSimple fails t when parseSimple takes fm and gives another tree than the YAML
// parser, and reports whether it took it.
func checkSimple(t *testing.T, fm []byte) bool {
	t.Helper()
	got, ok := parseSimple(fm)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(fm, &want); err != nil {
		t.Fatalf("parseSimple took %q, which YAML refuses: %v", fm, err)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("parseSimple(%q):\n%s\nYAML:\n%s", fm, dump(got), dump(&want))
	}
	return true
}

// dump shows a tree with everything DeepEqual compares.
func dump(n *yaml.Node) string {
	var b strings.Builder
	var walk func(*yaml.Node, string)
	walk = func(n *yaml.Node, indent string) {
		c := *n
		c.Content = nil
		fmt.Fprintf(&b, "%s%+v\n", indent, c)
		for _, c := range n.Content {
			walk(c, indent+"  ")
		}
	}
	walk(n, "")
	return b.String()
}

func TestSimpleMatchesYAML(t *testing.T) {
	for _, c := range []struct {
		fm   string
		fast bool // parseSimple takes it
	}{
		{"title: 乌审旗人民政府关于印发《计划》的通知\nsection: 政府文件\ndate: 2022-06-02\n", true},
		{"number: 乌政发〔2022〕79号\nissuers: [乌审旗人民政府, 乌审旗人民政府办公室]\npage: 41\nweight: 10\n", true},
		{"year: 2022\nnumber: 6\ndate: 2022-06-30\nsections: [政府文件, 政府办文件, 大事记]\n", true},
		{"title: ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ\ntranslation: reference\n", true},
		{"title: x", true}, // no final newline (site.yaml)
		{"a: true\nb: null\nc: ~\nd: 1.5\ne: 0x10\nf: 0o17\ng: 012\nh: -1\ni: .inf\nj: 1_000\nk: <<\n", false}, // '-' starts h
		{"a: true\nb: null\nc: ~\nd: 1.5\ne: 0x10\nf: 0o17\ng: 012\ni: .inf\nj: 1_000\nk: <<\nl: +5\n", true},
		{"date: 2023-02-30\nother: 2023-13-01\nthird: 2023-1-2\nfourth: 2023-04-23 10\n", true},
		{"true: 1\nnull: 2\ny: 3\n", true},
		{"issuers: []\n", true},
		{"issuers: [ a ,  b  ,c ]\n", true},
		{"issuers: [a  b, 第一 第二]\n", true},
		{"issuers:   [a]\ntitle:    x  y\n", true},
		{"title: a [b] {c}, d\n", true},
		{"title: 关于\"三农\"的 'x' \\n 通知\n", true},
		{"title: 100% @me `x` !x &x *x |x >x\n", true},
		{"title: a -b ?c\n", true},
		{"issuers: [ ]\n", false},
		{"issuers: [a, ]\n", false},
		{"issuers: [a,, b]\n", false},
		{"issuers: [a, [b]]\n", false},
		{"issuers: [a] b\n", false},
		{"issuers: [a, b\n", false},
		{"title: a: b\n", false},
		{"title: a #b\n", false},
		{"title: x \n", false},
		{"title: \"x\"\n", false},
		{"title: 'x'\n", false},
		{"title: |\n  x\n", false},
		{"title:\n", false},
		{"title: \n", false},
		{"title:x\n", false},
		{"title: x\n\nsection: y\n", false},
		{"title: x\n  y\n", false},
		{"issuers:\n  - a\n", false},
		{"Title: x\n", false},
		{"_a: x\n", false},
		{"title: a\tb\n", false},
		{"title:\tx\n", false},
		{"title: a\u2028b\n", false},
		{"title: a\u0085b\n", false},
		{"title: a\ufeffb\n", false},
		{"title: 😀\n", false},
		{"title: x\n---\n", false},
		{"", false},
		{"\n", false},
	} {
		if got := checkSimple(t, []byte(c.fm)); got != c.fast {
			t.Errorf("parseSimple(%q) took it: %v, want %v", c.fm, got, c.fast)
		}
	}
}

// TestSimpleBundled checks the front matter of every bundled file: what parseSimple
// takes it reads as YAML does, and it takes every original's (the translations' carry
// comments and quotes, which are YAML's to read).
func TestSimpleBundled(t *testing.T) {
	files, _ := filepath.Glob("../../content/*/*/*.md")
	if len(files) == 0 {
		t.Fatal("no bundled content")
	}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fm, _, err := Split(Normalize(src))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !checkSimple(t, fm) && !strings.HasSuffix(p, ".mn.md") {
			t.Errorf("%s: front matter not taken by the fast path:\n%s", p, fm)
		}
	}
}

// FuzzSimple: whatever parseSimple takes, it reads as YAML does.
func FuzzSimple(f *testing.F) {
	for _, s := range []string{
		"title: x\n", "a: [b, c]\n", "a: 2023-01-02\nb: 12\n", "a: [ b ,c]\n", "a: true\n",
		"a: b c\n", "a:  [中文, ᠮᠣᠩᠭᠣᠯ]\n", "a: 0x1F\n", "y: n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, fm []byte) { checkSimple(t, fm) })
}
