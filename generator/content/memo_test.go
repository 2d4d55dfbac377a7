package content

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadMemo: a load that reuses a Memo gives exactly what Load gives, after each of a
// series of edits, and decodes only the files whose bytes changed.
func TestLoadMemo(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠲᠧᠰᠲ\n---\n\nᠲᠧᠰᠲ\n")
	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠲᠧᠰᠲ\n---\n")
	fsys["2023/02/dashiji.md"] = doc("title: 大事记", "section: 大事记", "date: 2023-06-30", "type: chronicle")
	addIssue(fsys, "2023/03", 2023, 3)
	fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-07-01", "number: 乌政办发〔2023〕40号")

	var m Memo
	steps := []struct {
		name    string
		edit    func()
		decoded []string // files LoadMemo must decode; nil means every Markdown file
	}{
		{name: "first load", edit: func() {}},
		{name: "nothing changed", edit: func() {}, decoded: []string{}},
		{name: "a body", edit: func() {
			fsys["2023/02/tongzhi.md"] = doc("title: 关于印发方案的通知", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2023〕9号", "page: 1")
			fsys["2023/02/tongzhi.md"].Data = append(fsys["2023/02/tongzhi.md"].Data, "新的一段。\n"...)
		}, decoded: []string{"2023/02/tongzhi.md"}},
		{name: "an impossible date", edit: func() {
			fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-02-30", "number: 乌政办发〔2023〕40号")
		}, decoded: []string{"2023/03/gonggao.md"}},
		{name: "a translation and the issue, the date still wrong", edit: func() {
			fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠰᠢᠨ᠎ᠡ\n---\n\nᠰᠢᠨ᠎ᠡ\n")
			fsys["2023/02/_index.md"] = file(strings.Replace(issueIndex, "编者按。", "新编者按。", 1))
		}, decoded: []string{"2023/02/_index.md", "2023/02/tongzhi.mn.md"}},
		{name: "the date fixed", edit: func() {
			fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-07-01", "number: 乌政办发〔2023〕40号")
		}, decoded: []string{"2023/03/gonggao.md"}},
		{name: "a duplicate number, found across files", edit: func() {
			fsys["2023/03/gonggao.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-07-01", "number: 乌政发[2023]9号")
		}, decoded: []string{"2023/03/gonggao.md"}},
		{name: "a file removed", edit: func() { delete(fsys, "2023/02/dashiji.md") }, decoded: []string{}},
		{name: "a file back", edit: func() {
			fsys["2023/02/dashiji.md"] = doc("title: 大事记", "section: 大事记", "date: 2023-06-30", "type: chronicle")
		}, decoded: []string{"2023/02/dashiji.md"}},
		{name: "one language less: .mn.md files are no translations any more", edit: func() {
			fsys["site.yaml"] = file("title: 测试公报\nlanguages: [zh]\n")
		}},
	}
	for _, s := range steps {
		s.edit()
		want, wantDiags := Load(fsys)
		got, gotDiags := LoadMemo(fsys, &m)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: LoadMemo's site differs from Load's", s.name)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: LoadMemo's diagnostics\n\t%v\nwant\n\t%v", s.name, gotDiags, wantDiags)
		}
		decoded := s.decoded
		if decoded == nil {
			decoded = markdownFiles(fsys)
		}
		if got := m.Decoded(); strings.Join(got, " ") != strings.Join(decoded, " ") {
			t.Errorf("%s: decoded %q, want %q", s.name, got, decoded)
		}
	}
}

func markdownFiles(fsys fstest.MapFS) []string {
	var out []string
	for p := range fsys {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
