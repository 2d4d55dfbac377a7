package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// tab is one browser tab of one test. It records, from the moment it opens, what a
// reader would see as a broken page: console errors, uncaught exceptions, browser
// log errors, failed requests and requests that leave the site.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	urls     map[network.RequestID]string
	ignored  map[network.RequestID]bool
	problems []string
}

// newTab opens a fresh tab in the shared browser; it closes when the test ends.
func newTab(t *testing.T) *tab {
	t.Helper()
	requireBrowser(t)
	tb := &tab{t: t, urls: map[network.RequestID]string{}, ignored: map[network.RequestID]bool{}}
	ctx, closeTab := chromedp.NewContext(h.browser, chromedp.WithListener(tb.listen))
	ctx, cancel := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(func() {
		cancel()
		closeTab()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tb.ctx = ctx
	return tb
}

// listen runs on the tab's event loop: it must be quick and send no command.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			tb.note("console.%s: %s", ev.Type, remoteText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		tb.note("uncaught exception: %s", exceptionText(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		// Network entries repeat what the network events below report.
		if e := ev.Entry; e.Level == log.EntryLevelError && e.Source != log.EntrySourceNetwork {
			tb.note("browser %s error: %s %s", e.Source, e.Text, e.URL)
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		tb.urls[ev.RequestID] = u
		if implicitFavicon(ev) {
			// Chrome asks for /favicon.ico at the host root after the load event when a
			// page declares no icon. When it arrives depends on timing, so it is not
			// counted here; TestEveryLinkResolves checks that every page declares one.
			tb.ignored[ev.RequestID] = true
			return
		}
		if !insideSite(u) {
			tb.note("request outside the site: %s", u)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !tb.ignored[ev.RequestID] {
			tb.note("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	case *network.EventLoadingFailed:
		// A request canceled by the next navigation is not the page's fault.
		if !ev.Canceled && !tb.ignored[ev.RequestID] {
			tb.note("request failed (%s): %s", ev.ErrorText, tb.urls[ev.RequestID])
		}
	}
}

func (tb *tab) note(format string, args ...any) {
	tb.problems = append(tb.problems, fmt.Sprintf(format, args...))
}

// implicitFavicon reports whether a request is the browser's own request for
// /favicon.ico at the root of the host, made because the page declares no icon.
func implicitFavicon(ev *network.EventRequestWillBeSent) bool {
	if ev.Type != network.ResourceTypeOther {
		return false
	}
	u, err := url.Parse(ev.Request.URL)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Path == "/favicon.ico"
}

func insideSite(u string) bool {
	for _, root := range h.extraRoots {
		if strings.HasPrefix(u, root) {
			return true
		}
	}
	return strings.HasPrefix(u, h.httpURL) || strings.HasPrefix(u, h.fileURL) ||
		strings.HasPrefix(u, "data:") || u == "about:blank"
}

func remoteText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// expectClean fails the test for every problem the tab recorded since the last call,
// naming what was being looked at.
func (tb *tab) expectClean(what string) {
	tb.t.Helper()
	tb.mu.Lock()
	ps := tb.problems
	tb.problems = nil
	tb.mu.Unlock()
	for _, p := range ps {
		tb.t.Errorf("%s: %s", what, p)
	}
}

// open loads a URL and waits for its load event.
func (tb *tab) open(u string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(u)); err != nil {
		tb.t.Fatalf("opening %s: %v", u, err)
	}
}

// follow clicks the first element that sel matches, as a reader would, and waits for
// the page it leads to.
func (tb *tab) follow(sel string) {
	tb.t.Helper()
	click := chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, click)); err != nil {
		tb.t.Fatalf("clicking %s: %v", sel, err)
	}
}

func (tb *tab) location() string {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("reading the location: %v", err)
	}
	return loc
}

// awaitLocation waits up to d for the tab to be at want, and gives where it is then. A
// read that a navigation interrupts (the page it asked went away) is tried again.
func (tb *tab) awaitLocation(want string, d time.Duration) string {
	tb.t.Helper()
	var loc string
	var err error
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if loc, err = chromedp.Run(tb.ctx, chromedp.Location()); err == nil && loc == want {
			return loc
		}
	}
	if err != nil {
		tb.t.Fatalf("reading the location: %v", err)
	}
	return loc
}

func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval runs JavaScript in the tab's page, awaits a promise result, and decodes the
// result into T.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		first, _, _ := strings.Cut(strings.TrimSpace(js), "\n")
		tb.t.Fatalf("evaluating %s…: %v", first, err)
	}
	return v
}
