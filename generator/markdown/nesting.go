package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gazette/generator/mdreport"
)

// MaxNesting is the deepest that block quotes and lists may nest (a list counts two:
// the list and its item). goldmark has no limit, and its work per line grows with the
// depth: a line of 100,000 '>' takes minutes and a deep enough tree would overflow
// every recursive walk of it. Printed documents nest three or four levels; past the
// limit the markers are ordinary text and a note says where.
const MaxNesting = 32

var nestedKey = parser.NewContextKey() // bool: the nesting note was given

// newParser is goldmark's default parser with block quotes and lists that refuse to
// open past MaxNesting.
func newParser() parser.Parser {
	guarded := map[string]int{
		fmt.Sprintf("%T", parser.NewBlockquoteParser()): 1,
		fmt.Sprintf("%T", parser.NewListParser()):       2, // the list and its first item
	}
	var blocks []util.PrioritizedValue
	for _, v := range parser.DefaultBlockParsers() {
		if levels, ok := guarded[fmt.Sprintf("%T", v.Value)]; ok {
			v.Value = nestingGuard{BlockParser: v.Value.(parser.BlockParser), levels: levels}
		}
		blocks = append(blocks, v)
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// nestingGuard wraps a container block parser; everything but Open is the parser's own.
type nestingGuard struct {
	parser.BlockParser
	levels int // how many levels the container adds
}

func (g nestingGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for n := parent; n != nil && n.Kind() != ast.KindDocument; n = n.Parent() {
		depth++
	}
	if depth+g.levels > MaxNesting {
		if pc.Get(nestedKey) == nil {
			pc.Set(nestedKey, true)
			_, seg := reader.PeekLine()
			mdreport.Note(pc, seg.Start, "block quotes and lists nest more than %d levels deep here; the deeper markers are shown as text", MaxNesting)
		}
		return nil, parser.NoChildren
	}
	return g.BlockParser.Open(parent, reader, pc)
}
