package render_test

import (
	"bytes"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"gazette/generator/build"
	"gazette/generator/content"
	fm "gazette/generator/frontmatter"
)

// The bundled issue in Mongolian: zhifa-zhuti.md is translated whole as a reference
// translation, the other documents and the issue have their titles translated only.

// buildBundled builds the repository's content, with the files of over in place of or
// beside its own, and returns the site's pages by path, character references resolved.
func buildBundled(t *testing.T, over fstest.MapFS) (*content.Site, func(string) string) {
	t.Helper()
	m := mapDir(t, "../../content", nil)
	for p, f := range over {
		m[p] = f
	}
	res, err := build.Site(build.Inputs{Content: m, Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")})
	if err != nil {
		t.Fatalf("building the bundled content: %v", err)
	}
	return res.Site, func(p string) string {
		b, ok := res.Tree.Get(p)
		if !ok {
			t.Fatalf("the site has no %s", p)
		}
		// Text as a reader sees it (html/template writes + as &#43;); the markup has
		// no character references.
		return html.UnescapeString(string(b))
	}
}

func findDoc(t *testing.T, site *content.Site, file string) *content.Document {
	t.Helper()
	for _, is := range site.Issues {
		for _, d := range is.Documents {
			if d.File == file {
				return d
			}
		}
	}
	t.Fatalf("no document %s in the content", file)
	return nil
}

// element returns the first element of page whose start tag matches open (a regular
// expression for the tag and its attributes), start tag to end tag of its name.
func element(page, open string) string {
	re := regexp.MustCompile(`<(` + open + `)[^>]*>`)
	loc := re.FindStringSubmatchIndex(page)
	if loc == nil {
		return ""
	}
	name := strings.Fields(page[loc[2]:loc[3]])[0]
	depth, i := 0, loc[0]
	tag := regexp.MustCompile(`</?` + name + `\b[^>]*>`)
	for _, m := range tag.FindAllStringIndex(page[i:], -1) {
		if page[i+m[0]+1] == '/' {
			depth--
		} else {
			depth++
		}
		if depth == 0 {
			return page[i : i+m[1]]
		}
	}
	return page[i:]
}

// frontTitle reads the title of a content file's front matter.
func frontTitle(t *testing.T, file string) string {
	t.Helper()
	src, err := os.ReadFile("../../content/" + file)
	if err != nil {
		t.Fatal(err)
	}
	front, _, err := fm.Split(fm.Normalize(src))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Title    string   `yaml:"title"`
		Sections []string `yaml:"sections"`
	}
	if err := yaml.Unmarshal(front, &v); err != nil {
		t.Fatal(err)
	}
	return v.Title
}

// TestBundledReferenceTranslation checks the Mongolian page of the translated notice:
// its body is the Mongolian text, in the page's language, with no fallback notice and
// a notice that the translation is a reference translation; the Chinese page has no
// such notice.
func TestBundledReferenceTranslation(t *testing.T) {
	site, page := buildBundled(t, nil)
	d := findDoc(t, site, "2023/02/zhifa-zhuti.md")
	tr := d.Translations["mn"]
	if tr == nil || tr.Status != content.Reference {
		t.Fatalf("zhifa-zhuti.mn.md: translation %+v, want a reference translation", tr)
	}
	mn := page("mn/" + d.Path() + "/index.html")
	body := element(mn, `div class="doc-body`)
	if strings.Contains(body[:strings.Index(body, ">")], "lang=") {
		t.Errorf("mn page: the body carries a lang attribute, want the page's mn-Mong: %.120s", body)
	}
	for _, want := range []string{"ᠵᠠᠷᠯᠠᠯ", "ᠳᠣᠲᠣᠭᠠᠳᠤ", "ᠬᠠᠤᠯᠢ ᠴᠠᠭᠠᠵᠠ"} {
		if !strings.Contains(mn, want) {
			t.Errorf("mn page lacks %q", want)
		}
	}
	if !strings.Contains(body, "ᠬᠠᠤᠯᠢ ᠴᠠᠭᠠᠵᠠ ᠬᠡᠷᠡᠭᠵᠢᠭᠦᠯᠬᠦ") || strings.Contains(body, "行政执法") {
		t.Errorf("mn page: the body is not the Mongolian translation:\n%.400s", body)
	}
	if got := strings.Count(body, "<li>"); got != 54 {
		t.Errorf("mn page: %d list items, want the 54 bodies", got)
	}
	if !strings.Contains(body, `<p class="addressees">`) || !strings.Contains(body, `<p class="signoff">`) {
		t.Errorf("mn page: the addressees and the sign-off are not marked in the Mongolian body")
	}
	if strings.Contains(mn, "fallback-notice") {
		t.Errorf("mn page shows the fallback notice, but the document is translated")
	}
	notice := element(mn, `p class="translation-notice"`)
	if !strings.Contains(notice, `role="note"`) || !strings.ContainsRune(notice, 'ᠯ') || strings.Contains(notice, "lang=") {
		t.Errorf("mn page: reference translation notice %q, want a Mongolian <p role=note>", notice)
	}
	if h1 := element(mn, `h1`); !strings.Contains(h1, (tr.Title)) {
		t.Errorf("mn page: h1 %q, want the translation's title", h1)
	}
	if num := element(mn, `p class="doc-number"`); !strings.Contains(num, `lang="zh-Hans"`) || !strings.Contains(num, d.Number) {
		t.Errorf("mn page: 发文字号 %q, want it in Chinese, marked zh-Hans", num)
	}
	zh := page(d.Path() + "/index.html")
	if strings.Contains(zh, "translation-notice") {
		t.Errorf("zh page shows the reference translation notice")
	}
}

// TestBundledTitleOnlyTranslation checks a document whose translation has a title and
// no body: the title is Mongolian, the body falls back to Chinese under the fallback
// notice, and the reference notice says that the translated parts are for reference.
func TestBundledTitleOnlyTranslation(t *testing.T) {
	site, page := buildBundled(t, nil)
	d := findDoc(t, site, "2023/02/yibao-fuwu-xiachen.md")
	if tr := d.Translations["mn"]; tr == nil || len(bytes.TrimSpace(tr.Body)) != 0 {
		t.Fatalf("yibao-fuwu-xiachen.mn.md: %+v, want a translation of front matter only", tr)
	}
	mn := page("mn/" + d.Path() + "/index.html")
	if !strings.Contains(element(mn, `h1`), (frontTitle(t, "2023/02/yibao-fuwu-xiachen.mn.md"))) {
		t.Errorf("mn page: h1 %q, want the Mongolian title", element(mn, `h1`))
	}
	if !strings.Contains(mn, `class="fallback-notice"`) || !strings.Contains(element(mn, `div class="doc-body`), `lang="zh-Hans"`) {
		t.Errorf("mn page: want the fallback notice and the Chinese body marked zh-Hans")
	}
	if !strings.Contains(mn, `class="translation-notice"`) {
		t.Errorf("mn page: the translated title is a reference translation, and the page does not say so")
	}
}

// TestBundledOfficialTranslation: a translation marked official has no notice.
func TestBundledOfficialTranslation(t *testing.T) {
	src, err := os.ReadFile("../../content/2023/02/zhifa-zhuti.mn.md")
	if err != nil {
		t.Fatal(err)
	}
	official := bytes.Replace(src, []byte("\ntranslation: reference\n"), []byte("\ntranslation: official\n"), 1)
	if bytes.Equal(official, src) {
		t.Fatal("zhifa-zhuti.mn.md has no line translation: reference")
	}
	site, page := buildBundled(t, fstest.MapFS{"2023/02/zhifa-zhuti.mn.md": {Data: official}})
	d := findDoc(t, site, "2023/02/zhifa-zhuti.md")
	if mn := page("mn/" + d.Path() + "/index.html"); strings.Contains(mn, "translation-notice") {
		t.Errorf("mn page of an official translation shows the reference translation notice")
	}
}

// TestBundledIssueInMongolian: the Mongolian issue page lists the documents under their
// Mongolian titles and the sections under the names the issue's translation gives.
func TestBundledIssueInMongolian(t *testing.T) {
	site, page := buildBundled(t, nil)
	is := site.Issues[0]
	tr := is.Translations["mn"]
	if tr == nil || len(tr.Sections) != len(is.Sections) {
		t.Fatalf("_index.mn.md: %+v, want a name for each of %v", tr, is.Sections)
	}
	mn := page("mn/" + is.Dir + "/index.html")
	if h1 := element(mn, `h1`); !strings.Contains(h1, (tr.Title)) || strings.Contains(h1, "lang=") {
		t.Errorf("mn issue page: h1 %q, want the translated title in the page's language", h1)
	}
	toc := element(mn, `nav class="toc"`)
	for i, name := range tr.Sections {
		h3 := element(toc[strings.Index(toc, `id="sec-`+string(rune('1'+i))+`"`)-4:], `h3`)
		if !strings.Contains(h3, (name)) || strings.Contains(h3, "lang=") {
			t.Errorf("mn issue page: section %d is %q, want %q in the page's language", i+1, h3, name)
		}
	}
	for _, d := range is.Documents {
		title := frontTitle(t, strings.TrimSuffix(d.File, ".md")+".mn.md")
		if title == "" || !strings.Contains(toc, (title)) {
			t.Errorf("mn issue page: the contents lack the Mongolian title of %s (%q)", d.File, title)
		}
		if strings.Contains(toc, (d.Title)) {
			t.Errorf("mn issue page: the contents show the Chinese title of %s", d.File)
		}
	}
	for _, name := range is.Sections {
		if strings.Contains(toc, name) {
			t.Errorf("mn issue page: the contents show the Chinese section name %s", name)
		}
	}
	doc := page("mn/" + findDoc(t, site, "2023/02/zhifa-zhuti.md").Path() + "/index.html")
	if sec := element(doc, `p class="doc-section"`); !strings.Contains(sec, (tr.Sections[1])) || strings.Contains(sec, "lang=") {
		t.Errorf("mn document page: section %q, want %q", sec, tr.Sections[1])
	}
	zh := page(is.Dir + "/index.html")
	for _, name := range is.Sections {
		if !strings.Contains(zh, ">"+name+"</h3>") {
			t.Errorf("zh issue page lacks the section %s", name)
		}
	}
}
