package chronicle

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindMonth and KindEvent identify the chronicle's block nodes.
var (
	KindMonth = ast.NewNodeKind("ChronicleMonth")
	KindEvent = ast.NewNodeKind("ChronicleEvent")
	kindTime  = ast.NewNodeKind("ChronicleTime")
)

// MonthNode is a month group: its level-2 heading, then whatever follows it, events
// included, up to the next heading of level 2 or 1.
type MonthNode struct {
	ast.BaseBlock
	ID string // m-2023-04; "" when neither the heading nor an event names the month
}

// Kind implements ast.Node.
func (n *MonthNode) Kind() ast.NodeKind { return KindMonth }

// Dump implements ast.Node.
func (n *MonthNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID}, nil)
}

// EventNode is one event: its level-3 date heading, then its blocks up to the next
// heading of level 1, 2 or 3.
type EventNode struct {
	ast.BaseBlock
	Span   Span   // zero when the heading is not a date
	Anchor string // the article id; "" when the heading is not a date
}

// Kind implements ast.Node.
func (n *EventNode) Kind() ast.NodeKind { return KindEvent }

// Dump implements ast.Node.
func (n *EventNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Span": n.Span.String(), "Anchor": n.Anchor}, nil)
}

// timeNode is one printed date inside an event heading, kept as printed.
type timeNode struct {
	ast.BaseInline
	date Date
	text string
}

func (n *timeNode) Kind() ast.NodeKind { return kindTime }

func (n *timeNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Date": n.date.String(), "Text": n.text}, nil)
}

// htmlRenderer writes the chronicle nodes; headings and text inside them are left to
// the renderers already registered.
type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMonth, renderMonth)
	reg.Register(KindEvent, renderEvent)
	reg.Register(kindTime, renderTime)
}

func renderMonth(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</section>\n")
		return ast.WalkContinue, nil
	}
	n := node.(*MonthNode)
	_, _ = w.WriteString(`<section class="chronicle-month"`)
	if n.ID != "" {
		_, _ = w.WriteString(` aria-labelledby="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.ID)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func renderEvent(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</article>\n")
		return ast.WalkContinue, nil
	}
	n := node.(*EventNode)
	_, _ = w.WriteString(`<article class="event"`)
	if n.Anchor != "" {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Anchor)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func renderTime(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*timeNode)
	_, _ = w.WriteString(`<time datetime="` + n.date.String() + `">`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.text)))
	_, _ = w.WriteString("</time>")
	return ast.WalkSkipChildren, nil
}
