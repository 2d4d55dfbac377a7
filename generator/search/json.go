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

// appendJSONString appends s as a JSON string, as encoding/json would write it. Terms
// are letters, digits and ideographs, which need no escaping; anything else goes
// through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	for i := 0; i < len(s); i++ {
		// 0xE2 starts U+2028 and U+2029, which encoding/json escapes.
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xE2 {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
