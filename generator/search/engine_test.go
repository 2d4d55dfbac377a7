package search_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gazette/generator/build"
	"gazette/generator/output"
)

// The fixture site (testdata/site) has a notice about 府院联动 with a Mongolian
// translation, a notice that has 医, 保, 府, 院, 联, 动 only apart and cites the
// first by number, an older notice about 医保服务, and a chronicle with two events.

type engineResult struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	Title  string `json:"title"`
	Anchor string `json:"anchor"`
	Text   string `json:"text"`
	Tier   int    `json:"tier"`
	Phrase int    `json:"phrase"`
}

type engineAnswer struct {
	Results []engineResult `json:"results"`
	Files   []string       `json:"files"`
}

type engineQuery struct {
	Q       string      `json:"q"`
	Filters [][2]string `json:"filters,omitempty"`
}

// buildFixture builds testdata/site with the repository's layouts and static files
// and writes it to a temporary folder.
func buildFixture(t *testing.T) string {
	t.Helper()
	res, err := build.Site(build.Inputs{
		Content: os.DirFS("testdata/site"),
		Layouts: os.DirFS("../../layouts"),
		Static:  os.DirFS("../../static"),
	})
	if err != nil {
		t.Fatalf("building testdata/site: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(res.Tree, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runEngine answers queries with static/js/search-engine.js in node, from the index
// of one language (indexDir holds manifest.js).
func runEngine(t *testing.T, indexDir string, qs []engineQuery) []engineAnswer {
	t.Helper()
	node := requireNodeExt(t)
	qf := filepath.Join(t.TempDir(), "queries.json")
	b, _ := json.Marshal(qs)
	if err := os.WriteFile(qf, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/engine_node.js", "../../static/js", indexDir, qf).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("node: %v\n%s", err, msg)
	}
	var answers []engineAnswer
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatalf("node's output: %v\n%s", err, out)
	}
	return answers
}

func requireNodeExt(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err == nil {
		return p
	}
	msg := "node not found: the search engine (static/js/search-engine.js) is not checked (apt-get install nodejs)"
	if v := os.Getenv("CI") + os.Getenv("GAZETTE_REQUIRE_BROWSER"); v != "" && v != "0" && v != "false" {
		t.Fatal(msg)
	}
	t.Skip("\n" + strings.Repeat("=", 78) + "\n  SKIPPED: " + msg + "\n" + strings.Repeat("=", 78))
	return ""
}

func titles(rs []engineResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Kind+" "+r.Title)
	}
	return out
}

const (
	fuyuanTitle    = "关于建立府院联动机制的通知"
	scatteredTitle = "关于做好卫生工作的通知"
	oldTitle       = "关于推进医保服务的旧通知"
)

func TestEngineQueries(t *testing.T) {
	site := buildFixture(t)
	for _, tc := range []struct {
		name    string
		q       engineQuery
		want    []string // titles of the results, in order ("kind title")
		anchor  string   // the first result's anchor, when set
		snippet string   // text the first result's snippet must contain
	}{
		{name: "phrase in the title ranks first; scattered characters never match",
			q:    engineQuery{Q: "府院联动"},
			want: []string{"document " + fuyuanTitle}},
		{name: "a bigram matches only as a substring",
			q:    engineQuery{Q: "医保"},
			want: []string{"document " + oldTitle, "event 3月5日", "document " + fuyuanTitle}},
		{name: "two words: exact phrase before near words, then recency",
			q:    engineQuery{Q: "医保 服务"},
			want: []string{"document " + oldTitle, "document " + fuyuanTitle}},
		{name: "the match links to its heading",
			q:    engineQuery{Q: "医保服务下沉"},
			want: []string{"document " + fuyuanTitle}, anchor: "一-工作目标", snippet: "医保服务下沉"},
		{name: "发文字号 with 〔〕: the document carrying it, then the one citing it",
			q:    engineQuery{Q: "乌政发〔2023〕9号"},
			want: []string{"document " + fuyuanTitle, "document " + scatteredTitle}},
		{name: "发文字号 with []", q: engineQuery{Q: "乌政发[2023]9号"},
			want: []string{"document " + fuyuanTitle, "document " + scatteredTitle}},
		{name: "发文字号 without brackets", q: engineQuery{Q: "乌政发2023 9号"},
			want: []string{"document " + fuyuanTitle, "document " + scatteredTitle}},
		{name: "发文字号 of the other notice", q: engineQuery{Q: "乌政办发[2023]27号"},
			want: []string{"document " + scatteredTitle}},
		{name: "chronicle events are entries of their own",
			q:    engineQuery{Q: "招商"},
			want: []string{"event 3月2日"}, anchor: "2023-03-02", snippet: "招商引资"},
		{name: "filter by year",
			q:    engineQuery{Q: "医保", Filters: [][2]string{{"y", "2022"}}},
			want: []string{"document " + oldTitle}},
		{name: "filter by kind",
			q:    engineQuery{Q: "医保", Filters: [][2]string{{"k", "event"}}},
			want: []string{"event 3月5日"}},
		{name: "HTML in the text is text", q: engineQuery{Q: "alert"},
			want: []string{"document " + scatteredTitle}, snippet: "<script>alert(1)</script>"},
		{name: "no result", q: engineQuery{Q: "不存在的词语"}, want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := runEngine(t, filepath.Join(site, "search"), []engineQuery{tc.q})[0].Results
			if g, w := strings.Join(titles(got), " | "), strings.Join(tc.want, " | "); g != w {
				t.Fatalf("search %q %v:\n got %s\nwant %s", tc.q.Q, tc.q.Filters, g, w)
			}
			if len(got) == 0 {
				return
			}
			if tc.anchor != "" && got[0].Anchor != tc.anchor {
				t.Errorf("first result links to #%s, want #%s", got[0].Anchor, tc.anchor)
			}
			if !strings.Contains(got[0].Text, tc.snippet) {
				t.Errorf("first result's snippet block %q does not contain %q", got[0].Text, tc.snippet)
			}
		})
	}
}

