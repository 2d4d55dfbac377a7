package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// glossaryRow is one row of the interface table of docs/glossary-mn.md.
type glossaryRow struct {
	line             int
	text, confidence string
	review           bool
}

// TestMongolianGlossary keeps docs/glossary-mn.md and layouts/strings/mn.yaml in step:
// every Mongolian UI string has one glossary row with the same text, and a string the
// glossary rates MED or LOW carries a "# review (…)" comment with that rating in
// mn.yaml, so that nothing unattested reaches the site unmarked.
func TestMongolianGlossary(t *testing.T) {
	const stringsFile, glossaryFile = "../../layouts/strings/mn.yaml", "../../docs/glossary-mn.md"
	src, err := os.ReadFile(stringsFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s: %v", stringsFile, err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: not a mapping of keys to strings", stringsFile)
	}
	rows := readGlossary(t, glossaryFile)
	review := regexp.MustCompile(`^#\s*review \(([A-Z/]+)\)`)
	m := doc.Content[0].Content
	seen := map[string]bool{}
	for i := 0; i+1 < len(m); i += 2 {
		key, val := m[i].Value, m[i+1]
		seen[key] = true
		row, ok := rows[key]
		if !ok {
			t.Errorf("%s:%d: %s has no row in %s; add one (meaning, transliteration, confidence)", stringsFile, m[i].Line, key, glossaryFile)
			continue
		}
		if row.text != val.Value {
			t.Errorf("%s:%d: %s is %q in the glossary, %q in %s:%d", glossaryFile, row.line, key, row.text, val.Value, stringsFile, val.Line)
		}
		rated := ""
		if c := review.FindStringSubmatch(strings.TrimSpace(val.LineComment)); c != nil {
			rated = c[1]
		}
		switch {
		case row.review && rated == "":
			t.Errorf("%s:%d: %s is %s in the glossary but has no \"# review (%s)\" comment", stringsFile, val.Line, key, row.confidence, row.confidence)
		case row.review && rated != row.confidence:
			t.Errorf("%s:%d: %s is marked review (%s), the glossary says %s (%s:%d)", stringsFile, val.Line, key, rated, row.confidence, glossaryFile, row.line)
		case !row.review && rated != "":
			t.Errorf("%s:%d: %s is marked review (%s), but the glossary rates it %s", stringsFile, val.Line, key, rated, row.confidence)
		}
	}
	for key, row := range rows {
		if !seen[key] {
			t.Errorf("%s:%d: %s is not a key of %s", glossaryFile, row.line, key, stringsFile)
		}
	}
}

// readGlossary reads the rows "| `key` | text | transliteration | meaning | confidence |
// needs review |" of the glossary's section "## Interface strings".
func readGlossary(t *testing.T, file string) map[string]glossaryRow {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	confidences := map[string]bool{"HIGH": false, "MED/HIGH": true, "MED": true, "MED/LOW": true, "LOW": true, "n/a": false}
	rows := map[string]glossaryRow{}
	inTable := false
	for i, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "## ") {
			inTable = line == "## Interface strings"
		}
		if !inTable || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|"), "|")
		if len(cells) != 6 {
			t.Errorf("%s:%d: want 6 cells (key, Mongolian, transliteration, meaning, confidence, needs review), got %d", file, i+1, len(cells))
			continue
		}
		key := strings.Trim(strings.TrimSpace(cells[0]), "`")
		row := glossaryRow{line: i + 1, text: strings.TrimSpace(cells[1]), confidence: strings.TrimSpace(cells[4])}
		needs, known := confidences[row.confidence]
		if !known {
			t.Errorf("%s:%d: %s: confidence %q is not one of HIGH, MED/HIGH, MED, MED/LOW, LOW, n/a", file, i+1, key, row.confidence)
		}
		row.review = strings.TrimSpace(cells[5]) == "yes"
		if row.review != needs {
			t.Errorf("%s:%d: %s is %s: the last column must be %q", file, i+1, key, row.confidence, map[bool]string{true: "yes", false: ""}[needs])
		}
		if _, dup := rows[key]; dup {
			t.Errorf("%s:%d: a second row for %s", file, i+1, key)
		}
		rows[key] = row
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows of the form | `key` | … | under \"## Interface strings\"", file)
	}
	return rows
}
