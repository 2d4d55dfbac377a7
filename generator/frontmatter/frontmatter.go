// Package frontmatter splits a content file into its YAML front matter and its Markdown
// body, and decodes the front matter into typed fields with every problem located.
//
// The body keeps the file's line numbering: the front matter lines are replaced by empty
// lines, so a byte offset in the body maps to the same line as in the file. Decoding
// reports every unknown key, missing key and wrongly typed value, each at its own line,
// rather than stopping at the first.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"

	"gazette/generator/diag"
)

// Normalize removes a UTF-8 byte order mark and turns CRLF and lone CR line ends into LF,
// so that files saved by Windows editors behave like any other.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// Split separates front matter from body. src must already be normalized. The front
// matter starts on line 2 of the file (after the opening ---). A file with no opening ---
// has no front matter; an opening --- without a closing one is an error.
func Split(src []byte) (fm []byte, body []byte, err error) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.Equal(src, []byte("---")) {
		return nil, src, nil
	}
	rest := src[min(4, len(src)):] // a file of just "---" has no newline to skip
	end := -1
	for off := 0; off <= len(rest); {
		nl := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if string(bytes.TrimRight(line, " \t")) == "---" {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return nil, nil, errors.New("front matter opened with --- is never closed")
	}
	fm = rest[:end]
	after := rest[end:]
	if nl := bytes.IndexByte(after, '\n'); nl >= 0 {
		after = after[nl+1:]
	} else {
		after = nil
	}
	// One empty line for the opening ---, one per front matter line, one for the closing ---.
	lines := 2 + bytes.Count(fm, []byte("\n"))
	body = make([]byte, 0, lines+len(after))
	body = append(body, bytes.Repeat([]byte("\n"), lines)...)
	body = append(body, after...)
	return fm, body, nil
}

// Field describes one front matter key: how to decode its value and whether it must be
// present. Decode receives the value node and returns a message when the value is wrong.
type Field struct {
	Name     string
	Required bool
	Decode   func(n *yaml.Node) error
}

// Keys are the top-level keys of a decoded front matter, for messages that point at one.
type Keys struct {
	root *yaml.Node // the document's first node; nil when the YAML is invalid or empty
}

// Line is the file line of key (counted as Decode counts), or 1 when there is no such
// key: a message about the whole front matter points at the opening ---.
func (k Keys) Line(key string) int {
	if k.root == nil {
		return 1
	}
	// The first node's children in pairs, whatever its kind: what a mapping holds.
	for i := 0; i+1 < len(k.root.Content); i += 2 {
		if k.root.Content[i].Value == key {
			return k.root.Content[i].Line + 1
		}
	}
	return 1
}

