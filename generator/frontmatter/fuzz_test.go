package frontmatter

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gazette/generator/diag"
)

// FuzzSplitDecode feeds arbitrary files through Normalize, Split and Decode, as the
// loader does. Nothing may panic, the body must keep the file's line numbering, and
// every diagnostic must point at a line the file has. Seeds: the committed corpus in
// testdata/fuzz/FuzzSplitDecode, the cases below and the bundled content's files.
func FuzzSplitDecode(f *testing.F) {
	for _, s := range []string{
		"",
		"---",
		"---\n",
		"---\n---\n",
		"---\ntitle: x\n---\nbody\n",
		"\ufeff---\r\ntitle: x\r\n---\r\nbody",
		"---\ntitle: [a, b\n---\n",
		"---\ntitle: x\ntitle: y\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ndate: 2023-02-30\npage: 1.5\nissuers: {a: b}\n---\n",
		"---\na: &x [*x]\n---\n",
		"---\n\t: x\n---\n",
		"---\ntitel: x\n---\n",
		"---\n%YAML 1.1\n---\n",
		"---\nk: !!binary x\n---\n",
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../content/*/*/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		src = Normalize(src)
		fm, body, err := Split(src)
		if err != nil {
			return
		}
		if fm == nil {
			if !bytes.Equal(body, src) {
				t.Fatalf("no front matter, but the body is not the file")
			}
		} else {
			checkLineNumbering(t, src, body)
		}
		var (
			title, text string
			list        []string
			n           int
			date        time.Time
			loc         map[string]string
			diags       diag.List
		)
		Decode("f.md", fm, []Field{
			{Name: "title", Required: true, Decode: String(&title)},
			{Name: "text", Decode: String(&text)},
			{Name: "issuers", Decode: Strings(&list)},
			{Name: "page", Decode: Int(&n)},
			{Name: "date", Decode: Date(&date)},
			{Name: "site", Decode: Localized(&loc)},
		}, &diags)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range diags {
			if d.File != "f.md" || d.Line < 1 || d.Line > lines || d.Msg == "" {
				t.Errorf("diagnostic %q is not at a line of the %d-line file", d.String(), lines)
			}
		}
	})
}

// checkLineNumbering asserts what Split promises: the body is the text after the
// closing --- with every line above it blanked, so offsets in it fall on file lines.
func checkLineNumbering(t *testing.T, src, body []byte) {
	t.Helper()
	rest := bytes.TrimLeft(body, "\n")
	if !bytes.HasSuffix(src, rest) {
		t.Fatalf("the body's text %q is not the end of the file", rest)
	}
	blank := len(body) - len(rest)
	if len(rest) > 0 {
		if want := bytes.Count(src[:len(src)-len(rest)], []byte("\n")); blank != want {
			t.Fatalf("body text starts after %d blank lines, in the file after %d lines", blank, want)
		}
	}
}
