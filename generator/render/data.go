package render

import (
	"encoding/json"
	"fmt"
	"slices"

	"gazette/generator/content"
	"gazette/generator/feed"
	"gazette/generator/permid"
)

// Format names of the data files; the number changes only when a field is removed or
// changes meaning (docs/data-formats.md).
const (
	docFormat     = "gazette-document/1"
	catalogFormat = "gazette-catalog/1"
)

// docData is <doc>/index.json. Paths are site paths: relative to the site root,
// language folder included, slashes, not percent-encoded.
type docData struct {
	Format         string    `json:"format"`
	Language       string    `json:"language"`
	Path           string    `json:"path"`
	URL            string    `json:"url"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	TitleLanguage  string    `json:"title_language"`
	Number         string    `json:"number"`
	Identifier     string    `json:"identifier"`
	IdentifierPath string    `json:"identifier_path"`
	Section        string    `json:"section"`
	Date           string    `json:"date"`
	Issuers        []string  `json:"issuers"`
	Addressees     string    `json:"addressees"`
	Encloses       string    `json:"encloses"`
	PrintedPage    int       `json:"printed_page"`
	Issue          issueData `json:"issue"`
	Citation       string    `json:"citation"`
	BodyLanguage   string    `json:"body_language"`
	Translated     bool      `json:"translated"`
	SourceFile     string    `json:"source_file"`
	SourcePath     string    `json:"source_path"`
	Source         string    `json:"source"`
	Text           string    `json:"text"`
	Files          []string  `json:"files"`
	Cites          []docRef  `json:"cites"`
	CitedBy        []docRef  `json:"cited_by"`

	// Source and Text as JSON strings, when made already (docSource): appendJSON
	// writes them as they are.
	sourceJSON, textJSON []byte
}

type issueData struct {
	Year   int    `json:"year"`
	Number int    `json:"number"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Path   string `json:"path"`
}

// docRef is a document cited by or citing another, in the citing page's language.
type docRef struct {
	Number string `json:"number"`
	Title  string `json:"title"`
	Path   string `json:"path"`
}

// appendDocJSON appends a document's data file in the page's language to dst.
func appendDocJSON(dst []byte, sv *siteView, dv *DocView, info *docInfo, src *docSource) ([]byte, error) {
	d, err := newDocData(sv, dv, info, src)
	if err != nil {
		return nil, err
	}
	return d.appendJSON(dst), nil
}

// newDocData gathers what a document's data file says in the page's language.
func newDocData(sv *siteView, dv *DocView, info *docInfo, src *docSource) (*docData, error) {
	is, d := sv.document(dv.Path)
	if d == nil {
		return nil, fmt.Errorf("no document at %s", dv.Path)
	}
	raw, err := src.string()
	if err != nil {
		return nil, err
	}
	rawJSON, err := src.stringJSON()
	if err != nil {
		return nil, err
	}
	root := sv.lang.Root
	file := sv.sourceFile(dv)
	encloses := d.Encloses
	if tr := d.Translations[sv.lang.Code]; tr != nil && tr.Encloses != "" {
		encloses = tr.Encloses
	}
	out := docData{
		Format: docFormat, Language: sv.lang.Tag,
		Path: root + dv.Path + "/index.html", URL: sv.base.URL(root + dv.Path + "/index.html"),
		Type: d.Type, Title: dv.Title, TitleLanguage: dv.TitleLang, Number: d.Number,
		Section: d.Section, Date: d.Date.Format("2006-01-02"), Issuers: nonNil(dv.IssuerNames),
		Addressees: dv.Addressees, Encloses: encloses, PrintedPage: d.Page,
		Issue:    issueData{Year: is.Year, Number: is.Number, Date: is.Date.Format("2006-01-02"), Title: dv.issue.Title, Path: root + is.Dir + "/index.html"},
		Citation: info.citation, BodyLanguage: dv.BodyLang, Translated: !dv.Fallback && sv.lang.Code != sv.source.Code,
		SourceFile: file, SourcePath: sv.sourcePath(dv), Source: raw,
		Text:  src.plainText(dv.Body),
		Files: []string{}, Cites: []docRef{}, CitedBy: []docRef{},
		sourceJSON: rawJSON, textJSON: src.plainTextJSON(dv.Body),
	}
	if id := info.permID; id != "" {
		out.Identifier, out.IdentifierPath = id, root+permid.Dir(id)+"/index.html"
	}
	for _, name := range sortedNames(dv.files) {
		out.Files = append(out.Files, root+dv.Path+"/"+name)
	}
	for _, c := range sv.in.Cites[d.Path()] {
		out.Cites = append(out.Cites, sv.ref(c.Path()))
	}
	for _, c := range dv.CitedBy {
		out.CitedBy = append(out.CitedBy, sv.ref(c.Path))
	}
	return &out, nil
}

