package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/markdown"
)

// hostileInputs is testdata/hostile: every place a clerk can type text, with script,
// event handlers, javascript: links, spreadsheet formulas and deep nesting in it.
func hostileInputs() Inputs {
	return Inputs{
		Content: os.DirFS("testdata/hostile"),
		Layouts: os.DirFS("../../layouts"),
		Static:  os.DirFS("../../static"),
	}
}

// visible lists, per output file, hostile text that must be there as text: a reader
// sees what the clerk typed, and nothing of it runs. Files written by features that
// may not exist yet are checked only when present.
var visible = map[string][]string{
	"2023/02/wu-zheng-fa-2023-9-hao/index.html": {
		`关于<script>alert('title')</script>的通知`, `办公室<script>alert('issuer')</script>`,
		`各苏木镇<img src=x onerror=alert('addressees')>`, `政府文件<script>alert('section')</script>`,
		`<script>alert('body-inline')</script>`, `<script>alert('body-block')</script>`,
		`<iframe src="javascript:alert('iframe')"></iframe>`, `<div onclick="alert('div')">点击</div>`,
		`表<script>alert('caption')</script>`, `名称<script>alert('th')</script>`, `<script>alert('cell')</script>`,
		`<img src=x onerror=alert('cell-img')>`, `<b onclick=alert('cell-b')>粗</b>`,
		`测试公报<script>alert('site')</script>`, `测试办公室<script>alert('publisher')</script>`,
		`<script>alert('address')</script>2号楼`,
		// Links that lost their address keep their text.
		`详见附件、另一附件和第三`, `自动链接 javascript:alert('autolink') 与 vbscript:msgbox('vb')`, `引用链接`,
	},
	"mn/2023/02/wu-zheng-fa-2023-9-hao/index.html": {
		`ᠮᠣᠩᠭᠣᠯ<script>alert('mn-title')</script>`, `ᠠᠯᠪᠠᠨ<script>alert('mn-issuer')</script>`,
		`ᠰᠤᠮᠤ<script>alert('mn-addressees')</script>`, `<script>alert('mn-body')</script>`,
		`ᠲᠧᠰᠲ<script>alert('site-mn')</script>`, `ᠠᠯᠪᠠᠨ<img src=x onerror=alert('publisher-mn')>`, `ᠬᠣᠯᠪᠣᠭᠠᠰᠤ`,
	},
	"2023/02/index.html": {
		`测试期<script>alert('issue')</script>`, `<script>alert('issue-body')</script>`,
		`<b onmouseover="alert('issue-b')">刊载</b>`, "<script>\nalert('issue-block')\n</script>",
		`关于<script>alert('title')</script>的通知`,
	},
	"2023/02/dashiji/index.html": {
		`大事记<script>alert('chronicle-title')</script>`, `座谈会召开<script>alert('event')</script>。详情`,
		"<script>\nalert('event-block')\n</script>", `<script>alert('event-cell')</script>`,
	},
	"2023/02/qiantao/index.html": {strings.Repeat(">", 900), `引文<script>alert('deep')</script>`},
	"2023/02/wu-zheng-fa-2023-9-hao/tbl-1.csv": {
		`名称<script>alert('th')</script>`, `<script>alert('cell')</script>`, `<img src=x onerror=alert('cell-img')>`,
		`'=HYPERLINK("http://evil.example","点击")`, `'+1+1`, `'-2`, `'@SUM(A1)`, `<b onclick=alert('cell-b')>粗</b>`,
	},
	"2023/02/dashiji/tbl-1.csv":                 {`<script>alert('event-cell')</script>`, `'=1+1`},
	"2023/02/wu-zheng-fa-2023-9-hao/index.json": {`关于<script>alert('title')</script>的通知`, `办公室<script>alert('issuer')</script>`},
	"feed.xml": {`关于<script>alert('title')</script>的通知`, `测试公报<script>alert('site')</script>`},
	// Data extracted from the AST for machines (events, search) drops the tags of raw
	// HTML and keeps the text between them; it is checked for inertness only.
	"timeline/events.json": {`座谈会召开`, `测试期<script>alert('issue')</script>`},
	"catalog.json":         {`关于<script>alert('title')</script>的通知`},
}

// optional are the files of features being built alongside this test.
var optional = map[string]bool{"timeline/events.json": true, "catalog.json": true, "feed.xml": true,
	"2023/02/wu-zheng-fa-2023-9-hao/index.json": true}

func TestHostileCorpus(t *testing.T) {
	res, err := Site(hostileInputs())
	if err != nil {
		t.Fatalf("the hostile corpus does not build: %v", err)
	}
	notes := 0
	for _, d := range res.Diags {
		if d.Line < 1 {
			t.Errorf("note without a line: %v", d)
		}
		notes++
	}
	if notes < 12 {
		t.Errorf("%d notes, want one per removed link and one for the nesting: %v", notes, res.Diags)
	}

	files := map[string]bool{}
	for _, p := range res.Tree.Paths() {
		files[p] = true
	}
	static := map[string]bool{}
	_ = fs.WalkDir(hostileInputs().Static, ".", func(p string, d fs.DirEntry, err error) error {
		static[p] = err == nil && !d.IsDir()
		return nil
	})
	texts := map[string]string{} // what a reader sees of each file
	for _, p := range res.Tree.Paths() {
		data, _ := res.Tree.Get(p)
		text, err := inertText(p, data, files, static[p])
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
		texts[p] = text
	}
	for file, want := range visible {
		text, ok := texts[file]
		if !ok {
			if !optional[file] {
				t.Errorf("no file %s", file)
			}
			continue
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show %q as text", file, w)
			}
		}
	}
	// The search index is named by a hash: some file of it shows the title.
	found := false
	for p, text := range texts {
		found = found || (strings.HasPrefix(p, "search/") && strings.Contains(text, `关于<script>alert('title')</script>的通知`))
	}
	if !found && files["search/manifest.js"] {
		t.Errorf("no file of the search index holds the title as text")
	}
}

