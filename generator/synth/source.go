package synth

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gazette/generator/content"
	"gazette/generator/docnum"
)

// pool is the text of the bundled issue cut into the pieces documents are assembled
// from. Every slice is in the order the source holds it, so that the same source and
// seed always draw the same pieces.
type pool struct {
	siteYAML   []byte   // site.yaml, copied as is
	issueBody  []byte   // the text under _index.md's front matter
	headings   []string // level-3 heading texts without their numbering: 指导思想
	addressees []string // 主送机关 lines
	events     [][]string
	// subjects holds the text of each document of the source. A synthetic document
	// draws its title and body from one of them, so that words stay with their subject
	// as in a real gazette: 医保 is frequent in some documents and absent from most.
	subjects []*subject
}

// subject is the text of one document of the source.
type subject struct {
	sentences []string // 。-terminated sentences of running text
	leads     []string // the short lead clause of numbered paragraphs: 健全促进依法行政制度
	topics    []string // short subjects titles are made from: 单位参保登记
	tables    []sourceTable
}

// sourceTable is one pipe table of the source, kept line by line.
type sourceTable struct {
	caption string   // without "Table: "; may be empty
	head    []string // header rows and the |---| row
	rows    []string // body rows
}

var (
	// enumerator matches the printed numbering in front of a heading or paragraph:
	// 一、 （一） (二) 1. 1\. 1、
	enumerator = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]\s*|\d+(?:\\\.|\.|、|．)\s*)`)
	// markup holds the characters that would make a sentence mean something else as
	// Markdown or HTML when it moves to another place.
	markup = "\\|<>*_[]`#&~"
)

// readSource cuts the bundled content folder into a pool.
func readSource(src fs.FS) (*pool, error) {
	site, diags := content.Load(src)
	if err := diags.Err(); err != nil {
		return nil, fmt.Errorf("source content: %w", err)
	}
	if site == nil || len(site.Issues) == 0 {
		return nil, fmt.Errorf("source content has no issue")
	}
	p := &pool{}
	var err error
	if p.siteYAML, err = fs.ReadFile(src, "site.yaml"); err != nil {
		return nil, fmt.Errorf("source content: %w", err)
	}
	seen := map[string]bool{}
	var topics []string // every subject's, for subjects with too few of their own
	var tables []sourceTable
	for _, is := range site.Issues {
		if p.issueBody == nil {
			p.issueBody = []byte(strings.TrimSpace(string(is.Body)) + "\n")
		}
		for _, d := range is.Documents {
			if d.IsChronicle() {
				p.readChronicle(string(d.Body))
				continue
			}
			if !seen[d.Addressees] && d.Addressees != "" {
				seen[d.Addressees] = true
				p.addressees = append(p.addressees, d.Addressees)
			}
			s := p.readDocument(string(d.Body))
			if len(s.sentences) >= 10 {
				p.subjects = append(p.subjects, s)
				topics = append(topics, s.topics...)
				tables = append(tables, s.tables...)
			}
		}
	}
	if len(p.subjects) == 0 || len(p.headings) == 0 || len(p.addressees) == 0 || len(p.events) == 0 || len(tables) == 0 || len(topics) < 10 {
		return nil, fmt.Errorf("source content is too small to draw a corpus from: %d documents with 10 sentences or more, %d headings, %d addressee lines, %d chronicle events, %d tables, %d title topics",
			len(p.subjects), len(p.headings), len(p.addressees), len(p.events), len(tables), len(topics))
	}
	for _, s := range p.subjects {
		if len(s.topics) < 10 {
			s.topics = topics
		}
		if len(s.tables) == 0 {
			s.tables = tables
		}
		if len(s.leads) == 0 {
			s.leads = s.topics
		}
	}
	return p, nil
}

