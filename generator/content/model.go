// Package content loads a gazette from its content folder into a Site value.
//
// It takes an fs.FS rooted at the content folder (site.yaml, <year>/<nn>/_index.md and
// one Markdown file per document, translations as <name>.<lang>.md) and gives a Site
// whose issues and documents are ordered as the gazette prints them. It guarantees that
// every problem the content format defines (unknown or mistyped keys, impossible dates,
// folders that disagree with front matter, unknown sections, duplicate 发文字号, invalid
// UTF-8, clashing URLs) is reported as a file:line diagnostic, all of them in one pass.
// Markdown bodies are kept as source; rendering them is a later stage. It never reads
// through a symbolic link, whether it points inside the content folder or out of it,
// nor anything but a regular file, nor more than MaxFileSize of one (limits.go); and
// every document's Path is inside its issue's folder, even when its slug was refused.
package content

import (
	"fmt"
	"time"
)

// Site is the whole gazette.
type Site struct {
	Config Config
	Issues []*Issue // oldest first
}

// Config is site.yaml.
type Config struct {
	Title     map[string]string // language → text; "" for a text shared by all languages
	Languages []string          // the first is the default language, served at the root
	Publisher map[string]string
	Address   string
	BaseURL   string
	// RawHTML lets HTML written in Markdown bodies through as HTML. By default it is
	// escaped and shown as text, so nothing in content can run in a reader's browser.
	RawHTML bool
}

// DefaultLanguage is the language served at the site root.
func (c Config) DefaultLanguage() string { return c.Languages[0] }

// Text picks the text for lang from a localized value, falling back to the default
// language and then to any text shared by all languages.
func (c Config) Text(v map[string]string, lang string) string {
	if s, ok := v[lang]; ok {
		return s
	}
	if s, ok := v[c.DefaultLanguage()]; ok {
		return s
	}
	return v[""]
}

// Issue is one numbered issue (期) of the gazette.
type Issue struct {
	File      string // e.g. 2023/02/_index.md
	Dir       string // e.g. 2023/02
	Year      int
	Number    int
	Date      time.Time
	Sections  []string
	Title     string // as given; empty means the default title
	Body      []byte // Markdown, front matter replaced by empty lines
	Documents []*Document
	// Translations holds the translated titles of the issue, by language.
	Translations map[string]*Translation
}

// Key identifies an issue in sorting and messages: 2023年第2期 sorts as 2023/02.
func (i *Issue) Key() string { return fmt.Sprintf("%04d/%02d", i.Year, i.Number) }

// Document is one document of an issue: a notice with what it issues, an
// announcement, or a chronicle.
type Document struct {
	File       string // path relative to the content root
	Issue      *Issue
	Title      string
	Section    string
	Date       time.Time
	Number     string // 发文字号, may be empty
	Issuers    []string
	Addressees string
	Encloses   string
	Page       int
	Weight     int
	Slug       string // the URL segment, always set after loading
	Type       string // "document" or "chronicle"
	Body       []byte // Markdown, front matter replaced by empty lines

	// NumberLine is the line of the number key, for messages about duplicates.
	NumberLine int
	// SectionLine is the line of the section key, for messages about unknown sections.
	SectionLine int
	// SlugLine is the line the URL comes from (the slug key, else the number key, else
	// 1), for messages about clashing URLs.
	SlugLine int
	// Translations holds the document in other languages, by language code.
	Translations map[string]*Translation

	path string // Path, as the loader sets it once Issue and Slug are known
}

// IsChronicle reports whether the document is a 大事记.
func (d *Document) IsChronicle() bool { return d.Type == "chronicle" }

// Path is the document's folder in the output, e.g. 2023/02/wu-zheng-fa-2023-9-hao.
// Every stage asks for it, for every document, in every build: the loader makes it
// once, and only a Document made by hand has it made on each call.
func (d *Document) Path() string {
	if d.path != "" {
		return d.path
	}
	return d.Issue.Dir + "/" + d.Slug
}

// Translation carries what a translation file may translate; empty fields fall back to
// the original.
type Translation struct {
	File       string
	Lang       string
	Title      string
	Addressees string
	Issuers    []string
	Encloses   string
	// Sections names an issue's sections in the translation's language, in the order of
	// the issue's sections; only an issue's translation (_index.<lang>.md) has them.
	Sections []string
	// Status says whether the translation is Official or a Reference translation (the
	// default): the translation key of its front matter.
	Status string
	Body   []byte
	// IssuersLine and SectionsLine are the lines of those keys, for messages about
	// their number.
	IssuersLine, SectionsLine int
}

// The statuses of a translation.
const (
	// Reference is a translation for information only: the original is the
	// authoritative text, and pages say so.
	Reference = "reference"
	// Official is a translation the issuing body published as an official text.
	Official = "official"
)

// IsReference reports whether the translation is a reference translation.
func (t *Translation) IsReference() bool { return t.Status != Official }
