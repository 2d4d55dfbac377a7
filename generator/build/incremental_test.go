package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/diag"
	"gazette/generator/output"
)

// mapDir copies a folder into memory, so that a test can edit it.
func mapDir(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(dir + "/" + p)
		m[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// editable is the bundled site in memory.
type editable struct {
	content, layouts, static fstest.MapFS
}

func newEditable(t testing.TB) *editable {
	return &editable{mapDir(t, "../../content"), mapDir(t, "../../layouts"), mapDir(t, "../../static")}
}

func (e *editable) inputs() Inputs {
	return Inputs{Content: e.content, Layouts: e.layouts, Static: e.static}
}

// replace replaces old, which must occur in file, by new.
func replace(t testing.TB, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	f := fsys[file]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	fsys[file] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), Mode: 0o644}
}

// The bundled documents the edits touch.
const (
	zhifa   = "2023/02/zhifa-zhuti.md" // 乌政办发〔2023〕29号, third and last of 政府办文件
	fuyuan  = "2023/02/fuyuan-liandong.md"
	zhifaP  = "2023/02/wu-zheng-ban-fa-2023-29-hao"
	fuyuanP = "2023/02/wu-zheng-fa-2023-9-hao"
)

// TestIncrementalMatchesFull edits the bundled site in many ways, one after the other,
// and after each edit requires a Builder's build to equal a full build byte for byte.
// Where the pages an edit must re-render are clear, it requires exactly those.
func TestIncrementalMatchesFull(t *testing.T) {
	e := newEditable(t)
	var b Builder
	steps := []struct {
		name string
		edit func()
		// rendered and made, when not nil, are exactly the pages and the other files
		// the build must make anew; must and mustNot list some files, pages or not,
		// it must and must not make anew.
		rendered, made, must, mustNot []string
		fails                         bool
		// shows, when set, is text that pages of the incremental build must hold.
		shows map[string]string
	}{
		{name: "first build", edit: func() {}},
		{name: "nothing changed", edit: func() {}, rendered: []string{}, made: []string{}},
		{name: "a paragraph of one document", edit: func() {
			replace(t, e.content, zhifa, "现予以公布。", "现予以公布，请遵照执行。")
		}, rendered: bothLangs(zhifaP+"/index.html", zhifaP+"/source/index.html"),
			// The data files hold the text and the source; a translation's file is
			// published again with the original's, both being the document's.
			made: append(bothLangs(zhifaP+"/index.json"), zhifaP+"/source/zhifa-zhuti.md", "mn/"+zhifaP+"/source/zhifa-zhuti.mn.md")},
		{name: "a citation of another document", edit: func() {
			replace(t, e.content, fuyuan, "经研究同意，", "根据乌政办发〔2023〕29号，经研究同意，")
		}, rendered: bothLangs(fuyuanP+"/index.html", fuyuanP+"/source/index.html", zhifaP+"/index.html")},
		{name: "the citing document's title", edit: func() {
			replace(t, e.content, fuyuan, "title: 乌审旗人民政府 乌审旗人民法院", "title: 乌审旗人民政府、乌审旗人民法院")
		},
			// The cited document lists who cites it, by title.
			must: append(bothLangs(zhifaP+"/index.html", fuyuanP+"/index.html", "2023/02/index.html", "index.html", "documents/index.html",
				zhifaP+"/index.json", "feed.xml"), "catalog.json"),
			mustNot: bothLangs("2023/02/dashiji/index.html", "2023/02/dashiji/source/index.html", "timeline/index.html", zhifaP+"/source/index.html",
				"2023/02/dashiji/index.json", zhifaP+"/source/zhifa-zhuti.md", "timeline/events.json"),
			shows: map[string]string{zhifaP + "/index.html": "乌审旗人民政府、乌审旗人民法院", "2023/02/index.html": "乌审旗人民政府、乌审旗人民法院",
				zhifaP + "/index.json": "乌审旗人民政府、乌审旗人民法院"}},
		{name: "the cited document's title, which the citation does not name", edit: func() {
			replace(t, e.content, zhifa, "title: 乌审旗人民政府办公室关于公布行政执法主体的公告", "title: 乌审旗人民政府办公室关于公布行政执法主体的通告")
		}, // The citing document's data file lists what it cites, by title.
			must:  bothLangs(fuyuanP + "/index.json"),
			shows: map[string]string{fuyuanP + "/index.json": "乌审旗人民政府办公室关于公布行政执法主体的通告"}},
		{name: "the cited document's title as it was", edit: func() {
			replace(t, e.content, zhifa, "title: 乌审旗人民政府办公室关于公布行政执法主体的通告", "title: 乌审旗人民政府办公室关于公布行政执法主体的公告")
		}, must: bothLangs(fuyuanP + "/index.json"), mustNot: bothLangs(fuyuanP+"/source/index.html", fuyuanP+"/tbl-1.csv")},
		{name: "a date that does not exist", edit: func() {
			replace(t, e.content, zhifa, "date: 2023-04-23", "date: 2023-02-30")
		}, fails: true},
		{name: "the date fixed, differently", edit: func() {
			replace(t, e.content, zhifa, "date: 2023-02-30", "date: 2023-04-24")
		}, must: bothLangs(zhifaP+"/index.html", "documents/by-date/index.html")},
		{name: "a comment in front matter only", edit: func() {
			replace(t, e.content, zhifa, "page: 66", "page: 66 # 印刷版页码")
		}, rendered: bothLangs(zhifaP + "/source/index.html")},
		{name: "a reference by title", edit: func() {
			replace(t, e.content, fuyuan, "经研究同意，", "经研究同意《乌审旗人民政府办公室关于公布行政执法主体的公告》，")
		}, shows: map[string]string{fuyuanP + "/index.html": `<a href="../wu-zheng-ban-fa-2023-29-hao/index.html" title="乌政办发〔2023〕29号 · 2023年第2期" class="xref">《乌审旗人民政府办公室关于公布行政执法主体的公告》</a>`}},
		{name: "the title so cited, which stops resolving", edit: func() {
			replace(t, e.content, zhifa, "title: 乌审旗人民政府办公室关于公布", "title: 乌审旗人民政府办公室关于公示")
		}, must: bothLangs(fuyuanP+"/index.html", zhifaP+"/index.html"),
			// The citing page's 《…》 no longer names a document: its link is gone.
			shows: map[string]string{fuyuanP + "/index.html": "经研究同意《乌审旗人民政府办公室关于公布行政执法主体的公告》，"}},
		{name: "a translation", edit: func() {
			e.content["2023/02/zhifa-zhuti.mn.md"] = &fstest.MapFile{Data: []byte("---\ntitle: ᠲᠤᠩᠬᠠᠭ\n---\n\nᠲᠤᠩᠬᠠᠭ\n")}
		}, must: []string{"mn/" + zhifaP + "/index.html"}},
		// The document's own file is the one the previous build decoded, so only its
		// translations tell its metadata changed.
		{name: "a translation removed", edit: func() { delete(e.content, "2023/02/zhifa-zhuti.mn.md") },
			must: []string{"mn/" + zhifaP + "/index.html"}},
		{name: "the translation back", edit: func() {
			e.content["2023/02/zhifa-zhuti.mn.md"] = &fstest.MapFile{Data: []byte("---\ntitle: ᠲᠤᠩᠬᠠᠭ\n---\n\nᠲᠤᠩᠬᠠᠭ\n")}
		}, must: []string{"mn/" + zhifaP + "/index.html"}},
		{name: "an event of the chronicle", edit: func() {
			replace(t, e.content, "2023/02/dashiji.md", "### 4月4日", "### 4月5日")
		}, must: append(bothLangs("2023/02/dashiji/index.html", "timeline/index.html"), "timeline/events.json", "timeline/events.ics"),
			mustNot: bothLangs(zhifaP+"/index.html", "2023/02/index.html", "feed.xml")},
		{name: "the issue's note", edit: func() {
			replace(t, e.content, "2023/02/_index.md", "由乌审旗人民政府办公室编辑出版", "由乌审旗人民政府办公室编辑、出版")
		}, must: bothLangs("2023/02/index.html")},
		{name: "a document added", edit: func() {
			e.content["2023/02/xin.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 新的通知\nsection: 政府文件\ndate: 2023-05-01\nnumber: 乌政发〔2023〕12号\nissuers: [乌审旗人民政府]\n---\n\n依据乌政办发〔2023〕29号。\n")}
		}},
		{name: "a document removed", edit: func() { delete(e.content, "2023/02/xin.md") }},
		{name: "a page kind's layout", edit: func() {
			replace(t, e.layouts, "issuer.html", `<ol class="doc-list">`, `<ol class="doc-list issuer-docs">`)
		}, rendered: bothLangs("issuers/wu-shen-qi-ren-min-zheng-fu/index.html", "issuers/wu-shen-qi-ren-min-fa-yuan/index.html",
			"issuers/wu-shen-qi-ren-min-jian-cha-yuan/index.html", "issuers/wu-shen-qi-ren-min-zheng-fu-ban-gong-shi/index.html"),
			made: []string{}},
		{name: "a static file", edit: func() {
			replace(t, e.static, "css/site.css", "}", "}\n")
		}, rendered: []string{}, made: []string{}},
		{name: "a UI string", edit: func() {
			replace(t, e.layouts, "strings/zh.yaml", "首页", "首　页")
		}, must: bothLangs("index.html", "404.html", fuyuanP+"/index.html")},
	}
	for _, s := range steps {
		s.edit()
		got, err := b.Build(e.inputs())
		want, wantErr := Site(e.inputs())
		var ce *diag.ContentError
		if s.fails {
			if !errors.As(err, &ce) || !errors.As(wantErr, &ce) {
				t.Fatalf("%s: errors %v and %v, want content errors", s.name, err, wantErr)
			}
			continue
		}
		if err != nil || wantErr != nil {
			t.Fatalf("%s: %v / %v", s.name, err, wantErr)
		}
		sameTree(t, s.name, got.Tree, want.Tree)
		for p, text := range s.shows {
			if b, _ := got.Tree.Get(p); !bytes.Contains(b, []byte(text)) {
				t.Errorf("%s: %s does not show %q", s.name, p, text)
			}
		}
		r := b.Report()
		if s.name == "first build" && !r.Full {
			t.Errorf("%s: not reported as full", s.name)
		}
		if s.rendered != nil && strings.Join(r.Rendered, "\n") != strings.Join(sorted(s.rendered), "\n") {
			t.Errorf("%s: rendered\n\t%s\nwant\n\t%s", s.name, strings.Join(r.Rendered, "\n\t"), strings.Join(sorted(s.rendered), "\n\t"))
		}
		if s.made != nil && strings.Join(r.Made, "\n") != strings.Join(sorted(s.made), "\n") {
			t.Errorf("%s: made\n\t%s\nwant\n\t%s", s.name, strings.Join(r.Made, "\n\t"), strings.Join(sorted(s.made), "\n\t"))
		}
		made := map[string]bool{}
		for _, p := range append(r.Rendered, r.Made...) {
			made[p] = true
		}
		for _, p := range s.must {
			if !made[p] {
				t.Errorf("%s: %s not made anew", s.name, p)
			}
		}
		for _, p := range s.mustNot {
			if made[p] {
				t.Errorf("%s: %s made anew, though nothing in it changed", s.name, p)
			}
		}
		t.Logf("%s: %d pages rendered, %d reused, files made %q, %d kept, converted %q (full: %q)", s.name, len(r.Rendered), r.Reused, r.Made, r.Kept, r.Converted, r.Why)
	}
}

