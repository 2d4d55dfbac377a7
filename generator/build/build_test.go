package build

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/diag"
	"gazette/generator/output"
)

// bundled is the real content, layouts and static files of the repository.
func bundled() Inputs {
	return Inputs{
		Content: os.DirFS("../../content"),
		Layouts: os.DirFS("../../layouts"),
		Static:  os.DirFS("../../static"),
	}
}

func buildBundled(t *testing.T) *Result {
	t.Helper()
	res, err := Site(bundled())
	if err != nil {
		t.Fatalf("building the bundled site: %v", err)
	}
	if errs := res.Diags.Errors(); len(errs) > 0 {
		t.Fatalf("no error returned, but error diagnostics: %v", errs)
	}
	return res
}

func TestDeterministic(t *testing.T) {
	a, b := buildBundled(t).Tree, buildBundled(t).Tree
	pa, pb := a.Paths(), b.Paths()
	if strings.Join(pa, "\n") != strings.Join(pb, "\n") {
		t.Fatalf("two builds wrote different files:\n%q\n%q", pa, pb)
	}
	for _, p := range pa {
		ca, _ := a.Get(p)
		cb, _ := b.Get(p)
		if !bytes.Equal(ca, cb) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// docPages are the pages of the five documents of 2023年第2期, in print order.
var docPages = []string{
	"2023/02/wu-zheng-fa-2023-9-hao/index.html",
	"2023/02/wu-zheng-ban-fa-2023-27-hao/index.html",
	"2023/02/wu-zheng-ban-fa-2023-26-hao/index.html",
	"2023/02/wu-zheng-ban-fa-2023-29-hao/index.html",
	"2023/02/dashiji/index.html",
}

func TestBundledSite(t *testing.T) {
	res := buildBundled(t)
	tree := res.Tree
	for _, p := range append([]string{"index.html", "404.html", "2023/02/index.html"}, docPages...) {
		if _, ok := tree.Get(p); !ok {
			t.Errorf("no page %s", p)
		}
	}
	if res.Documents != 5 {
		t.Errorf("Documents = %d, want 5", res.Documents)
	}
	pages := 0
	for _, p := range tree.Paths() {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	if res.Pages != pages || pages < 8 {
		t.Errorf("Pages = %d, the tree has %d HTML files (want at least 8)", res.Pages, pages)
	}

	// The issue page lists the documents in print order.
	issue := page(t, tree, "2023/02/index.html")
	last := -1
	for _, d := range docPages {
		link := `href="` + strings.TrimPrefix(d, "2023/02/") + `"`
		i := strings.Index(issue, link)
		if i < 0 {
			t.Errorf("issue page has no link %s", link)
			continue
		}
		if i < last {
			t.Errorf("issue page lists %s out of print order", d)
		}
		last = i
	}
}

// TestAcceptanceSpotChecks: three places of the printed issue that are easy to get
// wrong (the end of a long numbered plan, the end of a 54-item list, the last event of
// the chronicle) come out whole.
func TestAcceptanceSpotChecks(t *testing.T) {
	tree := buildBundled(t).Tree

	plan := page(t, tree, "2023/02/wu-zheng-fa-2023-9-hao/index.html")
	if !strings.Contains(plan, "24. 提升数据共享水平。") {
		t.Error("府院联动 plan: item 24 提升数据共享水平 missing")
	}

	list := page(t, tree, "2023/02/wu-zheng-ban-fa-2023-29-hao/index.html")
	const last = "乌审旗人力资源和社会保障综合行政执法大队"
	i := strings.Index(list, "<li>"+last+"</li>")
	if i < 0 {
		t.Fatalf("行政执法主体: %s is not a list item", last)
	}
	start := strings.LastIndex(list[:i], "<ol")
	if start < 0 {
		t.Fatalf("行政执法主体: %s is not in a numbered list", last)
	}
	ol := list[start:i]
	if tag := ol[:strings.IndexByte(ol, '>')+1]; tag != "<ol>" && tag != `<ol start="1">` {
		t.Errorf("行政执法主体: the list starts with %s, want 1", tag)
	}
	if n := strings.Count(ol, "<li>") + 1; n != 54 || strings.Contains(ol, "</ol>") {
		t.Errorf("行政执法主体: %s is item %d, want 54", last, n)
	}

	chron := page(t, tree, "2023/02/dashiji/index.html")
	h := strings.LastIndex(chron, "<h3")
	if h < 0 {
		t.Fatal("chronicle has no events")
	}
	event := chron[h:]
	if !strings.Contains(event[:strings.Index(event, "</h3>")], "6月27日") {
		t.Errorf("chronicle: last event is %q, want 6月27日", event[:strings.Index(event, "</h3>")])
	}
	if !strings.Contains(event, "远景零碳产业园") {
		t.Error("chronicle: the last event (6月27日) does not mention 远景零碳产业园")
	}
}

var urlAttr = regexp.MustCompile(`(?i)\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// TestLinksAreRelative: the site must work from any folder and from disk, so no link
// starts with "/" or names a scheme, and every link to a file of the site finds it.
func TestLinksAreRelative(t *testing.T) {
	tree := buildBundled(t).Tree
	scheme := regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
	links := 0
	for _, p := range tree.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		html := page(t, tree, p)
		for _, m := range urlAttr.FindAllStringSubmatch(html, -1) {
			u := m[1] + m[2]
			links++
			switch {
			case u == "":
				t.Errorf("%s: empty link", p)
			case strings.HasPrefix(u, "/"):
				t.Errorf("%s: link %q is not relative", p, u)
			case scheme.MatchString(u):
				t.Errorf("%s: link %q names a scheme", p, u)
			case strings.HasPrefix(u, "#"):
			default:
				target := u
				if i := strings.IndexAny(target, "#?"); i >= 0 {
					target = target[:i]
				}
				if dec, err := url.PathUnescape(target); err == nil { // html/template percent-encodes non-ASCII (id/乌政发-2023-9/)
					target = dec
				}
				resolved := path.Join(path.Dir(p), target)
				if _, ok := tree.Get(resolved); !ok {
					t.Errorf("%s: link %q points to %s, which the site does not have", p, u, resolved)
				}
			}
		}
	}
	if links < 20 {
		t.Errorf("found only %d links in the whole site: is the pattern still right?", links)
	}
}

func page(t *testing.T, tree *output.Tree, p string) string {
	t.Helper()
	b, ok := tree.Get(p)
	if !ok {
		t.Fatalf("no page %s", p)
	}
	return string(b)
}

func TestContentErrors(t *testing.T) {
	in := bundled()
	in.Content = fstest.MapFS{
		"site.yaml":          {Data: []byte("title: 公报\nlanguages: [zh]\n")},
		"2023/02/_index.md":  {Data: []byte("---\nyear: 2023\nnumber: 2\ndate: 2023-06-30\nsections: [政府文件, 大事记]\n---\n")},
		"2023/02/a.md":       {Data: []byte("---\ntitel: 通知\nsection: 政府文件\ndate: 2023-04-18\nnumber: 乌政发〔2023〕9号\n---\n")},
		"2023/02/b.md":       {Data: []byte("---\ntitle: 通知\nsection: 政府文件\ndate: 2023-02-30\nnumber: 乌政发[2023]9号\n---\n")},
		"2023/02/dashiji.md": {Data: []byte("---\ntitle: 大事记\nsection: 大事记\ndate: 2023-06-30\ntype: chronicle\n---\n\n## 四月份\n\n### 4月32日\n\n某事。\n")},
	}
	res, err := Site(in)
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("Site returned %v (%T), want a *diag.ContentError", err, err)
	}
	if res == nil || res.Tree != nil {
		t.Errorf("a failed build returned a tree")
	}
	var got []string
	for _, d := range ce.List {
		got = append(got, d.String())
	}
	want := []string{
		`2023/02/a.md:1: missing required front matter key "title"`,
		`2023/02/a.md:2: unknown front matter key "titel" (did you mean "title"?)`,
		`2023/02/b.md:4: date: invalid date "2023-02-30": February 2023 has no day 30`,
		`2023/02/b.md:5: duplicate 发文字号 乌政发[2023]9号: already used by 2023/02/a.md:5`,
		`2023/02/dashiji.md:10:1: chronicle heading "4月32日"`, // the Markdown stage's problems come in the same list
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q", i, got[i], want[i])
		}
	}
	if err.Error() != strings.Join(got, "\n") {
		t.Errorf("Error() = %q, want every problem on its own line", err.Error())
	}
	site, diags := Check(in)
	if site == nil || len(diags.Errors()) != len(want) {
		t.Errorf("Check found %d errors, Site %d", len(diags.Errors()), len(want))
	}
}

func TestNoSiteYAML(t *testing.T) {
	in := bundled()
	in.Content = fstest.MapFS{"2023/02/_index.md": {Data: []byte("---\n---\n")}}
	res, err := Site(in)
	var ce *diag.ContentError
	if !errors.As(err, &ce) || len(ce.List) != 1 || ce.List[0].File != "site.yaml" {
		t.Fatalf("Site = %v, want a content error about site.yaml", err)
	}
	if res.Tree != nil {
		t.Error("a failed build returned a tree")
	}
}

func TestBrokenLayouts(t *testing.T) {
	in := bundled()
	in.Layouts = fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{.Nope}}{{end}}`)}}
	_, err := Site(in)
	var ce *diag.ContentError
	if err == nil || errors.As(err, &ce) {
		t.Fatalf("Site with broken layouts = %v, want an error that is not about content", err)
	}
}
