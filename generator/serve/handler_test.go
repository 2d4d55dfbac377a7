package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"gazette/generator/build"
	"gazette/generator/output"
)

// served is a Server publishing a small tree, without building.
func served(t *testing.T, files map[string]string, local bool) *httptest.Server {
	t.Helper()
	tree := output.NewTree()
	for p, b := range files {
		if err := tree.Add(p, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	s := New(Options{LocalOnly: local})
	s.publish(tree, nil)
	srv := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); srv.Close() })
	return srv
}

var smallSite = map[string]string{
	"index.html":                  "<!DOCTYPE html><html><head><title>首页</title></head><body><p>首页</p></body></html>",
	"404.html":                    "<!DOCTYPE html><html><head><title>404</title></head><body><p>没有这一页</p></body></html>",
	"2023/02/index.html":          "<!DOCTYPE html><html><head></head><body><p>第2期</p></body></html>",
	"css/site.css":                "body{}",
	"js/search.js":                "1;",
	"fonts/noto.woff2":            "wOF2",
	"2023/02/doc/tbl-1.csv":       "a,b\n",
	"timeline/events.ics":         "BEGIN:VCALENDAR\r\n",
	"feed.xml":                    "<?xml version=\"1.0\"?><feed/>",
	"catalog.json":                "{}",
	"2023/02/doc/source/doc.md":   "---\n",
	"2023/02/doc/index.html":      "<!DOCTYPE html><html><head></head><body><p>文件</p></body></html>",
	"search/manifest.js":          "m;",
	"2023/02/doc/with space.html": "<p>x</p>",
}

func get(t testing.TB, method, url, host string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestHandlerPaths(t *testing.T) {
	srv := served(t, smallSite, false)
	for _, c := range []struct {
		path   string
		status int
		has    string // in the body
		typ    string // Content-Type prefix
		loc    string // Location, for redirects
	}{
		{"/", 200, "首页", "text/html; charset=utf-8", ""},
		{"/index.html", 200, "首页", "text/html", ""},
		{"/2023/02/", 200, "第2期", "text/html", ""},
		{"/2023/02/index.html", 200, "第2期", "text/html", ""},
		{"/2023/02", 301, "", "", "/2023/02/"},
		{"/2023/02?x=1", 301, "", "", "/2023/02/?x=1"},
		{"/nowhere/", 404, "没有这一页", "text/html", ""},
		{"/css/site.css", 200, "body{}", "text/css; charset=utf-8", ""},
		{"/js/search.js", 200, "1;", "text/javascript; charset=utf-8", ""},
		{"/search/manifest.js", 200, "m;", "text/javascript", ""},
		{"/fonts/noto.woff2", 200, "wOF2", "font/woff2", ""},
		{"/2023/02/doc/tbl-1.csv", 200, "a,b", "text/csv; charset=utf-8", ""},
		{"/timeline/events.ics", 200, "BEGIN:VCALENDAR", "text/calendar; charset=utf-8", ""},
		{"/feed.xml", 200, "<feed/>", "application/xml", ""},
		{"/catalog.json", 200, "{}", "application/json", ""},
		{"/2023/02/doc/source/doc.md", 200, "---", "text/markdown; charset=utf-8", ""},
		{"/2023/02/doc/with%20space.html", 200, "<p>x</p>", "text/html", ""},
		// Ways out of the site, encoded or not, are refused.
		{"/../etc/passwd", 400, "", "", ""},
		{"/2023/../../etc/passwd", 400, "", "", ""},
		{"/%2e%2e/etc/passwd", 400, "", "", ""},
		{"/2023/%2e%2e/%2e%2e/etc/passwd", 400, "", "", ""},
		{"/2023%2f..%2f..%2fetc/passwd", 400, "", "", ""},
		{"/..%5c..%5cetc/passwd", 400, "", "", ""},
		{"/2023/02/./index.html", 400, "", "", ""},
		{"/index.html%00.css", 400, "", "", ""},
		{"/_gazette/nothing", 404, "", "", ""},
	} {
		// The client would clean some of these paths itself: send them as written.
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		req.URL.Opaque = c.path
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		r, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != c.status {
			t.Errorf("GET %s: status %d, want %d", c.path, r.StatusCode, c.status)
			continue
		}
		if c.has != "" && !strings.Contains(string(b), c.has) {
			t.Errorf("GET %s: body %q lacks %q", c.path, b, c.has)
		}
		if c.typ != "" && !strings.HasPrefix(r.Header.Get("Content-Type"), c.typ) {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, r.Header.Get("Content-Type"), c.typ)
		}
		if c.loc != "" && r.Header.Get("Location") != c.loc {
			t.Errorf("GET %s: Location %q, want %q", c.path, r.Header.Get("Location"), c.loc)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options: nosniff", c.path)
		}
	}
}

