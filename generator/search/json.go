package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"gazette/generator/internal/jsonstr"
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
		b = append(jsonstr.Append(append(b, '['), t[0]), ',')
		b = append(jsonstr.Append(b, t[1]), ']')
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
		b = jsonstr.Append(append(b, `{"k":`...), m.Kind)
		b = jsonstr.Append(append(b, `,"u":`...), m.Path)
		b = appendField(b, `,"a":`, m.Anchor)
		b = jsonstr.Append(append(b, `,"t":`...), m.Title)
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
	return jsonstr.Append(append(b, key...), v)
}
