package serve

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"

	"gazette/generator/diag"
)

// Problem is one reason a build failed, at the place an editor opens.
type Problem struct {
	File string // relative to the folder serve runs in: content/2023/02/x.md; "" if unknown
	Line int    // 0 when unknown
	Col  int
	Msg  string
}

// String is file:line:col: message, the form terminals and editors make clickable.
func (p Problem) String() string {
	switch {
	case p.File == "":
		return p.Msg
	case p.Line == 0:
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	case p.Col == 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// Where names the place alone: file:line.
func (p Problem) Where() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

var (
	// templateAt finds the place html/template names in its errors:
	// "template: document.html:12:5: executing …" or "template: base.html:3: unexpected …".
	templateAt = regexp.MustCompile(`template: ([^:\s]+\.html):(\d+)(?::(\d+))?: `)
	// yamlAt finds a UI strings file and the line the YAML decoder names:
	// "layouts/strings/zh.yaml: yaml: line 3: …".
	yamlAt = regexp.MustCompile(`layouts/(strings/[^:\s]+\.yaml): yaml: line (\d+): `)
)

// problems turns a failed build's error into problems with places: every content
// diagnostic, or the template or strings file the layouts error names. content and
// layouts are the folders as the user named them ("" for built-in layouts).
func problems(err error, content, layouts string) []Problem {
	var ce *diag.ContentError
	if errors.As(err, &ce) {
		out := make([]Problem, len(ce.List))
		for i, d := range ce.List {
			out[i] = Problem{File: path.Join(content, d.File), Line: d.Line, Col: d.Col, Msg: d.Msg}
			if d.File == "" || d.File == "." {
				out[i].File = content
			}
		}
		return out
	}
	msg := err.Error()
	dir := layouts
	if dir == "" {
		dir = "(built-in layouts)"
	}
	if m := templateAt.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return []Problem{{File: path.Join(dir, m[1]), Line: line, Col: col, Msg: msg}}
	}
	if m := yamlAt.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return []Problem{{File: path.Join(dir, m[1]), Line: line, Msg: msg}}
	}
	return []Problem{{Msg: msg}}
}
