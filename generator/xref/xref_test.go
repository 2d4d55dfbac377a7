package xref

import (
	"bytes"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gazette/generator/internal/casefile"
	"gazette/generator/mdreport"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/cases.txt")

// fixture is the gazette the case file links into: issue 2 of 2023 as printed, and an
// issue 3 with two notices that enclose plans of the same name.
var fixture = []Target{
	{Path: "2023/02/wu-zheng-fa-2023-9-hao", Number: "乌政发〔2023〕9号",
		Title:    "乌审旗人民政府 乌审旗人民法院 乌审旗人民检察院关于印发《建立常态化府院联动机制工作实施方案》的通知",
		Encloses: "建立常态化府院联动机制工作实施方案", Issue: "2023年第2期"},
	{Path: "2023/02/wu-zheng-ban-fa-2023-26-hao", Number: "乌政办发〔2023〕26号",
		Title:    "乌审旗人民政府办公室关于印发乌审旗国家卫生县复审、国家卫生乡镇创建及复审工作实施方案的通知",
		Encloses: "乌审旗国家卫生县复审、国家卫生乡镇创建及复审工作实施方案", Issue: "2023年第2期"},
	{Path: "2023/02/wu-zheng-ban-fa-2023-27-hao", Number: "乌政办发〔2023〕27号",
		Title:    "乌审旗人民政府办公室关于印发《乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）》的通知",
		Encloses: "乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）", Issue: "2023年第2期"},
	{Path: "2023/02/wu-zheng-ban-fa-2023-29-hao", Number: "乌政办发〔2023〕29号",
		Title: "乌审旗人民政府办公室关于公布行政执法主体的公告", Issue: "2023年第2期"},
	{Path: "2023/02/dashiji", Title: "乌审旗人民政府大事记", Issue: "2023年第2期"},
	{Path: "2023/03/wu-zheng-fa-2023-15-hao", Number: "乌政发〔2023〕15号",
		Title:    "乌审旗人民政府关于印发《安全生产工作方案》的通知",
		Encloses: "安全生产工作方案", Issue: "2023年第3期"},
	{Path: "2023/03/wu-zheng-ban-fa-2023-40-hao", Number: "乌政办发〔2023〕40号",
		Title:    "乌审旗人民政府办公室关于印发《安全生产工作方案》的通知",
		Encloses: "安全生产工作方案", Issue: "2023年第3期"},
}

// defaultPage is the page of a case without a "page" section: a document of issue 3.
const defaultPage = "2023/03/wu-zheng-fa-2023-15-hao 2023/03/wu-zheng-fa-2023-15-hao"

// newMarkdown assembles goldmark as the site does, with the extensions that make
// inline nodes of their own (autolinks, strikethrough).
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, New()))
}

// convert parses source on the page "from self" ("-" for no self); page "" leaves the
// extension off.
func convert(t *testing.T, md goldmark.Markdown, idx *Index, source, pg string) (string, parser.Context) {
	t.Helper()
	pc := parser.NewContext()
	if pg != "" {
		f := strings.Fields(pg)
		if len(f) != 2 {
			t.Fatalf("page %q: want \"from self\"", pg)
		}
		self := f[1]
		if self == "-" {
			self = ""
		}
		Enable(pc, idx, f[0], self)
	}
	doc := md.Parser().Parse(text.NewReader([]byte(source)), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(source), doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), pc
}

func problems(pc parser.Context, source string) string {
	var b strings.Builder
	for _, p := range mdreport.Problems(pc) {
		line, col := mdreport.Position([]byte(source), p.Offset)
		fmt.Fprintf(&b, "%d:%d: %s\n", line, col, p.Msg)
	}
	return b.String()
}

func citations(pc parser.Context, source string) string {
	var b strings.Builder
	for _, c := range Citations(pc) {
		line, col := mdreport.Position([]byte(source), c.Offset)
		fmt.Fprintf(&b, "%d:%d: %s %s %s\n", line, col, c.Kind, c.Target, c.Text)
	}
	return b.String()
}