// TestEngineMongolian searches the Mongolian site's index: the translated notice is
// found by a Mongolian word spelled with look-alike letters and by prefix, and the
// Chinese text the Mongolian site shows (the untranslated notices) is found too.
func TestEngineMongolian(t *testing.T) {
	site := buildFixture(t)
	answers := runEngine(t, filepath.Join(site, "mn", "search"), []engineQuery{
		{Q: "ᠱᠦᠭᠦᠬᠦ"},  // a word of the translated title
		{Q: "ᠰᠢᠰᠳᠧᠮ"},  // ᠰᠢᠰᠲ᠋ᠧᠮ in the body: typed with ᠳ for ᠲ and without FVS, and a prefix of the word with its suffix
		{Q: "ᠬᠤᠰᠢᠭᠤᠨ"}, // ᠬᠣᠰᠢᠭᠤᠨ in the body and in the issue titles
		{Q: "卫生工作"},
	})
	if got := titles(answers[0].Results); len(got) != 1 || !strings.HasPrefix(got[0], "document ᠵᠠᠰᠠᠭ") {
		t.Errorf("ᠱᠦᠭᠦᠬᠦ on the Mongolian site found %q, want the translated notice", got)
	}
	if got := titles(answers[1].Results); len(got) != 1 || !strings.HasPrefix(got[0], "document ᠵᠠᠰᠠᠭ") {
		t.Errorf("ᠰᠢᠰᠳᠧᠮ on the Mongolian site found %q, want the translated notice", got)
	} else if r := answers[1].Results[0]; !strings.Contains(r.Text, "ᠰᠢᠰᠲ᠋ᠧᠮ") {
		t.Errorf("its snippet block is %q", r.Text)
	}
	kinds := map[string]int{}
	for _, r := range answers[2].Results {
		kinds[r.Kind]++
	}
	if kinds["document"] != 1 || kinds["issue"] != 2 {
		t.Errorf("ᠬᠤᠰᠢᠭᠤᠨ on the Mongolian site found %q, want the translated notice and both issues", titles(answers[2].Results))
	}
	if got := titles(answers[3].Results); len(got) != 1 || got[0] != "document "+scatteredTitle {
		t.Errorf("卫生工作 on the Mongolian site found %q, want the untranslated notice in Chinese", got)
	}
	// The Chinese site shows no Mongolian.
	zh := runEngine(t, filepath.Join(site, "search"), []engineQuery{{Q: "ᠱᠦᠭᠦᠬᠦ"}})
	if len(zh[0].Results) != 0 {
		t.Errorf("ᠱᠦᠭᠦᠬᠦ on the Chinese site found %q, want nothing", titles(zh[0].Results))
	}
}

// TestEngineLoadsLittle builds the bundled issue and checks that a first query loads
// the manifest, the shards of its terms and the files of the results it shows, not the
// whole index. It logs how many bytes of the index each query loaded.
func TestEngineLoadsLittle(t *testing.T) {
	res, err := build.Site(build.Inputs{
		Content: os.DirFS("../../content"),
		Layouts: os.DirFS("../../layouts"),
		Static:  os.DirFS("../../static"),
	})
	if err != nil {
		t.Fatalf("building the bundled site: %v", err)
	}
	site := filepath.Join(t.TempDir(), "site")
	if err := output.Write(res.Tree, site); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(site, "search")
	all, err := filepath.Glob(filepath.Join(index, "*", "*.js"))
	if err != nil || len(all) == 0 {
		t.Fatalf("no index files: %v", err)
	}
	total := int64(0)
	for _, f := range all {
		st, _ := os.Stat(f)
		total += st.Size()
	}
	for _, q := range []string{"医保", "府院联动"} {
		a := runEngine(t, index, []engineQuery{{Q: q}})[0]
		shards, bytes := 0, int64(0)
		for _, f := range a.Files {
			if strings.Contains(f, "/s") {
				shards++
			}
			st, err := os.Stat(filepath.Join(index, f))
			if err != nil {
				t.Fatal(err)
			}
			bytes += st.Size()
		}
		if len(a.Results) == 0 {
			t.Errorf("%s found nothing on the bundled site", q)
		}
		// A page of results needs at most 10 metadata and 10 snippet files.
		if shards == 0 || shards > 4 || len(a.Files) > 1+shards+20 || bytes*5 > total {
			t.Errorf("%s loaded %d of %d files (%d shards), %d of %d bytes: %q", q, len(a.Files), len(all)+1, shards, bytes, total, a.Files)
		}
		t.Logf("%s: %d results; loaded %d files (%d shards), %d bytes of the index (whole index: %d files, %d bytes)",
			q, len(a.Results), len(a.Files), shards, bytes, len(all)+1, total)
	}
}
