package render_test

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/build"
	"gazette/generator/synth"
)

// layoutsWith copies the repository's layouts, with edit applied to the text of file.
func layoutsWith(t *testing.T, file string, edit func(string) string) fstest.MapFS {
	t.Helper()
	return mapDir(t, "../../layouts", func(p string, b []byte) []byte {
		if p == file {
			return []byte(edit(string(b)))
		}
		return b
	})
}

// mapDir copies the folder dir into memory, each file's bytes through edit when it is
// not nil.
func mapDir(t *testing.T, dir string, edit func(p string, b []byte) []byte) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(dir + "/" + p)
		if edit != nil {
			b = edit(p, b)
		}
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestChromeIsTheInlineMarkup builds sites with base.html as it is, its chrome parts
// rendered once and reused, and with each chrome call made an ordinary template call
// on the page, and wants every file the same: pages at every depth, in both
// languages, of every kind, with and without highlighted code.
func TestChromeIsTheInlineMarkup(t *testing.T) {
	synthetic := fstest.MapFS{}
	if _, err := synth.Generate(synth.ToMap(synthetic), synth.Options{Docs: 40, PerIssue: 12, Seed: 3, Source: os.DirFS("../../content")}); err != nil {
		t.Fatal(err)
	}
	inline := layoutsWith(t, "base.html", func(s string) string {
		if !strings.Contains(s, `{{chrome "`) {
			t.Fatal(`base.html calls no chrome: the test has nothing to compare`)
		}
		return strings.ReplaceAll(s, `{{chrome "`, `{{template "`)
	})
	for name, content := range map[string]fs.FS{"bundled": os.DirFS("../../content"), "synthetic": synthetic} {
		t.Run(name, func(t *testing.T) {
			in := build.Inputs{Content: content, Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")}
			reused, err := build.Site(in)
			if err != nil {
				t.Fatal(err)
			}
			in.Layouts = inline
			want, err := build.Site(in)
			if err != nil {
				t.Fatal(err)
			}
			paths := want.Tree.Paths()
			if got := reused.Tree.Paths(); strings.Join(got, "\n") != strings.Join(paths, "\n") {
				t.Fatalf("the sites have different files: %d and %d", len(got), len(paths))
			}
			for _, p := range paths {
				a, _ := reused.Tree.Get(p)
				b, _ := want.Tree.Get(p)
				if string(a) != string(b) {
					t.Errorf("%s differs from the page rendered without reusing chrome:\n%s", p, firstDiff(string(a), string(b)))
				}
			}
		})
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  …" + a[from:min(len(a), i+80)] + "\nwant: …" + b[from:min(len(b), i+80)]
}

// TestChromeSeesOnlyChrome: a chrome part that reads what differs from page to page
// (here the title) fails the build rather than showing one page's title on all, with
// an error that names the line of the part, not of the chrome call.
func TestChromeSeesOnlyChrome(t *testing.T) {
	in := build.Inputs{Content: os.DirFS("../../content"), Static: os.DirFS("../../static")}
	line := 0
	in.Layouts = layoutsWith(t, "base.html", func(s string) string {
		i := strings.Index(s, `{{define "masthead"}}`)
		if i < 0 {
			t.Fatal(`base.html defines no "masthead"`)
		}
		line = strings.Count(s[:i], "\n") + 1
		return strings.Replace(s, `{{define "masthead"}}`, `{{define "masthead"}}{{.Title}}`, 1)
	})
	_, err := build.Site(in)
	if err == nil || !strings.Contains(err.Error(), "Title") || !strings.Contains(err.Error(), "Chrome") {
		t.Fatalf("build with a chrome part reading .Title = %v, want an error naming the field and Chrome", err)
	}
	msg := err.Error()
	if at := fmt.Sprintf("template: base.html:%d:", line); !strings.HasPrefix(msg[strings.Index(msg, "template: "):], at) {
		t.Errorf("error %q, want it to name %s first", msg, at)
	}
}

// TestMissingUIStringFails: .S.key with a key no strings file defines is an error, as
// T reports one, not an empty string.
func TestMissingUIStringFails(t *testing.T) {
	in := build.Inputs{Content: os.DirFS("../../content"), Static: os.DirFS("../../static")}
	in.Layouts = layoutsWith(t, "404.html", func(s string) string {
		return strings.Replace(s, `{{$.S.not_found_text}}`, `{{$.S.not_found_txt}}`, 1)
	})
	_, err := build.Site(in)
	if err == nil || !strings.Contains(err.Error(), "not_found_txt") {
		t.Fatalf("build with an unknown UI string = %v, want an error naming it", err)
	}
}
