package scaffold

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gosimple/slug"

	"gazette/generator/content"
	"gazette/generator/docnum"
)

// Doc is a new document.
type Doc struct {
	Issue      string // the issue's folder: 2023/03
	Number     string // 发文字号; may be empty when Slug is given
	Section    string // one of the issue's sections
	Title      string
	Date       time.Time
	Issuers    []string
	Addressees string
	Encloses   string
	Page       int
	Slug       string // the file name and URL segment; default: made from Number
	Chronicle  bool
}

var issueFolder = regexp.MustCompile(`^\d{4}/\d{2}$`)

// NewDoc writes the document <issue>/<slug>.md in the content folder dir.
func NewDoc(dir string, d Doc) (Created, error) {
	d.Issue = strings.Trim(filepath.ToSlash(d.Issue), "/")
	if !issueFolder.MatchString(d.Issue) {
		return Created{}, fmt.Errorf("issue %q: want its folder, year/two-digit number, e.g. 2023/03", d.Issue)
	}
	if strings.TrimSpace(d.Title) == "" {
		return Created{}, fmt.Errorf("a document needs a title")
	}
	site, err := load(dir)
	if err != nil {
		return Created{}, err
	}
	is := findIssue(site, d.Issue)
	if is == nil {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(d.Issue), "_index.md")); err == nil {
			return Created{}, fmt.Errorf("the issue %s does not load: run gazette check", d.Issue)
		}
		y, _ := strconv.Atoi(d.Issue[:4])
		n, _ := strconv.Atoi(d.Issue[5:])
		return Created{}, fmt.Errorf("there is no issue %s: start it with gazette new issue %d %d", d.Issue, y, n)
	}
	if !contains(is.Sections, d.Section) {
		return Created{}, fmt.Errorf("section %q is not one of the sections of %s: %s", d.Section, is, strings.Join(is.Sections, ", "))
	}
	name, err := fileName(d)
	if err != nil {
		return Created{}, err
	}
	if err := unused(dir, site, d, is.Dir+"/"+name); err != nil {
		return Created{}, err
	}
	fm := frontMatter{}
	fm.add("title", text(d.Title))
	fm.add("section", text(d.Section))
	fm.add("date", plain(d.Date.Format("2006-01-02")))
	if d.Number != "" {
		fm.add("number", text(d.Number))
	}
	if len(d.Issuers) > 0 {
		fm.add("issuers", flow(d.Issuers))
	}
	if d.Addressees != "" {
		fm.add("addressees", text(d.Addressees))
	}
	if d.Encloses != "" {
		fm.add("encloses", text(d.Encloses))
	}
	if d.Page > 0 {
		fm.add("page", plain(strconv.Itoa(d.Page)))
	}
	if d.Number != "" && name != content.NumberSlug(d.Number) {
		fm.add("slug", text(name)) // the URL follows the number unless told otherwise
	}
	if d.Chronicle {
		fm.add("type", plain("chronicle"))
	}
	src, err := fm.bytes()
	if err != nil {
		return Created{}, err
	}
	// A notice starts with its addressees (主送机关), as printed.
	if d.Addressees != "" && !d.Chronicle {
		src = append(src, "\n"+d.Addressees+"：\n"...)
	}
	c := Created{File: is.Dir + "/" + name + ".md"}
	return c, create(dir, c.File, src)
}

// fileName is the document's file name without .md, which is also its URL segment.
func fileName(d Doc) (string, error) {
	if d.Slug != "" {
		if d.Slug != slug.Make(d.Slug) {
			return "", fmt.Errorf("slug %q is not a URL segment (try %q)", d.Slug, slug.Make(d.Slug))
		}
		return d.Slug, nil
	}
	if d.Number == "" {
		return "", fmt.Errorf("a document without a 发文字号 needs a slug: its file name and address, e.g. dashiji")
	}
	if !strings.Contains(docnum.Normalize(d.Number), "|") {
		return "", fmt.Errorf("%q is not a 发文字号 (e.g. 乌政发〔2023〕12号); give a slug to use it anyway", d.Number)
	}
	s := content.NumberSlug(d.Number)
	if s == "" {
		return "", fmt.Errorf("cannot make a file name from %q: give a slug", d.Number)
	}
	return s, nil
}

// unused refuses a number or an address another document has already.
func unused(dir string, site *content.Site, d Doc, p string) error {
	key := docnum.Normalize(d.Number)
	for _, is := range site.Issues {
		for _, o := range is.Documents {
			if d.Number != "" && docnum.Normalize(o.Number) == key {
				return fmt.Errorf("%s is already the number of %s", d.Number, path.Join(filepath.ToSlash(dir), o.File))
			}
			if o.Path() == p {
				return fmt.Errorf("%s already has the address %s/", path.Join(filepath.ToSlash(dir), o.File), p)
			}
		}
	}
	return nil
}

func findIssue(site *content.Site, dir string) *content.Issue {
	for _, is := range site.Issues {
		if is.Dir == dir {
			return is
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