func unresolved(pc parser.Context, source string) string {
	var b strings.Builder
	for _, u := range Unresolved(pc) {
		line, col := mdreport.Position([]byte(source), u.Offset)
		fmt.Fprintf(&b, "%d:%d: %s %s\n", line, col, u.Number, u.Key)
	}
	return b.String()
}

// TestCases runs testdata/cases.txt, a case file (see package casefile) of small
// documents with the sections page ("from self", optional), md, html, problems,
// citations, unresolved.
func TestCases(t *testing.T) {
	const path = "testdata/cases.txt"
	cf, err := casefile.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	md := newMarkdown()
	idx := NewIndex(fixture)
	outputs := []string{"html", "problems", "citations", "unresolved"}
	for _, c := range cf.Cases {
		t.Run(c.Name, func(t *testing.T) {
			source, ok := c.Get("md")
			if !ok {
				t.Fatal("no md section")
			}
			pg := defaultPage
			if p, ok := c.Get("page"); ok {
				pg = strings.TrimSpace(p)
			}
			html, pc := convert(t, md, idx, source, pg)
			got := map[string]string{
				"html":       html,
				"problems":   problems(pc, source),
				"citations":  citations(pc, source),
				"unresolved": unresolved(pc, source),
			}
			for _, name := range outputs {
				want, _ := c.Get(name)
				if *update {
					if got[name] != "" || want != "" {
						c.Set(name, got[name])
					}
					continue
				}
				if strings.TrimRight(got[name], "\n") != strings.TrimRight(want, "\n") {
					t.Errorf("%s:\n--- got\n%s--- want\n%s", name, got[name], want)
				}
			}
		})
	}
	if *update {
		if err := cf.Write(path); err != nil {
			t.Fatal(err)
		}
	}
}

// A document converted without Enable renders exactly as without the extension.
func TestNotEnabledIsUntouched(t *testing.T) {
	const source = "见乌政办发[2023]27号和《乌审旗人民政府大事记》，[链接](doc:乌政发〔2023〕99号)。\n"
	plain := goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough))
	want, _ := convert(t, plain, nil, source, "")
	got, pc := convert(t, newMarkdown(), NewIndex(fixture), source, "")
	if got != want {
		t.Errorf("not enabled: got\n%s\nwant\n%s", got, want)
	}
	if len(Citations(pc)) != 0 || len(Unresolved(pc)) != 0 || len(mdreport.Problems(pc)) != 0 {
		t.Errorf("not enabled, yet citations %v, unresolved %v, problems %v",
			Citations(pc), Unresolved(pc), mdreport.Problems(pc))
	}
}

// A document of issue 3 cites 乌政办发〔2023〕27号 of issue 2 by number and by the
// title of the plan it issues; both links climb out of 2023/03 into 2023/02.
func TestTwoIssues(t *testing.T) {
	issue2 := []Target{
		{Path: "2023/02/wu-zheng-fa-2023-9-hao", Number: "乌政发〔2023〕9号",
			Title: "关于印发《建立常态化府院联动机制工作实施方案》的通知", Issue: "2023年第2期"},
		{Path: "2023/02/wu-zheng-ban-fa-2023-27-hao", Number: "乌政办发〔2023〕27号",
			Title:    "乌审旗人民政府办公室关于印发《乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）》的通知",
			Encloses: "乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）", Issue: "2023年第2期"},
	}
	issue3 := []Target{
		{Path: "2023/03/wu-zheng-ban-fa-2023-45-hao", Number: "乌政办发〔2023〕45号",
			Title: "乌审旗人民政府办公室关于医保服务下沉工作进展的通报", Issue: "2023年第3期"},
	}
	idx := NewIndex(append(issue2, issue3...))
	const self = "2023/03/wu-zheng-ban-fa-2023-45-hao"
	const source = "按照《乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）》\n" +
		"（乌政办发〔2023〕27号）要求，现将进展通报如下。\n"
	html, pc := convert(t, newMarkdown(), idx, source, self+" "+self)

	const want = `../../02/wu-zheng-ban-fa-2023-27-hao/index.html`
	if n := strings.Count(html, `<a href="`+want+`" title="乌政办发〔2023〕27号 · 2023年第2期" class="xref">`); n != 2 {
		t.Errorf("%d links to %s, want 2:\n%s", n, want, html)
	}
	cs := Citations(pc)
	if len(cs) != 2 {
		t.Fatalf("citations %v, want 2", cs)
	}
	for i, kind := range []string{"title", "number"} {
		if cs[i].Target != "2023/02/wu-zheng-ban-fa-2023-27-hao" || cs[i].Kind != kind {
			t.Errorf("citation %d = %+v, want a %s citation of 乌政办发〔2023〕27号", i, cs[i], kind)
		}
	}
	if line, _ := mdreport.Position([]byte(source), cs[1].Offset); line != 2 || cs[1].Text != "乌政办发〔2023〕27号" {
		t.Errorf("number citation %+v on line %d, want 乌政办发〔2023〕27号 on line 2", cs[1], line)
	}
}

