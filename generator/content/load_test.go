package content

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// The fixtures: a valid minimal gazette that each test changes in one place.

const siteYAML = "title: {zh: 测试公报, mn: \"ᠲᠧᠰᠲ\"}\nlanguages: [zh, mn]\npublisher: {zh: 测试办公室}\n"

const issueIndex = `---
year: 2023
number: 2
date: 2023-06-30
sections: [政府文件, 政府办文件, 大事记]
---

编者按。
`

// doc writes a document file from front matter lines; the first key is on line 2 and the
// body starts on the line after the closing ---.
func doc(keys ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + strings.Join(keys, "\n") + "\n---\n\n正文。\n")}
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// validSite is site.yaml, the issue 2023/02 and one document, tongzhi.md:
//
//	1 ---
//	2 title
//	3 section
//	4 date
//	5 number
//	6 page
//	7 ---
func validSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":          file(siteYAML),
		"2023/02/_index.md":  file(issueIndex),
		"2023/02/tongzhi.md": doc("title: 关于印发方案的通知", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2023〕9号", "page: 1"),
	}
}

// issue adds the issue <dir> with the same sections as 2023/02.
func addIssue(fsys fstest.MapFS, dir string, year, number int) {
	fsys[dir+"/_index.md"] = file(strings.NewReplacer("year: 2023", "year: "+itoa(year), "number: 2", "number: "+itoa(number)).Replace(issueIndex))
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// load runs Load and returns every diagnostic as printed.
func load(t *testing.T, fsys fstest.MapFS) (*Site, []string) {
	t.Helper()
	site, diags := Load(fsys)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	return site, got
}

// wantDiags compares every diagnostic, in order.
func wantDiags(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestLoadValid(t *testing.T) {
	site, diags := load(t, validSite())
	wantDiags(t, diags)
	if site.Config.DefaultLanguage() != "zh" || site.Config.Text(site.Config.Title, "mn") != "ᠲᠧᠰᠲ" || site.Config.Text(site.Config.Publisher, "mn") != "测试办公室" {
		t.Errorf("config = %+v", site.Config)
	}
	if len(site.Issues) != 1 {
		t.Fatalf("%d issues, want 1", len(site.Issues))
	}
	is := site.Issues[0]
	if is.File != "2023/02/_index.md" || is.Dir != "2023/02" || is.Year != 2023 || is.Number != 2 || is.Date.Format("2006-01-02") != "2023-06-30" || is.String() != "2023年第2期" || is.Key() != "2023/02" {
		t.Errorf("issue = %+v", is)
	}
	if strings.Join(is.Sections, ",") != "政府文件,政府办文件,大事记" {
		t.Errorf("sections = %q", is.Sections)
	}
	if len(is.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(is.Documents))
	}
	d := is.Documents[0]
	if d.Issue != is || d.Title != "关于印发方案的通知" || d.Section != "政府文件" || d.Number != "乌政发〔2023〕9号" || d.NumberLine != 5 ||
		d.Page != 1 || d.Type != "document" || d.IsChronicle() || d.Slug != "wu-zheng-fa-2023-9-hao" || d.Path() != "2023/02/wu-zheng-fa-2023-9-hao" {
		t.Errorf("document = %+v", d)
	}
	// The body keeps its file lines: 正文 is on line 9.
	if i := bytes.Index(d.Body, []byte("正文")); i < 0 || bytes.Count(d.Body[:i], []byte("\n")) != 8 {
		t.Errorf("body %q: 正文 not on line 9", d.Body)
	}
}

func TestUnknownKey(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.md"] = doc("titel: 关于印发方案的通知", "section: 政府文件", "date: 2023-04-18")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/tongzhi.md:1: missing required front matter key "title"`,
		`2023/02/tongzhi.md:2: unknown front matter key "titel" (did you mean "title"?)`,
	)
}

func TestWrongType(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.md"] = doc("title: [关于, 通知]", "section: 政府文件", "date: 2023-04-18", "page: 第一页", "issuers: {a: b}")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/tongzhi.md:2: title: want text, got a list`,
		`2023/02/tongzhi.md:5: page: want a whole number, got "第一页"`,
		`2023/02/tongzhi.md:6: issuers: want a list of text, got a mapping`,
	)
}

