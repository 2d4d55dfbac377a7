package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gosimple/slug"
	"go.yaml.in/yaml/v3"

	"gazette/generator/diag"
	"gazette/generator/docnum"
	fm "gazette/generator/frontmatter"
	"gazette/generator/internal/parallel"
)

// Load reads the whole gazette from fsys. The Site is nil only when site.yaml itself is
// unusable; otherwise it holds everything that could be read, and the diagnostics say
// what is wrong.
func Load(fsys fs.FS) (*Site, diag.List) { return loadWith(fsys, nil) }

// loadWith is Load, with a Memo when called by LoadMemo.
func loadWith(fsys fs.FS, memo *Memo) (*Site, diag.List) {
	var diags diag.List
	cfg, ok := loadConfig(fsys, &diags)
	if !ok {
		return nil, diags
	}
	site := &Site{Config: cfg}
	if memo != nil {
		memo.begin(cfg.Languages)
	}
	l := loader{fsys: fsys, site: site, diags: &diags, issues: map[string]*Issue{}, read: map[string]bool{}, memo: memo}
	l.walk()
	l.attach()
	l.check()
	diags.Sort()
	return site, diags
}

func loadConfig(fsys fs.FS, diags *diag.List) (Config, bool) {
	const file = "site.yaml"
	if _, err := fs.Stat(fsys, file); err != nil {
		diags.Add(file, 0, "cannot read the site settings: %v", unwrapPath(err))
		return Config{}, false
	}
	src, ok := readContent(fsys, file, diags)
	if !ok {
		return Config{}, false
	}
	if !utf8.Valid(src) {
		diags.Add(file, invalidUTF8Line(src), "file is not valid UTF-8")
		return Config{}, false
	}
	src = fm.Normalize(src)
	var c Config
	before := len(*diags)
	// site.yaml is front matter without the --- lines, so shift lines by one.
	fm.Decode(file, append([]byte("\n"), src...)[1:], []fm.Field{
		{Name: "title", Required: true, Decode: fm.Localized(&c.Title)},
		{Name: "languages", Required: true, Decode: fm.Strings(&c.Languages)},
		{Name: "publisher", Decode: fm.Localized(&c.Publisher)},
		{Name: "address", Decode: fm.String(&c.Address)},
		{Name: "base_url", Decode: fm.String(&c.BaseURL)},
		{Name: "raw_html", Decode: fm.Bool(&c.RawHTML)},
	}, diags)
	for i := before; i < len(*diags); i++ {
		(*diags)[i].Line-- // Decode counts from line 2; site.yaml has no opening ---
		if (*diags)[i].Line < 1 {
			(*diags)[i].Line = 1
		}
	}
	if len(c.Languages) == 0 {
		if len(*diags) == before {
			diags.Add(file, 1, "languages must list at least one language")
		}
		return c, false
	}
	seen := map[string]bool{}
	for _, l := range c.Languages {
		if !langCode.MatchString(l) || seen[l] {
			diags.Add(file, 1, "languages: %q is not a language code or appears twice", l)
			return c, false
		}
		seen[l] = true
	}
	return c, len(*diags) == before
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}$`)

type loader struct {
	fsys    fs.FS
	site    *Site
	diags   *diag.List
	issues  map[string]*Issue // by folder
	docs    []*Document       // in walk order
	trans   []*Translation    // documents' translations, attached after the walk
	transOf map[*Translation]string
	// read holds every Markdown file found, without .md, even those that failed to load:
	// their own error is enough, without one more for each file that refers to them.
	read map[string]bool
	memo *Memo // nil unless LoadMemo
}

var (
	issueDir = regexp.MustCompile(`^(\d{4})/(\d{2})$`)
	yearDir  = regexp.MustCompile(`^\d{4}$`)
)

func (l *loader) walk() {
	l.transOf = map[*Translation]string{}
	var files []walked
	err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.diags.Add(p, 0, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if p == "." {
			return nil
		}
		name := d.Name()
		if (strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) && name != "_index.md" && !isTranslatedIndex(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			l.diags.AddNote(p, 0, "symbolic link not followed")
			return nil
		}
		if d.IsDir() {
			if !yearDir.MatchString(p) && !issueDir.MatchString(p) {
				l.diags.Add(p, 0, "unexpected folder: content is organised as <year>/<two-digit issue number>, e.g. 2023/02")
				return fs.SkipDir
			}
			return nil
		}
		if path.Dir(p) == "." {
			if p != "site.yaml" && strings.HasSuffix(p, ".md") {
				l.diags.Add(p, 0, "Markdown file outside an issue folder (expected <year>/<nn>/%s)", p)
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			return nil // images and other files beside documents are not documents
		}
		dir := path.Dir(p)
		if !issueDir.MatchString(dir) {
			l.diags.Add(p, 0, "Markdown file outside an issue folder (expected <year>/<nn>/%s)", name)
			return nil
		}
		l.read[strings.TrimSuffix(p, ".md")] = true
		files = append(files, walked{p, dir, name})
		return nil
	})
	if err != nil {
		l.diags.Add(".", 0, "cannot read the content folder: %v", err)
	}
	// A rebuild reads few files but stats them all, one system call each: made on all
	// cores, before the files are read one by one in the walk's order.
	stats := make([]lstat, len(files))
	parallel.ForEach(len(files), func(i int) {
		if unsafeName(files[i].name) == "" {
			stats[i].st, stats[i].err = fs.Lstat(l.fsys, files[i].p)
		}
	})
	for i, f := range files {
		l.readFile(f.p, f.dir, f.name, stats[i])
	}
}

// walked is a Markdown file the walk found, to read.
type walked struct{ p, dir, name string }

// lstat is what fs.Lstat gave for a file.
type lstat struct {
	st  fs.FileInfo
	err error
}

func isTranslatedIndex(name string) bool {
	return strings.HasPrefix(name, "_index.") && strings.HasSuffix(name, ".md") && strings.Count(name, ".") == 2
}

// readFile reads one Markdown file and files it as an issue, a document or a
// translation.
func (l *loader) readFile(p, dir, name string, stat lstat) {
	if msg := unsafeName(name); msg != "" {
		l.diags.Add(p, 1, "%s", msg)
		return
	}
	st, ok := checkStat(p, stat.st, stat.err, l.diags)
	if !ok {
		return
	}
	if l.memo != nil && l.memo.replayUnchanged(l, p, st) {
		return
	}
	src, ok := readStated(l.fsys, p, st, l.diags)
	if !ok {
		return
	}
	l.fileReadMemo(p, dir, name, src, st)
}

// fileRead files the Markdown file p, whose bytes are src.
func (l *loader) fileRead(p, dir, name string, src []byte) {
	if !utf8.Valid(src) {
		l.diags.Add(p, invalidUTF8Line(src), "file is not valid UTF-8 (save it as UTF-8)")
		return
	}
	src = fm.Normalize(src)
	front, body, err := fm.Split(src)
	if err != nil {
		l.diags.Add(p, 1, "%v", err)
		return
	}
	base := strings.TrimSuffix(name, ".md")
	lang := ""
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		if l.isLanguage(base[i+1:]) {
			base, lang = base[:i], base[i+1:]
		}
	}
	if lang == "" && base != "_index" && strings.HasPrefix(base, "_") {
		return // _index.<not a language>.md is ignored like any other _ file
	}
	if lang == l.site.Config.DefaultLanguage() {
		l.diags.Add(p, 0, "%q is the default language: write the original as %s.md", lang, base)
		return
	}
	if lang != "" {
		t := &Translation{File: p, Lang: lang, Body: body, Status: Reference}
		keys := fm.Decode(p, front, translationFields(t, base == "_index"), l.diags)
		t.IssuersLine, t.SectionsLine = keys.Line("issuers"), keys.Line("sections")
		if base == "_index" && len(bytes.TrimSpace(body)) > 0 {
			l.diags.AddNote(p, 1, "the text under the front matter of an issue's translation is not shown; the issue page shows the text of _index.md")
		}
		l.trans = append(l.trans, t)
		l.transOf[t] = path.Join(dir, base)
		return
	}
	if base == "_index" {
		l.readIssue(p, dir, front, body)
		return
	}
	if front == nil {
		l.diags.Add(p, 1, "document has no front matter (it must start with a --- line)")
		return
	}
	d := &Document{File: p, Body: body, Type: "document"}
	fields := documentFields(d)
	keys := fm.Decode(p, front, fields, l.diags)
	d.NumberLine, d.SectionLine = keys.Line("number"), keys.Line("section")
	if d.SlugLine = keys.Line("slug"); d.SlugLine == 1 && d.Number != "" {
		d.SlugLine = d.NumberLine // no slug key (line 1 is ---): the number makes the URL
	}
	if d.Type != "document" && d.Type != "chronicle" {
		l.diags.Add(p, keys.Line("type"), "type: want document or chronicle, got %q", d.Type)
	}
	if d.Slug != "" && d.Slug != slug.Make(d.Slug) {
		l.diags.Add(p, keys.Line("slug"), "slug %q is not a URL segment (try %q)", d.Slug, slug.Make(d.Slug))
		d.Slug = "" // the default below: Path stays inside the issue even for a site with errors
	}
	if d.Slug == "" {
		d.Slug = NumberSlug(d.Number)
		if d.Number == "" {
			d.Slug = slug.Make(base)
		}
	}
	if d.Slug == "" {
		l.diags.Add(p, 1, "cannot make a URL segment from the file name: add a slug key")
	}
	l.docs = append(l.docs, d)
	l.transOf[nil] = "" // keeps the map allocated for documents-only sites
	_ = dir
}

func (l *loader) isLanguage(s string) bool {
	for _, lang := range l.site.Config.Languages {
		if s == lang {
			return true
		}
	}
	return false
}

func (l *loader) readIssue(p, dir string, front, body []byte) {
	is := &Issue{File: p, Dir: dir, Body: body}
	if front == nil {
		l.diags.Add(p, 1, "issue has no front matter (it must start with a --- line)")
		return
	}
	var hasYear, hasNumber bool
	keys := fm.Decode(p, front, []fm.Field{
		{Name: "year", Required: true, Decode: decoded(&hasYear, fm.Int(&is.Year))},
		{Name: "number", Required: true, Decode: decoded(&hasNumber, fm.Int(&is.Number))},
		{Name: "date", Required: true, Decode: fm.Date(&is.Date)},
		{Name: "sections", Required: true, Decode: fm.Strings(&is.Sections)},
		{Name: "title", Decode: fm.String(&is.Title)},
		{Name: "translation", Decode: notInOriginal},
	}, l.diags)
	m := issueDir.FindStringSubmatch(dir)
	year, _ := strconv.Atoi(m[1])
	number, _ := strconv.Atoi(m[2])
	if hasYear && is.Year != year {
		l.diags.Add(p, keys.Line("year"), "year %d does not match the folder %s", is.Year, dir)
	}
	if hasNumber && is.Number != number {
		l.diags.Add(p, keys.Line("number"), "number %d does not match the folder %s (expected %d)", is.Number, dir, number)
	}
	is.Year, is.Number = year, number
	seen := map[string]bool{}
	for _, s := range is.Sections {
		if seen[s] {
			l.diags.Add(p, keys.Line("sections"), "section %q is listed twice", s)
		}
		seen[s] = true
	}
	l.issues[dir] = is
}

// decoded wraps a field decoder to record that the key was present and valid, so that
// year: 0 is compared with the folder like any other year.
func decoded(ok *bool, decode func(*yaml.Node) error) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		err := decode(n)
		*ok = err == nil
		return err
	}
}

func documentFields(d *Document) []fm.Field {
	return []fm.Field{
		{Name: "title", Required: true, Decode: fm.String(&d.Title)},
		{Name: "section", Required: true, Decode: fm.String(&d.Section)},
		{Name: "date", Required: true, Decode: fm.Date(&d.Date)},
		{Name: "number", Decode: fm.String(&d.Number)},
		{Name: "issuers", Decode: fm.Strings(&d.Issuers)},
		{Name: "addressees", Decode: fm.String(&d.Addressees)},
		{Name: "encloses", Decode: fm.String(&d.Encloses)},
		{Name: "page", Decode: fm.Int(&d.Page)},
		{Name: "weight", Decode: fm.Int(&d.Weight)},
		{Name: "slug", Decode: fm.String(&d.Slug)},
		{Name: "type", Decode: fm.String(&d.Type)},
		{Name: "translation", Decode: notInOriginal},
	}
}

// translationFields are the keys of a translation file: a document's translation
// translates its title and names, an issue's its title and the names of its sections.
func translationFields(t *Translation, issue bool) []fm.Field {
	fields := []fm.Field{
		{Name: "title", Decode: fm.String(&t.Title)},
		{Name: "translation", Decode: translationStatus(&t.Status)},
	}
	if issue {
		return append(fields, fm.Field{Name: "sections", Decode: fm.Strings(&t.Sections)})
	}
	return append(fields,
		fm.Field{Name: "addressees", Decode: fm.String(&t.Addressees)},
		fm.Field{Name: "issuers", Decode: fm.Strings(&t.Issuers)},
		fm.Field{Name: "encloses", Decode: fm.String(&t.Encloses)},
	)
}

// translationStatus decodes the translation key of a translation: reference or
// official.
func translationStatus(dst *string) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		var s string
		if err := fm.String(&s)(n); err != nil {
			return err
		}
		if s != Reference && s != Official {
			return fmt.Errorf("want %s or %s, got %q", Reference, Official, s)
		}
		*dst = s
		return nil
	}
}

// notInOriginal refuses the translation key in an original: the original is the
// official text, and only a translation says what it is.
func notInOriginal(*yaml.Node) error {
	return errors.New("only a translation (a file named like name.mn.md) says whether it is official or a reference translation; the original is the official text")
}

// attach puts documents and translations into their issues and orders everything.
func (l *loader) attach() {
	dirs := make([]string, 0, len(l.issues))
	for dir := range l.issues {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		l.site.Issues = append(l.site.Issues, l.issues[dir])
	}
	byBase := map[string]*Document{}
	for _, d := range l.docs {
		dir := path.Dir(d.File)
		is := l.issues[dir]
		if is == nil {
			if !l.read[dir+"/_index"] {
				l.diags.Add(d.File, 0, "the folder %s has no _index.md describing its issue", dir)
			}
			continue
		}
		d.Issue, d.path = is, is.Dir+"/"+d.Slug
		is.Documents = append(is.Documents, d)
		byBase[strings.TrimSuffix(d.File, ".md")] = d
	}
	for _, t := range l.trans {
		base := l.transOf[t]
		if path.Base(base) == "_index" {
			if is := l.issues[path.Dir(base)]; is != nil {
				if is.Translations == nil {
					is.Translations = map[string]*Translation{}
				}
				if len(t.Sections) > 0 && len(t.Sections) != len(is.Sections) {
					// Pages pair each translated name with the section at its place.
					l.diags.Add(t.File, t.SectionsLine, "sections: the translation names %d sections, %s names %d; translate each of them, in the same order", len(t.Sections), is.File, len(is.Sections))
				}
				is.Translations[t.Lang] = t
				continue
			}
		}
		d := byBase[base]
		if d == nil {
			if !l.read[base] {
				l.diags.Add(t.File, 0, "translation of %s.md, which does not exist", base)
			}
			continue
		}
		if len(t.Issuers) > 0 && len(d.Issuers) > 0 && len(t.Issuers) != len(d.Issuers) {
			// Pages pair each translated name with the original's issuer page.
			l.diags.Add(t.File, t.IssuersLine, "issuers: the translation names %d issuers, %s names %d; translate each of them, in the same order", len(t.Issuers), d.File, len(d.Issuers))
		}
		if d.Translations == nil {
			d.Translations = map[string]*Translation{}
		}
		d.Translations[t.Lang] = t
	}
	for _, is := range l.site.Issues {
		order := map[string]int{}
		for i, s := range is.Sections {
			order[s] = i
		}
		sort.SliceStable(is.Documents, func(i, j int) bool {
			a, b := is.Documents[i], is.Documents[j]
			if order[a.Section] != order[b.Section] {
				return order[a.Section] < order[b.Section]
			}
			if a.Weight != b.Weight {
				return a.Weight < b.Weight
			}
			if a.Page != b.Page {
				return a.Page < b.Page
			}
			return a.File < b.File
		})
	}
}

// check validates what needs the whole gazette: sections, numbers, URLs.
func (l *loader) check() {
	numbers := make(map[string]*Document, len(l.docs))
	urls := make(map[string]fileLine, len(l.docs)+len(l.site.Issues)) // URL → where it comes from
	for _, is := range l.site.Issues {
		urls[is.Dir] = fileLine{is.File, 1}
		sections := map[string]bool{}
		for _, s := range is.Sections {
			sections[s] = true
		}
		for _, d := range is.Documents {
			if d.Section != "" && !sections[d.Section] {
				l.diags.Add(d.File, d.SectionLine, "section %q is not one of the issue's sections %v (%s)", d.Section, is.Sections, is.File)
			}
			dupNumber := false
			if d.Number != "" {
				key := docnum.Normalize(d.Number)
				if first := numbers[key]; first != nil {
					dupNumber = true // its URL clashes too; one message is enough
					l.diags.Add(d.File, d.NumberLine, "duplicate 发文字号 %s: already used by %s:%d", d.Number, first.File, first.NumberLine)
				} else {
					numbers[key] = d
				}
			}
			url := d.Path()
			if prev, ok := urls[url]; ok && !dupNumber {
				l.diags.Add(d.File, d.SlugLine, "URL %s/ is also the URL of %s:%d: give one of them another slug", url, prev.file, prev.line)
			} else {
				urls[url] = fileLine{d.File, d.SlugLine}
			}
		}
	}
}

// fileLine is a place in the content, for messages.
type fileLine struct {
	file string
	line int
}

// NormalizeNumber folds the spellings of one 发文字号 (full-width digits, the brackets
// editors use around the year) into words separated by spaces, the form URL segments
// are made from. Identity of numbers is docnum.Normalize.
func NormalizeNumber(n string) string {
	var b strings.Builder
	for _, r := range n {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case strings.ContainsRune("〔〕[]［］【】（）()", r):
			b.WriteRune(' ')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// NumberSlug makes a URL segment from a 发文字号: 乌政发〔2023〕9号 → wu-zheng-fa-2023-9-hao.
func NumberSlug(n string) string {
	var b strings.Builder
	prevHan := false
	for i, r := range NormalizeNumber(n) {
		han := unicode.Is(unicode.Han, r)
		if i > 0 && han != prevHan {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prevHan = han
	}
	return slug.Make(b.String())
}

func invalidUTF8Line(src []byte) int {
	src = fm.Normalize(src) // count lone CR line ends too
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return line
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// String describes the issue as the print does: 2023年第2期.
func (i *Issue) String() string { return fmt.Sprintf("%d年第%d期", i.Year, i.Number) }
