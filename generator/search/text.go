package search

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"gazette/generator/chronicle"
	"gazette/generator/table"
)

// Block is a piece of an entry's text as the page shows it (a paragraph, a heading, a
// list item, a table row), with the id of the place on the page it is in. Search
// results link to that place and show a snippet of the block.
type Block struct {
	Anchor string // id of the nearest heading, event or table before it; "" for the page top
	Text   string
}

// maxBlock is the most characters a block keeps; longer paragraphs are cut at the
// end of a sentence so that a snippet never costs a whole page of text.
const maxBlock = 300

// BodyBlocks returns the text blocks of a converted body in reading order, without
// markup and raw HTML. Chronicle events are left out: each is an entry of its own
// (see EventBlocks).
func BodyBlocks(root ast.Node, source []byte) []Block {
	w := &walker{source: source}
	w.walk(root)
	return w.blocks
}

// EventBlocks returns the text of a chronicle event, one block per paragraph, each
// anchored at the event.
func EventBlocks(e chronicle.Event, source []byte) []Block {
	var out []Block
	for _, p := range strings.Split(e.Text(source), "\n") {
		out = appendBlock(out, e.Anchor, p)
	}
	return out
}

type walker struct {
	source []byte
	anchor string
	blocks []Block
}

func (w *walker) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch {
		case c.Kind() == chronicle.KindEvent || c.Kind() == ast.KindHTMLBlock:
			continue
		case c.Kind() == ast.KindHeading:
			if id, ok := c.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					w.anchor = string(b)
				}
			}
		}
		if t, ok := c.(*table.Table); ok {
			saved := w.anchor
			w.anchor = "tbl-" + strconv.Itoa(t.N)
			w.walk(c)
			w.anchor = saved
			continue
		}
		switch {
		case c.Type() != ast.TypeBlock:
			continue
		case strings.HasSuffix(c.Kind().String(), "TableRow"):
			// One block per row: a row's cells read together.
			var cells []string
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				var b strings.Builder
				inlineText(&b, cell, w.source)
				cells = append(cells, strings.TrimSpace(b.String()))
			}
			w.blocks = appendBlock(w.blocks, w.anchor, strings.Join(cells, " "))
		case c.FirstChild() != nil && c.FirstChild().Type() == ast.TypeInline:
			var b strings.Builder
			inlineText(&b, c, w.source)
			w.blocks = appendBlock(w.blocks, w.anchor, b.String())
		case c.FirstChild() == nil:
			// A leaf block (code) carries its text as lines.
			if c.Kind() != ast.KindThematicBreak {
				var b strings.Builder
				for i := 0; i < c.Lines().Len(); i++ {
					seg := c.Lines().At(i)
					b.Write(seg.Value(w.source))
				}
				w.blocks = appendBlock(w.blocks, w.anchor, b.String())
			}
		default:
			w.walk(c)
		}
	}
}

// inlineText appends the text of n's inline descendants, dropping raw HTML.
func inlineText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				// Chinese runs on across a line break, Latin words need a space.
				if r, _ := utf8.DecodeLastRuneInString(b.String()); r < utf8.RuneSelf && r != ' ' {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML:
		default:
			inlineText(b, c, source)
		}
	}
}

// appendBlock adds text as one or more blocks: white space is collapsed, and text
// longer than maxBlock is cut after the last sentence end (。！？；) before the limit,
// or at the limit when there is none.
func appendBlock(blocks []Block, anchor, text string) []Block {
	text = collapseSpace(text)
	for text != "" {
		// The byte offsets of the first maxBlock+1 characters: a text that has them
		// all is cut.
		var at [maxBlock + 1]int
		n := 0
		for i := 0; i < len(text) && n <= maxBlock; n++ {
			at[n] = i
			r, size := decodeRune(text, i)
			if r == utf8.RuneError && size == 1 {
				// Cutting writes an invalid byte as U+FFFD, as a conversion to runes does.
				return appendBlockRunes(blocks, anchor, text)
			}
			i += size
		}
		if n <= maxBlock {
			return append(blocks, Block{Anchor: anchor, Text: text})
		}
		cut := maxBlock
		for i := maxBlock - 1; i > maxBlock/2; i-- {
			if r, _ := decodeRune(text, at[i]); strings.ContainsRune(sentenceEnds, r) {
				cut = i + 1
				break
			}
		}
		blocks = append(blocks, Block{Anchor: anchor, Text: strings.TrimSpace(text[:at[cut]])})
		text = strings.TrimSpace(text[at[cut]:])
	}
	return blocks
}

// sentenceEnds are where appendBlock cuts a long text.
const sentenceEnds = "。！？；!?;"

// appendBlockRunes is appendBlock for a text of at least maxBlock characters that is
// not valid UTF-8, cut as runes.
func appendBlockRunes(blocks []Block, anchor, text string) []Block {
	for text != "" {
		rs := []rune(text)
		if len(rs) <= maxBlock {
			return append(blocks, Block{Anchor: anchor, Text: text})
		}
		cut := maxBlock
		for i := maxBlock - 1; i > maxBlock/2; i-- {
			if strings.ContainsRune(sentenceEnds, rs[i]) {
				cut = i + 1
				break
			}
		}
		blocks = append(blocks, Block{Anchor: anchor, Text: strings.TrimSpace(string(rs[:cut]))})
		text = strings.TrimSpace(string(rs[cut:]))
	}
	return blocks
}

// collapseSpace is strings.Join(strings.Fields(s), " "): s without white space at its
// ends, and with one space for each run of white space within. Most text is so
// already, and is given back as it is.
func collapseSpace(s string) string {
	space := true // the character before is white space, or the text starts
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				if c != ' ' || space {
					return strings.Join(strings.Fields(s), " ")
				}
				space = true
			} else {
				space = false
			}
			i++
			continue
		}
		r, size := decodeRune(s, i)
		if mayBeSpace(r) && unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		space = false
		i += size
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// asciiSpace is the ASCII white space of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// mayBeSpace reports whether a code point beyond ASCII may be white space: all that
// unicode.IsSpace says is lies in these ranges (TestMayBeSpace).
func mayBeSpace(r rune) bool {
	return r < 0x100 || r == 0x1680 || r >= 0x2000 && r <= 0x205F || r == 0x3000
}

// Text is what the index needs of a converted body: its text blocks and, for a
// chronicle, its events.
type Text struct {
	Blocks []Block
	Events []Event
}

// Event is one chronicle event as the index sees it.
type Event struct {
	Anchor  string // the article id, e.g. 2023-05-25
	Heading string // the date as printed, e.g. 5月25日
	Date    time.Time
	Blocks  []Block
}

// BodyText extracts the text of a body converted with parser context pc.
func BodyText(root ast.Node, source []byte, pc parser.Context) Text {
	t := Text{Blocks: BodyBlocks(root, source)}
	for _, e := range chronicle.Events(pc) {
		t.Events = append(t.Events, Event{Anchor: e.Anchor, Heading: e.Heading,
			Date: e.Span.Start.Time(), Blocks: EventBlocks(e, source)})
	}
	return t
}