// TestIncrementalConvertsOnlyWhatChanged: an edit converts the edited document again,
// and the documents citing it only when what they show of it changed.
func TestIncrementalConvertsOnlyWhatChanged(t *testing.T) {
	e := newEditable(t)
	replace(t, e.content, fuyuan, "经研究同意，", "经研究同意《乌审旗人民政府办公室关于公布行政执法主体的公告》，")
	var b Builder
	build := func(name string, converted ...string) {
		t.Helper()
		if _, err := b.Build(e.inputs()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := b.Report().Converted; strings.Join(got, " ") != strings.Join(converted, " ") {
			t.Errorf("%s: converted %q, want %q", name, got, converted)
		}
	}
	b.Build(e.inputs())
	build("nothing changed")
	replace(t, e.content, zhifa, "现予以公布。", "现予以公布，请遵照执行。")
	build("the body of the cited document", zhifa)
	replace(t, e.content, zhifa, "page: 66", "page: 67")
	build("its page number, which no citation shows", zhifa)
	replace(t, e.content, zhifa, "title: 乌审旗人民政府办公室关于公布", "title: 乌审旗人民政府办公室关于公示")
	build("its title, which a citation names", fuyuan, zhifa)
}

func bothLangs(pages ...string) []string {
	out := append([]string(nil), pages...)
	for _, p := range pages {
		out = append(out, "mn/"+p)
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// sameTree requires two trees to hold the same files with the same bytes.
func sameTree(t *testing.T, what string, got, want *output.Tree) {
	t.Helper()
	gp, wp := got.Paths(), want.Paths()
	if strings.Join(gp, "\n") != strings.Join(wp, "\n") {
		t.Errorf("%s: the incremental build has files\n\t%q\nthe full build\n\t%q", what, gp, wp)
		return
	}
	for _, p := range gp {
		g, _ := got.Get(p)
		w, _ := want.Get(p)
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from the full build's", what, p)
		}
	}
}

// TestIncrementalSitemap: with base_url set, a Builder's build copies the sitemap of
// the previous one while the pages are the same, and makes it again, as a full build
// does, when they are not.
func TestIncrementalSitemap(t *testing.T) {
	e := newEditable(t)
	replace(t, e.content, "site.yaml", `base_url: ""`, `base_url: "https://gazette.example.gov.cn/"`)
	var b Builder
	var last []byte
	for _, s := range []struct {
		name string
		edit func()
		kept bool
	}{
		{"first build", func() {}, false},
		{"a paragraph", func() { replace(t, e.content, zhifa, "现予以公布。", "现予以公布，请遵照执行。") }, true},
		{"a document added", func() {
			e.content["2023/02/xin.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 新的通知\nsection: 政府文件\ndate: 2023-05-01\nnumber: 乌政发〔2023〕12号\nissuers: [乌审旗人民政府]\n---\n\n新的通知。\n")}
		}, false},
		{"its title", func() { replace(t, e.content, "2023/02/xin.md", "新的通知\nsection", "新通知\nsection") }, true},
	} {
		s.edit()
		got, err := b.Build(e.inputs())
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := Site(e.inputs())
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		sameTree(t, s.name, got.Tree, want.Tree)
		sm, ok := got.Tree.Get("sitemap.xml")
		if !ok || !bytes.Contains(sm, []byte("https://gazette.example.gov.cn/2023/02/")) {
			t.Fatalf("%s: sitemap.xml is %q", s.name, sm)
		}
		// A copied file shares the previous build's bytes.
		if kept := last != nil && &sm[0] == &last[0]; kept != s.kept {
			t.Errorf("%s: sitemap copied from the previous build: %v, want %v", s.name, kept, s.kept)
		}
		last = sm
	}
}
