package casefile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const sample = `Comments for the reader,
over two lines.

=== first case
--- md
# Title

text
--- html
<h1>Title</h1>
<p>text</p>
--- problems
3:1: a problem

=== second case [csv rowheaders]
--- md
*x*
--- html
<p><em>x</em></p>
`

const leadSample = `A file whose cases start with their input.

=== plain
| a |
|---|
--- html
<table></table>

=== with flags [label]

--- html
<p></p>
--- problems
1:1: bad
`

func writeTemp(t *testing.T, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cases.txt")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRoundTrip(t *testing.T) {
	for _, tt := range []struct{ name, data, lead string }{
		{"sample", sample, ""},
		{"lead", leadSample, "input"},
		{"no preamble", "=== a\n--- md\nx\n", ""},
		{"preamble only", "just comments\n\n", ""},
		{"empty", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, tt.data)
			f, err := ReadLead(path, tt.lead)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out.txt")
			if err := f.Write(out); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.data {
				t.Errorf("round trip:\n%s\nwant:\n%s", got, tt.data)
			}
		})
	}
}

// The case files of the packages that use this one are canonical.
func TestRoundTripTestdata(t *testing.T) {
	for _, tt := range []struct{ path, lead string }{
		{"../../chronicle/testdata/cases.txt", ""},
		{"../../xref/testdata/cases.txt", ""},
		{"../../table/testdata/cases.txt", "input"},
	} {
		data, err := os.ReadFile(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(data, tt.lead)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Bytes(); string(got) != string(data) {
			t.Errorf("%s does not round trip", tt.path)
		}
	}
}

func TestParse(t *testing.T) {
	f, err := Parse([]byte(sample), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Comments for the reader,\nover two lines.\n\n"; f.Preamble != want {
		t.Errorf("preamble %q, want %q", f.Preamble, want)
	}
	want := []*Case{
		{Name: "first case", Sections: []Section{
			{"md", "# Title\n\ntext\n"},
			{"html", "<h1>Title</h1>\n<p>text</p>\n"},
			{"problems", "3:1: a problem\n\n"},
		}},
		{Name: "second case", Flags: []string{"csv", "rowheaders"}, Sections: []Section{
			{"md", "*x*\n"},
			{"html", "<p><em>x</em></p>\n"},
		}},
	}
	if !reflect.DeepEqual(f.Cases, want) {
		t.Errorf("cases:\n%#v\nwant:\n%#v", f.Cases, want)
	}
}

func TestFlags(t *testing.T) {
	for _, tt := range []struct {
		line, name string
		flags      []string
	}{
		{"=== plain\n", "plain", nil},
		{"=== one flag [csv]\n", "one flag", []string{"csv"}},
		{"=== two flags [csv  label]\n", "two flags", []string{"csv", "label"}},
		{"=== empty flags []\n", "empty flags", []string{}},
		{"=== a[b]\n", "a[b]", nil},
		{"=== [x] in the name [y]\n", "[x] in the name", []string{"y"}},
		{"=== not at the end [x] y\n", "not at the end [x] y", nil},
	} {
		f, err := Parse([]byte(tt.line+"--- md\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		c := f.Cases[0]
		if c.Name != tt.name || !reflect.DeepEqual(c.Flags, tt.flags) {
			t.Errorf("%q: name %q flags %q, want %q %q", tt.line, c.Name, c.Flags, tt.name, tt.flags)
		}
	}
}

func TestLead(t *testing.T) {
	f, err := Parse([]byte(leadSample), "input")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) != 2 {
		t.Fatalf("%d cases, want 2", len(f.Cases))
	}
	if in, ok := f.Cases[0].Get("input"); !ok || in != "| a |\n|---|\n" {
		t.Errorf("input %q, %v", in, ok)
	}
	if in, ok := f.Cases[1].Get("input"); !ok || in != "\n" {
		t.Errorf("input of a case with a blank lead %q, %v", in, ok)
	}
	if got := f.Cases[1].Flags; !reflect.DeepEqual(got, []string{"label"}) {
		t.Errorf("flags %q", got)
	}
}

func TestTextBeforeFirstSection(t *testing.T) {
	path := writeTemp(t, "=== a\n\n--- md\nx\n=== b\n  \nstray\n--- md\n")
	_, err := Read(path)
	if err == nil {
		t.Fatal("no error")
	}
	if want := path + `: case "b": text before its first section`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	// Blank lines are allowed, and text is fine once a lead section takes it.
	if _, err := Parse([]byte("=== a\n \n\n--- md\n"), ""); err != nil {
		t.Error(err)
	}
	if _, err := Parse([]byte("=== b\nstray\n--- md\n"), "input"); err != nil {
		t.Error(err)
	}
}

func TestGetSetDelete(t *testing.T) {
	c := &Case{Name: "c", Sections: []Section{{"md", "x\n"}, {"html", "old\n"}}}
	c.Set("html", "new\n")
	c.Set("problems", "1:1: p\n")
	if got, ok := c.Get("html"); !ok || got != "new\n" {
		t.Errorf("html %q, %v", got, ok)
	}
	if _, ok := c.Get("events"); ok {
		t.Error("events found")
	}
	c.Delete("md")
	var names []string
	for _, s := range c.Sections {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, " "); got != "html problems" {
		t.Errorf("sections %s, want html problems", got)
	}
}

// Write gives the canonical form: trailing blank lines of sections and of the
// preamble are folded, and cases are one blank line apart.
func TestWriteCanonical(t *testing.T) {
	f := &File{
		Preamble: "comment\n\n\n",
		Cases: []*Case{
			{Name: "a", Sections: []Section{{"md", "x"}, {"html", "y\n\n\n"}}},
			{Name: "b", Flags: []string{"f"}, Sections: []Section{{"md", ""}}},
		},
	}
	const want = "comment\n\n=== a\n--- md\nx\n--- html\ny\n\n=== b [f]\n--- md\n\n"
	if got := string(f.Bytes()); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A lead section is written first, without its line, even when it is missing.
	g := &File{Lead: "input", Cases: []*Case{
		{Name: "a", Sections: []Section{{"html", "h"}, {"input", "in"}}},
		{Name: "b", Sections: []Section{{"html", "h"}}},
	}}
	const wantLead = "=== a\nin\n--- html\nh\n\n=== b\n\n--- html\nh\n"
	if got := string(g.Bytes()); got != wantLead {
		t.Errorf("got %q, want %q", got, wantLead)
	}
}
