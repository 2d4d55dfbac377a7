package build

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// withIssue3 is the bundled content plus a later issue whose notice cites the 医保 notice
// of 2023年第2期 by number (in a variant spelling) and by the title of the plan it
// encloses, and cites an unknown number explicitly when asked to.
func withIssue3(t *testing.T, body string) fs.FS {
	t.Helper()
	m := mapDir(t, "../../content")
	m["2023/03/_index.md"] = &fstest.MapFile{Data: []byte("---\nyear: 2023\nnumber: 3\ndate: 2023-09-30\nsections: [政府办文件]\n---\n")}
	m["2023/03/notice.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 乌审旗人民政府办公室关于医保服务下沉工作进展的通报\nsection: 政府办文件\ndate: 2023-09-01\nnumber: 乌政办发〔2023〕40号\nissuers: [乌审旗人民政府办公室]\n---\n\n" + body + "\n")}
	return m
}

func TestCrossReferencesAcrossIssues(t *testing.T) {
	in := bundled()
	in.Content = withIssue3(t, "根据乌政办发[2023]27号文件和《乌审旗“医保+X+1”模式推进医保服务下沉实施方案（试行）》，现将进展通报如下。")
	res, err := Site(in)
	if err != nil {
		t.Fatal(err)
	}
	citing := page(t, res.Tree, "2023/03/wu-zheng-ban-fa-2023-40-hao/index.html")
	link := `href="../../02/wu-zheng-ban-fa-2023-27-hao/index.html"`
	if n := strings.Count(citing, link); n != 2 {
		t.Errorf("citing page links the 医保 notice %d times, want 2 (number and 《title》)", n)
	}
	if !strings.Contains(citing, `class="xref">乌政办发[2023]27号</a>`) {
		t.Errorf("the number keeps its spelling as written inside the link")
	}
	cited := page(t, res.Tree, "2023/02/wu-zheng-ban-fa-2023-27-hao/index.html")
	i := strings.Index(cited, `class="cited-by"`)
	if i < 0 {
		t.Fatal("cited page has no cited-by section")
	}
	if !strings.Contains(cited[i:], `href="../../03/wu-zheng-ban-fa-2023-40-hao/index.html"`) ||
		!strings.Contains(cited[i:], "乌审旗人民政府办公室关于医保服务下沉工作进展的通报") {
		t.Errorf("cited-by does not list the citing notice:\n%s", cited[i:min(len(cited), i+600)])
	}
	index := page(t, res.Tree, "documents/index.html")
	for _, want := range []string{"鄂府发〔2022〕149号", "内爱卫办发〔2023〕2号", "乌政办发〔2023〕40号"} {
		if !strings.Contains(index, want) {
			t.Errorf("documents index lacks %s", want)
		}
	}
}

func TestUnknownDocLinkFails(t *testing.T) {
	in := bundled()
	in.Content = withIssue3(t, "前文\n\n见[该文件](doc:乌政办发〔2023〕99号)。")
	_, err := Site(in)
	if err == nil || !strings.Contains(err.Error(), "2023/03/notice.md:11:") || !strings.Contains(err.Error(), "乌政办发〔2023〕99号") {
		t.Fatalf("want a file:line error for the unknown doc: link, got %v", err)
	}
}
