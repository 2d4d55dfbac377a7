// Package sourceview shows a Markdown file of the content as highlighted HTML, for the
// source view every document page links to.
//
// It takes a file as written, front matter included, and gives the HTML chroma's
// formatter makes of its tokens, with the classes of css/highlight.css (prefix hl-)
// and line numbers that are not selected when a reader copies the text. The tokens
// come from a lexer of its own: chroma's Markdown lexer needs about a second for 30 KB
// of text, which a gazette of ten thousand documents cannot afford; this one reads
// each line once.
//
// It guarantees that the tokens together are exactly the source (nothing is lost or
// added, so a copied source is the file), and that every character is HTML-escaped.
// What it marks: the front matter's delimiters, keys, punctuation, dates, numbers and
// comments; headings; list and block quote markers; table pipes; fenced code blocks;
// inline code, strong and emphasised text, links, escapes, hard line breaks and HTML
// comments. Everything else is plain text.
package sourceview

import (
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// HTML returns the source highlighted, as a <pre class="hl-chroma"> element.
//
// The bytes are those chroma's HTML formatter writes with classes (prefix hl-), line
// numbers and a <pre tabindex="0"> wrapper: where the source scrolls (long lines on
// vertical Mongolian pages), keyboard users can scroll it too. They are written here
// rather than by the formatter, which spends most of its time in fmt and allocates
// every token twice; the tests hold the two to the same bytes. It gives a string, which
// a page prints as it is, so that the view (several times the size of the source) is
// not copied again.
func HTML(src []byte) string {
	s := string(src)
	return format(s, lex(s))
}

// format writes the spans of s as HTML. A line is opened by its first character, so
// that, as in chroma, a source ending in a line break has no empty last line, and a
// token spanning lines is closed at each break and opened again on the next line.
func format(s string, spans []span) string {
	lines := strings.Count(s, "\n")
	if s != "" && s[len(s)-1] != '\n' {
		lines++
	}
	digits := numDigits(lines)
	// The source with some escapes, the markup of every line and of the tokens that
	// have a class (about a third of them): enough for most files, so it rarely grows.
	var b strings.Builder
	b.Grow(len(s) + len(s)/8 + lines*(len(lineStart)+len(lineNumEnd)+len(lineEnd)+digits) +
		len(spans)*(len(`<span class="hl-xx"></span>`)/2) + len(preStart) + len(preEnd))
	b.WriteString(preStart)
	var num [20]byte
	line, open := 0, false
	start := 0
	for _, sp := range spans {
		cls, v := classOf(sp.typ), s[start:sp.end]
		start = sp.end
		for v != "" {
			if !open {
				line++
				b.WriteString(lineStart)
				b.WriteString(spaces[:digits-numDigits(line)]) // right-aligned, as fmt's %*d
				b.Write(strconv.AppendInt(num[:0], int64(line), 10))
				b.WriteString(lineNumEnd)
				open = true
			}
			piece := v
			if i := strings.IndexByte(v, '\n'); i >= 0 {
				piece, open = v[:i+1], false
			}
			v = v[len(piece):]
			if cls != "" {
				b.WriteString(`<span class="`)
				b.WriteString(cls)
				b.WriteString(`">`)
			}
			writeEscaped(&b, piece)
			if cls != "" {
				b.WriteString(`</span>`)
			}
			if !open {
				b.WriteString(lineEnd)
			}
		}
	}
	if open {
		b.WriteString(lineEnd)
	}
	b.WriteString(preEnd)
	return b.String()
}

// The markup around the lines and their numbers, as chroma writes it for the classes
// PreWrapper (hl-chroma), Line (hl-line), LineNumbers (hl-ln) and CodeLine (hl-cl).
const (
	preStart   = `<pre tabindex="0" class="hl-chroma"><code>`
	preEnd     = `</code></pre>`
	lineStart  = `<span class="hl-line"><span class="hl-ln">`
	lineNumEnd = `</span><span class="hl-cl">`
	lineEnd    = `</span></span>`
)

const spaces = "                    " // more than the digits of any int

// numDigits is the number of decimal digits of n >= 0.
func numDigits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// escaped marks the bytes writeEscaped replaces; it is only read.
var escaped = [256]bool{'&': true, '\'': true, '<': true, '>': true, '"': true}

// writeEscaped writes s escaped as html.EscapeString escapes it, byte by byte (so that
// invalid UTF-8 goes through unchanged, as there).
func writeEscaped(b *strings.Builder, s string) {
	for {
		i := indexASCII(s, &escaped)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		}
		s = s[i+1:]
	}
}

