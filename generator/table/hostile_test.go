package table

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func csvRecords(t *testing.T, opts []Option, src string) [][]string {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(New(opts...)))
	doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(parser.NewContext()))
	tables := Tables(doc)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	data := tables[0].CSV([]byte(src))
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%q", err, data)
	}
	return records
}

// TestCSVRawHTML: the CSV shows raw HTML as the page does, text when the page escapes
// it, nothing when the page would leave it out.
func TestCSVRawHTML(t *testing.T) {
	src := "Table: 表<b>一</b>\n\n| a | b |\n|---|---|\n| <script>alert(\"x\")</script> | 1<br>2 &lt;i&gt; |\n"
	for _, tt := range []struct {
		name string
		opts []Option
		want string
	}{
		{"escaped", []Option{WithEscapedHTML(true)}, `<script>alert("x")</script>|1` + "\n" + `2 <i>`},
		{"omitted", nil, `alert("x")|1` + "\n" + `2 <i>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			records := csvRecords(t, tt.opts, src)
			if got := strings.Join(records[1], "|"); got != tt.want {
				t.Errorf("row %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCSVFormulas: every field a spreadsheet would run as a formula starts with '.
func TestCSVFormulas(t *testing.T) {
	src := "| =1+1 | +SUM(A1) | -2 | @cmd | =HYPERLINK(\"http://x\",\"y\") |\n|---|---|---|---|---|\n" +
		"| \\=1 | ==x | -- | <b>=1</b> | `=1` |\n"
	records := csvRecords(t, []Option{WithEscapedHTML(true)}, src)
	want := [][]string{
		{"'=1+1", "'+SUM(A1)", "'-2", "'@cmd", `'=HYPERLINK("http://x","y")`},
		{"'=1", "'==x", "'--", "<b>=1</b>", "'=1"},
	}
	for i := range want {
		if strings.Join(records[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, records[i], want[i])
		}
	}
}

// TestCSVOneEmptyField: a row of one empty field survives a round trip (found by
// FuzzTable's CSV check: encoding/csv writes it as an empty line, which readers skip).
func TestCSVOneEmptyField(t *testing.T) {
	records := csvRecords(t, nil, "| a |\n|---|\n|  |\n| b |\n")
	if got := len(records); got != 3 {
		t.Fatalf("%d records, want 3: %q", got, records)
	}
	if records[1][0] != "" || records[2][0] != "b" {
		t.Errorf("records %q", records)
	}
}
