// Package diag is the vocabulary every stage uses to report problems in content.
//
// Stages never stop at the first problem: they collect diagnostics, each naming a file
// and a line, and return them all. A List is sorted by file, line and column so that two
// runs over the same content print the same report.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity separates problems that stop a build from remarks that do not.
type Severity int

const (
	// Error makes check fail and build refuse to write output.
	Error Severity = iota
	// Note is worth telling the editor but never fails anything.
	Note
)

// Diagnostic is one problem found in one place of one content file.
type Diagnostic struct {
	File     string // slash-separated path relative to the content root
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based, counted in runes; 0 when unknown
	Severity Severity
	Msg      string
}

// String renders the diagnostic as file:line:col: message, the form editors and
// terminals turn into clickable locations.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Note {
		b.WriteString("note: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List collects diagnostics from any number of stages.
type List []Diagnostic

// Add appends an error at file:line.
func (l *List) Add(file string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// AddNote appends a note at file:line.
func (l *List) AddNote(file string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Severity: Note, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line, column, then message.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Errors returns only the diagnostics of severity Error.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Notes returns only the diagnostics of severity Note.
func (l List) Notes() List {
	var out List
	for _, d := range l {
		if d.Severity == Note {
			out = append(out, d)
		}
	}
	return out
}

// Err returns nil when the list holds no errors, and otherwise an error whose message
// is every error, one per line.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return &ContentError{List: errs}
}

// ContentError reports that content is invalid; callers exit with status 1 for it,
// unlike failures of the machine (disk, permissions).
type ContentError struct{ List List }

func (e *ContentError) Error() string {
	lines := make([]string, len(e.List))
	for i, d := range e.List {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
