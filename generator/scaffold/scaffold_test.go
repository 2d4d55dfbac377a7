package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gazette/generator/content"
)

// gazette writes a content folder with the issues 2022/12 and 2023/02 (different
// sections) and one document in 2023/02.
func gazette(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	for name, data := range map[string]string{
		"site.yaml":          "title: 测试公报\nlanguages: [zh, mn]\n",
		"2022/12/_index.md":  "---\nyear: 2022\nnumber: 12\ndate: 2022-12-30\nsections: [旧栏目]\n---\n",
		"2023/02/_index.md":  "---\nyear: 2023\nnumber: 2\ndate: 2023-06-30\nsections: [政府文件, 政府办文件, 大事记]\n---\n",
		"2023/02/tongzhi.md": "---\ntitle: 通知\nsection: 政府文件\ndate: 2023-04-18\nnumber: 乌政发〔2023〕9号\n---\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var day = time.Date(2023, 7, 31, 0, 0, 0, 0, time.UTC)

func read(t *testing.T, dir, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// loads requires the content folder to load without any error.
func loads(t *testing.T, dir string) *content.Site {
	t.Helper()
	site, diags := content.Load(os.DirFS(dir))
	if err := diags.Err(); err != nil {
		t.Fatalf("the content no longer loads: %v", err)
	}
	return site
}

func TestNewIssue(t *testing.T) {
	for _, c := range []struct {
		name     string
		is       Issue
		file     string
		from     string
		sections string
		err      string
	}{
		{name: "after the latest", is: Issue{Year: 2023, Number: 3, Date: day}, file: "2023/03/_index.md",
			from: "2023年第2期", sections: "[政府文件, 政府办文件, 大事记]"},
		{name: "between two issues: the one before", is: Issue{Year: 2023, Number: 1, Date: day}, file: "2023/01/_index.md",
			from: "2022年第12期", sections: "[旧栏目]"},
		{name: "sections given", is: Issue{Year: 2023, Number: 4, Date: day, Sections: []string{"公告", "a, b: c"}}, file: "2023/04/_index.md",
			sections: `[公告, 'a, b: c']`},
		{name: "nothing before to copy", is: Issue{Year: 2021, Number: 1, Date: day}, err: "no earlier issue"},
		{name: "exists", is: Issue{Year: 2023, Number: 2, Date: day}, err: "2023/02/_index.md already exists; not overwriting it"},
		{name: "bad year", is: Issue{Year: 23, Number: 2, Date: day}, err: "want four digits"},
		{name: "bad number", is: Issue{Year: 2023, Number: 100, Date: day}, err: "want 1 to 99"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := gazette(t)
			before := read(t, dir, "2023/02/_index.md")
			got, err := NewIssue(dir, c.is)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				if read(t, dir, "2023/02/_index.md") != before {
					t.Error("an existing issue was changed")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.File != c.file || got.From != c.from {
				t.Errorf("created %+v, want %s from %q", got, c.file, c.from)
			}
			want := "---\nyear: " + strings.TrimLeft(c.file[:4], "0") + "\nnumber: " + strings.TrimLeft(c.file[5:7], "0") +
				"\ndate: 2023-07-31\nsections: " + c.sections + "\n---\n"
			if src := read(t, dir, c.file); src != want {
				t.Errorf("%s:\n%s\nwant\n%s", c.file, src, want)
			}
			site := loads(t, dir)
			for _, is := range site.Issues {
				if is.File == c.file && is.Date != day {
					t.Errorf("the issue loads with date %v", is.Date)
				}
			}
		})
	}
}

func TestNewDoc(t *testing.T) {
	notice := Doc{Issue: "2023/02", Number: "乌政发〔2023〕12号", Section: "政府文件", Title: "关于印发《某某方案》的通知", Date: day}
	with := func(f func(*Doc)) Doc { d := notice; f(&d); return d }
	for _, c := range []struct {
		name string
		doc  Doc
		file string
		want string // the file's content
		err  string
	}{
		{name: "a notice", doc: notice, file: "2023/02/wu-zheng-fa-2023-12-hao.md",
			want: "---\ntitle: 关于印发《某某方案》的通知\nsection: 政府文件\ndate: 2023-07-31\nnumber: 乌政发〔2023〕12号\n---\n"},
		{name: "every key", doc: with(func(d *Doc) {
			d.Number, d.Title = "乌政办发[2023]30号", "标题: 含冒号"
			d.Issuers, d.Addressees, d.Encloses, d.Page = []string{"乌审旗人民政府办公室"}, "各苏木镇人民政府", "某某方案", 12
		}), file: "2023/02/wu-zheng-ban-fa-2023-30-hao.md",
			want: "---\ntitle: '标题: 含冒号'\nsection: 政府文件\ndate: 2023-07-31\nnumber: 乌政办发[2023]30号\nissuers: [乌审旗人民政府办公室]\naddressees: 各苏木镇人民政府\nencloses: 某某方案\npage: 12\n---\n\n各苏木镇人民政府：\n"},
		{name: "a chronicle, with a slug", doc: with(func(d *Doc) {
			d.Number, d.Section, d.Title, d.Slug, d.Chronicle = "", "大事记", "大事记", "dashiji", true
		}),
			file: "2023/02/dashiji.md", want: "---\ntitle: 大事记\nsection: 大事记\ndate: 2023-07-31\ntype: chronicle\n---\n"},
		{name: "a slug other than the number's", doc: with(func(d *Doc) { d.Slug = "fangan" }),
			file: "2023/02/fangan.md", want: "---\ntitle: 关于印发《某某方案》的通知\nsection: 政府文件\ndate: 2023-07-31\nnumber: 乌政发〔2023〕12号\nslug: fangan\n---\n"},
		{name: "issue folder with a slash", doc: with(func(d *Doc) { d.Issue = "2023/02/" }), file: "2023/02/wu-zheng-fa-2023-12-hao.md"},
		{name: "no such issue", doc: with(func(d *Doc) { d.Issue = "2023/05" }), err: "there is no issue 2023/05: start it with gazette new issue 2023 5"},
		{name: "not an issue folder", doc: with(func(d *Doc) { d.Issue = "2023-05" }), err: "want its folder"},
		{name: "unknown section", doc: with(func(d *Doc) { d.Section = "旧栏目" }), err: `section "旧栏目" is not one of the sections of 2023年第2期: 政府文件, 政府办文件, 大事记`},
		{name: "number taken, in another spelling", doc: with(func(d *Doc) { d.Number = "乌政发[2023]9号" }), err: "乌政发[2023]9号 is already the number of"},
		{name: "address taken", doc: with(func(d *Doc) { d.Number, d.Slug = "乌政发〔2023〕13号", "wu-zheng-fa-2023-9-hao" }), err: "already has the address 2023/02/wu-zheng-fa-2023-9-hao/"},
		{name: "not a number", doc: with(func(d *Doc) { d.Number = "第十二号" }), err: "is not a 发文字号"},
		{name: "no number, no slug", doc: with(func(d *Doc) { d.Number = "" }), err: "needs a slug"},
		{name: "a slug that is no URL segment", doc: with(func(d *Doc) { d.Slug = "Fang An" }), err: `slug "Fang An" is not a URL segment (try "fang-an")`},
		{name: "no title", doc: with(func(d *Doc) { d.Title = " " }), err: "needs a title"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := gazette(t)
			got, err := NewDoc(dir, c.doc)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				entries, _ := os.ReadDir(filepath.Join(dir, "2023", "02"))
				if len(entries) != 2 {
					t.Errorf("the issue folder holds %d files after a refusal, want 2", len(entries))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.File != c.file {
				t.Errorf("created %s, want %s", got.File, c.file)
			}
			if src := read(t, dir, c.file); c.want != "" && src != c.want {
				t.Errorf("%s:\n%s\nwant\n%s", c.file, src, c.want)
			}
			loads(t, dir)
		})
	}
}

// TestNewDocNeverOverwrites: a file in the way, even one that does not load, is kept.
func TestNewDocNeverOverwrites(t *testing.T) {
	dir := gazette(t)
	p := filepath.Join(dir, "2023", "02", "wu-zheng-fa-2023-12-hao.md")
	if err := os.WriteFile(p, []byte("草稿，还没有前言。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewDoc(dir, Doc{Issue: "2023/02", Number: "乌政发〔2023〕12号", Section: "政府文件", Title: "通知", Date: day})
	if err == nil || !strings.Contains(err.Error(), "already exists; not overwriting it") {
		t.Fatalf("error %v", err)
	}
	if read(t, dir, "2023/02/wu-zheng-fa-2023-12-hao.md") != "草稿，还没有前言。\n" {
		t.Error("the file in the way was changed")
	}
}