// inertText checks that a file of the site runs nothing that came from content and
// returns what a reader sees of it (text of HTML, strings of JSON, fields of CSV).
func inertText(p string, data []byte, files map[string]bool, own bool) (string, error) {
	var text strings.Builder
	collect := func(s string) { text.WriteString(s); text.WriteByte('\x00') }
	switch path.Ext(p) {
	case ".html":
		err := checkHTML(p, string(data), files, collect)
		return text.String(), err
	case ".xml":
		err := checkXML(data, files)
		collect(xmlText(data))
		return text.String(), err
	case ".json":
		err := checkJSON(data, collect)
		return text.String(), err
	case ".js":
		if own {
			return "", nil // the site's own scripts, from static/
		}
		// Generated data: gazetteIndex("name", JSON);
		open, close := bytes.IndexByte(data, ','), bytes.LastIndexByte(data, ')')
		if !bytes.HasPrefix(data, []byte("gazetteIndex(")) || open < 0 || close < open {
			return "", fmt.Errorf("generated script is not a gazetteIndex(name, data) call")
		}
		err := checkJSON(data[open+1:close], collect)
		return text.String(), err
	case ".csv":
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			return "", err
		}
		for _, r := range records {
			for _, f := range r {
				if f != "" && strings.IndexByte("=+-@\t\r", f[0]) >= 0 {
					return "", fmt.Errorf("field %q starts a spreadsheet formula", f)
				}
				collect(f)
			}
		}
		return text.String(), nil
	case ".ics":
		for _, line := range strings.Split(string(data), "\n") {
			if u, ok := strings.CutPrefix(line, "URL:"); ok && markdown.Dangerous([]byte(u), false) {
				return "", fmt.Errorf("calendar URL %q", u)
			}
		}
		return string(data), nil
	case ".md":
		return "", nil // a document's source, published as written and served as text
	case ".css", ".woff2", ".txt", ".svg":
		if !own && path.Ext(p) != ".txt" && p != "css/highlight.css" {
			return "", fmt.Errorf("generated %s file: add a check for it to this test", path.Ext(p))
		}
		return "", nil
	}
	return "", fmt.Errorf("a kind of file this test does not check: add a check for it")
}

// checkJSON wants JSON with < > & escaped (\u003c …), so that no text of it reads as
// markup wherever it ends up, and no address in it that runs script.
func checkJSON(data []byte, collect func(string)) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	if i := bytes.IndexByte(data, '<'); i >= 0 {
		return fmt.Errorf("unescaped '<' in JSON: %q", clip(string(data[i:]), 60))
	}
	var err error
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case string:
			k := strings.ToLower(key)
			if (strings.Contains(k, "url") || strings.Contains(k, "href") || strings.Contains(k, "link") ||
				strings.Contains(k, "src") || k == "@id") && markdown.Dangerous([]byte(v), false) {
				err = fmt.Errorf("%s: %q", key, v)
			}
			collect(v)
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case map[string]any:
			for k, e := range v {
				walk(k, e)
			}
		}
	}
	walk("", v)
	return err
}

// TestHostileSizes: a table over the cell limit is an error at its file and line, and
// the build stops there.
func TestHostileSizes(t *testing.T) {
	var table strings.Builder
	table.WriteString("---\ntitle: 大表\nsection: 政府文件\ndate: 2023-04-18\n---\n\n正文。\n\n")
	row := "|" + strings.Repeat(" x |", 400) + "\n"
	table.WriteString(row + "|" + strings.Repeat("---|", 400) + "\n")
	for range 251 {
		table.WriteString(row)
	}
	in := Inputs{
		Content: fstest.MapFS{
			"site.yaml":         {Data: []byte("title: 公报\nlanguages: [zh]\n")},
			"2023/02/_index.md": {Data: []byte("---\nyear: 2023\nnumber: 2\ndate: 2023-06-30\nsections: [政府文件]\n---\n")},
			"2023/02/da.md":     {Data: []byte(table.String())},
		},
		Layouts: os.DirFS("../../layouts"),
		Static:  os.DirFS("../../static"),
	}
	res, err := Site(in)
	if err == nil || res.Tree != nil {
		t.Fatal("a table of 100,400 cells built")
	}
	if got := err.Error(); got != "2023/02/da.md:9:1: table has more than 100000 cells (rows × columns); it is left as text" {
		t.Errorf("error:\n%s", got)
	}
}

// TestHostileCheckIsNotVacuous: with raw_html: true the same corpus puts live script
// on its pages, and the checks of TestHostileCorpus must say so.
func TestHostileCheckIsNotVacuous(t *testing.T) {
	in := hostileInputs()
	yaml, err := fs.ReadFile(in.Content, "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in.Content = overlay{in.Content, fstest.MapFS{"site.yaml": {Data: append(yaml, "raw_html: true\n"...)}}}
	res, err := Site(in)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, p := range res.Tree.Paths() {
		files[p] = true
	}
	for _, p := range []string{"2023/02/wu-zheng-fa-2023-9-hao/index.html", "2023/02/index.html", "2023/02/dashiji/index.html"} {
		data, _ := res.Tree.Get(p)
		if _, err := inertText(p, data, files, false); err == nil {
			t.Errorf("%s: raw HTML let through, and the check found nothing", p)
		}
	}
}

// overlay is base with the files of top in place of its own.
type overlay struct {
	base fs.FS
	top  fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	return o.base.Open(name)
}
