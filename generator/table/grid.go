package table

import (
	"slices"
	"unicode/utf8"

	"gazette/generator/mdreport"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

const tooBig = "table has more than %d cells (rows × columns); it is left as text"

// maxHeaderRefs bounds the headers= references of a table (header rows × body cells).
// The cell limit alone does not bound them: a table of many header rows would make
// every body cell list them all, and output quadratic in the input.
const maxHeaderRefs = 1 << 20

// slot is one position of the grid as written in the source.
type slot struct {
	seg     text.Segment // the content, trimmed; empty at the row's end for padding
	escapes []int
	marker  byte // '^' for "^^", '<' for "<<", 0 for content
	// root is the index of the origin whose merged cell covers this slot; for an
	// origin, its own index.
	root int
	// literal is set for a marker that cannot merge and is shown as text.
	literal bool
	// rs and cs are an origin's extent in the grid.
	rs, cs int
}

type grid struct {
	rows, cols, headerRows int
	slots                  []slot // row-major
}

// build checks the shape of the rows, resolves the merges and returns the table, or
// nil when the table is too big to be one.
func build(rows []rawRow, headerRows int, aligns []align, delimStart int, source []byte, pc parser.Context, rowHeaders bool) *Table {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r.cells))
	}
	if len(rows)*cols > maxCells {
		mdreport.Report(pc, rows[0].start, tooBig, maxCells)
		return nil
	}
	want := len(rows[0].cells)
	if len(aligns) != want {
		mdreport.Report(pc, delimStart, "delimiter row has %d cells, the header has %d", len(aligns), want)
	}
	for _, r := range rows[1:] {
		if len(r.cells) != want {
			mdreport.Report(pc, r.start, "row has %d cells, the header has %d", len(r.cells), want)
		}
	}
	g := &grid{rows: len(rows), cols: cols, headerRows: headerRows, slots: make([]slot, len(rows)*cols)}
	for ri, r := range rows {
		for c := range cols {
			s := slot{seg: text.NewSegment(r.stop, r.stop)}
			if c < len(r.cells) {
				s = r.cells[c]
			}
			g.slots[ri*cols+c] = s
		}
	}
	g.resolve(source, pc)
	return g.table(aligns, rowHeaders)
}

// resolve applies the merge rule of the package documentation: follow the markers to
// origins, read each merged cell's rectangle off its origin's row and column, and split
// every merged cell that is not exactly that rectangle back into single cells.
func (g *grid) resolve(source []byte, pc parser.Context) {
	for i := range g.slots {
		s := &g.slots[i]
		s.root = i
		if s.marker == 0 {
			continue
		}
		r, c := i/g.cols, i%g.cols
		target := -1
		switch {
		case s.marker == '^' && r == 0:
			mdreport.Report(pc, s.seg.Start, `"^^" in the first header row has no cell above it`)
		case s.marker == '^' && r == g.headerRows:
			mdreport.Report(pc, s.seg.Start, `merge crosses the header/body boundary: "^^" in the first body row`)
		case s.marker == '^':
			target = i - g.cols
		case c == 0:
			mdreport.Report(pc, s.seg.Start, `"<<" in the first column has no cell to its left`)
		default:
			target = i - 1
		}
		// Targets come earlier in row-major order, so their root is known. A marker
		// that leads to a marker shown as text shows as text too, unreported: the
		// first one was.
		if target < 0 || g.slots[g.slots[target].root].literal {
			s.literal = true
			continue
		}
		s.root = g.slots[target].root
	}

	for i := range g.slots {
		s := &g.slots[i]
		if s.root != i {
			continue
		}
		r, c := i/g.cols, i%g.cols
		s.rs, s.cs = 1, 1
		for c+s.cs < g.cols && g.slots[i+s.cs].root == i {
			s.cs++
		}
		for r+s.rs < g.rows && g.slots[i+s.rs*g.cols].root == i {
			s.rs++
		}
	}

	// bad[o] is 1 + the first slot, in row-major order, that breaks o's rectangle.
	bad := make([]int, len(g.slots))
	for i := range g.slots {
		if o := g.slots[i].root; o != i && !g.within(o, i) && bad[o] == 0 {
			bad[o] = i + 1
		}
	}
	for o := range g.slots {
		s := &g.slots[o]
		if s.root != o || s.rs*s.cs == 1 {
			continue
		}
		// Stop at the first stranger: each slot is scanned by its own origin or ends
		// a scan, so this stays linear.
		if j := g.stranger(o); j >= 0 && (bad[o] == 0 || j < bad[o]-1) {
			bad[o] = j + 1
		}
		if bad[o] == 0 {
			continue
		}
		j := bad[o] - 1
		who := quote(g.slots[o].seg, source)
		if g.slots[j].root == o {
			mdreport.Report(pc, g.slots[j].seg.Start, "%s makes the merged cell %s non-rectangular", quote(g.slots[j].seg, source), who)
		} else {
			mdreport.Report(pc, g.slots[j].seg.Start, `cell lies inside the merged cell %s (%d rows × %d columns) and must be "^^" or "<<"`, who, s.rs, s.cs)
		}
	}
	for i := range g.slots {
		s := &g.slots[i]
		switch {
		case s.root == i && bad[i] != 0:
			s.rs, s.cs = 1, 1
		case s.root != i && bad[s.root] != 0:
			s.root, s.literal, s.rs, s.cs = i, true, 1, 1
		}
	}
}

