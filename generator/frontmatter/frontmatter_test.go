package frontmatter

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"gazette/generator/diag"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "a\nb\n", "a\nb\n"},
		{"BOM", "\ufeff---\ntitle: x\n", "---\ntitle: x\n"},
		{"BOM only at the start", "a\ufeffb", "a\ufeffb"},
		{"CRLF", "---\r\ntitle: x\r\n---\r\nbody\r\n", "---\ntitle: x\n---\nbody\n"},
		{"lone CR", "a\rb\rc", "a\nb\nc"},
		{"mixed", "\ufeffa\r\nb\rc\n", "a\nb\nc\n"},
		{"CR CR LF", "a\r\r\nb", "a\n\nb"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := string(Normalize([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: Normalize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name, in       string
		fm, body       string
		noFrontMatter  bool
		wantErrContain string
	}{
		{name: "no front matter", in: "# 标题\n\n正文\n", noFrontMatter: true, body: "# 标题\n\n正文\n"},
		{name: "empty file", in: "", noFrontMatter: true, body: ""},
		{name: "dashes not on the first line", in: "\n---\ntitle: x\n---\n", noFrontMatter: true, body: "\n---\ntitle: x\n---\n"},
		{name: "front matter and body", in: "---\ntitle: x\ndate: 2023-04-18\n---\n正文\n", fm: "title: x\ndate: 2023-04-18\n", body: "\n\n\n\n正文\n"},
		{name: "empty front matter", in: "---\n---\nbody", fm: "", body: "\n\nbody"},
		{name: "closing line with trailing spaces", in: "---\na: 1\n--- \t\nbody", fm: "a: 1\n", body: "\n\n\nbody"},
		{name: "closing line at end of file", in: "---\na: 1\n---", fm: "a: 1\n", body: "\n\n\n"},
		{name: "unclosed", in: "---\ntitle: x\n正文\n", wantErrContain: "never closed"},
		{name: "unclosed, opening line only", in: "---\n", wantErrContain: "never closed"},
		{name: "unclosed, opening dashes only", in: "---", wantErrContain: "never closed"},
	}
	for _, tt := range tests {
		fm, body, err := Split([]byte(tt.in))
		if tt.wantErrContain != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErrContain) {
				t.Errorf("%s: Split(%q) error = %v, want one containing %q", tt.name, tt.in, err, tt.wantErrContain)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: Split(%q): %v", tt.name, tt.in, err)
			continue
		}
		if tt.noFrontMatter != (fm == nil) {
			t.Errorf("%s: Split(%q) front matter = %q, want none: %v", tt.name, tt.in, fm, tt.noFrontMatter)
		}
		if string(fm) != tt.fm || string(body) != tt.body {
			t.Errorf("%s: Split(%q) = %q, %q; want %q, %q", tt.name, tt.in, fm, body, tt.fm, tt.body)
		}
	}
}

// TestSplitKeepsLineNumbers checks the promise later stages rely on: a byte offset in
// the body is on the same line as in the file.
func TestSplitKeepsLineNumbers(t *testing.T) {
	src := "---\ntitle: 通知\nissuers:\n  - 乌审旗人民政府\n  - 乌审旗人民法院\n---\n\n第一段正文\n\n## 标题\n"
	_, body, err := Split([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(b []byte, off int) int { return 1 + bytes.Count(b[:off], []byte("\n")) }
	for _, s := range []string{"第一段正文", "## 标题"} {
		inFile := strings.Index(src, s)
		inBody := bytes.Index(body, []byte(s))
		if inBody < 0 {
			t.Fatalf("body lost %q: %q", s, body)
		}
		if got, want := lineOf(body, inBody), lineOf([]byte(src), inFile); got != want {
			t.Errorf("%q is on body line %d, file line %d", s, got, want)
		}
	}
	if strings.Contains(string(body), "title") {
		t.Errorf("body still holds front matter: %q", body)
	}
}

// docFields is a small document schema for the Decode tests.
type doc struct {
	Title   string
	Date    time.Time
	Page    int
	Issuers []string
}

func (d *doc) fields() []Field {
	return []Field{
		{Name: "title", Required: true, Decode: String(&d.Title)},
		{Name: "date", Required: true, Decode: Date(&d.Date)},
		{Name: "page", Decode: Int(&d.Page)},
		{Name: "issuers", Decode: Strings(&d.Issuers)},
	}
}

// decode runs Decode on the front matter of a whole file, so that the expected lines
// are the lines of src.
func decode(t *testing.T, src string) (*doc, []string) {
	t.Helper()
	fm, _, err := Split([]byte(src))
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	var d doc
	var diags diag.List
	Decode("a.md", fm, d.fields(), &diags)
	diags.Sort()
	var got []string
	for _, x := range diags {
		got = append(got, x.String())
	}
	return &d, got
}

func TestDecodeValid(t *testing.T) {
	d, diags := decode(t, "---\ntitle: 关于印发方案的通知\ndate: 2023-04-18\npage: 37\nissuers: [乌审旗人民政府, 乌审旗人民法院]\n---\n")
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %q", diags)
	}
	want := doc{Title: "关于印发方案的通知", Date: time.Date(2023, 4, 18, 0, 0, 0, 0, time.UTC), Page: 37, Issuers: []string{"乌审旗人民政府", "乌审旗人民法院"}}
	if d.Title != want.Title || !d.Date.Equal(want.Date) || d.Page != want.Page || strings.Join(d.Issuers, "|") != strings.Join(want.Issuers, "|") {
		t.Errorf("decoded %+v, want %+v", *d, want)
	}
}

func TestDecodeSingleIssuerIsAList(t *testing.T) {
	d, diags := decode(t, "---\ntitle: t\ndate: 2023-04-18\nissuers: 乌审旗人民政府\n---\n")
	if len(diags) > 0 || len(d.Issuers) != 1 || d.Issuers[0] != "乌审旗人民政府" {
		t.Errorf("issuers = %q, diagnostics %q", d.Issuers, diags)
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // every diagnostic, sorted
	}{
		{
			name: "unknown key with suggestion",
			src:  "---\ntitel: 通知\ndate: 2023-04-18\n---\n",
			want: []string{
				`a.md:1: missing required front matter key "title"`,
				`a.md:2: unknown front matter key "titel" (did you mean "title"?)`,
			},
		},
		{
			name: "unknown key without suggestion",
			src:  "---\ntitle: t\ndate: 2023-04-18\nauthor: 张三\n---\n",
			want: []string{`a.md:4: unknown front matter key "author"`},
		},
		{
			name: "duplicate key",
			src:  "---\ntitle: 一\ndate: 2023-04-18\ntitle: 二\n---\n",
			want: []string{`a.md:4: front matter key "title" appears twice`},
		},
		{
			name: "missing required keys",
			src:  "---\npage: 3\n---\n",
			want: []string{
				`a.md:1: missing required front matter key "date"`,
				`a.md:1: missing required front matter key "title"`,
			},
		},
		{
			name: "empty front matter",
			src:  "---\n---\n",
			want: []string{
				`a.md:1: missing required front matter key "date"`,
				`a.md:1: missing required front matter key "title"`,
			},
		},
		{
			name: "list where text is wanted",
			src:  "---\ntitle: [通知, 公告]\ndate: 2023-04-18\n---\n",
			want: []string{`a.md:2: title: want text, got a list`},
		},
		{
			name: "mapping where text is wanted, value on the next line",
			src:  "---\ndate: 2023-04-18\ntitle:\n  zh: 通知\n---\n",
			want: []string{`a.md:4: title: want text, got a mapping`},
		},
		{
			name: "nothing where text is wanted",
			src:  "---\ntitle:\ndate: 2023-04-18\n---\n",
			want: []string{`a.md:2: title: want text, got nothing`},
		},
		{
			name: "text where a number is wanted",
			src:  "---\ntitle: t\ndate: 2023-04-18\npage: 第37页\n---\n",
			want: []string{`a.md:4: page: want a whole number, got "第37页"`},
		},
		{
			name: "quoted number where a number is wanted",
			src:  "---\ntitle: t\ndate: 2023-04-18\npage: \"37\"\n---\n",
			want: []string{`a.md:4: page: want a whole number, got "37"`},
		},
		{
			name: "fraction where a whole number is wanted",
			src:  "---\ntitle: t\ndate: 2023-04-18\npage: 3.5\n---\n",
			want: []string{`a.md:4: page: want a whole number, got the number 3.5`},
		},
		{
			name: "list item that is not text",
			src:  "---\ntitle: t\ndate: 2023-04-18\nissuers: [[a]]\n---\n",
			want: []string{`a.md:4: issuers: want a list of text, got an item that is a list`},
		},
		{
			name: "impossible date",
			src:  "---\ntitle: t\n\n\ndate: 2023-13-01\n---\n",
			want: []string{`a.md:5: date: invalid date "2023-13-01": there is no month 13`},
		},
		{
			name: "not a mapping",
			src:  "---\n- title\n- date\n---\n",
			want: []string{`a.md:2: front matter must be a mapping of keys to values`},
		},
		{
			name: "every problem at once",
			src:  "---\ntitel: t\ndate: 2023-02-30\npage: x\npage: 2\n---\n",
			want: []string{
				`a.md:1: missing required front matter key "title"`,
				`a.md:2: unknown front matter key "titel" (did you mean "title"?)`,
				`a.md:3: date: invalid date "2023-02-30": February 2023 has no day 30`,
				`a.md:4: page: want a whole number, got "x"`,
				`a.md:5: front matter key "page" appears twice`,
			},
		},
	}
	for _, tt := range tests {
		_, got := decode(t, tt.src)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestDecodeInvalidYAML checks that a syntax error is reported at the file line where
// the editor has to look, whichever part of the YAML library noticed it.
func TestDecodeInvalidYAML(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
	}{
		{"colon in a plain value", "---\ntitle: t\ndate: 2023-04-18\nissuers: 乌审旗: 人民政府\n---\n", 4},
		{"indented key", "---\ntitle: t\n  date: 2023-04-18\n---\n", 3},
		{"tab indentation", "---\ntitle: t\ndate: 2023-04-18\nissuers:\n\t- a\n---\n", 5},
		{"list item among keys", "---\ntitle: t\ndate: 2023-04-18\n- 乌审旗人民政府\n---\n", 4},
		{"list item after the first key", "---\ntitle: t\n- 乌审旗人民政府\ndate: 2023-04-18\n---\n", 3},
		{"unclosed list", "---\ntitle: t\ndate: 2023-04-18\nissuers: [乌审旗人民政府, 乌审旗人民法院\npage: 3\n---\n", 4},
		{"stray bracket", "---\ntitle: t\ndate: 2023-04-18\nissuers: [乌审旗人民政府]]\n---\n", 4},
		{"key without a name", "---\ntitle: t\n: x\n---\n", 3},
		{"first line", "---\n: x\ntitle: t\n---\n", 2},
	}
	for _, tt := range tests {
		_, got := decode(t, tt.src)
		if len(got) != 1 {
			t.Errorf("%s: got %q, want one diagnostic", tt.name, got)
			continue
		}
		want := "a.md:" + itoa(tt.line) + ": front matter is not valid YAML: "
		if !strings.HasPrefix(got[0], want) || strings.Contains(got[0], "yaml: line") {
			t.Errorf("%s: got %q, want it to start with %q", tt.name, got[0], want)
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string // YYYY-MM-DD when valid
		wantErr string // fragment of the error when invalid
	}{
		{in: "2023-04-18", want: "2023-04-18"},
		{in: "2023-12-31", want: "2023-12-31"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "2000-02-29", want: "2000-02-29"},
		// Year 0 exists in ISO 8601 (1 BC); the form is all ParseDate judges.
		{in: "0000-01-01", want: "0000-01-01"},
		{in: "2023-13-01", wantErr: "there is no month 13"},
		{in: "2023-00-10", wantErr: "there is no month 0"},
		{in: "2023-02-30", wantErr: "February 2023 has no day 30"},
		{in: "2023-02-29", wantErr: "February 2023 has no day 29"},
		{in: "1900-02-29", wantErr: "February 1900 has no day 29"},
		{in: "2023-04-31", wantErr: "April 2023 has no day 31"},
		{in: "2023-04-00", wantErr: "has no day 0"},
		{in: "2023-4-1", wantErr: "want YYYY-MM-DD"},
		{in: "2023/04/18", wantErr: "want YYYY-MM-DD"},
		{in: "2023年4月18日", wantErr: "want YYYY-MM-DD"},
		{in: "２０２３-０４-１８", wantErr: "want YYYY-MM-DD"},
		{in: "2023-04-18T00:00:00Z", wantErr: "want YYYY-MM-DD"},
		{in: " 2023-04-18", wantErr: "want YYYY-MM-DD"},
		{in: "", wantErr: "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		switch {
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), `"`+tt.in+`"`) {
				t.Errorf("ParseDate(%q) error = %v, want one quoting the input and containing %q", tt.in, err, tt.wantErr)
			}
		case err != nil:
			t.Errorf("ParseDate(%q): %v", tt.in, err)
		case got.Format("2006-01-02") != tt.want || got.Location() != time.UTC:
			t.Errorf("ParseDate(%q) = %v, want %s UTC", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"title", "title", 0},
		{"titel", "title", 1}, // transposition
		{"tilte", "title", 1},
		{"tite", "title", 1},
		{"titles", "title", 1},
		{"date", "data", 1},
		{"", "page", 4},
		{"page", "", 4},
		{"section", "sections", 1},
		{"issuer", "issuers", 1},
		{"adressees", "addressees", 1},
		{"weight", "wieght", 1},
		{"abc", "xyz", 3},
		{"标题", "标题", 0},
		{"标题", "题标", 1},
		{"ca", "abc", 3}, // optimal string alignment: no edit of a transposed pair
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := distance(tt.b, tt.a); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	var d doc
	fields := d.fields()
	tests := map[string]string{
		"titel":  "title",
		"Title":  "title",
		"dat":    "date",
		"pages":  "page",
		"issuer": "issuers",
		"author": "",
		"x":      "",
	}
	for key, want := range tests {
		if got := suggest(key, fields); got != want {
			t.Errorf("suggest(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestKeysLine: Decode gives each top-level key's file line, or 1 for a key that is
// not there and for front matter that is not a mapping of YAML; the same whether the
// front matter is simple or needs the YAML parser (a comment, a quoted value).
func TestKeysLine(t *testing.T) {
	for _, c := range []struct {
		src  string
		want map[string]int
	}{
		{"---\ntitle: x\ndate: 2023-04-18\npage: 3\n---\n", map[string]int{"title": 2, "date": 3, "page": 4, "issuers": 1}},
		{"---\n# a comment\ntitle: \"x\"\n\ndate: 2023-04-18\npage: 3\n---\n", map[string]int{"title": 3, "date": 5, "page": 6, "issuers": 1}},
		{"---\ntitle: [x\n---\n", map[string]int{"title": 1}},
		{"---\n---\n", map[string]int{"title": 1}},
	} {
		fm, _, err := Split([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		var d doc
		var diags diag.List
		keys := Decode("a.md", fm, d.fields(), &diags)
		for k, want := range c.want {
			if got := keys.Line(k); got != want {
				t.Errorf("%q: line of %s = %d, want %d", c.src, k, got, want)
			}
		}
	}
}
