package render

// The UI strings a page prints ({{$.S.key}}) are the same on every page of a language,
// yet each costs what any printed value costs: a map lookup and an html/template
// escaper called by reflection, two dozen of them on a document's page. So each
// language has its own copy of the layouts, in which each such action is replaced by
// the text it prints: the layouts stay as written, and the pages come out byte for byte
// the same.
//
// Only what is certain to come out the same is replaced: an action that prints .S.key
// or $.S.key where the dot or $ is the page, whose key the language defines, and that
// html/template escapes as HTML text, as a quoted attribute value or as RCDATA, where
// it writes a plain string the same way (escapeUIStrings). html/template decides how
// to escape an action when it first executes a template, so the layouts are executed
// once for it to do so before their actions are looked at; an action escaped in any
// other way (a URL, a script) stays as it is. Were html/template to name its escapers
// otherwise, no action would be replaced and the pages would still be the same.

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/template/parse"
)

// escapedAsText are the escapers html/template ends an action with where it writes a
// plain string HTML-escaped: in text, in a quoted attribute value, in RCDATA (<title>).
var escapedAsText = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// errNoPage stops the execution of the layouts without a page that has them escaped.
var errNoPage = errors.New("no page")

// inlineUIStrings replaces, in the layouts t of one language, each action printing one
// of its UI strings by the text it prints (texts, by key: escapeUIStrings), and returns
// how many it replaced.
func inlineUIStrings(t *template.Template, texts map[string]string) int {
	// Executing base escapes it and every template it calls; without a page, the
	// execution then stops at the first value it reads (chrome returns errNoPage).
	// A layout html/template cannot escape keeps its error for the first page.
	_ = t.ExecuteTemplate(io.Discard, "base", nil)
	if base := t.Lookup("base"); base == nil || base.Tree == nil {
		return 0
	}
	n := 0
	for name := range pageTemplates(t) {
		if tmpl := t.Lookup(name); tmpl != nil && tmpl.Tree != nil {
			n += inlineList(tmpl.Tree.Root, texts, true)
		}
	}
	return n
}

// escapeUIStrings gives each of the UI strings strs as html/template writes a plain
// string in HTML text.
func escapeUIStrings(strs map[string]string) (map[string]string, error) {
	t, err := template.New("").Parse("{{.}}")
	if err != nil {
		return nil, err
	}
	texts := make(map[string]string, len(strs))
	var b strings.Builder
	for key, s := range strs {
		b.Reset()
		if err := t.Execute(&b, s); err != nil {
			return nil, fmt.Errorf("UI string %q: %w", key, err)
		}
		texts[key] = b.String()
	}
	return texts, nil
}

// inlineList replaces the actions of list that print a UI string (texts, by key,
// escaped) by their text; dotIsPage tells whether the dot is the page there.
func inlineList(list *parse.ListNode, texts map[string]string, dotIsPage bool) int {
	if list == nil {
		return 0
	}
	n := 0
	for i, node := range list.Nodes {
		switch node := node.(type) {
		case *parse.ActionNode:
			if text, ok := uiStringText(node, texts, dotIsPage); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: node.Pos, Text: []byte(text)}
				n++
			}
		case *parse.ListNode:
			n += inlineList(node, texts, dotIsPage)
		case *parse.IfNode:
			n += inlineList(node.List, texts, dotIsPage) + inlineList(node.ElseList, texts, dotIsPage)
		case *parse.RangeNode: // the dot is an element, $ still the page
			n += inlineList(node.List, texts, false) + inlineList(node.ElseList, texts, false)
		case *parse.WithNode:
			n += inlineList(node.List, texts, false) + inlineList(node.ElseList, texts, false)
		}
	}
	return n
}

// uiStringText gives the text the escaped action a prints when it prints a UI string.
func uiStringText(a *parse.ActionNode, texts map[string]string, dotIsPage bool) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 1 || len(p.Cmds[1].Args) != 1 {
		return "", false
	}
	if esc, ok := p.Cmds[1].Args[0].(*parse.IdentifierNode); !ok || !escapedAsText[esc.Ident] {
		return "", false
	}
	var ident []string
	switch v := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode: // .S.key
		if !dotIsPage {
			return "", false
		}
		ident = v.Ident
	case *parse.VariableNode: // $.S.key
		if len(v.Ident) == 0 || v.Ident[0] != "$" {
			return "", false
		}
		ident = v.Ident[1:]
	default:
		return "", false
	}
	if len(ident) != 2 || ident[0] != "S" {
		return "", false
	}
	text, ok := texts[ident[1]]
	return text, ok
}

// pageTemplates names the templates of t executed with the page as their data: base,
// and those that every {{template}} calling them hands the page (the dot where it is
// the page, or $) from a template that has it.
func pageTemplates(t *template.Template) map[string]bool {
	calls := map[string][]templateCall{} // by template called
	for _, tmpl := range t.Templates() {
		if tmpl.Tree != nil {
			collectCalls(tmpl.Name(), tmpl.Tree.Root, true, calls)
		}
	}
	page := map[string]bool{"base": true}
	for changed := true; changed; {
		changed = false
		for name, cs := range calls {
			if page[name] {
				continue
			}
			all := true
			for _, c := range cs {
				all = all && c.page && page[c.from]
			}
			if all {
				page[name], changed = true, true
			}
		}
	}
	return page
}

// templateCall is a {{template}} action: the template it is in, and whether it hands
// the called template that template's data.
type templateCall struct {
	from string
	page bool
}

// collectCalls adds the {{template}} actions of list, in the template from, to calls.
func collectCalls(from string, list *parse.ListNode, dotIsData bool, calls map[string][]templateCall) {
	if list == nil {
		return
	}
	for _, node := range list.Nodes {
		switch node := node.(type) {
		case *parse.TemplateNode:
			calls[node.Name] = append(calls[node.Name], templateCall{from: from, page: handsData(node.Pipe, dotIsData)})
		case *parse.ListNode:
			collectCalls(from, node, dotIsData, calls)
		case *parse.IfNode:
			collectCalls(from, node.List, dotIsData, calls)
			collectCalls(from, node.ElseList, dotIsData, calls)
		case *parse.RangeNode:
			collectCalls(from, node.List, false, calls)
			collectCalls(from, node.ElseList, false, calls)
		case *parse.WithNode:
			collectCalls(from, node.List, false, calls)
			collectCalls(from, node.ElseList, false, calls)
		}
	}
}

// handsData reports whether the pipeline of a {{template}} is the data of the template
// it is in: the dot where the dot is the data, or $.
func handsData(p *parse.PipeNode, dotIsData bool) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch v := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return dotIsData
	case *parse.VariableNode:
		return len(v.Ident) == 1 && v.Ident[0] == "$"
	}
	return false
}
