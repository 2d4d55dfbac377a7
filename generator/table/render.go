package table

import (
	"strconv"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes the nodes of this package; inline content inside cells and the
// caption is left to goldmark's renderer and its settings.
type htmlRenderer struct{ cfg *config }

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTable, r.table)
	reg.Register(kindCaption, r.caption)
	reg.Register(kindSection, r.section)
	reg.Register(kindRow, r.row)
	reg.Register(kindCell, r.cell)
}

func (r *htmlRenderer) table(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	t := node.(*Table)
	id := "tbl-" + strconv.Itoa(t.N)
	if entering {
		// A wide table scrolls inside its own region; tabindex lets keyboard users
		// scroll it, and the region needs a name for that to be announced.
		_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" `)
		if t.caption != nil {
			_, _ = w.WriteString(`aria-labelledby="` + id + `-caption">`)
		} else {
			_, _ = w.WriteString(`aria-label="`)
			_, _ = w.Write(util.EscapeHTML([]byte(r.cfg.regionLabel(t.N))))
			_, _ = w.WriteString(`">`)
		}
		_, _ = w.WriteString("\n<table id=\"" + id + "\">\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString("</table>\n</div>\n")
	if r.cfg.csvLabel != "" {
		_, _ = w.WriteString(`<p class="table-csv"><a href="` + id + `.csv">`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.cfg.csvLabel)))
		_, _ = w.WriteString("</a></p>\n")
	}
	return gast.WalkContinue, nil
}

func (r *htmlRenderer) caption(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		t := node.Parent().(*Table)
		_, _ = w.WriteString(`<caption id="tbl-` + strconv.Itoa(t.N) + `-caption">`)
	} else {
		_, _ = w.WriteString("</caption>\n")
	}
	return gast.WalkContinue, nil
}

func (r *htmlRenderer) section(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	tag := "tbody"
	if node.(*section).head {
		tag = "thead"
	}
	if entering {
		_, _ = w.WriteString("<" + tag + ">\n")
	} else {
		_, _ = w.WriteString("</" + tag + ">\n")
	}
	return gast.WalkContinue, nil
}

func (r *htmlRenderer) row(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<tr>\n")
	} else {
		_, _ = w.WriteString("</tr>\n")
	}
	return gast.WalkContinue, nil
}

func (r *htmlRenderer) cell(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	c := node.(*cell)
	tag := "td"
	if c.header {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	switch {
	case !c.header:
	case c.row >= c.table.headerRows:
		_, _ = w.WriteString(` scope="row"`)
	case c.colspan > 1:
		_, _ = w.WriteString(` scope="colgroup"`)
	default:
		_, _ = w.WriteString(` scope="col"`)
	}
	if c.colspan > 1 {
		_, _ = w.WriteString(` colspan="` + strconv.Itoa(c.colspan) + `"`)
	}
	if c.rowspan > 1 {
		_, _ = w.WriteString(` rowspan="` + strconv.Itoa(c.rowspan) + `"`)
	}
	if cls := c.align.class(); cls != "" {
		_, _ = w.WriteString(` class="` + cls + `"`)
	}
	if c.table.explicit && c.header {
		_, _ = w.WriteString(` id="` + c.id() + `"`)
	}
	if len(c.headers) > 0 {
		_, _ = w.WriteString(` headers="`)
		for i, h := range c.headers {
			if i > 0 {
				_ = w.WriteByte(' ')
			}
			_, _ = w.WriteString(h.id())
		}
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return gast.WalkContinue, nil
}
