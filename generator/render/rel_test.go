package render

import (
	"path"
	"strings"
	"testing"
)

func TestRel(t *testing.T) {
	for _, tc := range []struct{ from, file, want string }{
		{"", "index.html", "index.html"},
		{"", "2023/02/index.html", "2023/02/index.html"},
		{"2023/02", "index.html", "../../index.html"},
		{"2023/02", "2023/02/a/index.html", "a/index.html"},
		{"2023/02/a", "2023/02/b/index.html", "../b/index.html"},
		{"2023/02/a", "2023/03/c/index.html", "../../03/c/index.html"},
		{"2023/02/a", "css/site.css", "../../../css/site.css"},
		{"mn", "mn/2023/02/index.html", "2023/02/index.html"},
		{"mn/2023/02/a", "2023/02/a/index.html", "../../../../2023/02/a/index.html"},
		{"mn/2023/02/a", "mn/2023/02/a/index.html", "index.html"},
		{"documents/by-date", "documents/index.html", "../index.html"},
	} {
		if got := Rel(tc.from, tc.file); got != tc.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tc.from, tc.file, got, tc.want)
		}
	}
}

// relSplit is Rel as first written, splitting both paths: the reference the faster
// Rel must agree with.
func relSplit(from, file string) string {
	file = path.Clean(file)
	if from == "" {
		return file
	}
	fromParts := strings.Split(from, "/")
	fileParts := strings.Split(file, "/")
	common := 0
	for common < len(fromParts) && common < len(fileParts)-1 && fromParts[common] == fileParts[common] {
		common++
	}
	return strings.Repeat("../", len(fromParts)-common) + strings.Join(fileParts[common:], "/")
}

func TestRelAgreesWithSplitting(t *testing.T) {
	dirs := []string{"", "a", "b", "mn", "a/b", "a/c", "mn/a", "mn/a/b", "a/b/c", "a/b/c/d", "mn/a/b/c", "a//b", "a/"}
	files := []string{"index.html", "css/site.css", "a/index.html", "a/b/index.html", "a/b/c/index.html",
		"a/c/index.html", "mn/index.html", "mn/a/index.html", "mn/a/b/index.html", "b/a/index.html",
		"a/b", "a", "./a/../a/b/index.html", "a//b/index.html"}
	for _, from := range dirs {
		for _, file := range files {
			want := relSplit(from, file)
			if got := Rel(from, file); got != want {
				t.Errorf("Rel(%q, %q) = %q, splitting gives %q", from, file, got, want)
			}
			if !relIs(from, file, want) {
				t.Errorf("relIs(%q, %q, %q) = false, want true", from, file, want)
			}
			for _, other := range []string{"", "index.html", "../" + want, want[min(3, len(want)):], "..." + want, "../../../../../index.html"} {
				if other != want && relIs(from, file, other) {
					t.Errorf("relIs(%q, %q, %q) = true, Rel gives %q", from, file, other, want)
				}
			}
		}
	}
}
