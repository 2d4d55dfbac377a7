package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/manifest"
	"gazette/generator/output"
)

// The archive files of issue 10: feeds, data, metadata, identifiers, source views,
// sitemap and manifest. The formats are those of docs/data-formats.md.

// archiveContent is a small gazette with base_url set: two issues, a document citing
// another in a variant spelling of its number (the page's folder follows the spelling,
// wu-zheng-fa-2023-di-09-hao; the identifier does not, 乌政发-2023-9), a title that tries to end a script
// element, a Mongolian translation and a chronicle.
func archiveContent() fstest.MapFS {
	doc := func(fm, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\n" + fm + "---\n\n" + body + "\n")}
	}
	return fstest.MapFS{
		"site.yaml":         {Data: []byte("title: {zh: 测试公报, mn: \"ᠲᠧᠰᠲ\"}\nlanguages: [zh, mn]\npublisher: {zh: 测试办公室}\nbase_url: https://example.gov.cn/gazette\n")},
		"2023/02/_index.md": doc("year: 2023\nnumber: 2\ndate: 2023-06-30\nsections: [政府文件, 大事记]\n", ""),
		"2023/02/a.md": doc("title: 关于印发方案的通知\nsection: 政府文件\ndate: 2023-04-18\nnumber: 乌政发（２０２３）第09号\nissuers: [甲局, 乙局]\npage: 3\n",
			"各单位：\n\n现将方案印发给你们。\n\n| 职务 | 姓名 |\n|---|---|\n| 组长 | 赵 |"),
		"2023/02/a.mn.md": doc("title: ᠮᠡᠳᠡᠭᠳᠡᠯ\n", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠃"),
		"2023/02/dashiji.md": doc("title: 大事记\nsection: 大事记\ndate: 2023-06-30\ntype: chronicle\nissuers: [测试办公室]\n",
			"## 四月份\n\n### 4月2日\n\n某会议召开。"),
		"2023/03/_index.md": doc("year: 2023\nnumber: 3\ndate: 2023-09-30\nsections: [政府文件]\n", ""),
		"2023/03/b.md": doc("title: \"关于</script><!--<script>的通知 & 'x'\"\nsection: 政府文件\ndate: 2023-04-18\nnumber: 乌政发〔2023〕12号\nissuers: [甲局]\n",
			"根据乌政发[2023]9号文件，现通知如下。"),
	}
}

func buildArchive(t *testing.T) *output.Tree {
	t.Helper()
	in := bundled()
	in.Content = archiveContent()
	res, err := Site(in)
	if err != nil {
		t.Fatalf("building the archive test site: %v", err)
	}
	return res.Tree
}

// docTable reads the field table under a heading of docs/data-formats.md: field path →
// type. "issue.year, issue.number" rows name two fields.
func docTable(t *testing.T, heading string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../docs/data-formats.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	in := false
	field := regexp.MustCompile("`([^`]+)`")
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") {
			in = strings.TrimSpace(strings.TrimLeft(l, "#")) == heading
			continue
		}
		if !in || !strings.HasPrefix(l, "| `") {
			continue
		}
		cells := strings.Split(l, "|")
		for _, m := range field.FindAllStringSubmatch(cells[1], -1) {
			out[m[1]] = strings.TrimSpace(cells[2])
		}
	}
	if len(out) == 0 {
		t.Fatalf("docs/data-formats.md has no field table under %q", heading)
	}
	return out
}

// checkShape compares a decoded JSON object with a documented table: every field
// documented is there with its type, and nothing undocumented is.
func checkShape(t *testing.T, what string, v map[string]any, doc map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	var walk func(prefix string, obj map[string]any)
	walk = func(prefix string, obj map[string]any) {
		for k, val := range obj {
			p := prefix + k
			typ, ok := doc[p]
			if !ok {
				if sub, isObj := val.(map[string]any); isObj && hasPrefix(doc, p+".") {
					walk(p+".", sub)
					continue
				}
				t.Errorf("%s: field %s is not documented", what, p)
				continue
			}
			seen[p] = true
			if got := jsonType(val); got != typ && !(typ == "array of objects" && got == "array of strings" && len(val.([]any)) == 0) &&
				!(typ == "array of strings" && got == "array of objects" && len(val.([]any)) == 0) {
				t.Errorf("%s: %s is %s, documented as %s", what, p, got, typ)
			}
			if arr, ok := val.([]any); ok && typ == "array of objects" {
				for _, e := range arr {
					walk(p+"[].", e.(map[string]any))
				}
			}
		}
	}
	walk("", v)
	for p := range doc {
		if !seen[p] && !strings.Contains(p, "[]") {
			t.Errorf("%s: documented field %s is missing", what, p)
		}
	}
}

