package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestIndentJSON: indentJSON gives what encoding/json's indenting encoder gives, for
// the shapes of the data files and strings full of what JSON escapes.
func TestIndentJSON(t *testing.T) {
	for _, v := range []any{
		docData{Format: docFormat, Title: `关于"<script>"\的通知`, Issuers: []string{}, Files: []string{"a", "b"},
			Cites: []docRef{{Number: `乌政发〔2023〕9号\`, Title: "\\\"", Path: "x"}}, CitedBy: []docRef{},
			Source: "---\ntitle: \"a\\\"b\"\n---\n\t\\\\\"\u2028\x01&", Text: `\\\\`},
		catalogData{Title: map[string]string{"zh": "", "mn": `"`}, Issues: []catalogIssue{{Documents: []string{}}}},
		map[string]any{"": []any{}, "a": map[string]any{}, "b": []any{[]any{}, map[string]any{"c": nil}, 1.5, true}},
		[]any{}, "", `"\"`, 0,
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		got, err := marshalJSON(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("got\n%s\nwant\n%s", got, want.Bytes())
		}
	}
}

func FuzzIndentJSON(f *testing.F) {
	f.Add("a", `"\`, 3)
	f.Fuzz(func(t *testing.T, a, b string, n int) {
		v := map[string]any{a: []any{b, n, map[string]any{b: a, "": []any{}}}, b: map[string]any{}}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Skip()
		}
		if got, _ := marshalJSON(v); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("got\n%s\nwant\n%s", got, want.Bytes())
		}
	})
}
