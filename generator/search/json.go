package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Every file of the index is a script that registers its payload with the page:
// gazetteIndex("name", payload);

// scriptStart begins the script of file name in b.
func scriptStart(b []byte, name string) []byte {
	b = append(b, "gazetteIndex("...)
	b = strconv.AppendQuote(b, name)
	return append(b, ',')
}

// scriptEnd ends a script begun by scriptStart.
func scriptEnd(b []byte) []byte { return append(b, ");\n"...) }

// script is the script of file name with v as its payload, encoded as encoding/json
// does, with < > & escaped (\u003c …), the default: content text holding "</script>"
// then stays a string wherever the payload ends up (issue 11).
func script(name string, v any) ([]byte, error) {
	b := bytes.NewBuffer(scriptStart(nil, name))
	if err := json.NewEncoder(b).Encode(v); err != nil {
		return nil, fmt.Errorf("encoding the search index: %w", err)
	}
	return scriptEnd(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// appendJSONString appends s as a JSON string, as encoding/json writes it. Text that
// needs no escaping, nearly all of it, is copied as it is; the rest goes through
// encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshaled(b, s)
			}
			i++
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// A three-byte sequence with no check beyond its continuation bytes, as nearly
			// all of CJK and Mongolian text is: valid, unless it is U+2028 or U+2029,
			// which encoding/json escapes.
			if c == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				return appendMarshaled(b, s)
			}
			i += 3
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
				return appendMarshaled(b, s)
			}
			i += n
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendMarshaled appends s as encoding/json writes it.
func appendMarshaled(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// textsScript is script(name, texts): [["anchor","text"],…].
func textsScript(name string, texts [][2]string) []byte {
	size := len(name) + 24
	for _, t := range texts {
		size += len(t[0]) + len(t[1]) + 8
	}
	b := append(scriptStart(make([]byte, 0, size), name), '[')
	for i, t := range texts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(append(b, '['), t[0]), ',')
		b = append(appendJSONString(b, t[1]), ']')
	}
	return scriptEnd(append(b, ']'))
}

// metaScript is script(name, metas), written field by field as encoding/json writes
// entryMeta.
func metaScript(name string, metas []entryMeta) []byte {
	b := append(scriptStart(make([]byte, 0, len(name)+24+len(metas)*400), name), '[')
	for i := range metas {
		m := &metas[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(b, `{"k":`...), m.Kind)
		b = appendJSONString(append(b, `,"u":`...), m.Path)
		b = appendField(b, `,"a":`, m.Anchor)
		b = appendJSONString(append(b, `,"t":`...), m.Title)
		b = appendField(b, `,"tl":`, m.TitleLang)
		b = appendField(b, `,"bl":`, m.BodyLang)
		b = appendField(b, `,"c":`, m.Context)
		b = appendField(b, `,"n":`, m.Number)
		b = appendField(b, `,"is":`, m.Issue)
		b = appendField(b, `,"d":`, m.Date)
		b = appendField(b, `,"dt":`, m.DateISO)
		b = strconv.AppendInt(append(b, `,"b":`...), int64(m.Block), 10)
		b = strconv.AppendInt(append(b, `,"nb":`...), int64(m.Blocks), 10)
		b = append(b, '}')
	}
	return scriptEnd(append(b, ']'))
}

// appendField appends a string field that is left out when empty (omitempty).
func appendField(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	return appendJSONString(append(b, key...), v)
}