func hasPrefix(doc map[string]string, prefix string) bool {
	for k := range doc {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

func jsonType(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		if len(v) > 0 {
			if _, ok := v[0].(map[string]any); ok {
				return "array of objects"
			}
		}
		return "array of strings"
	}
	return "null"
}

func readJSON(t *testing.T, tree *output.Tree, p string) map[string]any {
	t.Helper()
	b, ok := tree.Get(p)
	if !ok {
		t.Fatalf("no %s", p)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return v
}

func TestDocumentData(t *testing.T) {
	tree := buildArchive(t)
	shape := docTable(t, "`<doc>/index.json`")
	a := readJSON(t, tree, "2023/02/wu-zheng-fa-2023-di-09-hao/index.json")
	b := readJSON(t, tree, "2023/03/wu-zheng-fa-2023-12-hao/index.json")
	amn := readJSON(t, tree, "mn/2023/02/wu-zheng-fa-2023-di-09-hao/index.json")
	for name, v := range map[string]map[string]any{"a": a, "b": b, "a (mn)": amn} {
		checkShape(t, name, v, shape)
	}
	src, _ := archiveContent()["2023/02/a.md"]
	for _, tt := range []struct {
		got  any
		want any
	}{
		{a["identifier"], "乌政发-2023-9"},
		{a["identifier_path"], "id/乌政发-2023-9/index.html"},
		{a["source"], string(src.Data)},
		{a["text"], "各单位：\n\n现将方案印发给你们。\n\n职务\t姓名\n组长\t赵\n"},
		{a["files"], []any{"2023/02/wu-zheng-fa-2023-di-09-hao/tbl-1.csv"}},
		{a["cited_by"], []any{map[string]any{"number": "乌政发〔2023〕12号", "title": "关于</script><!--<script>的通知 & 'x'", "path": "2023/03/wu-zheng-fa-2023-12-hao/index.html"}}},
		{a["cites"], []any{}},
		{b["cites"], []any{map[string]any{"number": "乌政发（２０２３）第09号", "title": "关于印发方案的通知", "path": "2023/02/wu-zheng-fa-2023-di-09-hao/index.html"}}},
		{b["url"], "https://example.gov.cn/gazette/2023/03/wu-zheng-fa-2023-12-hao/"},
		{a["citation"], "甲局, 乙局. 关于印发方案的通知: 乌政发（２０２３）第09号[Z/OL]. 测试公报, 2023(2): 3. https://example.gov.cn/gazette/id/%E4%B9%8C%E6%94%BF%E5%8F%91-2023-9/."},
		{amn["title"], "ᠮᠡᠳᠡᠭᠳᠡᠯ"},
		{amn["translated"], true},
		{amn["source_file"], "2023/02/a.mn.md"},
		{amn["text"], "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠃\n"},
		{amn["cited_by"].([]any)[0].(map[string]any)["path"], "mn/2023/03/wu-zheng-fa-2023-12-hao/index.html"},
		{b["translated"], false},
	} {
		gb, _ := json.Marshal(tt.got)
		wb, _ := json.Marshal(tt.want)
		if string(gb) != string(wb) {
			t.Errorf("got  %s\nwant %s", gb, wb)
		}
	}
	// Every path in the data leads to a file of the site.
	for _, v := range []map[string]any{a, b, amn} {
		for _, k := range []string{"path", "identifier_path", "source_path"} {
			if _, ok := tree.Get(v[k].(string)); !ok {
				t.Errorf("%s %q is not a file of the site", k, v[k])
			}
		}
	}

	cat := readJSON(t, tree, "catalog.json")
	checkShape(t, "catalog.json", cat, docTable(t, "`catalog.json`"))
	docs := cat["documents"].([]any)
	if len(docs) != 3 {
		t.Fatalf("catalog lists %d documents, want 3", len(docs))
	}
	for _, d := range docs {
		d := d.(map[string]any)
		for _, m := range []string{"pages", "data"} {
			for lang, p := range d[m].(map[string]any) {
				if _, ok := tree.Get(p.(string)); !ok {
					t.Errorf("catalog: %s %s of %s: %s is not a file of the site", m, lang, d["folder"], p)
				}
			}
		}
	}
	if tr := docs[0].(map[string]any)["translations"]; len(tr.([]any)) != 1 {
		t.Errorf("catalog: translations of a.md = %v, want [mn]", tr)
	}
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestDocumentMetadata(t *testing.T) {
	tree := buildArchive(t)
	b := page(t, tree, "2023/03/wu-zheng-fa-2023-12-hao/index.html")
	m := ldScript.FindAllStringSubmatch(b, -1)
	if len(m) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(m))
	}
	// The title holds </script> and <!--: inside the element they must be escaped, or
	// the element ends early (or a browser's script parser enters the escaped state).
	if strings.Contains(m[0][1], "<") {
		t.Errorf("the JSON-LD holds a raw '<': %s", m[0][1])
	}
	var ld struct {
		Context  string `json:"@context"`
		Type     string `json:"@type"`
		ID       string `json:"@id"`
		Name     string `json:"name"`
		Ident    string `json:"legislationIdentifier"`
		Date     string `json:"legislationDate"`
		Lang     string `json:"inLanguage"`
		PassedBy []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"legislationPassedBy"`
		IsPartOf struct {
			Type          string `json:"@type"`
			IssueNumber   string `json:"issueNumber"`
			DatePublished string `json:"datePublished"`
			IsPartOf      struct {
				Type     string `json:"@type"`
				IsPartOf struct {
					Type string `json:"@type"`
					Name string `json:"name"`
				} `json:"isPartOf"`
			} `json:"isPartOf"`
		} `json:"isPartOf"`
	}
	if err := json.Unmarshal([]byte(m[0][1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[0][1])
	}
	if ld.Context != "https://schema.org" || ld.Type != "Legislation" || ld.Name != "关于</script><!--<script>的通知 & 'x'" ||
		ld.Ident != "乌政发〔2023〕12号" || ld.Date != "2023-04-18" || ld.Lang != "zh-Hans" ||
		len(ld.PassedBy) != 1 || ld.PassedBy[0].Name != "甲局" || ld.PassedBy[0].Type != "Organization" ||
		ld.IsPartOf.Type != "PublicationIssue" || ld.IsPartOf.IssueNumber != "3" || ld.IsPartOf.DatePublished != "2023-09-30" ||
		ld.IsPartOf.IsPartOf.Type != "PublicationVolume" || ld.IsPartOf.IsPartOf.IsPartOf.Type != "Periodical" ||
		ld.IsPartOf.IsPartOf.IsPartOf.Name != "测试公报" || ld.ID != "https://example.gov.cn/gazette/id/%E4%B9%8C%E6%94%BF%E5%8F%91-2023-12/" {
		t.Errorf("JSON-LD read back as %+v", ld)
	}
	for _, want := range []string{
		`<meta name="DC.title" content="关于&lt;/script&gt;&lt;!--&lt;script&gt;的通知 &amp; &#39;x&#39;">`,
		`<meta name="DC.date" content="2023-04-18">`,
		`<meta name="DC.identifier" content="乌政发〔2023〕12号">`,
		`<meta name="DC.publisher" content="测试办公室">`,
		`<meta name="DC.language" content="zh-Hans">`,
		`<meta name="SiteName" content="测试公报">`,
		`<meta name="ColumnName" content="政府文件">`,
		`<meta name="PubDate" content="2023-09-30 00:00">`,
		`<meta name="ContentSource" content="甲局">`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
	// The chronicle is an Article, not Legislation.
	chron := ldScript.FindStringSubmatch(page(t, tree, "2023/02/dashiji/index.html"))
	if chron == nil || !strings.Contains(chron[1], `"@type":"Article"`) || strings.Contains(chron[1], "legislation") {
		t.Errorf("chronicle JSON-LD: %v", chron)
	}
}

// TestIdentifierPages: every document with a number has id/<identifier>/index.html,
// whose refresh and canonical lead to the document, in every language.
func TestIdentifierPages(t *testing.T) {
	tree := buildBundled(t).Tree
	refresh := regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]+)">`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	idLink := regexp.MustCompile(`<p class="cite-id">[^<]*<a href="([^"]+)"[^>]*>([^<]+)</a>`)
	n := 0
	for _, p := range tree.Paths() {
		doc, ok := strings.CutSuffix(p, "/index.html")
		if !ok || strings.Contains(doc, "id/") || !strings.Contains(doc, "/02/wu-zheng") || strings.HasSuffix(doc, "/source") {
			continue
		}
		b := page(t, tree, p)
		m := idLink.FindStringSubmatch(b)
		if m == nil {
			t.Errorf("%s: no permanent identifier in the citation block", p)
			continue
		}
		target, err := url.PathUnescape(path.Join(path.Dir(p), m[1]))
		if err != nil || !strings.Contains(target, "id/"+m[2]+"/index.html") {
			t.Errorf("%s: identifier link %q (%s) does not name the identifier %s", p, m[1], target, m[2])
		}
		red, ok := tree.Get(target)
		if !ok {
			t.Errorf("%s: identifier page %s missing", p, target)
			continue
		}
		for _, re := range []*regexp.Regexp{refresh, canonical} {
			mm := re.FindStringSubmatch(string(red))
			if mm == nil {
				t.Errorf("%s: no %s", target, re)
				continue
			}
			dest, _ := url.PathUnescape(path.Join(path.Dir(target), mm[1]))
			if dest != p {
				t.Errorf("%s: %s leads to %s, want %s", target, mm[0], dest, p)
			}
		}
		n++
	}
	if n != 8 { // four numbered documents, two languages
		t.Errorf("checked %d document pages with identifiers, want 8", n)
	}
}

func TestSourceView(t *testing.T) {
	tree := buildArchive(t)
	// The original is published once, beside the default language's source view; a
	// translation beside its own language's.
	for _, tt := range []struct{ page, raw, content, href string }{
		{"2023/02/wu-zheng-fa-2023-di-09-hao/source/index.html", "2023/02/wu-zheng-fa-2023-di-09-hao/source/a.md", "2023/02/a.md", "a.md"},
		{"mn/2023/02/wu-zheng-fa-2023-di-09-hao/source/index.html", "mn/2023/02/wu-zheng-fa-2023-di-09-hao/source/a.mn.md", "2023/02/a.mn.md", "a.mn.md"},
		{"mn/2023/03/wu-zheng-fa-2023-12-hao/source/index.html", "2023/03/wu-zheng-fa-2023-12-hao/source/b.md", "2023/03/b.md",
			"../../../../../2023/03/wu-zheng-fa-2023-12-hao/source/b.md"},
	} {
		raw, ok := tree.Get(tt.raw)
		if !ok || string(raw) != string(archiveContent()[tt.content].Data) {
			t.Errorf("%s is not %s as written", tt.raw, tt.content)
		}
		b := page(t, tree, tt.page)
		if !strings.Contains(b, `<pre tabindex="0" class="hl-chroma">`) || !strings.Contains(b, `css/highlight.css"`) ||
			!strings.Contains(b, `href="`+tt.href+`" download`) || !strings.Contains(b, `<span class="hl-ln">`) {
			t.Errorf("%s: not a highlighted source view linking %s", tt.page, tt.href)
		}
		if dest := path.Join(path.Dir(tt.page), tt.href); dest != tt.raw {
			t.Errorf("%s: the link leads to %s, want %s", tt.page, dest, tt.raw)
		}
		docPage := page(t, tree, path.Dir(path.Dir(tt.page))+"/index.html")
		if !strings.Contains(docPage, `<a href="source/index.html">`) {
			t.Errorf("%s does not link its source view", path.Dir(path.Dir(tt.page)))
		}
	}
	if _, ok := tree.Get("mn/2023/03/wu-zheng-fa-2023-12-hao/source/b.md"); ok {
		t.Error("the original of an untranslated document is published twice")
	}
	// A title with markup is escaped in the source view, not interpreted.
	if b := page(t, tree, "2023/03/wu-zheng-fa-2023-12-hao/source/index.html"); strings.Contains(b, "</script><!--<script>") {
		t.Error("the source view holds the raw title")
	}
}

// TestManifest: the manifest lists every other file of the site with its SHA-256,
// sorted, and a site written to disk verifies against it.
func TestManifest(t *testing.T) {
	tree := buildBundled(t).Tree
	m, ok := tree.Get(manifest.Name)
	if !ok {
		t.Fatal("no manifest")
	}
	var listed []string
	for _, l := range strings.Split(strings.TrimSuffix(string(m), "\n"), "\n") {
		sum, p, ok := strings.Cut(l, "  ")
		b, exists := tree.Get(p)
		h := sha256.Sum256(b)
		if !ok || !exists || sum != hex.EncodeToString(h[:]) {
			t.Errorf("manifest line %q does not match the file", l)
		}
		listed = append(listed, p)
	}
	var all []string
	for _, p := range tree.Paths() {
		if p != manifest.Name {
			all = append(all, p)
		}
	}
	if !sort.StringsAreSorted(listed) || !slices.Equal(listed, all) {
		t.Errorf("the manifest lists %d files, sorted %v; the site has %d besides it", len(listed), sort.StringsAreSorted(listed), len(all))
	}
	dir := t.TempDir() + "/site"
	if err := output.Write(tree, dir); err != nil {
		t.Fatal(err)
	}
	rep, err := manifest.Verify(os.DirFS(dir))
	if err != nil || !rep.OK() || rep.Checked != len(all) {
		t.Errorf("the written site does not verify: %+v, %v", rep, err)
	}
}