func TestHref(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"2023/02/a", "2023/02/b", "../b/index.html"},
		{"2023/02/a", "2023/03/c", "../../03/c/index.html"},
		{"2023/02/a", "2022/12/c", "../../../2022/12/c/index.html"},
		{"2023/02", "2023/02/b", "b/index.html"},
		{"2023/03", "2023/02/b", "../02/b/index.html"},
		{"", "2023/02/b", "2023/02/b/index.html"},
		{"2023/02/", "/2023/02/b/", "b/index.html"},
	} {
		if got := href(tt.from, tt.to); got != tt.want {
			t.Errorf("href(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestIndex(t *testing.T) {
	idx := NewIndex(fixture)
	for _, tt := range []struct{ name, want string }{
		{"安全生产工作方案", ""}, // enclosed by two notices
		{"乌审旗人民政府大事记", "2023/02/dashiji"},
		{"建立常态化府院联动机制工作实施方案", "2023/02/wu-zheng-fa-2023-9-hao"},
		{"乌审旗人民政府办公室关于公布行政执法主体的公告", "2023/02/wu-zheng-ban-fa-2023-29-hao"},
		{"没有的标题", ""},
	} {
		got := ""
		if tg := idx.name(tt.name); tg != nil {
			got = tg.Path
		}
		if got != tt.want {
			t.Errorf("name(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	// A document whose title equals what it encloses is one document, not two.
	one := NewIndex([]Target{{Path: "a", Title: "方案", Encloses: "方案"}})
	if one.name("方案") == nil {
		t.Error("title equal to encloses counted as ambiguous")
	}
	// The first of two documents with one number wins.
	two := NewIndex([]Target{{Path: "a", Number: "乌政发〔2023〕1号"}, {Path: "b", Number: "乌政发[2023]1号"}})
	if tg := two.number("乌政发|2023|1"); tg == nil || tg.Path != "a" {
		t.Errorf("number = %v, want a", tg)
	}
}

// TestMayCite compares mayCite with the plain search it stands for, on texts with 《
// and 号 at every place, among characters that share their first or last bytes.
func TestMayCite(t *testing.T) {
	fillers := []string{"中文", "》", "〈", "叫", "卷", "abc", "\x8a\xb7"}
	for _, f := range fillers {
		for n := 0; n <= 12; n++ {
			base := strings.Repeat(f, n)
			for _, r := range []string{"", "《", "号"} {
				for i := 0; i <= len(base); i++ {
					s := []byte(base[:i] + r + base[i:])
					want := bytes.Contains(s, []byte("《")) || bytes.Contains(s, []byte("号"))
					if got := mayCite(s); got != want {
						t.Fatalf("mayCite(%q) = %v, want %v", s, got, want)
					}
				}
			}
		}
	}
}