// classOf is chromaClass, spelt out for the types the lexer emits.
func classOf(t chroma.TokenType) string {
	switch t {
	case chroma.Text:
		return ""
	case chroma.TextWhitespace:
		return "hl-w"
	case chroma.Punctuation:
		return "hl-p"
	case chroma.NameTag:
		return "hl-nt"
	case chroma.NameAttribute:
		return "hl-na"
	case chroma.NameNamespace:
		return "hl-nn"
	case chroma.LiteralString:
		return "hl-s"
	case chroma.LiteralStringBacktick:
		return "hl-sb"
	case chroma.LiteralStringEscape:
		return "hl-se"
	case chroma.LiteralDate:
		return "hl-ld"
	case chroma.LiteralNumber:
		return "hl-m"
	case chroma.Comment:
		return "hl-c"
	case chroma.Keyword:
		return "hl-k"
	case chroma.GenericHeading:
		return "hl-gh"
	case chroma.GenericSubheading:
		return "hl-gu"
	case chroma.GenericStrong:
		return "hl-gs"
	case chroma.GenericEmph:
		return "hl-ge"
	}
	return chromaClass(t)
}

// chromaClass is the class chroma's HTML formatter (with the prefix hl-) gives a token
// type: that of the type or, when it has none of its own, of its nearest parent.
func chromaClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if cls != "" {
				return "hl-" + cls
			}
			return ""
		}
		t = t.Parent()
	}
	if cls := chroma.StandardTypes[t]; cls != "" {
		return "hl-" + cls
	}
	return ""
}

// Tokens splits a Markdown file into chroma tokens whose values, joined, are src.
func Tokens(src string) []chroma.Token {
	spans := lex(src)
	tokens := make([]chroma.Token, len(spans))
	start := 0
	for i, sp := range spans {
		tokens[i] = chroma.Token{Type: sp.typ, Value: src[start:sp.end]}
		start = sp.end
	}
	return tokens
}

// lex splits src into spans, each running from where the previous one ends.
func lex(src string) []span {
	l := lexer{spans: make([]span, 0, len(src)/16+4)}
	rest := src
	next := func() string {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		return line
	}
	if line := next(); strings.TrimRight(line, "\r\n") == "---" {
		l.emit(chroma.NameNamespace, line)
		for rest != "" {
			line := next()
			if strings.TrimRight(line, "\r\n") == "---" {
				l.emit(chroma.NameNamespace, line)
				break
			}
			l.yamlLine(line)
		}
	} else {
		rest = src // no front matter: the first line is body
	}
	fence := ""
	for rest != "" {
		line := next()
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
	return l.spans
}

// span is a token by where it ends in the source: tokens are consecutive pieces of it.
type span struct {
	typ chroma.TokenType
	end int
}

// lexer collects spans, merging neighbours of one type. Every value it is given is the
// next piece of the source.
type lexer struct {
	spans []span
	pos   int
}

func (l *lexer) emit(t chroma.TokenType, v string) {
	if v == "" {
		return
	}
	l.pos += len(v)
	if n := len(l.spans); n > 0 && l.spans[n-1].typ == t {
		l.spans[n-1].end = l.pos
		return
	}
	l.spans = append(l.spans, span{typ: t, end: l.pos})
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

// inlineStart marks the bytes an inline span starts with; it is only read.
var inlineStart = [256]bool{'`': true, '*': true, '_': true, '[': true, '\\': true, '<': true}

// indexASCII returns the offset of the first byte of s that set marks, or -1; set marks
// ASCII bytes only. It steps over a well-formed character of three bytes (Chinese,
// Mongolian) at once: none of its bytes is ASCII.
func indexASCII(s string, set *[256]bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0xe0 && c < 0xf0 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		if set[c] {
			return i
		}
		i++
	}
	return -1
}

// inline marks code spans, strong and emphasised text, links, escapes and comments.
func (l *lexer) inline(s string) {
	for s != "" {
		j := indexASCII(s, &inlineStart)
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

// isBreak reports whether s is a thematic break: three or more of one of - * _, with
// any spaces between.
func isBreak(s string) bool {
	var c byte // the break's character
	n := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ' ':
		case c == 0 && (s[i] == '-' || s[i] == '*' || s[i] == '_'):
			c, n = s[i], 1
		case s[i] == c:
			n++
		default:
			return false
		}
	}
	return n >= 3
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