func TestHandlerMethods(t *testing.T) {
	srv := served(t, smallSite, false)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		res, _ := get(t, m, srv.URL+"/index.html", "")
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: status %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	res, body := get(t, http.MethodHead, srv.URL+"/css/site.css", "")
	if res.StatusCode != 200 || body != "" || res.Header.Get("Content-Length") != "6" {
		t.Errorf("HEAD: status %d, body %q, length %q", res.StatusCode, body, res.Header.Get("Content-Length"))
	}
}

// TestHandlerLocalOnly: a server on a loopback address answers only requests naming a
// local host, so that a page from elsewhere cannot read it through DNS rebinding.
func TestHandlerLocalOnly(t *testing.T) {
	srv := served(t, smallSite, true)
	for host, want := range map[string]int{
		"":                       200, // 127.0.0.1:port, from httptest
		"localhost:1313":         200,
		"preview.localhost":      200,
		"[::1]:1313":             200,
		"127.0.0.2":              200,
		"evil.example:1313":      403,
		"192.168.1.5:1313":       403,
		"localhost.evil.example": 403,
	} {
		if res, _ := get(t, http.MethodGet, srv.URL+"/", host); res.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, res.StatusCode, want)
		}
	}
}

// TestInjection: the server adds its script and stylesheet to HTML pages only, and the
// built site never contains them.
func TestInjection(t *testing.T) {
	srv := served(t, smallSite, false)
	_, page := get(t, http.MethodGet, srv.URL+"/2023/02/", "")
	for _, want := range []string{`<link rel="stylesheet" href="/_gazette/live.css">` + "\n</head>",
		`<script src="/_gazette/live.js" data-build="`, `data-events="/_gazette/events" defer></script>` + "\n</body>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "gazette-problems") {
		t.Error("a page shows the problems dialog, though the build succeeded")
	}
	for _, p := range []string{"/css/site.css", "/js/search.js", "/feed.xml", "/catalog.json"} {
		if _, body := get(t, http.MethodGet, srv.URL+p, ""); strings.Contains(body, "_gazette") {
			t.Errorf("%s: the reload script was added to a file that is not a page", p)
		}
	}
	for _, p := range []string{"/_gazette/live.js", "/_gazette/live.css"} {
		if res, body := get(t, http.MethodGet, srv.URL+p, ""); res.StatusCode != 200 || len(body) < 100 {
			t.Errorf("%s: status %d, %d bytes", p, res.StatusCode, len(body))
		}
	}

	res, err := build.Site(build.Inputs{Content: os.DirFS("../../content"), Layouts: os.DirFS("../../layouts"), Static: os.DirFS("../../static")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Tree.Paths() {
		if b, _ := res.Tree.Get(p); strings.Contains(string(b), "_gazette") || strings.Contains(string(b), "gazette-problems") {
			t.Errorf("the built site's %s contains serve's additions", p)
		}
	}
}

// TestHandlerRevalidates checks that a page is never cached and that the other files
// are revalidated by their content: unchanged, a reload gets 304 and no body.
func TestHandlerRevalidates(t *testing.T) {
	srv := served(t, smallSite, false)
	res, _ := get(t, "GET", srv.URL+"/2023/02/", "")
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" || res.Header.Get("ETag") != "" {
		t.Errorf("a page: Cache-Control %q, ETag %q; want no-store and none", cc, res.Header.Get("ETag"))
	}
	res, body := get(t, "GET", srv.URL+"/css/site.css", "")
	etag := res.Header.Get("ETag")
	if res.StatusCode != 200 || body != "body{}" || res.Header.Get("Cache-Control") != "no-cache" || len(etag) != 34 {
		t.Fatalf("css: %d %q, Cache-Control %q, ETag %q", res.StatusCode, body, res.Header.Get("Cache-Control"), etag)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/css/site.css", nil)
	req.Header.Set("If-None-Match", etag)
	again, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(again.Body)
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified || len(b) != 0 {
		t.Errorf("css revalidated with its ETag: %d with %d bytes, want 304 and none", again.StatusCode, len(b))
	}
	_, other := get(t, "GET", srv.URL+"/js/search.js", "")
	res, _ = get(t, "GET", srv.URL+"/js/search.js", "")
	if res.Header.Get("ETag") == etag || other != "1;" {
		t.Errorf("two files with different bytes share the ETag %s", etag)
	}
}
