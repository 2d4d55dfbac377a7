// Package table is the goldmark extension for the gazette's tables with merged cells.
//
// It takes GFM pipe tables as the content format defines them (section "Tables with
// merged cells") and replaces goldmark's own GFM table; do not enable extension.Table
// beside it. It gives an accessible HTML table, a parsed Table per table for CSV export,
// and a report (mdreport) of every content problem; parsing never fails.
//
// # Syntax
//
// A paragraph is a table when one of its lines, below the first, is a delimiter row
// (`|---|:--:|--:|`, at least one `|`). Every line above the delimiter row is a header
// row, every line below it a body row. Pipes at the start and end of a row are optional,
// `\|` is a literal pipe (also inside code spans), and the delimiter row gives each
// column its alignment, rendered as class="align-left", "align-center" or "align-right".
//
// A cell whose whole content is `^^` is merged into the cell above it, `<<` into the cell
// to its left. Markers chain: a marker joins whatever merged cell its neighbour belongs
// to. The merge rule, which decides 2-D blocks:
//
//   - Following the markers from a cell (up for `^^`, left for `<<`) ends at a cell with
//     content, its origin. All cells with the same origin form one merged cell.
//   - A merged cell must be a rectangle with its origin at the top left. Its width is
//     read off the origin's row and its height off the origin's column; every cell of
//     that rectangle must belong to it and no cell outside may.
//
// So a block two rows by two columns is written `X | <<` over `^^ | ^^` (or `^^ | <<`:
// both lower cells reach X). A `^^` under the `<<` of a merged cell whose origin column
// is not merged down (`X | <<` over `a | ^^`) would make the merged cell L-shaped and is
// an error; so is a cell with content inside a rectangle (`X | <<` over `^^ | y`).
// `^^` never crosses from the body into the header.
//
// A paragraph directly before or after the table whose text starts with "Table:" is the
// caption (inline Markdown allowed); so is a "Table:" line that opens or closes the
// table's own paragraph, and such a line wins over a neighbouring paragraph. A caption
// paragraph between two tables belongs to the one before it.
//
// Inside a cell, exactly `<br>`, `<br/>` or `<br />` is a line break; every other bit of
// raw HTML is treated as the renderer treats it elsewhere (the site shows it as text,
// see WithEscapedHTML).
//
// # Problems
//
// Reported with mdreport.Report at the offending cell or row: `^^` in the first header
// row, `^^` in the first body row (the merge would cross the header/body boundary), `<<`
// in the first column, a row or delimiter row whose cell count differs from the first
// header row's, a merge that is not a rectangle, a second caption, and a table of more
// than 100,000 cells (rows × columns). A marker that cannot merge is shown as text, a
// merged cell that is not a rectangle falls apart into single cells showing their
// markers, short rows are padded with empty cells, and a table over the size limit stays
// the paragraph it was written as.
//
// # HTML
//
// Table N of a document (1-based, in document order) renders as
//
//	<div class="table-wrap" role="region" tabindex="0" aria-labelledby="tbl-N-caption">
//	<table id="tbl-N">
//	<caption id="tbl-N-caption">…</caption>
//	<thead>
//	<tr>
//	<th scope="col">…</th>
//	</tr>
//	</thead>
//	<tbody>
//	<tr>
//	<td>…</td>
//	</tr>
//	</tbody>
//	</table>
//	</div>
//	<p class="table-csv"><a href="tbl-N.csv">label</a></p>
//
// Without a caption the region carries aria-label (WithRegionLabel, default "表格 N");
// the CSV link appears only with WithCSVLink. Header cells have scope="col", or
// scope="colgroup" when they span columns; with WithRowHeaders the first body column is
// <th scope="row">. rowspan and colspan appear only when greater than 1.
//
// A simple table (one header row, no merged cell) relies on scope alone. Any other table
// uses the WCAG technique H43, which screen readers follow for every shape: each <th>
// gets id="tbl-N-rRcC" (R and C its 1-based row and column in the source grid) and each
// body cell gets headers= listing every header cell above its columns, top row first,
// then the row headers of its rows. Header cells do not list the header cells above
// them.
//
// The output is a valid HTML5 table: a row or column in which no cell begins (it only
// continues merged cells, e.g. a column that is `<<` in every row) is folded away, as
// the HTML table model requires; the CSV keeps it.
//
// # CSV
//
// Tables returns the tables of a parsed document; Table.CSV writes one as RFC 4180 CSV,
// repeating a merged cell's text in every position it covers. See Table.CSV.
package table

import (
	"strconv"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// maxCells bounds rows × columns so that a runaway paragraph cannot blow up the build.
const maxCells = 100_000

// config is what the options set; parser and renderer share it read-only.
type config struct {
	csvLabel    string
	regionLabel func(n int) string
	rowHeaders  bool
	htmlText    bool
}

// Option configures the extension.
type Option func(*config)

// WithCSVLink adds a link to tbl-N.csv after every table, with label as its text. The
// caller writes the files (Tables, Table.CSV). An empty label means no link.
func WithCSVLink(label string) Option {
	return func(c *config) { c.csvLabel = label }
}

// WithRegionLabel names the scrollable region of a table that has no caption; label
// gets the table's number. The default gives "表格 N".
func WithRegionLabel(label func(n int) string) Option {
	return func(c *config) {
		if label != nil {
			c.regionLabel = label
		}
	}
}

// WithRowHeaders makes the first column of the body header cells (<th scope="row">).
func WithRowHeaders(on bool) Option {
	return func(c *config) { c.rowHeaders = on }
}

// WithEscapedHTML tells the extension that the page shows raw HTML as text (the
// gazette escapes it), so that the CSV keeps it as text too, as a reader sees it.
// Without it the CSV leaves raw HTML out, as goldmark's default renderer does.
func WithEscapedHTML(on bool) Option {
	return func(c *config) { c.htmlText = on }
}

// New returns the extension. Add it once per goldmark instance.
func New(opts ...Option) goldmark.Extender {
	c := &config{regionLabel: func(n int) string { return "表格 " + strconv.Itoa(n) }}
	for _, o := range opts {
		o(c)
	}
	return &extension{c}
}

type extension struct{ cfg *config }

func (e *extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Below goldmark's table (200) so that ours wins if both are enabled by mistake,
		// above link reference definitions (100), which must come off first.
		parser.WithParagraphTransformers(util.Prioritized(&paragraphTransformer{e.cfg}, 190)),
		// Before goldmark's own break handling (raw HTML 400, autolinks 300) sees '<'.
		parser.WithInlineParsers(util.Prioritized(breakParser{}, 250)),
		parser.WithASTTransformers(util.Prioritized(documentTransformer{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{e.cfg}, 500)))
}

// Tables returns the tables of a document parsed with the extension, in document order;
// the i-th has N == i+1.
func Tables(doc gast.Node) []*Table {
	var ts []*Table
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if t, ok := n.(*Table); ok && entering {
			ts = append(ts, t)
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
	return ts
}
