package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gazette/generator/build"
	"gazette/generator/content"
	"gazette/generator/diag"
	"gazette/generator/output"
)

// subPath is where the test server mounts the site, as a host serving it from a folder
// would. A root-relative link or asset then points outside the site and fails.
const subPath = "/archive/gazette/"

const (
	tabTimeout   = 60 * time.Second // everything one test does in its tab
	startTimeout = 30 * time.Second // Chromium's start
)

// h is the harness every test shares; TestMain fills it.
var h harness

type harness struct {
	dir     string        // the built site on disk
	site    *content.Site // what the site was built from, for expected titles and paths
	httpURL string        // the site root on the test server, ending in "/"
	fileURL string        // the same folder as a file:// URL, ending in "/"

	// extraRoots are the URLs of sites that a test builds for itself (a fixture with
	// more issues); requests under them count as inside the site. Tests add to it
	// before opening tabs and do not run in parallel.
	extraRoots []string

	// required is set by CI or GAZETTE_REQUIRE_BROWSER: nothing may be skipped.
	required bool

	browser    context.Context // owns the one Chromium; nil when it is missing or broken
	missing    string          // why there is no browser, when it is simply not installed
	startErr   error           // why an installed browser did not start
	chromePath string
}

// http and file give the URL of a site path such as "2023/02/index.html".
func (h *harness) http(p string) string { return h.httpURL + p }
func (h *harness) file(p string) string { return h.fileURL + p }

// siteMode is one way a reader opens the site: its name, and the URL of a path.
type siteMode struct {
	name string
	url  func(string) string
}

// siteModes are both ways: over HTTP, and from disk.
func siteModes() []siteMode { return []siteMode{{"http", h.http}, {"file", h.file}} }

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	h.required = envSet("CI") || envSet("GAZETTE_REQUIRE_BROWSER")
	tmp, err := os.MkdirTemp("", "gazette-browsertest-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	if err := h.buildSite(filepath.Join(tmp, "site")); err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: %v\n", err)
		return 1
	}
	srv := httptest.NewServer(siteHandler(h.dir))
	defer srv.Close()
	h.httpURL = srv.URL + subPath
	h.fileURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(h.dir) + "/"}).String()

	stop := h.startBrowser(filepath.Join(tmp, "chromium-profile"))
	defer stop()
	// What will be skipped is printed here too, so that `go test` without -v shows it.
	switch {
	case h.missing != "" && !h.required:
		fmt.Fprint(os.Stderr, banner(h.missing))
	case h.startErr != nil:
		fmt.Fprintf(os.Stderr, "browsertest: %v\n", h.startErr)
	}
	if _, err := os.Stat(axePath()); err != nil && !h.required && h.browser != nil {
		fmt.Fprint(os.Stderr, banner(axeMissing(axePath())...))
	}
	return m.Run()
}

// buildSite builds the repository's site into dir, as `gazette build` would.
func (h *harness) buildSite(dir string) error {
	res, err := build.Site(build.Inputs{
		Content: os.DirFS("../../content"),
		Layouts: os.DirFS("../../layouts"),
		Static:  os.DirFS("../../static"),
	})
	if err != nil {
		var ce *diag.ContentError
		if errors.As(err, &ce) {
			lines := make([]string, len(ce.List))
			for i, d := range ce.List {
				lines[i] = d.String()
			}
			return fmt.Errorf("building the site:\n%s", strings.Join(lines, "\n"))
		}
		return fmt.Errorf("building the site: %w", err)
	}
	if err := output.Write(res.Tree, dir); err != nil {
		return err
	}
	h.dir, h.site = dir, res.Site
	return nil
}

// siteHandler serves dir under subPath and nothing anywhere else.
//
// http.FileServer answers a request for …/index.html with a redirect to the folder.
// The site's links name index.html on purpose, so that they work from disk, and
// ordinary static hosts serve that file as it is; so does this handler, so that the
// browser's location is the URL the link named.
func siteHandler(dir string) http.Handler {
	root := http.Dir(dir)
	files := http.FileServer(root)
	serve := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Base(r.URL.Path) == "index.html" {
			if f, err := root.Open(r.URL.Path); err == nil {
				defer f.Close()
				if st, err := f.Stat(); err == nil && !st.IsDir() {
					http.ServeContent(w, r, st.Name(), st.ModTime(), f)
					return
				}
			}
		}
		files.ServeHTTP(w, r)
	})
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), serve))
	return mux
}

