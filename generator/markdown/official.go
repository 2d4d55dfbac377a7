package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// official marks the parts of an official document that print differently from body
// paragraphs: the 主送机关 line (flush left, ending with a full-width colon, or the
// Mongolian colon ᠄ in a translation) and the 落款 (issuers and date, set to the right,
// or at the foot of the column in Mongolian). Authors write them as plain paragraphs, so
// the content stays ordinary Markdown; the classes let the stylesheet lay them out as
// GB/T 9704 does.
type official struct{}

var (
	closingDate = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)
	// closingDateMn is a date as Mongolian translations write it (the pages' own date
	// format): 2023 ᠣᠨ⎵ᠤ 4 ᠳ᠋ᠦᠭᠡᠷ ᠰᠠᠷ᠎ᠠ⎵ᠶᠢᠨ 23⎵ᠤ ᠡᠳᠦᠷ, with U+202F or a plain space
	// before the suffixes and the FVS1 and MVS optional.
	closingDateMn = regexp.MustCompile(`^\d{4} ᠣᠨ[ \x{202F}]ᠤ \d{1,2} ᠳ\x{180B}?(ᠤᠭᠠ|ᠦᠭᠡ)ᠷ ᠰᠠᠷ\x{180E}?ᠠ[ \x{202F}]ᠶᠢᠨ \d{1,2}[ \x{202F}]ᠤ ᠡᠳᠦᠷ$`)
)

func (official) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(official{}, 900)))
}

func (official) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	first := true
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok {
			if n.Kind() == ast.KindHeading {
				first = false
			}
			continue
		}
		lines := p.Lines()
		if lines.Len() == 0 {
			continue
		}
		last := lines.At(lines.Len() - 1)
		lastText := trimSpace(last.Value(source))
		firstSeg := lines.At(0)
		firstText := trimSpace(firstSeg.Value(source))
		switch {
		case first && lines.Len() == 1 && (hasSuffix(firstText, "：") || hasSuffix(firstText, "᠄")):
			p.SetAttributeString("class", []byte("addressees"))
		case lines.Len() <= 8 && isClosingDate(lastText):
			p.SetAttributeString("class", []byte("signoff"))
		}
		first = false
	}
}

// isClosingDate reports whether b is a date as the 落款 writes it. Both patterns end
// in a fixed word, looked for before either is run.
func isClosingDate(b []byte) bool {
	switch {
	case bytes.HasSuffix(b, []byte("日")):
		return closingDate.Match(b)
	case bytes.HasSuffix(b, []byte("ᠡᠳᠦᠷ")):
		return closingDateMn.Match(b)
	}
	return false
}

// trimSpace trims white space and a hard line break's backslash; the result shares
// b's bytes.
func trimSpace(b []byte) []byte {
	return util.TrimRightSpace(util.TrimLeftSpace(trimBackslash(b)))
}

func trimBackslash(b []byte) []byte {
	b = util.TrimRightSpace(b)
	if len(b) > 0 && b[len(b)-1] == '\\' {
		return b[:len(b)-1]
	}
	return b
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}