func TestMissingRequiredKey(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.md"] = doc("section: 政府文件", "date: 2023-04-18")
	_, diags := load(t, fsys)
	wantDiags(t, diags, `2023/02/tongzhi.md:1: missing required front matter key "title"`)
}

func TestMissingIssueKeys(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/_index.md"] = file("---\nyear: 2023\nnumber: 2\n---\n")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/_index.md:1: missing required front matter key "date"`,
		`2023/02/_index.md:1: missing required front matter key "sections"`,
		// Without sections, no section is known.
		`2023/02/tongzhi.md:3: section "政府文件" is not one of the issue's sections [] (2023/02/_index.md)`,
	)
}

func TestInvalidDates(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-13-01")
	fsys["2023/02/b.md"] = doc("title: 乙", "section: 政府文件", "page: 3", "date: 2023-02-30")
	fsys["2023/02/_index.md"] = file(strings.Replace(issueIndex, "date: 2023-06-30", "date: 2023-6-30", 1))
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/_index.md:4: date: invalid date "2023-6-30": want YYYY-MM-DD`,
		`2023/02/a.md:4: date: invalid date "2023-13-01": there is no month 13`,
		`2023/02/b.md:5: date: invalid date "2023-02-30": February 2023 has no day 30`,
	)
}

func TestIssueDoesNotMatchFolder(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/_index.md"] = file(strings.NewReplacer("year: 2023", "year: 2022", "number: 2", "number: 3").Replace(issueIndex))
	site, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/_index.md:2: year 2022 does not match the folder 2023/02`,
		`2023/02/_index.md:3: number 3 does not match the folder 2023/02 (expected 2)`,
	)
	// The folder wins, so later stages see one consistent issue.
	if is := site.Issues[0]; is.Year != 2023 || is.Number != 2 {
		t.Errorf("issue %d/%d, want the folder's 2023/2", is.Year, is.Number)
	}
}

// TestIssueZeroDoesNotMatchFolder: 0 is a number like any other, not "absent".
func TestIssueZeroDoesNotMatchFolder(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/_index.md"] = file(strings.NewReplacer("year: 2023", "year: 0", "number: 2", "number: 0").Replace(issueIndex))
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/_index.md:2: year 0 does not match the folder 2023/02`,
		`2023/02/_index.md:3: number 0 does not match the folder 2023/02 (expected 2)`,
	)
}

func TestSectionNotInIssue(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.md"] = doc("title: 通知", "date: 2023-04-18", "section: 通知公告")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/tongzhi.md:4: section "通知公告" is not one of the issue's sections [政府文件 政府办文件 大事记] (2023/02/_index.md)`,
	)
}

func TestSectionListedTwice(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/_index.md"] = file(strings.Replace(issueIndex, "[政府文件, 政府办文件, 大事记]", "[政府文件, 政府办文件, 政府文件]", 1))
	_, diags := load(t, fsys)
	wantDiags(t, diags, `2023/02/_index.md:5: section "政府文件" is listed twice`)
}

func TestDuplicateNumber(t *testing.T) {
	for _, spelling := range []string{
		"乌政发〔2023〕9号",
		"乌政发[2023]9号",
		"乌政发［2023］9号",
		"乌政发〔２０２３〕９号",
		"乌政发 〔2023〕 9号",
	} {
		fsys := validSite()
		addIssue(fsys, "2023/03", 2023, 3)
		fsys["2023/03/later.md"] = doc("title: 又一个通知", "section: 政府文件", "date: 2023-05-18", "page: 2", "number: "+spelling)
		_, diags := load(t, fsys)
		wantDiags(t, diags, `2023/03/later.md:6: duplicate 发文字号 `+spelling+`: already used by 2023/02/tongzhi.md:5`)
	}
}

