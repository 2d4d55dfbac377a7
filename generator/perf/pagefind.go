package perf

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pagefindPage runs a query the way Pagefind's own UI does for its first screen:
// search, then the data (URL, title, excerpt) of the first shown results. It sets
// window.pfDone to {n: results} or {error}: an object, which polling sees as done even
// when there are no results.
const pagefindPage = `<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><title>query</title></head><body>
<script type="module">
try {
  const pf = await import("/pagefind/pagefind.js");
  await pf.init();
  const r = await pf.search(%q);
  await Promise.all(r.results.slice(0, %d).map((x) => x.data()));
  window.pfDone = {n: r.results.length};
} catch (e) {
  window.pfDone = {error: String(e)};
}
</script></body></html>
`

// pagefindDone is window.pfDone: the number of results, or the error.
type pagefindDone struct {
	N     *int   `json:"n"`
	Error string `json:"error"`
}

// PagefindQuery is what one Pagefind query downloaded, split into index data and
// Pagefind's own code (its scripts and WebAssembly), which a page loads once.
type PagefindQuery struct {
	Query      string
	DataBytes  int64
	CodeBytes  int64
	Results    int
	Files      []string
	Downloaded map[string]int64
}

// PagefindFirstQueries serves site (which Pagefind has indexed) over HTTP and runs each
// query in a fresh headless Chromium tab with the cache disabled, counting the bytes of
// every file under /pagefind/ the tab requests. lang is the page language Pagefind
// picks its index by (e.g. zh-Hans).
func PagefindFirstQueries(chromium, site, lang string, queries []string, shown int) ([]PagefindQuery, error) {
	var mu sync.Mutex
	counts := map[string]int64{}
	files := http.FileServer(http.Dir(site))
	var page []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/__query.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			mu.Lock()
			b := page
			mu.Unlock()
			w.Write(b)
			return
		}
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		if strings.HasPrefix(r.URL.Path, "/pagefind/") {
			mu.Lock()
			counts[r.URL.Path] += cw.n
			mu.Unlock()
		}
	}))
	defer srv.Close()

	var out []PagefindQuery
	for _, q := range queries {
		mu.Lock()
		page = fmt.Appendf(nil, pagefindPage, lang, q, shown)
		clear(counts)
		mu.Unlock()
		// A new browser for every query: Pagefind's worker fetches outside the tab's
		// cache setting, so only a fresh profile makes every query a first one.
		tab, cancelTab, err := freshBrowser(chromium)
		if err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
		err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
			return err
		}), chromedp.Navigate(srv.URL+"/__query.html"))
		var done pagefindDone
		if err == nil {
			done, err = chromedp.Run(ctx, chromedp.Poll[pagefindDone]("window.pfDone", chromedp.WithPollingTimeout(2*time.Minute)))
		}
		cancel()
		cancelTab()
		if err != nil {
			return nil, fmt.Errorf("pagefind query %q: %w", q, err)
		}
		if done.N == nil {
			return nil, fmt.Errorf("pagefind query %q: %s", q, done.Error)
		}
		res := PagefindQuery{Query: q, Results: *done.N, Downloaded: map[string]int64{}}
		mu.Lock()
		for p, b := range counts {
			res.Files = append(res.Files, p)
			res.Downloaded[p] = b
			if isPagefindCode(p) {
				res.CodeBytes += b
			} else {
				res.DataBytes += b
			}
		}
		mu.Unlock()
		sort.Strings(res.Files)
		out = append(out, res)
	}
	return out, nil
}

// freshBrowser starts headless Chromium with an empty profile; cancel stops it and
// removes the profile.
func freshBrowser(chromium string) (context.Context, context.CancelFunc, error) {
	profile, err := os.MkdirTemp("", "gazette-perf-chromium-")
	if err != nil {
		return nil, nil, err
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
	)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	cancel := func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(profile)
	}
	if err := chromedp.Do(browser); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	return browser, cancel, nil
}

// isPagefindCode tells Pagefind's program files (loaded once per page, the same for
// every query) from its index data.
func isPagefindCode(p string) bool {
	ext := filepath.Ext(p)
	return ext == ".js" || ext == ".css" || strings.Contains(p, "wasm")
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}
