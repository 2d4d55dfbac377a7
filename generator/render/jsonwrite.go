package render

import (
	"strconv"
	"unicode/utf8"
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

func (w *jsonWriter) string(s string) { w.buf = appendJSONString(w.buf, s) }

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

// jsonEscapes marks the ASCII bytes that encoding/json escapes in strings.
var jsonEscapes = func() (t [utf8.RuneSelf]bool) {
	for b := range utf8.RuneSelf {
		t[b] = b < 0x20 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json escapes it
// (HTML escaping on): text is copied in runs between the bytes that need escaping.
// Where encoding/json decodes every character that is not ASCII, this checks the two-
// and three-byte forms in place (Chinese and Mongolian are all three bytes) and leaves
// only the rest to the utf8 package.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonEscapes[b] {
				dst = append(dst, s[start:i]...)
				dst = appendJSONEscape(dst, b)
				start = i + 1
			}
			i++
			continue
		}
		// Three bytes, leaving out the lead bytes E0 and ED, whose second byte has a
		// narrower range (no overlong forms, no surrogates).
		if b >= 0xE1 && b != 0xED && b <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if b == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) { // U+2028, U+2029
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				start = i + 3
			}
			i += 3
			continue
		}
		if b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			start = i + 1
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONEscape appends the escape of an ASCII byte that JSON strings do not hold
// as it is.
func appendJSONEscape(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}