// startBrowser starts the one Chromium of the test binary with a fresh profile. It
// returns the func that stops it.
func (h *harness) startBrowser(profile string) (stop func()) {
	h.chromePath = findChromium()
	if h.chromePath == "" {
		h.missing = "chromium not found; .ci/run installs it (or: apt-get install -y chromium)"
		if p := os.Getenv("GAZETTE_CHROMIUM"); p != "" {
			h.missing = "GAZETTE_CHROMIUM names " + p + ", which does not exist"
		}
		return func() {}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(h.chromePath),
		// Exactly these flags; chromedp's Headless and DisableGPU options add more.
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop = func() { cancel(); cancelAlloc() }

	// The first Do starts the browser; its context must have no deadline, or the
	// deadline would end the browser, so the wait is bounded here instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	var err error
	select {
	case err = <-started:
	case <-time.After(startTimeout):
		err = fmt.Errorf("no answer within %v", startTimeout)
	}
	if err != nil {
		stop()
		h.startErr = fmt.Errorf("starting %s: %w", h.chromePath, err)
		return func() {}
	}
	h.browser = ctx
	return stop
}

// findChromium returns GAZETTE_CHROMIUM when it is set, else Debian's chromium.
func findChromium() string {
	if p := os.Getenv("GAZETTE_CHROMIUM"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() {
		return "/usr/bin/chromium"
	}
	return ""
}

// envSet reports whether an environment variable is set to something that means yes.
func envSet(name string) bool {
	v := strings.ToLower(os.Getenv(name))
	return v != "" && v != "0" && v != "false"
}

// banner frames a message so that it stands out in a test log.
func banner(lines ...string) string {
	rule := strings.Repeat("=", 78)
	var b strings.Builder
	b.WriteString("\n" + rule + "\n")
	b.WriteString("  SKIPPED in generator/browsertest:\n")
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("  (set CI or GAZETTE_REQUIRE_BROWSER=1 to make this a failure)\n")
	b.WriteString(rule + "\n")
	return b.String()
}

// skipOrFail skips the test with a banner, or fails it when the environment requires
// every browser test to run.
func skipOrFail(t *testing.T, lines ...string) {
	t.Helper()
	if h.required {
		t.Fatal(strings.Join(lines, "\n"))
	}
	t.Skip(banner(lines...))
}

// requireBrowser stops the test when there is no browser to run it in.
func requireBrowser(t *testing.T) {
	t.Helper()
	switch {
	case h.startErr != nil:
		t.Fatal(h.startErr)
	case h.browser == nil:
		skipOrFail(t, h.missing)
	}
}

// keyPage is a page the tests look at closely.
type keyPage struct {
	name string // for file names and messages: home, issue, document, chronicle
	path string // site path, e.g. 2023/02/index.html
}

// The documents the tests need, by 发文字号.
const (
	clickDocNumber = "乌政发〔2023〕9号"   // reached by clicking from the home page
	richDocNumber  = "乌政办发〔2023〕27号" // the 医保 notice, the richest document
)

// keyPages are the home page, the newest issue, the 医保 notice and the newest
// issue's chronicle, found from the content so that the tests follow it.
func keyPages(t *testing.T) []keyPage {
	t.Helper()
	is := newestIssue(t)
	var chron *content.Document
	for _, d := range is.Documents {
		if d.IsChronicle() {
			chron = d
			break
		}
	}
	if chron == nil {
		t.Fatalf("issue %s has no chronicle (大事记) to test", is.Dir)
	}
	return []keyPage{
		{"home", "index.html"},
		{"issue", is.Dir + "/index.html"},
		{"document", findDoc(t, richDocNumber).Path() + "/index.html"},
		{"chronicle", chron.Path() + "/index.html"},
	}
}

func newestIssue(t *testing.T) *content.Issue {
	t.Helper()
	if len(h.site.Issues) == 0 {
		t.Fatal("the content has no issues")
	}
	return h.site.Issues[len(h.site.Issues)-1]
}

func findDoc(t *testing.T, number string) *content.Document {
	t.Helper()
	for _, is := range h.site.Issues {
		for _, d := range is.Documents {
			if d.Number == number {
				return d
			}
		}
	}
	t.Fatalf("no document numbered %s in the content", number)
	return nil
}

// sitePages lists every HTML page of the built site, sorted.
func sitePages(t *testing.T) []string {
	t.Helper()
	var pages []string
	err := fs.WalkDir(os.DirFS(h.dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}
