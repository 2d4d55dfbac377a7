package synth

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// issueFile is an issue's _index.md: its front matter and the bundled issue's 简介.
func (g *generator) issueFile(is *issue) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\nyear: %d\nnumber: %d\ndate: %s\nsections: [%s]\n---\n\n",
		is.year, is.number, is.date.Format(time.DateOnly), strings.Join(sections, ", "))
	b.Write(g.pool.issueBody)
	return b.Bytes()
}

// document writes d's front matter and body.
func (g *generator) document(d *doc) (front, body []byte) {
	var f bytes.Buffer
	f.WriteString("---\n")
	field := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&f, "%s: %s\n", key, yamlString(value))
		}
	}
	field("title", d.title)
	field("section", d.section)
	field("date", d.date.Format(time.DateOnly))
	field("number", d.number)
	quoted := make([]string, len(d.issuers))
	for i, s := range d.issuers {
		quoted[i] = yamlString(s)
	}
	fmt.Fprintf(&f, "issuers: [%s]\n", strings.Join(quoted, ", "))
	field("addressees", d.addressees)
	field("encloses", d.encloses)
	fmt.Fprintf(&f, "page: %d\nweight: %d\n", d.page, d.weight)
	if d.chronicle {
		f.WriteString("type: chronicle\n")
	}
	f.WriteString("---\n\n")
	if d.chronicle {
		return f.Bytes(), g.chronicle(d)
	}
	return f.Bytes(), g.notice(d)
}

// notice writes the body of an ordinary document: 主送机关, the opening (with its
// citation), the 落款, the plan it issues if any, numbered parts drawn from the pool
// until the target size, and the annex table.
func (g *generator) notice(d *doc) []byte {
	var b bytes.Buffer
	para := func(s string) { b.WriteString(s); b.WriteString("\n\n") }
	para(d.addressees + "：")
	opening := g.sentence(d.subj)
	if c := d.cite; c != nil {
		name := c.title
		if c.encloses != "" && g.rng.IntN(2) == 0 {
			name = c.encloses
		}
		switch r := g.rng.IntN(20); {
		case r < 9:
			opening = fmt.Sprintf("根据《%s》（%s）精神，%s", name, c.number, opening)
		case r < 16:
			opening = fmt.Sprintf("按照%s文件要求，%s", c.number, opening)
		default:
			opening = fmt.Sprintf("为贯彻落实《%s》，%s", name, opening)
		}
	}
	signature := strings.Join(d.issuers, "\\\n") + "\\\n" + chineseDate(d.date) + "\n\n"
	var annex string
	if d.table {
		annex = g.table(d.subj, d.size/2)
	}
	if d.encloses != "" {
		para(opening + fmt.Sprintf("现将《%s》印发给你们，请结合实际，认真贯彻落实。", d.encloses))
		b.WriteString(signature)
		signature = ""
		para("## " + d.encloses)
		para(g.paragraph(d.subj))
	} else {
		para(opening)
	}
	room := maxBody - len(signature) - len(annex)
	for part := 1; b.Len() < d.size-len(signature)-len(annex) && part < 100; part++ {
		head := fmt.Sprintf("### %s、%s\n\n", chineseNumber(part), g.pick(g.pool.headings))
		if b.Len()+len(head) > room {
			break
		}
		b.WriteString(head)
		style, items := g.rng.IntN(3), 1+g.rng.IntN(4)
		for i := 1; i <= items && b.Len() < d.size-len(signature)-len(annex); i++ {
			var p string
			switch style {
			case 0:
				p = g.paragraph(d.subj) + "\n\n"
			case 1:
				p = fmt.Sprintf("（%s）%s。%s\n\n", chineseNumber(i), g.pick(d.subj.leads), g.paragraph(d.subj))
			default:
				p = fmt.Sprintf("#### （%s）%s\n\n%d\\. %s。%s\n\n", chineseNumber(i), g.pick(d.subj.leads), i, g.pick(d.subj.leads), g.paragraph(d.subj))
			}
			if b.Len()+len(p) > room {
				break
			}
			b.WriteString(p)
		}
	}
	b.WriteString(signature)
	b.WriteString(annex)
	return endLine(b.Bytes())
}

// chronicle writes the month the issue covers as dated events drawn from the pool's
// events, in date order, several a day when the month is busy.
func (g *generator) chronicle(d *doc) []byte {
	var b bytes.Buffer
	month := int(d.issue.date.Month())
	last := d.issue.date.Day()
	fmt.Fprintf(&b, "## %s月份\n\n", chineseNumber(month))
	// About 400 bytes an event: advance the day so that the events fill the month.
	advance := min(1, float64(last)*400/float64(d.size))
	day := 1
	for b.Len() < d.size {
		heading := fmt.Sprintf("%d月%d日", month, day)
		if day < last && g.rng.IntN(5) == 0 {
			heading += fmt.Sprintf("至%d日", day+1+g.rng.IntN(min(3, last-day)))
		}
		ev := g.pool.events[g.rng.IntN(len(g.pool.events))]
		text := "### " + heading + "\n\n" + strings.Join(ev, "\n\n") + "\n\n"
		if b.Len()+len(text) > maxBody {
			break
		}
		b.WriteString(text)
		if day < last && g.rng.Float64() < advance {
			day++
		}
	}
	return endLine(b.Bytes())
}

// table writes an annex: a real table's header rows whole and a run of its body rows
// that starts on a row of its own (a ^^ there would merge into the header) and holds at
// least one merged cell, kept under about max bytes.
func (g *generator) table(s *subject, max int) string {
	t := s.tables[g.rng.IntN(len(s.tables))]
	var starts []int
	for i, r := range t.rows {
		if !merged(r) && i+1 < len(t.rows) {
			starts = append(starts, i)
		}
	}
	start := starts[g.rng.IntN(len(starts))]
	end := start + 2 + g.rng.IntN(20)
	var b strings.Builder
	b.WriteString("## 附件1\n\n")
	if t.caption != "" {
		fmt.Fprintf(&b, "Table: %s\n\n", t.caption)
	}
	for _, h := range t.head {
		b.WriteString(h + "\n")
	}
	hasMerge := false
	for i := start; i < len(t.rows) && (i < end || !hasMerge); i++ {
		if b.Len()+len(t.rows[i]) > max && hasMerge {
			break
		}
		b.WriteString(t.rows[i] + "\n")
		hasMerge = hasMerge || merged(t.rows[i])
	}
	b.WriteString("\n")
	return b.String()
}

// merged reports whether a row has a cell merged into the one above.
func merged(row string) bool {
	for _, c := range cells(row) {
		if c == "^^" {
			return true
		}
	}
	return false
}

// sentence is one sentence of a subject.
func (g *generator) sentence(s *subject) string { return g.pick(s.sentences) }

// paragraph is two to five sentences of a subject.
func (g *generator) paragraph(s *subject) string {
	var b strings.Builder
	for n := 2 + g.rng.IntN(4); n > 0; n-- {
		b.WriteString(g.sentence(s))
	}
	return b.String()
}

// endLine ends a body with exactly one newline.
func endLine(b []byte) []byte { return append(bytes.TrimRight(b, "\n"), '\n') }

func chineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// yamlString writes s as a YAML scalar, quoted when it holds anything YAML would read
// as syntax.
func yamlString(s string) string {
	if s != "" && !strings.ContainsAny(s, ":#[]{},&*!|>'\"%@`\\") && strings.TrimSpace(s) == s &&
		!strings.ContainsAny(s[:1], "-?") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
