package table

import (
	"strconv"

	gast "github.com/yuin/goldmark/ast"
)

// The node kinds follow goldmark's extension/ast/table.go, with names of their own so
// that a dump never confuses them with goldmark's GFM table.
var (
	kindTable   = gast.NewNodeKind("MergedTable")
	kindCaption = gast.NewNodeKind("MergedTableCaption")
	kindSection = gast.NewNodeKind("MergedTableSection")
	kindRow     = gast.NewNodeKind("MergedTableRow")
	kindCell    = gast.NewNodeKind("MergedTableCell")
)

// Table is one parsed table: the AST node that replaces the paragraph it was written
// in, and the grid behind its CSV export. Its children are an optional caption, the
// head section and, if the table has body rows, the body section.
type Table struct {
	gast.BaseBlock

	// N is the table's 1-based position among the tables of its document.
	N int

	rows, cols int
	headerRows int
	// grid holds, row-major, the cell that covers each position as written: a merged
	// cell appears in every position it covers. The HTML may fold rows and columns;
	// the grid never does.
	grid    []*cell
	caption *caption
	// explicit is true when cells carry id/headers (WCAG H43) rather than scope alone.
	explicit bool
	// htmlText is true when raw HTML is part of the text (WithEscapedHTML).
	htmlText bool
}

// Kind implements ast.Node.
func (t *Table) Kind() gast.NodeKind { return kindTable }

// Dump implements ast.Node.
func (t *Table) Dump(source []byte, level int) {
	gast.DumpHelper(t, source, level, map[string]string{
		"N":          strconv.Itoa(t.N),
		"Grid":       strconv.Itoa(t.rows) + "x" + strconv.Itoa(t.cols),
		"HeaderRows": strconv.Itoa(t.headerRows),
	}, nil)
}

// caption holds the inline content of the caption; its lines are parsed like a
// paragraph's.
type caption struct{ gast.BaseBlock }

func (c *caption) Kind() gast.NodeKind { return kindCaption }

func (c *caption) Dump(source []byte, level int) { gast.DumpHelper(c, source, level, nil, nil) }

// section is <thead> (head) or <tbody>.
type section struct {
	gast.BaseBlock
	head bool
}

func (s *section) Kind() gast.NodeKind { return kindSection }

func (s *section) Dump(source []byte, level int) {
	gast.DumpHelper(s, source, level, map[string]string{"Head": strconv.FormatBool(s.head)}, nil)
}

type row struct{ gast.BaseBlock }

func (r *row) Kind() gast.NodeKind { return kindRow }

func (r *row) Dump(source []byte, level int) { gast.DumpHelper(r, source, level, nil, nil) }

// align is a column's alignment from the delimiter row.
type align uint8

const (
	alignNone align = iota
	alignLeft
	alignCenter
	alignRight
)

// class is the CSS class for the alignment; classes rather than style attributes so
// that the site's stylesheet decides and a strict CSP needs no 'unsafe-inline'.
func (a align) class() string {
	switch a {
	case alignLeft:
		return "align-left"
	case alignCenter:
		return "align-center"
	case alignRight:
		return "align-right"
	}
	return ""
}

// cell is one rendered cell: a cell with content, an empty pad, or a merge marker that
// could not merge. Cells written as a working marker never become nodes.
type cell struct {
	gast.BaseBlock
	table *Table
	// row and col are the cell's origin in the grid, 0-based.
	row, col int
	// gridRows and gridCols are its extent in the grid; rowspan and colspan the same
	// after folding, as rendered.
	gridRows, gridCols int
	rowspan, colspan   int
	align              align
	header             bool // <th>: in the head, or a row header
	// headers are the header cells of an explicit table that describe this cell.
	headers []*cell
	// escapes are the source offsets of the backslashes of `\|` in the cell, which
	// must also disappear inside code spans.
	escapes []int
}

func (c *cell) Kind() gast.NodeKind { return kindCell }

func (c *cell) Dump(source []byte, level int) {
	gast.DumpHelper(c, source, level, map[string]string{
		"Origin": strconv.Itoa(c.row) + "," + strconv.Itoa(c.col),
		"Span":   strconv.Itoa(c.gridRows) + "x" + strconv.Itoa(c.gridCols),
		"Header": strconv.FormatBool(c.header),
	}, nil)
}

// id is the id of a header cell in an explicit table.
func (c *cell) id() string {
	return "tbl-" + strconv.Itoa(c.table.N) + "-r" + strconv.Itoa(c.row+1) + "c" + strconv.Itoa(c.col+1)
}