func TestDistinctNumbers(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2023〕19号")
	fsys["2023/02/b.md"] = doc("title: 乙", "section: 政府文件", "date: 2023-04-18", "number: 乌政办发〔2023〕9号")
	fsys["2023/02/c.md"] = doc("title: 丙", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2022〕9号")
	_, diags := load(t, fsys)
	wantDiags(t, diags)
}

func TestNormalizeNumber(t *testing.T) {
	want := NormalizeNumber("乌政发〔2023〕9号")
	for _, n := range []string{"乌政发[2023]9号", "乌政发［2023］9号", "乌政发【2023】9号", "乌政发（2023）9号", "乌政发(2023)9号", "乌政发〔２０２３〕９号", " 乌政发〔2023〕 9号 ", "乌政发\u3000〔2023〕9号"} {
		if got := NormalizeNumber(n); got != want {
			t.Errorf("NormalizeNumber(%q) = %q, want %q like 乌政发〔2023〕9号", n, got, want)
		}
	}
	for _, n := range []string{"乌政发〔2023〕19号", "乌政办发〔2023〕9号", "乌政发〔2022〕9号"} {
		if NormalizeNumber(n) == want {
			t.Errorf("NormalizeNumber(%q) = %q, the same as 乌政发〔2023〕9号", n, want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		fsys := validSite()
		src := strings.Join([]string{"---", "title: 通知", "section: 政府文件", "date: 2023-04-18", "---", "", "第一段。", "第二段\xff\xfe。", ""}, eol)
		fsys["2023/02/tongzhi.md"] = file(src)
		_, diags := load(t, fsys)
		wantDiags(t, diags, `2023/02/tongzhi.md:8: file is not valid UTF-8 (save it as UTF-8)`)
	}
}

func TestBOMAndCRLF(t *testing.T) {
	fsys := validSite()
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	fsys["site.yaml"] = file("\ufeff" + crlf(siteYAML))
	fsys["2023/02/_index.md"] = file("\ufeff" + crlf(issueIndex))
	fsys["2023/02/tongzhi.md"] = file("\ufeff" + crlf("---\ntitle: 关于印发方案的通知\nsection: 政府文件\ndate: 2023-04-18\n---\n\n正文。\n"))
	fsys["2023/02/cr.md"] = file(strings.ReplaceAll("---\ntitle: 旧Mac\nsection: 政府文件\ndate: 2023-04-18\n---\n\n正文。\n", "\n", "\r"))
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	if site == nil || len(site.Issues) != 1 || len(site.Issues[0].Documents) != 2 {
		t.Fatalf("site = %+v", site)
	}
	for _, d := range site.Issues[0].Documents {
		if bytes.ContainsAny(d.Body, "\r\ufeff") {
			t.Errorf("%s: body not normalized: %q", d.File, d.Body)
		}
		if i := bytes.Index(d.Body, []byte("正文")); i < 0 || bytes.Count(d.Body[:i], []byte("\n")) != 6 {
			t.Errorf("%s: body %q: 正文 not on line 7", d.File, d.Body)
		}
	}
	if d := site.Issues[0].Documents[1]; d.Title != "关于印发方案的通知" {
		t.Errorf("title %q", d.Title)
	}
}

func TestIgnoredFiles(t *testing.T) {
	fsys := validSite()
	broken := file("not a document")
	for _, p := range []string{
		"notes.txt",
		"2023/02/图1.png",
		"2023/02/附件.pdf",
		"2023/02/_draft.md",
		"2023/02/_index.fr.md", // fr is not a language of the site
		"2023/02/.tongzhi.md.swp",
		"2023/02/.hidden.md",
		"2023/02/_assets/x.md",
		"_drafts/2023/02/x.md",
		".git/config",
		"2023/.DS_Store",
	} {
		fsys[p] = broken
	}
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	if n := len(site.Issues[0].Documents); n != 1 {
		t.Errorf("%d documents, want 1", n)
	}
}

func TestFilesOutsideIssues(t *testing.T) {
	fsys := validSite()
	fsys["README.md"] = doc("title: 说明")
	fsys["2023/tongzhi.md"] = doc("title: 通知")
	fsys["2023/2/tongzhi.md"] = doc("title: 通知")
	fsys["images/logo.png"] = file("png")
	fsys["2024/01/tongzhi.md"] = doc("title: 新通知", "section: 政府文件", "date: 2024-01-18")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/2: unexpected folder: content is organised as <year>/<two-digit issue number>, e.g. 2023/02`,
		`2023/tongzhi.md: Markdown file outside an issue folder (expected <year>/<nn>/tongzhi.md)`,
		`2024/01/tongzhi.md: the folder 2024/01 has no _index.md describing its issue`,
		`README.md: Markdown file outside an issue folder (expected <year>/<nn>/README.md)`,
		`images: unexpected folder: content is organised as <year>/<two-digit issue number>, e.g. 2023/02`,
	)
}

func TestFrontMatterMissingOrUnclosed(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/a.md"] = file("# 没有前置元数据\n")
	fsys["2023/02/b.md"] = file("---\ntitle: 通知\n\n正文\n")
	fsys["2023/02/c.md"] = file("---")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/a.md:1: document has no front matter (it must start with a --- line)`,
		`2023/02/b.md:1: front matter opened with --- is never closed`,
		`2023/02/c.md:1: front matter opened with --- is never closed`,
	)
}

func TestTranslations(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\nissuers: [ᠠ]\n---\n\nᠪᠢᠴᠢᠭ\n")
	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠳᠤᠭᠠᠷ\n---\n")
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	d := site.Issues[0].Documents[0]
	tr := d.Translations["mn"]
	if len(d.Translations) != 1 || tr == nil || tr.File != "2023/02/tongzhi.mn.md" || tr.Lang != "mn" || tr.Title != "ᠮᠡᠳᠡᠭᠳᠡᠯ" || len(tr.Issuers) != 1 || !bytes.Contains(tr.Body, []byte("ᠪᠢᠴᠢᠭ")) {
		t.Errorf("translations = %+v", d.Translations)
	}
	if it := site.Issues[0].Translations["mn"]; it == nil || it.Title != "ᠳᠤᠭᠠᠷ" {
		t.Errorf("issue translations = %+v", site.Issues[0].Translations)
	}
	if len(site.Issues[0].Documents) != 1 {
		t.Errorf("a translation was loaded as a document: %d documents", len(site.Issues[0].Documents))
	}
}

func TestTranslationProblems(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/missing.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\n---\n")
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\nsection: 政府文件\n---\n")
	fsys["2023/02/tongzhi.zh.md"] = file("---\ntitle: 通知\n---\n")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/missing.mn.md: translation of 2023/02/missing.md, which does not exist`,
		`2023/02/tongzhi.mn.md:3: unknown front matter key "section"`,
		`2023/02/tongzhi.zh.md: "zh" is the default language: write the original as tongzhi.md`,
	)
}

// TestTranslationStatus: a translation says with its translation key whether it is
// official or a reference translation, the default.
func TestTranslationStatus(t *testing.T) {
	for _, tc := range []struct {
		front    string
		want     string
		official bool
	}{
		{"title: ᠮᠡᠳᠡᠭᠳᠡᠯ", Reference, false},
		{"title: ᠮᠡᠳᠡᠭᠳᠡᠯ\ntranslation: reference", Reference, false},
		{"title: ᠮᠡᠳᠡᠭᠳᠡᠯ\ntranslation: official", Official, true},
	} {
		fsys := validSite()
		fsys["2023/02/tongzhi.mn.md"] = file("---\n" + tc.front + "\n---\n\nᠪᠢᠴᠢᠭ\n")
		site, diags := load(t, fsys)
		wantDiags(t, diags)
		tr := site.Issues[0].Documents[0].Translations["mn"]
		if tr == nil || tr.Status != tc.want || tr.IsReference() == tc.official {
			t.Errorf("%q: translation %+v, want status %s", tc.front, tr, tc.want)
		}
	}
}

// TestTranslationStatusProblems: any other value is an error at its line, and so is the
// key in an original, document or issue, which is the official text.
func TestTranslationStatusProblems(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\ntranslation: draft\n---\n")
	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠳᠤᠭᠠᠷ\ntranslation: [official]\n---\n")
	fsys["2023/02/yuanwen.md"] = doc("title: 原文", "section: 政府文件", "date: 2023-04-18", "translation: official")
	fsys["2023/03/_index.md"] = file(strings.Replace(strings.Replace(issueIndex, "number: 2", "number: 3", 1), "\n---\n\n", "\ntranslation: reference\n---\n\n", 1))
	_, diags := load(t, fsys)
	const why = "only a translation (a file named like name.mn.md) says whether it is official or a reference translation; the original is the official text"
	wantDiags(t, diags,
		`2023/02/_index.mn.md:3: translation: want text, got a list`,
		`2023/02/tongzhi.mn.md:3: translation: want reference or official, got "draft"`,
		`2023/02/yuanwen.md:5: translation: `+why,
		`2023/03/_index.md:6: translation: `+why,
	)
}

// TestIssueTranslationSections: an issue's translation names its sections in order,
// one name for each; it has no document keys, and a document's translation no
// sections.
func TestIssueTranslationSections(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠳᠤᠭᠠᠷ\nsections: [ᠨᠢᠭᠡ, ᠬᠣᠶᠠᠷ, ᠭᠤᠷᠪᠠ]\n---\n")
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	if tr := site.Issues[0].Translations["mn"]; tr == nil || strings.Join(tr.Sections, ",") != "ᠨᠢᠭᠡ,ᠬᠣᠶᠠᠷ,ᠭᠤᠷᠪᠠ" {
		t.Errorf("issue translation = %+v", tr)
	}

	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠳᠤᠭᠠᠷ\nsections: [ᠨᠢᠭᠡ, ᠬᠣᠶᠠᠷ]\nissuers: [ᠠ]\n---\n\nᠪᠢᠴᠢᠭ\n")
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\nsections: [ᠨᠢᠭᠡ]\n---\n")
	_, diags = load(t, fsys)
	wantDiags(t, diags,
		`2023/02/_index.mn.md:1: note: the text under the front matter of an issue's translation is not shown; the issue page shows the text of _index.md`,
		`2023/02/_index.mn.md:3: sections: the translation names 2 sections, 2023/02/_index.md names 3; translate each of them, in the same order`,
		`2023/02/_index.mn.md:4: unknown front matter key "issuers"`,
		`2023/02/tongzhi.mn.md:3: unknown front matter key "sections"`,
	)
}

// TestTranslationWithoutBody: a translation may be front matter only; its body is empty,
// and the pages show the original's (generator/render).
func TestTranslationWithoutBody(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\ntranslation: reference\n---\n")
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	if tr := site.Issues[0].Documents[0].Translations["mn"]; tr == nil || len(bytes.TrimSpace(tr.Body)) != 0 {
		t.Errorf("translation = %+v, want one with an empty body", tr)
	}
}

func TestSameSlug(t *testing.T) {
	fsys := validSite()
	// wu-zheng-fa-2023-9-hao is tongzhi.md's slug, made from its number.
	fsys["2023/02/zhuanfa.md"] = doc("title: 转发", "section: 政府办文件", "date: 2023-04-18", "slug: wu-zheng-fa-2023-9-hao")
	_, diags := load(t, fsys)
	wantDiags(t, diags, `2023/02/zhuanfa.md:5: URL 2023/02/wu-zheng-fa-2023-9-hao/ is also the URL of 2023/02/tongzhi.md:5: give one of them another slug`)
}

func TestSameSlugInOtherIssues(t *testing.T) {
	fsys := validSite()
	addIssue(fsys, "2023/03", 2023, 3)
	fsys["2023/03/tongzhi.md"] = doc("title: 通知", "section: 政府文件", "date: 2023-05-18", "slug: wu-zheng-fa-2023-9-hao")
	_, diags := load(t, fsys)
	wantDiags(t, diags)
}

func TestSlugs(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/dashiji.md"] = doc("title: 大事记", "section: 大事记", "date: 2023-06-30", "type: chronicle")
	fsys["2023/02/公告.md"] = doc("title: 公告", "section: 政府办文件", "date: 2023-04-18")
	fsys["2023/02/b.md"] = doc("title: 乙", "section: 政府办文件", "date: 2023-04-18", "number: 乌政办发［2023］２７号")
	fsys["2023/02/c.md"] = doc("title: 丙", "section: 政府办文件", "date: 2023-04-18", "number: 乌政办发〔2023〕26号", "slug: weisheng")
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	got := map[string]string{}
	for _, d := range site.Issues[0].Documents {
		got[d.File] = d.Slug
	}
	want := map[string]string{
		"2023/02/tongzhi.md": "wu-zheng-fa-2023-9-hao",
		"2023/02/dashiji.md": "dashiji",
		"2023/02/公告.md":      "gong-gao",
		"2023/02/b.md":       "wu-zheng-ban-fa-2023-27-hao",
		"2023/02/c.md":       "weisheng",
	}
	for f, s := range want {
		if got[f] != s {
			t.Errorf("%s: slug %q, want %q", f, got[f], s)
		}
	}
}

func TestNumberSlug(t *testing.T) {
	tests := map[string]string{
		"乌政发〔2023〕9号":   "wu-zheng-fa-2023-9-hao",
		"乌政办发〔2023〕27号": "wu-zheng-ban-fa-2023-27-hao",
		"乌政发[2023]9号":   "wu-zheng-fa-2023-9-hao",
		"乌政发〔２０２３〕９号":   "wu-zheng-fa-2023-9-hao",
		"鄂府发〔2023〕103号": "e-fu-fa-2023-103-hao",
		"内政办发〔2022〕1号":  "nei-zheng-ban-fa-2022-1-hao",
	}
	for n, want := range tests {
		if got := NumberSlug(n); got != want {
			t.Errorf("NumberSlug(%q) = %q, want %q", n, got, want)
		}
	}
}

func TestBadSlugAndType(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18", "slug: Not A Slug")
	fsys["2023/02/b.md"] = doc("title: 乙", "section: 政府文件", "date: 2023-04-18", "type: notice")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/a.md:5: slug "Not A Slug" is not a URL segment (try "not-a-slug")`,
		`2023/02/b.md:5: type: want document or chronicle, got "notice"`,
	)
}

func TestOrder(t *testing.T) {
	fsys := validSite()
	delete(fsys, "2023/02/tongzhi.md")
	add := func(name string, keys ...string) {
		fsys["2023/02/"+name+".md"] = doc(append([]string{"title: " + name, "date: 2023-04-18"}, keys...)...)
	}
	// Listed here in a shuffled order; the names say where each must end up.
	add("9-chronicle", "section: 大事记", "type: chronicle", "page: 1")
	add("5-office-weight1-page9", "section: 政府办文件", "weight: 1", "page: 9")
	add("2-gov-page2", "section: 政府文件", "page: 2")
	add("7-office-weight2-page1", "section: 政府办文件", "weight: 2", "page: 1")
	add("1-gov-page1", "section: 政府文件", "page: 1")
	add("4-gov-weight1", "section: 政府文件", "weight: 1")
	add("6-office-weight2-page1-a", "section: 政府办文件", "weight: 2", "page: 1", "slug: a")
	add("3-gov-page2-same", "section: 政府文件", "page: 2")
	add("8-office-weight3", "section: 政府办文件", "weight: 3")
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	var got []string
	for _, d := range site.Issues[0].Documents {
		got = append(got, strings.TrimSuffix(strings.TrimPrefix(d.File, "2023/02/"), ".md"))
	}
	want := []string{
		"1-gov-page1", "2-gov-page2", "3-gov-page2-same", "4-gov-weight1",
		"5-office-weight1-page9", "6-office-weight2-page1-a", "7-office-weight2-page1", "8-office-weight3",
		"9-chronicle",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order:\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestIssuesOldestFirst(t *testing.T) {
	fsys := validSite()
	addIssue(fsys, "2024/01", 2024, 1)
	addIssue(fsys, "2023/10", 2023, 10)
	addIssue(fsys, "2022/12", 2022, 12)
	site, diags := load(t, fsys)
	wantDiags(t, diags)
	var got []string
	for _, is := range site.Issues {
		got = append(got, is.Key())
	}
	if strings.Join(got, " ") != "2022/12 2023/02 2023/10 2024/01" {
		t.Errorf("issues %q", got)
	}
}

// TestAllProblemsInOnePass: the editor sees every problem after one run, sorted by file
// and line, not one problem per run.
func TestAllProblemsInOnePass(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/tongzhi.md"] = doc("titel: 关于印发方案的通知", "section: 政府文件", "date: 2023-04-18", "number: 乌政发〔2023〕9号", "title: 通知")
	fsys["2023/02/b.md"] = doc("title: 乙", "section: 政府文件", "date: 2023-13-01")
	fsys["2023/02/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18", "number: 乌政发[2023]9号")
	fsys["2023/02/c.md"] = doc("title: 丙", "section: 附件", "date: 2023-04-18")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/b.md:4: date: invalid date "2023-13-01": there is no month 13`,
		`2023/02/c.md:3: section "附件" is not one of the issue's sections [政府文件 政府办文件 大事记] (2023/02/_index.md)`,
		`2023/02/tongzhi.md:2: unknown front matter key "titel" (did you mean "title"?)`,
		// a.md comes first in print order (same section, no weight or page, then by name).
		`2023/02/tongzhi.md:5: duplicate 发文字号 乌政发〔2023〕9号: already used by 2023/02/a.md:5`,
	)
}

