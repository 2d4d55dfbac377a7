package render

import "testing"

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