// Decode parses fm (the front matter of file, whose first line is file line 2) and calls
// each field's Decode for the keys present. Every problem is added to diags. It gives
// the keys as it parsed them, so that later checks can locate a key without parsing
// the YAML again.
func Decode(file string, fm []byte, fields []Field, diags *diag.List) Keys {
	const firstLine = 2
	var doc yaml.Node
	if d, ok := parseSimple(fm); ok {
		doc = *d
	} else if err := yaml.Unmarshal(fm, &doc); err != nil {
		line := firstLine
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			if yamlParserProblem.MatchString(err.Error()[len(m[0]):]) {
				n++ // the YAML parser counts lines from 0, its scanner from 1
			}
			line = firstLine + n - 1
		}
		diags.Add(file, line, "front matter is not valid YAML: %s", yamlLine.ReplaceAllString(err.Error(), ""))
		return Keys{}
	}
	var m *yaml.Node
	if len(doc.Content) > 0 {
		m = doc.Content[0]
	}
	keys := Keys{root: m}
	if m == nil || (m.Kind == yaml.ScalarNode && m.Tag == "!!null") {
		m = &yaml.Node{Kind: yaml.MappingNode}
	}
	if m.Kind != yaml.MappingNode {
		diags.Add(file, firstLine+m.Line-1, "front matter must be a mapping of keys to values")
		return keys
	}
	byName := make(map[string]Field, len(fields))
	for _, f := range fields {
		byName[f.Name] = f
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := firstLine + k.Line - 1
		f, ok := byName[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown front matter key %q", k.Value)
			if s := suggest(k.Value, fields); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			diags.Add(file, line, "%s", msg)
			continue
		}
		if seen[k.Value] {
			diags.Add(file, line, "front matter key %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		if err := f.Decode(v); err != nil {
			diags.Add(file, firstLine+v.Line-1, "%s: %v", k.Value, err)
		}
	}
	for _, f := range fields {
		if f.Required && !seen[f.Name] {
			diags.Add(file, 1, "missing required front matter key %q", f.Name)
		}
	}
	return keys
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblem matches the problems go.yaml.in/yaml/v3 reports from its parser
// (parserc.go), whose line numbers are 0-based; its scanner's are 1-based.
var yamlParserProblem = regexp.MustCompile(`^(did not find expected (key|node content|'-' indicator|',' or|<)|found (duplicate %|incompatible YAML document|undefined tag handle))`)

// suggest returns the known key closest to a misspelt one, if it is close enough to be
// a typo (titel → title).
func suggest(key string, fields []Field) string {
	best, bestD := "", 3
	for _, f := range fields {
		if d := distance(key, f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	}
	return best
}

// distance is the Levenshtein distance counted in runes, with a transposition counted
// as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// String decodes a scalar string value into dst.
func String(dst *string) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return fmt.Errorf("want text, got %s", describe(n))
		}
		*dst = n.Value
		return nil
	}
}

// Strings decodes a list of strings (or a single string, taken as a one-element list).
func Strings(dst *[]string) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			*dst = []string{n.Value}
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("want a list of text, got %s", describe(n))
		}
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
				return fmt.Errorf("want a list of text, got an item that is %s", describe(c))
			}
			out = append(out, c.Value)
		}
		*dst = out
		return nil
	}
}

// Int decodes a whole number.
func Int(dst *int) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return fmt.Errorf("want a whole number, got %s", describe(n))
		}
		v, err := strconv.Atoi(n.Value)
		if err != nil {
			return fmt.Errorf("want a whole number, got %q", n.Value)
		}
		*dst = v
		return nil
	}
}

// Bool decodes true or false.
func Bool(dst *bool) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return fmt.Errorf("want true or false, got %s", describe(n))
		}
		v, err := strconv.ParseBool(n.Value)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", n.Value)
		}
		*dst = v
		return nil
	}
}

// Date decodes a calendar date written YYYY-MM-DD and rejects dates that do not exist.
func Date(dst *time.Time) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("want a date YYYY-MM-DD, got %s", describe(n))
		}
		t, err := ParseDate(n.Value)
		if err != nil {
			return err
		}
		*dst = t
		return nil
	}
}

var dateForm = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// ParseDate parses YYYY-MM-DD strictly: 2023-13-01 and 2023-02-30 are errors, not
// silently normalised into other dates as time.Date would do.
func ParseDate(s string) (time.Time, error) {
	m := dateForm.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		return time.Time{}, fmt.Errorf("invalid date %q: there is no month %d", s, mo)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Day() != d {
		return time.Time{}, fmt.Errorf("invalid date %q: %s %d has no day %d", s, time.Month(mo), y, d)
	}
	return t, nil
}

// Localized decodes either plain text (the same in every language) or a mapping from
// language code to text.
func Localized(dst *map[string]string) func(*yaml.Node) error {
	return func(n *yaml.Node) error {
		switch {
		case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
			*dst = map[string]string{"": n.Value}
			return nil
		case n.Kind == yaml.MappingNode:
			out := map[string]string{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
					return fmt.Errorf("language %q: want text, got %s", k.Value, describe(v))
				}
				out[k.Value] = v.Value
			}
			*dst = out
			return nil
		}
		return fmt.Errorf("want text or {lang: text}, got %s", describe(n))
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!int":
		return "the number " + n.Value
	case "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}