// within tells whether slot i lies in the rectangle of origin o. Members never lie
// above or left of their origin: markers point up or left.
func (g *grid) within(o, i int) bool {
	s := g.slots[o]
	return i/g.cols < o/g.cols+s.rs && i%g.cols < o%g.cols+s.cs
}

// stranger returns the first slot in origin o's rectangle that is not part of its
// merged cell, or -1.
func (g *grid) stranger(o int) int {
	s := g.slots[o]
	for r := range s.rs {
		for c := range s.cs {
			if j := o + r*g.cols + c; g.slots[j].root != o {
				return j
			}
		}
	}
	return -1
}

// quote names a cell by its text in a message, shortened: a message is one line.
func quote(seg text.Segment, source []byte) string {
	v := seg.Value(source)
	if utf8.RuneCount(v) <= 20 {
		return `"` + string(v) + `"`
	}
	n := 0
	for i := range string(v) {
		if n == 20 {
			return `"` + string(v[:i]) + `…"`
		}
		n++
	}
	return `"` + string(v) + `"`
}

// table turns the resolved grid into nodes. Rows and columns in which no cell begins
// are folded out of the rendered spans: the HTML table model counts them as errors, and
// they add nothing a reader can see.
func (g *grid) table(aligns []align, rowHeaders bool) *Table {
	t := &Table{rows: g.rows, cols: g.cols, headerRows: g.headerRows, grid: make([]*cell, len(g.slots))}
	rowsBefore, colsBefore := make([]int, g.rows+1), make([]int, g.cols+1)
	anchorsRow, anchorsCol := make([]bool, g.rows), make([]bool, g.cols)
	for i, s := range g.slots {
		if s.root == i {
			anchorsRow[i/g.cols], anchorsCol[i%g.cols] = true, true
		}
	}
	for r, ok := range anchorsRow {
		rowsBefore[r+1] = rowsBefore[r] + b2i(ok)
	}
	for c, ok := range anchorsCol {
		colsBefore[c+1] = colsBefore[c] + b2i(ok)
	}

	head := &section{head: true}
	t.AppendChild(t, head)
	body := head
	if g.rows > g.headerRows {
		body = &section{}
		t.AppendChild(t, body)
	}
	cells := make([]*cell, len(g.slots))
	for r := range g.rows {
		if !anchorsRow[r] {
			continue
		}
		tr := &row{}
		if r < g.headerRows {
			head.AppendChild(head, tr)
		} else {
			body.AppendChild(body, tr)
		}
		for c := range g.cols {
			i := r*g.cols + c
			s := &g.slots[i]
			if s.root != i {
				continue
			}
			cl := &cell{
				table: t, row: r, col: c, gridRows: s.rs, gridCols: s.cs,
				rowspan: rowsBefore[r+s.rs] - rowsBefore[r],
				colspan: colsBefore[c+s.cs] - colsBefore[c],
				header:  r < g.headerRows || (rowHeaders && c == 0),
				escapes: s.escapes,
			}
			if c < len(aligns) {
				cl.align = aligns[c]
			}
			cl.SetPos(s.seg.Start)
			if s.seg.Len() > 0 {
				cl.Lines().Append(s.seg)
			}
			tr.AppendChild(tr, cl)
			cells[i] = cl
		}
	}
	for i, s := range g.slots {
		t.grid[i] = cells[s.root]
	}
	t.describe()
	return t
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// describe decides between scope alone and id/headers (WCAG H43), and fills in headers.
// Scope is enough for one header row without merges; with several header rows or any
// merged cell, screen readers disagree about what a scope covers, while explicit
// headers mean the same to all of them.
func (t *Table) describe() {
	explicit := t.headerRows > 1
	for i, cl := range t.grid {
		if cl.row*t.cols+cl.col == i && (cl.gridRows > 1 || cl.gridCols > 1) {
			explicit = true
			break
		}
	}
	if !explicit || t.headerRows*(t.rows-t.headerRows)*t.cols > maxHeaderRefs {
		return
	}
	t.explicit = true
	// colHeads[c] are the header cells over column c, top first.
	colHeads := make([][]*cell, t.cols)
	for i, cl := range t.grid[:t.headerRows*t.cols] {
		if cl.row*t.cols+cl.col != i {
			continue
		}
		for c := cl.col; c < cl.col+cl.gridCols; c++ {
			colHeads[c] = append(colHeads[c], cl)
		}
	}
	for i, cl := range t.grid[t.headerRows*t.cols:] {
		if cl.row*t.cols+cl.col != i+t.headerRows*t.cols {
			continue
		}
		var hs []*cell
		for c := cl.col; c < cl.col+cl.gridCols; c++ {
			hs = append(hs, colHeads[c]...)
		}
		slices.SortStableFunc(hs, func(a, b *cell) int {
			if a.row != b.row {
				return a.row - b.row
			}
			return a.col - b.col
		})
		hs = slices.Compact(hs)
		n := len(hs)
		for r := cl.row; r < cl.row+cl.gridRows; r++ {
			if rh := t.grid[r*t.cols]; rh.header && rh != cl {
				hs = append(hs, rh)
			}
		}
		// A row header spanning rows shows up once per row.
		cl.headers = append(hs[:n], slices.Compact(hs[n:])...)
	}
}
