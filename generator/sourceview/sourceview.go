// Package sourceview shows a Markdown file of the content as highlighted HTML, for the
// source view every document page links to.
//
// It takes a file as written, front matter included, and gives HTML made by chroma's
// formatter with the classes of css/highlight.css (prefix hl-) and line numbers that are
// not selected when a reader copies the text. The tokens come from a lexer of its own:
// chroma's Markdown lexer needs about a second for 30 KB of text, which a gazette of
// ten thousand documents cannot afford; this one reads each line once.
//
// It guarantees that the tokens together are exactly the source (nothing is lost or
// added, so a copied source is the file), and that every character is HTML-escaped by
// the formatter. What it marks: the front matter's delimiters, keys, punctuation,
// dates, numbers and comments; headings; list and block quote markers; table pipes;
// fenced code blocks; inline code, strong and emphasised text, links, escapes, hard
// line breaks and HTML comments. Everything else is plain text.
package sourceview

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"gazette/generator/markdown"
)

var formatter = chtml.New(chtml.WithClasses(true), chtml.ClassPrefix("hl-"), chtml.WithLineNumbers(true),
	chtml.WithPreWrapper(focusablePre{}))

// focusablePre is chroma's <pre><code> wrapper with tabindex="0": where the source
// scrolls (long lines on vertical Mongolian pages), keyboard users can scroll it too.
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0"` + styleAttr + `><code>`
	}
	return `<pre tabindex="0"` + styleAttr + `>`
}

func (focusablePre) End(code bool) string {
	if code {
		return `</code></pre>`
	}
	return `</pre>`
}

// HTML returns the source highlighted, as a <pre class="hl-chroma"> element.
func HTML(src []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := formatter.Format(&buf, styles.Get(markdown.StyleName), chroma.Literator(Tokens(string(src))...)); err != nil {
		return nil, fmt.Errorf("highlighting Markdown: %w", err)
	}
	return buf.Bytes(), nil
}

// Tokens splits a Markdown file into chroma tokens whose values, joined, are src.
func Tokens(src string) []chroma.Token {
	var l lexer
	lines := strings.SplitAfter(src, "\n")
	i := 0
	if len(lines) > 0 && strings.TrimRight(lines[0], "\r\n") == "---" {
		l.emit(chroma.NameNamespace, lines[0])
		for i = 1; i < len(lines); i++ {
			if strings.TrimRight(lines[i], "\r\n") == "---" {
				l.emit(chroma.NameNamespace, lines[i])
				i++
				break
			}
			l.yamlLine(lines[i])
		}
	}
	fence := ""
	for ; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			l.emit(chroma.LiteralStringBacktick, line)
			if strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			l.emit(chroma.LiteralStringBacktick, line)
		default:
			l.markdownLine(line)
		}
	}
	return l.tokens
}

// lexer collects tokens, merging neighbours of one type.
type lexer struct {
	tokens []chroma.Token
}

func (l *lexer) emit(t chroma.TokenType, v string) {
	if v == "" {
		return
	}
	if n := len(l.tokens); n > 0 && l.tokens[n-1].Type == t {
		l.tokens[n-1].Value += v
		return
	}
	l.tokens = append(l.tokens, chroma.Token{Type: t, Value: v})
}

// yamlLine marks one line of front matter: key, colon, value.
func (l *lexer) yamlLine(line string) {
	body, eol := splitEOL(line)
	indent := len(body) - len(strings.TrimLeft(body, " "))
	l.emit(chroma.TextWhitespace, body[:indent])
	rest := body[indent:]
	if strings.HasPrefix(rest, "#") {
		l.emit(chroma.Comment, rest)
		l.emit(chroma.TextWhitespace, eol)
		return
	}
	if strings.HasPrefix(rest, "- ") {
		l.emit(chroma.Punctuation, "-")
		rest = rest[1:]
	} else if k := strings.Index(rest, ":"); k > 0 && !strings.ContainsAny(rest[:k], " \"'[{") {
		l.emit(chroma.NameTag, rest[:k])
		l.emit(chroma.Punctuation, ":")
		rest = rest[k+1:]
	}
	l.yamlValue(rest)
	l.emit(chroma.TextWhitespace, eol)
}

func (l *lexer) yamlValue(v string) {
	lead := len(v) - len(strings.TrimLeft(v, " "))
	l.emit(chroma.TextWhitespace, v[:lead])
	v = v[lead:]
	comment := ""
	if j := strings.Index(v, " #"); j >= 0 {
		v, comment = v[:j], v[j:]
	}
	val := strings.TrimRight(v, " ")
	trail := v[len(val):]
	switch {
	case val == "":
	case isDate(val):
		l.emit(chroma.LiteralDate, val)
	case isNumber(val):
		l.emit(chroma.LiteralNumber, val)
	default:
		for val != "" {
			j := strings.IndexAny(val, "[]{},")
			if j < 0 {
				l.emit(chroma.LiteralString, val)
				break
			}
			l.emit(chroma.LiteralString, val[:j])
			l.emit(chroma.Punctuation, val[j:j+1])
			val = val[j+1:]
		}
	}
	l.emit(chroma.TextWhitespace, trail)
	l.emit(chroma.Comment, comment)
}

