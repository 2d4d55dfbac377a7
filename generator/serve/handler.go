package serve

import (
	"bytes"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

// The server's own files live under this path, which no page of the site uses.
const ownPrefix = "/_gazette/"

var (
	//go:embed live.js
	liveJS []byte
	//go:embed live.css
	liveCSS []byte
)

// contentTypes are the types of the files a site has; others come from the system's
// table, then from sniffing.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".atom":  "application/atom+xml; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".ics":   "text/calendar; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".webp":  "image/webp",
	".ico":   "image/vnd.microsoft.icon",
	".pdf":   "application/pdf",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
}

// ContentType is the Content-Type the server sends for a file of the site.
func ContentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// ServeHTTP serves the site, the event stream and the server's own files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if s.opt.LocalOnly && !localHost(r.Host) {
		http.Error(w, "gazette serve answers only requests for localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch "/" + p {
	case ownPrefix + "events":
		s.events(w, r)
		return
	case ownPrefix + "live.js":
		s.own(w, r, "live.js", liveJS)
		return
	case ownPrefix + "live.css":
		s.own(w, r, "live.css", liveCSS)
		return
	}
	if strings.HasPrefix("/"+p, ownPrefix) {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	site, build, overlay := s.site, s.build, s.overlay
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	if site == nil {
		msg := "正在构建网站……完成后页面会自动刷新。" // the first build is running
		if overlay != nil {
			msg = "网站尚未构建成功。改正问题并保存后，页面会自动刷新。"
		}
		s.page(w, r, http.StatusServiceUnavailable, "index.html", []byte(fmt.Sprintf(noSitePage, msg)), build, overlay)
		return
	}
	file := p
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if b, ok := site.Get(file); ok {
		if !strings.HasPrefix(ContentType(file, b), "text/html") {
			// Stylesheets, scripts, fonts and the search index are revalidated by
			// their SHA-256 rather than sent again: every open page reloads after a
			// rebuild, which changes few of them. A page carries the build's
			// live-reload state, so it is always sent whole.
			if sum, ok := site.Sum(file); ok {
				w.Header().Set("Cache-Control", "no-cache")
				w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
			}
		}
		s.page(w, r, http.StatusOK, file, b, build, overlay)
		return
	}
	if _, ok := site.Get(file + "/index.html"); ok {
		// A folder named without its slash: relative links in its page need one.
		target := path.Base(file) + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	b, ok := site.Get("404.html")
	if !ok {
		b = []byte("<!DOCTYPE html><title>404</title><p>404 page not found</p>")
	}
	s.page(w, r, http.StatusNotFound, "404.html", b, build, overlay)
}

// sitePath is the file a URL path names in the site, without its leading slash. It
// refuses what could step outside the site: a .. segment (net/http has decoded %2e%2e
// and %2f already), a backslash, a NUL.
func sitePath(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	p := urlPath[1:]
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if strings.Contains(p, "//") {
		return "", false
	}
	return p, true
}

// page sends a file of the site; an HTML page gets the live-reload script, and the
// problems dialog while the last build failed.
func (s *Server) page(w http.ResponseWriter, r *http.Request, status int, name string, b []byte, build string, overlay []byte) {
	ct := ContentType(name, b)
	if strings.HasPrefix(ct, "text/html") {
		b = inject(b, build, overlay)
	}
	w.Header().Set("Content-Type", ct)
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

func (s *Server) own(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	w.Header().Set("Content-Type", ContentType(name, b))
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// inject adds the server's stylesheet to the head of an HTML page, and the problems
// dialog and the live-reload script to the end of its body.
func inject(page []byte, build string, overlay []byte) []byte {
	head := `<link rel="stylesheet" href="` + ownPrefix + `live.css">` + "\n"
	tail := string(overlay) + "\n" + `<script src="` + ownPrefix + `live.js" data-build="` +
		html.EscapeString(build) + `" data-events="` + ownPrefix + `events" defer></script>` + "\n"
	out := make([]byte, 0, len(page)+len(head)+len(tail))
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		out = append(append(append(out, page[:i]...), head...), page[i:]...)
	} else {
		out = append(append(out, head...), page...)
	}
	if i := bytes.LastIndex(out, []byte("</body>")); i >= 0 {
		rest := append([]byte(tail), out[i:]...)
		return append(out[:i], rest...)
	}
	return append(out, tail...)
}

// noSitePage is served while no build has succeeded yet, with what is happening.
const noSitePage = `<!DOCTYPE html>
<html lang="zh-Hans">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>gazette serve</title></head>
<body><main><h1>gazette serve</h1><p>%s</p></main></body>
</html>
`

// localHost reports whether a request's Host names this machine: localhost, a name
// under .localhost, or a loopback address.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
