// Package jsonstr writes JSON strings byte for byte as encoding/json writes them,
// without reflection: the site's data files and its search index write many long
// Chinese and Mongolian texts, which encoding/json decodes character by character.
package jsonstr

import "unicode/utf8"

// jsonEscapes marks the ASCII bytes that encoding/json escapes in strings.
var jsonEscapes = func() (t [utf8.RuneSelf]bool) {
	for b := range utf8.RuneSelf {
		t[b] = b < 0x20 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// Append appends s as a JSON string, escaped as encoding/json escapes it
// (HTML escaping on): text is copied in runs between the bytes that need escaping.
// Where encoding/json decodes every character that is not ASCII, this checks the two-
// and three-byte forms in place (Chinese and Mongolian are all three bytes) and leaves
// only the rest to the utf8 package.
func Append(dst []byte, s string) []byte {
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
