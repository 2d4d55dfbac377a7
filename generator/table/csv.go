package table

import (
	"bytes"
	"encoding/csv"
	stdhtml "html"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"

	"gazette/generator/internal/bufwriter"
)

// CSV writes the table as RFC 4180 CSV for spreadsheets:
//
//   - UTF-8 with a byte order mark, which Excel needs to read UTF-8 at all;
//   - CRLF line ends, quoting only where needed;
//   - the header rows first, then the body rows, every row as wide as the widest;
//   - a merged cell's text in every position it covers, so that each row stands on
//     its own when sorted or filtered;
//   - plain text: inline markup dropped, `<br>` as a newline inside the field, raw
//     HTML kept as text with WithEscapedHTML and left out without;
//   - a row whose only field is empty as `""`, which readers keep (an empty line they
//     skip);
//   - a field that starts with '=', '+', '-', '@', tab or CR gets a leading "'", so that
//     no spreadsheet runs it as a formula (CSV injection). That includes numbers such
//     as "-5" and the lone "-" printed tables use for "none": the apostrophe is what a
//     spreadsheet shows for text anyway, and one rule with no exceptions is one nobody
//     can slip a formula past.
//
// source is the Markdown the document was parsed from.
func (t *Table) CSV(source []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	texts := make(map[*cell]string)
	record := make([]string, t.cols)
	var buf bufwriter.Writer // every cell's text in turn
	for r := range t.rows {
		for c := range t.cols {
			cl := t.grid[r*t.cols+c]
			s, ok := texts[cl]
			if !ok {
				s = neutralise(plainText(&buf, cl, source, t.htmlText))
				texts[cl] = s
			}
			record[c] = s
		}
		if len(record) == 1 && record[0] == "" {
			// encoding/csv writes this record as an empty line, which readers skip:
			// the row would vanish. A quoted empty field keeps it.
			w.Flush()
			b.WriteString("\"\"\r\n")
			continue
		}
		_ = w.Write(record) // writes to a bytes.Buffer do not fail
	}
	w.Flush()
	return b.Bytes()
}

// Caption returns the caption as plain text, or "" if the table has none.
func (t *Table) Caption(source []byte) string {
	if t.caption == nil {
		return ""
	}
	var buf bufwriter.Writer
	return plainText(&buf, t.caption, source, t.htmlText)
}

func neutralise(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// plainText is the text a reader sees in n's inline content. It goes through
// goldmark's own HTML writer and unescapes the result, so that backslash escapes and
// entity references come out exactly as they do on the page. Raw HTML is text when
// htmlText is set, and left out otherwise. w is scratch space, emptied first, that
// the cells of a table share.
func plainText(w *bufwriter.Writer, n gast.Node, source []byte, htmlText bool) string {
	*w = (*w)[:0]
	var walk func(gast.Node)
	walk = func(n gast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *gast.Text:
				if c.IsRaw() {
					html.DefaultWriter.RawWrite(w, c.Segment.Value(source))
				} else {
					html.DefaultWriter.Write(w, c.Segment.Value(source))
				}
				switch {
				case c.HardLineBreak():
					_ = w.WriteByte('\n')
				case c.SoftLineBreak():
					_ = w.WriteByte(' ')
				}
			case *gast.String:
				switch {
				case c.IsCode():
					_, _ = w.Write(c.Value)
				case c.IsRaw():
					html.DefaultWriter.RawWrite(w, c.Value)
				default:
					html.DefaultWriter.Write(w, c.Value)
				}
			case *gast.AutoLink:
				html.DefaultWriter.RawWrite(w, c.Label(source))
			case *gast.RawHTML:
				for i := 0; htmlText && i < c.Segments.Len(); i++ {
					seg := c.Segments.At(i)
					html.DefaultWriter.RawWrite(w, seg.Value(source))
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(stdhtml.UnescapeString(string(*w)))
}
