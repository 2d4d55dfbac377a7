package frontmatter

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseSimple parses front matter written the way the gazette's clerks and tools write
// it: one `key: value` per line, each value plain text or a one-line [list, of, items].
// It gives the same tree as yaml.Unmarshal into a yaml.Node, positions and tags
// included, for a fraction of the cost: the YAML parser builds a token queue, an event
// and its marks per scalar and buffers the input again, and a gazette has a front
// matter per file. ok is false for anything else (quotes, block lists, comments,
// colons or # in values, blank or indented lines…), which the YAML parser then reads:
// the fast path only takes input whose meaning it can be sure of, never decides
// anything the parser would decide differently.
func parseSimple(fm []byte) (doc *yaml.Node, ok bool) {
	if len(fm) == 0 {
		return nil, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	// Keys and values come in pairs; one allocation holds the usual front matter.
	nodes := make([]yaml.Node, 0, 24)
	line := 0
	for rest := fm; len(rest) > 0; {
		line++
		var l []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, nil
		}
		k := keyEnd(l)
		if k == 0 || k+1 >= len(l) || l[k] != ':' || l[k+1] != ' ' {
			return nil, false
		}
		at := k + 1
		for at < len(l) && l[at] == ' ' {
			at++
		}
		if at == len(l) {
			return nil, false // no value: null, or a block below
		}
		key := yaml.Node{Kind: yaml.ScalarNode, Value: string(l[:k]), Line: line, Column: 1}
		key.Tag = key.ShortTag()
		nodes = append(nodes, key)
		v, ok := simpleValue(l[at:], line, 1+at) // keys and spaces are ASCII: bytes are columns
		if !ok {
			return nil, false
		}
		nodes = append(nodes, v)
	}
	m.Content = make([]*yaml.Node, len(nodes))
	for i := range nodes {
		m.Content[i] = &nodes[i]
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{m}}, true
}

// keyEnd is the length of the key that starts line: lower-case ASCII letters and
// underscores, starting with a letter; 0 if there is none, or if it is longer than
// maxKey.
func keyEnd(l []byte) int {
	i := 0
	for i < len(l) && (l[i] >= 'a' && l[i] <= 'z' || i > 0 && l[i] == '_') {
		i++
	}
	if i > maxKey {
		return 0
	}
	return i
}

// maxKey is far below the 1,024 characters YAML allows an implicit key.
const maxKey = 64

// simpleValue is the node of value v, which starts at column col of line: a plain
// scalar, or a flow sequence of plain scalars.
func simpleValue(v []byte, line, col int) (yaml.Node, bool) {
	if v[0] != '[' {
		if !plainScalar(v, false) {
			return yaml.Node{}, false
		}
		n := yaml.Node{Kind: yaml.ScalarNode, Value: string(v), Line: line, Column: col}
		n.Tag = n.ShortTag()
		return n, true
	}
	if v[len(v)-1] != ']' {
		return yaml.Node{}, false
	}
	seq := yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: col}
	inner := v[1 : len(v)-1]
	col++ // past [
	if len(trimSpaces(inner)) == 0 {
		if len(inner) > 0 {
			return yaml.Node{}, false
		}
		return seq, true
	}
	items := make([]yaml.Node, 0, 4)
	for {
		end := len(inner)
		for i, c := range inner {
			if c == ',' {
				end = i
				break
			}
		}
		item := inner[:end]
		lead := 0
		for lead < len(item) && item[lead] == ' ' {
			lead++
		}
		text := trimSpaces(item)
		if !plainScalar(text, true) {
			return yaml.Node{}, false
		}
		n := yaml.Node{Kind: yaml.ScalarNode, Value: string(text), Line: line, Column: col + lead}
		n.Tag = n.ShortTag()
		items = append(items, n)
		if end == len(inner) {
			break
		}
		col += utf8.RuneCount(inner[:end+1])
		inner = inner[end+1:]
	}
	seq.Content = make([]*yaml.Node, len(items))
	for i := range items {
		seq.Content[i] = &items[i]
	}
	return seq, true
}

func trimSpaces(b []byte) []byte {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// plainScalar reports whether s is read by YAML as a plain scalar with exactly the
// text s, in a block mapping's value or (inFlow) a flow sequence's item. It is strict:
// no character YAML could give a meaning to at the start (indicators, quotes), none
// that can end or interrupt a plain scalar anywhere (':', '#', in flow also ',?[]{}'),
// no white space but single inner spaces' runs with text around them, and only the
// characters YAML prints as they are (valid UTF-8 without controls, byte order marks
// or the line separators U+0085, U+2028 and U+2029, which YAML takes for line breaks).
func plainScalar(s []byte, inFlow bool) bool {
	if len(s) == 0 || s[len(s)-1] == ' ' {
		return false
	}
	switch s[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c < 0x20 || c == 0x7f || c == ':' || c == '#':
				return false
			case inFlow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}'):
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0xA0 || r > 0xD7FF && r < 0xE000 || r > 0xFFFD || r == 0xFEFF || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += size
	}
	return true
}
