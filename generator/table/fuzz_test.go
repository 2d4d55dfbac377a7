package table

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gazette/generator/internal/casefile"
	"gazette/generator/mdreport"
)

// FuzzTable converts arbitrary Markdown with the extension. Nothing may panic, the
// HTML must open and close each table element as often, every problem must lie in the
// source, and every table's CSV must be rectangular, parseable and formula-free. Seeds:
// testdata/fuzz/FuzzTable, every input of testdata/cases.txt and the bundled content.
func FuzzTable(f *testing.F) {
	cf, err := casefile.ReadLead(casesFile, inputSection)
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cf.Cases {
		f.Add(caseText(c, inputSection))
	}
	files, _ := filepath.Glob("../../content/*/*/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("| a | b |\n|---|---|\n| =1+1 | @x |\n| -2 | +3 |\n")
	f.Add("Table: <script>alert(1)</script>\n\n| <script> | b<br>c |\n|---|---|\n| ^^ | << |\n")
	md := goldmark.New(goldmark.WithExtensions(New(WithCSVLink("CSV"), WithRowHeaders(true))))
	f.Fuzz(func(t *testing.T, src string) {
		source := []byte(src)
		pc := parser.NewContext()
		doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
		var b bytes.Buffer
		if err := md.Renderer().Render(&b, source, doc); err != nil {
			t.Fatalf("render: %v", err)
		}
		html := b.String()
		for _, tag := range []string{"table", "thead", "tbody", "tr", "caption"} {
			open := strings.Count(html, "<"+tag+">") + strings.Count(html, "<"+tag+" ")
			if close := strings.Count(html, "</"+tag+">"); open != close {
				t.Fatalf("<%s> opened %d times, closed %d times:\n%s", tag, open, close, html)
			}
		}
		for _, p := range mdreport.Problems(pc) {
			if p.Offset < 0 || p.Offset > len(source) {
				t.Fatalf("problem %q at offset %d, outside the %d-byte source", p.Msg, p.Offset, len(source))
			}
		}
		for i, tb := range Tables(doc) {
			if tb.N != i+1 {
				t.Fatalf("table %d is numbered %d", i+1, tb.N)
			}
			checkCSV(t, tb.CSV(source), tb.rows, tb.cols)
		}
	})
}

func checkCSV(t *testing.T, data []byte, rows, cols int) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatalf("CSV without byte order mark")
	}
	records, err := csv.NewReader(bytes.NewReader(data[len("\ufeff"):])).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%q", err, data)
	}
	if len(records) != rows {
		t.Fatalf("CSV has %d records, the table %d rows", len(records), rows)
	}
	for _, r := range records {
		if len(r) != cols {
			t.Fatalf("CSV record has %d fields, the table %d columns", len(r), cols)
		}
		for _, field := range r {
			if field != "" && strings.IndexByte("=+-@\t\r", field[0]) >= 0 {
				t.Fatalf("CSV field %q can start a spreadsheet formula", field)
			}
		}
	}
}
