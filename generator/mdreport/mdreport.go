// Package mdreport lets goldmark extensions report content problems without failing.
//
// goldmark parsing never fails, so an extension that finds invalid input (a table merge
// with nothing to merge into, a chronicle heading that is not a date) records a Problem
// in the parser.Context and renders what it can. The caller collects the problems after
// parsing and turns their byte offsets into file:line diagnostics with Position.
package mdreport

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/parser"
)

// Problem is one invalid construct, located by its byte offset in the parsed source.
type Problem struct {
	Offset int
	Msg    string
	// Note marks a remark that does not fail the build: the extension repaired the
	// content (dropped a dangerous link, capped nesting) and says what it did.
	Note bool
}

// key is created once; goldmark context keys are identities, not mutable state.
var key = parser.NewContextKey()

// Report records a problem at the given byte offset of the source being parsed.
func Report(pc parser.Context, offset int, format string, args ...any) {
	ps, _ := pc.Get(key).([]Problem)
	pc.Set(key, append(ps, Problem{Offset: offset, Msg: fmt.Sprintf(format, args...)}))
}

// Note records a remark at the given byte offset: something was repaired, not refused.
func Note(pc parser.Context, offset int, format string, args ...any) {
	ps, _ := pc.Get(key).([]Problem)
	pc.Set(key, append(ps, Problem{Offset: offset, Msg: fmt.Sprintf(format, args...), Note: true}))
}

// Problems returns what was reported while parsing with pc, ordered by offset.
func Problems(pc parser.Context) []Problem {
	ps, _ := pc.Get(key).([]Problem)
	out := append([]Problem(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// Position converts a byte offset of source into a 1-based line and rune column.
func Position(source []byte, offset int) (line, col int) {
	if offset > len(source) {
		offset = len(source)
	}
	if offset < 0 {
		offset = 0
	}
	line, start := 1, 0
	for i := 0; i < offset; i++ {
		if source[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(source[start:offset]) + 1
}