// appendJSON appends the data file d, byte for byte as marshalJSON writes it (which
// the tests check), without reflection.
func (d *docData) appendJSON(dst []byte) []byte {
	// The two texts make most of the file; escapes and indentation add little.
	dst = slices.Grow(dst, len(d.Source)+len(d.Text)+len(d.Source)/16+2048)
	w := jsonWriter{buf: dst, indent: true}
	w.open('{')
	w.stringMembers(
		"format", d.Format, "language", d.Language, "path", d.Path, "url", d.URL,
		"type", d.Type, "title", d.Title, "title_language", d.TitleLanguage,
		"number", d.Number, "identifier", d.Identifier, "identifier_path", d.IdentifierPath,
		"section", d.Section, "date", d.Date)
	w.key("issuers")
	w.strings(d.Issuers)
	w.stringMembers("addressees", d.Addressees, "encloses", d.Encloses)
	w.key("printed_page")
	w.int(d.PrintedPage)
	w.key("issue")
	w.open('{')
	w.key("year")
	w.int(d.Issue.Year)
	w.key("number")
	w.int(d.Issue.Number)
	w.stringMembers("date", d.Issue.Date, "title", d.Issue.Title, "path", d.Issue.Path)
	w.close('}')
	w.stringMembers("citation", d.Citation, "body_language", d.BodyLanguage)
	w.key("translated")
	w.bool(d.Translated)
	w.stringMembers("source_file", d.SourceFile, "source_path", d.SourcePath)
	w.key("source")
	w.escaped(d.sourceJSON, d.Source)
	w.key("text")
	w.escaped(d.textJSON, d.Text)
	w.key("files")
	w.strings(d.Files)
	w.key("cites")
	w.refs(d.Cites)
	w.key("cited_by")
	w.refs(d.CitedBy)
	w.close('}')
	return append(w.buf, '\n')
}

// refs writes an array of docRef.
func (w *jsonWriter) refs(refs []docRef) {
	w.open('[')
	for _, r := range refs {
		w.elem()
		w.open('{')
		w.stringMembers("number", r.Number, "title", r.Title, "path", r.Path)
		w.close('}')
	}
	w.close(']')
}

// ref describes the document at docPath for a citation list.
func (sv *siteView) ref(docPath string) docRef {
	r := docRef{Path: sv.lang.Root + docPath + "/index.html"}
	if v := sv.views[docPath]; v != nil {
		r.Number, r.Title = v.Number, v.Title
	}
	return r
}

func issueTitle(sv *siteView, is *content.Issue) string {
	for _, iv := range sv.Issues {
		if iv.Path == is.Dir {
			return iv.Title
		}
	}
	return ""
}

// catalogData is catalog.json: every issue and document of the gazette.
type catalogData struct {
	Format    string            `json:"format"`
	Title     map[string]string `json:"title"`
	Publisher map[string]string `json:"publisher"`
	BaseURL   string            `json:"base_url"`
	Languages []catalogLang     `json:"languages"`
	Issues    []catalogIssue    `json:"issues"`
	Documents []catalogDoc      `json:"documents"`
}

type catalogLang struct {
	Code string `json:"code"`
	Tag  string `json:"tag"`
	Root string `json:"root"`
	Feed string `json:"feed"`
}

type catalogIssue struct {
	Year      int      `json:"year"`
	Number    int      `json:"number"`
	Date      string   `json:"date"`
	Title     string   `json:"title"`
	Path      string   `json:"path"`
	Documents []string `json:"documents"`
}

type catalogDoc struct {
	Folder       string            `json:"folder"`
	Issue        string            `json:"issue"`
	Type         string            `json:"type"`
	Title        string            `json:"title"`
	Number       string            `json:"number"`
	Identifier   string            `json:"identifier"`
	Section      string            `json:"section"`
	Date         string            `json:"date"`
	Issuers      []string          `json:"issuers"`
	PrintedPage  int               `json:"printed_page"`
	Translations []string          `json:"translations"`
	Pages        map[string]string `json:"pages"`
	Data         map[string]string `json:"data"`
}

// catalogJSON is catalog.json, in the language content is written in, with the page
// and data file of every document in every language.
func catalogJSON(sv *siteView) ([]byte, error) {
	site := sv.in.Site
	cfg := site.Config
	base, _ := feed.ParseBase(cfg.BaseURL)
	c := catalogData{Format: catalogFormat, Title: map[string]string{}, Publisher: map[string]string{},
		BaseURL: base.URL("index.html"), Issues: []catalogIssue{}, Documents: []catalogDoc{}}
	for _, l := range sv.langs {
		c.Title[l.Code] = cfg.Text(cfg.Title, l.Code)
		if s := cfg.Text(cfg.Publisher, l.Code); s != "" {
			c.Publisher[l.Code] = s
		}
		c.Languages = append(c.Languages, catalogLang{Code: l.Code, Tag: l.Tag, Root: l.Root, Feed: l.Root + "feed.xml"})
	}
	for _, is := range site.Issues { // oldest first
		ci := catalogIssue{Year: is.Year, Number: is.Number, Date: is.Date.Format("2006-01-02"),
			Title: issueTitle(sv, is), Path: is.Dir + "/index.html", Documents: []string{}}
		for _, d := range is.Documents {
			ci.Documents = append(ci.Documents, d.Path())
			cd := catalogDoc{Folder: d.Path(), Issue: is.Dir, Type: d.Type, Title: d.Title, Number: d.Number,
				Identifier: permid.Of(d.Number), Section: d.Section, Date: d.Date.Format("2006-01-02"),
				Issuers: nonNil(d.Issuers), PrintedPage: d.Page, Translations: []string{},
				Pages: map[string]string{}, Data: map[string]string{}}
			for _, l := range sv.langs {
				cd.Pages[l.Code] = l.Root + d.Path() + "/index.html"
				cd.Data[l.Code] = l.Root + d.Path() + "/index.json"
				if tr := d.Translations[l.Code]; tr != nil {
					cd.Translations = append(cd.Translations, l.Code)
				}
			}
			c.Documents = append(c.Documents, cd)
		}
		c.Issues = append(c.Issues, ci)
	}
	return marshalJSON(c)
}

// marshalJSON writes indented JSON with a final newline. Map keys come out sorted, so
// the output is deterministic; < > & are escaped (\u003c …), so that content text
// such as "<script>" can never read as markup in a file of the site (issue 11).
func marshalJSON(v any) ([]byte, error) {
	compact, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding JSON: %w", err)
	}
	out := indentJSON(make([]byte, 0, len(compact)+len(compact)/8+64), compact)
	return append(out, '\n'), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