// readDocument cuts one document body into a subject, and adds its headings to the
// pool's.
func (p *pool) readDocument(body string) *subject {
	s := &subject{}
	type entry struct {
		list *[]string
		s    string
	}
	seen := map[entry]bool{}
	for _, h := range p.headings {
		seen[entry{&p.headings, h}] = true
	}
	addTo := func(list *[]string, s string) {
		if e := (entry{list, s}); s != "" && !seen[e] {
			seen[e] = true
			*list = append(*list, s)
		}
	}
	lines := strings.Split(body, "\n")
	caption := ""
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == "":
		case strings.HasPrefix(line, "Table:"):
			caption = strings.TrimSpace(strings.TrimPrefix(line, "Table:"))
		case strings.HasPrefix(line, "|"):
			j := i
			for j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|") {
				j++
			}
			s.readTable(caption, lines[i:j], addTo)
			caption = ""
			i = j - 1
		case strings.HasPrefix(line, "#"):
			level := len(line) - len(strings.TrimLeft(line, "#"))
			text := clean(enumerator.ReplaceAllString(strings.TrimSpace(line[level:]), ""))
			text = strings.TrimSuffix(text, "。")
			switch {
			case level == 3 && isPhrase(text, 2, 12):
				addTo(&p.headings, text)
			case level == 4 && isPhrase(text, 4, 20):
				addTo(&s.leads, text)
			}
		case strings.HasSuffix(line, "\\"), strings.HasSuffix(line, "："), strings.HasSuffix(line, ":"):
			// signature lines and the 主送机关 line belong to their document
		default:
			text := enumerator.ReplaceAllString(line, "")
			if text != line {
				if lead, rest, ok := strings.Cut(text, "。"); ok && isPhrase(lead, 4, 20) {
					addTo(&s.leads, lead)
					text = rest
				}
			}
			for _, t := range splitSentences(text) {
				addTo(&s.sentences, t)
			}
		}
	}
	for _, l := range s.leads {
		if isPhrase(l, 4, 14) {
			addTo(&s.topics, l)
		}
	}
	return s
}

// readTable keeps a table whose shape is sound (a |---| row and body rows under it) and
// takes the short subjects in its cells as title topics.
func (s *subject) readTable(caption string, lines []string, addTo func(*[]string, string)) {
	t := sourceTable{caption: caption}
	delim := -1
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if delim < 0 && strings.Trim(l, "|-: ") == "" {
			delim = i
		}
		if delim < 0 || i == delim {
			t.head = append(t.head, l)
		} else {
			t.rows = append(t.rows, l)
		}
	}
	if delim < 0 || len(t.rows) < 2 {
		return
	}
	s.tables = append(s.tables, t)
	header := cells(t.head[0])
	for _, r := range t.rows {
		for i, c := range cells(r) {
			if i < len(header) && topicColumns[header[i]] && isPhrase(c, 4, 14) {
				addTo(&s.topics, c)
			}
		}
	}
}

// topicColumns are the table columns that name subjects of government work rather than
// people, offices or dates.
var topicColumns = map[string]bool{"服务事项名称": true, "子项目": true, "下沉": true, "工作任务": true}

func cells(row string) []string {
	row = strings.Trim(strings.TrimSpace(row), "|")
	parts := strings.Split(row, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// readChronicle keeps each event of a chronicle as its paragraphs.
func (p *pool) readChronicle(body string) {
	var ev []string
	flush := func() {
		if len(ev) > 0 {
			p.events = append(p.events, ev)
		}
		ev = nil
	}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			flush()
		case strings.ContainsAny(line, markup) || docnum.Find(line) != nil:
		default:
			ev = append(ev, line)
		}
	}
	flush()
}

// splitSentences cuts running text after each 。 and keeps the sentences that can stand
// anywhere: long enough, starting with a letter or an opening mark, free of Markdown
// syntax and of 发文字号 (a number of the bundled issue would be an unresolved citation
// in the corpus).
func splitSentences(text string) []string {
	var out []string
	for text != "" {
		i := strings.Index(text, "。")
		var s string
		if i < 0 {
			s, text = text, ""
		} else {
			s, text = text[:i+len("。")], text[i+len("。"):]
		}
		s = strings.TrimSpace(s)
		r, _ := utf8.DecodeRuneInString(s)
		if utf8.RuneCountInString(s) < 10 || !strings.HasSuffix(s, "。") || strings.ContainsAny(s, markup) ||
			!(unicode.Is(unicode.Han, r) || strings.ContainsRune("“《（", r)) || docnum.Find(s) != nil {
			continue
		}
		out = append(out, s)
	}
	return out
}

// isPhrase reports whether s is a short run of Han characters (with the quotes and
// plus signs of names such as “医保+X+1”) of min to max characters.
func isPhrase(s string, min, max int) bool {
	n := utf8.RuneCountInString(s)
	if n < min || n > max {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("“”+", r) {
			return false
		}
	}
	return true
}

// clean drops the characters that would need escaping when a phrase moves into a
// heading or a title.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if strings.ContainsRune(markup, r) {
			return -1
		}
		return r
	}, s))
}
