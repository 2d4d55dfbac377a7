package browsertest

import (
	"io/fs"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"gazette/generator/build"
	"gazette/generator/output"
)

// TestFollowCrossReference reads a later issue whose notice cites the 医保 notice of
// 2023年第2期 by its 发文字号 (written with [] brackets) and by the title of the plan it
// issues: clicking the number leads to the cited notice, which lists the citing notice
// under "cited by", and that link leads back. The fixture issue lives in
// testdata/xref and is laid over the bundled content.
func TestFollowCrossReference(t *testing.T) {
	requireBrowser(t)
	dir := buildWithFixture(t, "testdata/xref")
	srv := httptest.NewServer(siteHandler(dir))
	t.Cleanup(srv.Close)
	roots := map[string]string{
		"http": srv.URL + subPath,
		"file": (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String(),
	}
	h.extraRoots = append(h.extraRoots, roots["http"], roots["file"])
	const (
		citing = "2023/03/wu-zheng-ban-fa-2023-40-hao/index.html"
		cited  = "2023/02/wu-zheng-ban-fa-2023-27-hao/index.html"
	)
	for _, mode := range []string{"http", "file"} {
		t.Run(mode, func(t *testing.T) {
			tb := newTab(t)
			tb.open(roots[mode] + citing)
			links := eval[[]string](tb, `Array.from(document.querySelectorAll(".doc-body a.xref"), a => a.textContent)`)
			if len(links) != 2 || links[0] != "乌政办发[2023]27号" || !strings.HasPrefix(links[1], "《乌审旗“医保+X+1”") {
				t.Fatalf("citing notice: cross-reference links %q, want the number and the 《title》", links)
			}
			tb.follow(`.doc-body a.xref`)
			if got, want := tb.location(), roots[mode]+cited; got != want {
				t.Fatalf("the 发文字号 link led to\n\t%s\nwant\n\t%s", got, want)
			}
			h1 := eval[string](tb, `document.querySelector("h1").textContent`)
			if !strings.Contains(h1, "医保+X+1") {
				t.Errorf("cited page h1 = %q", h1)
			}
			citedBy := eval[string](tb, `(document.querySelector("section.cited-by") || {textContent: ""}).textContent`)
			if !strings.Contains(citedBy, "医保服务下沉工作进展情况的通报") {
				t.Fatalf("cited page: cited-by section %q does not list the citing notice", citedBy)
			}
			tb.follow(`section.cited-by a`)
			if got, want := tb.location(), roots[mode]+citing; got != want {
				t.Errorf("the cited-by link led to\n\t%s\nwant\n\t%s", got, want)
			}
			tb.expectClean("following a cross-reference")
		})
	}
}

// buildWithFixture builds the bundled content with the files of fixture laid over it,
// into a temporary folder.
func buildWithFixture(t *testing.T, fixture string) string {
	t.Helper()
	m := fstest.MapFS{}
	for _, root := range []string{"../../content", fixture} {
		err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(filepath.Join(root, p))
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	res, err := build.Site(build.Inputs{Content: m, Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")})
	if err != nil {
		t.Fatalf("building the fixture site: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(res.Tree, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}