func TestSiteYAML(t *testing.T) {
	tests := []struct {
		name string
		src  string // "" for no site.yaml
		want []string
		ok   bool // a Site comes back
	}{
		{name: "missing", want: []string{"site.yaml: cannot read the site settings: file does not exist"}},
		{
			name: "misspelt key on its line",
			src:  "title: 公报\nlanguages: [zh]\nadress: 某地\n",
			want: []string{`site.yaml:3: unknown front matter key "adress" (did you mean "address"?)`},
		},
		{
			name: "missing languages",
			src:  "title: 公报\n",
			want: []string{`site.yaml:1: missing required front matter key "languages"`},
		},
		{
			name: "empty languages",
			src:  "title: 公报\nlanguages: []\n",
			want: []string{`site.yaml:1: languages must list at least one language`},
		},
		{
			name: "language twice",
			src:  "title: 公报\nlanguages: [zh, zh]\n",
			want: []string{`site.yaml:1: languages: "zh" is not a language code or appears twice`},
		},
		{
			name: "invalid YAML on its line",
			src:  "title: 公报\nlanguages: [zh\n",
			want: []string{`site.yaml:2: front matter is not valid YAML: did not find expected ',' or ']'`},
		},
		{
			name: "invalid UTF-8",
			src:  "title: 公报\nlanguages: [zh]\naddress: \xff\n",
			want: []string{`site.yaml:3: file is not valid UTF-8`},
		},
		{name: "languages only", src: "title: 公报\nlanguages: zh\n", ok: true},
	}
	for _, tt := range tests {
		fsys := validSite()
		delete(fsys, "site.yaml")
		if tt.src != "" {
			fsys["site.yaml"] = file(tt.src)
		}
		site, diags := Load(fsys)
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
		if (site != nil) != tt.ok {
			t.Errorf("%s: site = %v, want one: %v", tt.name, site, tt.ok)
		}
	}
}