// markdownLine marks one line of the body: its block marker, then its inline text.
func (l *lexer) markdownLine(line string) {
	body, eol := splitEOL(line)
	indent := len(body) - len(strings.TrimLeft(body, " "))
	l.emit(chroma.TextWhitespace, body[:indent])
	rest := body[indent:]
	switch {
	case strings.HasPrefix(rest, "#"):
		level := len(rest) - len(strings.TrimLeft(rest, "#"))
		if level <= 6 && (len(rest) == level || rest[level] == ' ') {
			t := chroma.GenericSubheading
			if level <= 2 {
				t = chroma.GenericHeading
			}
			l.emit(t, rest)
			l.emit(chroma.TextWhitespace, eol)
			return
		}
	case isBreak(rest):
		l.emit(chroma.Punctuation, rest)
		l.emit(chroma.TextWhitespace, eol)
		return
	case strings.HasPrefix(rest, "|"):
		l.tableRow(rest)
		l.emit(chroma.TextWhitespace, eol)
		return
	}
	for {
		if m := blockMarker(rest); m != "" {
			l.emit(chroma.Keyword, m)
			rest = rest[len(m):]
			continue
		}
		break
	}
	l.inline(rest)
	l.emit(chroma.TextWhitespace, eol)
}

// blockMarker returns the list or block quote marker rest starts with, with its space.
func blockMarker(rest string) string {
	switch {
	case strings.HasPrefix(rest, "> ") || rest == ">":
		return rest[:min(2, len(rest))]
	case len(rest) >= 2 && strings.ContainsRune("-*+", rune(rest[0])) && rest[1] == ' ':
		return rest[:2]
	}
	n := 0
	for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(rest) && (rest[n] == '.' || rest[n] == ')') && rest[n+1] == ' ' {
		return rest[:n+2]
	}
	return ""
}

func (l *lexer) tableRow(row string) {
	for row != "" {
		j := strings.IndexByte(row, '|')
		if j < 0 {
			l.inline(row)
			return
		}
		l.inline(row[:j])
		l.emit(chroma.Punctuation, "|")
		row = row[j+1:]
	}
}

// inline marks code spans, strong and emphasised text, links, escapes and comments.
func (l *lexer) inline(s string) {
	for s != "" {
		j := strings.IndexAny(s, "`*_[\\<")
		if j < 0 {
			l.emit(chroma.Text, s)
			return
		}
		l.emit(chroma.Text, s[:j])
		s = s[j:]
		n, t := inlineSpan(s)
		if n == 0 {
			l.emit(chroma.Text, s[:1])
			s = s[1:]
			continue
		}
		if t == chroma.NameTag { // a link: [text] then (destination)
			k := strings.Index(s[:n], "](")
			l.emit(chroma.NameTag, s[:k+1])
			l.emit(chroma.NameAttribute, s[k+1:n])
		} else {
			l.emit(t, s[:n])
		}
		s = s[n:]
	}
}

// inlineSpan measures the span starting at s[0], or returns 0 when there is none.
func inlineSpan(s string) (int, chroma.TokenType) {
	switch s[0] {
	case '\\':
		if len(s) == 1 {
			return 1, chroma.LiteralStringEscape // a hard line break
		}
		return 2, chroma.LiteralStringEscape
	case '`':
		ticks := len(s) - len(strings.TrimLeft(s, "`"))
		if k := strings.Index(s[ticks:], s[:ticks]); k >= 0 {
			return ticks + k + ticks, chroma.LiteralStringBacktick
		}
	case '*', '_':
		delim := s[:1]
		if strings.HasPrefix(s, delim+delim) {
			if k := strings.Index(s[2:], delim+delim); k > 0 {
				return k + 4, chroma.GenericStrong
			}
			return 0, chroma.Text
		}
		if k := strings.Index(s[1:], delim); k > 0 && s[1] != ' ' {
			return k + 2, chroma.GenericEmph
		}
	case '[':
		if k := strings.Index(s, "]("); k > 0 && !strings.Contains(s[:k], "\n") {
			if e := strings.IndexByte(s[k:], ')'); e > 0 {
				return k + e + 1, chroma.NameTag
			}
		}
	case '<':
		if strings.HasPrefix(s, "<!--") {
			if k := strings.Index(s, "-->"); k >= 0 {
				return k + 3, chroma.Comment
			}
			return len(s), chroma.Comment
		}
	}
	return 0, chroma.Text
}

func splitEOL(line string) (body, eol string) {
	body = strings.TrimRight(line, "\r\n")
	return body, line[len(body):]
}

func isBreak(s string) bool {
	t := strings.ReplaceAll(strings.TrimRight(s, " "), " ", "")
	if len(t) < 3 {
		return false
	}
	return strings.Count(t, t[:1]) == len(t) && strings.ContainsRune("-*_", rune(t[0]))
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	return isNumber(s[:4]) && isNumber(s[5:7]) && isNumber(s[8:])
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
