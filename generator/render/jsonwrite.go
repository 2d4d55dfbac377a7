package render

import (
	"strconv"

	"gazette/generator/internal/jsonstr"
)

// jsonWriter appends JSON without reflection, byte for byte as encoding/json writes
// it (strings escaped the same way, < > & included, see marshalJSON) and, when
// indent is set, laid out as marshalJSON lays it out: two spaces a level, {} and []
// for what is empty. The data files of documents (appendDocJSON) and the JSON-LD of
// their pages are written this way, thousands per build; encoding/json followed by
// re-indenting cost several times as much, mostly in reflection and in decoding every
// character of the long texts.
//
// The caller writes the members in order: key (objects) or elem (arrays) before each
// value; open and close around objects and arrays.
type jsonWriter struct {
	buf    []byte
	indent bool
	depth  int
	empty  bool // the object or array last opened has no member yet
}

// open starts an object ('{') or an array ('[').
func (w *jsonWriter) open(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = true
}

// close ends the object ('}') or array (']') last opened.
func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.buf = append(w.buf, c)
	w.empty = false
}

// elem starts a member of an array.
func (w *jsonWriter) elem() {
	if !w.empty {
		w.buf = append(w.buf, ',')
	}
	w.empty = false
	w.newline()
}

// key starts a member of an object; k is written as it is, so it must need no
// escaping.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, k...)
	w.buf = append(w.buf, '"', ':')
	if w.indent {
		w.buf = append(w.buf, ' ')
	}
}

func (w *jsonWriter) newline() {
	if !w.indent {
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, ' ', ' ')
	}
}

func (w *jsonWriter) string(s string) { w.buf = jsonstr.Append(w.buf, s) }

// escaped writes s, or json, the JSON string of s made already, when there is one.
func (w *jsonWriter) escaped(json []byte, s string) {
	if json == nil {
		w.string(s)
		return
	}
	w.buf = append(w.buf, json...)
}

// stringMembers writes members whose values are strings: key, value, key, value …
func (w *jsonWriter) stringMembers(kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.key(kv[i])
		w.string(kv[i+1])
	}
}

func (w *jsonWriter) int(n int) { w.buf = strconv.AppendInt(w.buf, int64(n), 10) }

func (w *jsonWriter) bool(b bool) { w.buf = strconv.AppendBool(w.buf, b) }

func (w *jsonWriter) null() { w.buf = append(w.buf, "null"...) }

// strings writes an array of strings.
func (w *jsonWriter) strings(ss []string) {
	w.open('[')
	for _, s := range ss {
		w.elem()
		w.string(s)
	}
	w.close(']')
}