// TestBundledContent loads the real 2023年第2期.
func TestBundledContent(t *testing.T) {
	site, diags := Load(os.DirFS("../../content"))
	if err := diags.Err(); err != nil {
		t.Fatalf("bundled content has errors:\n%v", err)
	}
	for _, d := range diags {
		t.Logf("note: %s", d)
	}
	if len(site.Issues) != 1 {
		t.Fatalf("%d issues, want 1", len(site.Issues))
	}
	is := site.Issues[0]
	if is.Year != 2023 || is.Number != 2 {
		t.Errorf("issue %s, want 2023年第2期", is)
	}
	var got []string
	for _, d := range is.Documents {
		if d.IsChronicle() {
			got = append(got, "大事记")
		} else {
			got = append(got, d.Number)
		}
	}
	want := []string{"乌政发〔2023〕9号", "乌政办发〔2023〕27号", "乌政办发〔2023〕26号", "乌政办发〔2023〕29号", "大事记"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("documents in order %q, want %q", got, want)
	}
}

// TestNoCascade: a file that cannot be loaded is reported once, not again by every file
// that depends on it (the documents of its issue, its translations).
func TestNoCascade(t *testing.T) {
	fsys := validSite()
	fsys["2023/02/_index.md"] = file("---\nyear: 2023\n")
	fsys["2023/02/tongzhi.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\n---\n")
	fsys["2023/02/_index.mn.md"] = file("---\ntitle: ᠳᠤᠭᠠᠷ\n---\n")
	fsys["2023/03/_index.md"] = file(strings.Replace(strings.Replace(issueIndex, "number: 2", "number: 3", 1), "\n---\n", "\nbad: \xff\n---\n", 1))
	fsys["2023/03/a.md"] = doc("title: 甲", "section: 政府文件", "date: 2023-04-18")
	fsys["2023/03/b.md"] = file("---\ntitle: 乙\n\xff\n---\n")
	fsys["2023/03/b.mn.md"] = file("---\ntitle: ᠮᠡᠳᠡᠭᠳᠡᠯ\n---\n")
	_, diags := load(t, fsys)
	wantDiags(t, diags,
		`2023/02/_index.md:1: front matter opened with --- is never closed`,
		`2023/03/_index.md:6: file is not valid UTF-8 (save it as UTF-8)`,
		`2023/03/b.md:3: file is not valid UTF-8 (save it as UTF-8)`,
	)
}
