package browsertest

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pageLinks is what a page links to and which ids it has, read in the browser.
type pageLinks struct {
	Links []struct {
		Tag   string `json:"tag"`
		Attr  string `json:"attr"`
		Rel   string `json:"rel"`
		Value string `json:"value"`
	} `json:"links"`
	IDs []string `json:"ids"`
}

const readLinksJS = `(() => {
	const links = [];
	for (const [sel, attr] of [["a[href]", "href"], ["link[href]", "href"], ["script[src]", "src"], ["img[src]", "src"]]) {
		for (const el of document.querySelectorAll(sel)) {
			links.push({tag: el.localName, attr, rel: el.getAttribute("rel") || "", value: el.getAttribute(attr)});
		}
	}
	return {links, ids: Array.from(document.querySelectorAll("[id]"), el => el.id)};
})()`

// TestEveryLinkResolves crawls the site over HTTP under the sub-path, starting from
// index.html, and then visits any page no link reached (404.html). On every page it
// checks each a[href], link[href], script[src] and img[src]: the link is relative and
// stays inside the site, its target file exists, a link to a folder names its
// index.html (so the site works from disk), and a #fragment names an id of the target
// page. It fails on console errors and failed or outside requests while loading each
// page, and on pages that declare no icon (the browser would then fetch /favicon.ico
// from the root of the host, outside the site).
func TestEveryLinkResolves(t *testing.T) {
	tb := newTab(t)
	pages := map[string]*pageLinks{} // by site path
	var order []string
	visit := func(p string) {
		if redirects(t, p) { // an identifier page leaves at once: read it unopened (archive_test.go)
			pl := readRedirectLinks(tb, p)
			pages[p] = &pl
			order = append(order, p)
			return
		}
		tb.open(h.http(p))
		tb.expectClean(p)
		pl := eval[pageLinks](tb, readLinksJS)
		pages[p] = &pl
		order = append(order, p)
	}

	// Crawl: breadth first from the home page.
	queue := []string{"index.html"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if pages[p] != nil {
			continue
		}
		visit(p)
		for _, l := range pages[p].Links {
			if target, _, problem := linkTarget(p, l.Value); problem == "" && strings.HasSuffix(target, ".html") && pages[target] == nil {
				queue = append(queue, target)
			}
		}
	}
	for _, p := range sitePages(t) {
		if pages[p] == nil {
			t.Logf("%s is not linked from any page reached from index.html; checking it anyway", p)
			visit(p)
		}
	}

	// Check every link of every page, now that every page's ids are known.
	var noIcon []string
	for _, p := range order {
		hasIcon := false
		for _, l := range pages[p].Links {
			if l.Tag == "link" && slices.Contains(strings.Fields(strings.ToLower(l.Rel)), "icon") {
				hasIcon = true
			}
			where := p + `: <` + l.Tag + ` ` + l.Attr + `="` + l.Value + `">`
			target, fragment, problem := linkTarget(p, l.Value)
			switch {
			case problem != "":
				t.Errorf("%s: %s", where, problem)
			case target == "" || fragment == "" || fragment == "top" || !strings.HasSuffix(target, ".html"):
			case pages[target] == nil:
				t.Errorf("%s: %s was never loaded, so the fragment #%s cannot be checked", where, target, fragment)
			case !slices.Contains(pages[target].IDs, fragment):
				t.Errorf("%s: %s has no element with id=%q", where, target, fragment)
			}
		}
		if !hasIcon {
			noIcon = append(noIcon, p)
		}
	}
	if len(noIcon) > 0 {
		t.Errorf("%d of %d pages declare no <link rel=\"icon\">, so browsers request /favicon.ico from the root of the host, outside the site (a 404 under %s): %s",
			len(noIcon), len(order), subPath, strings.Join(noIcon, ", "))
	}
}

// linkTarget resolves a link found on page (a site path) to the site path of its
// target and its fragment. For a link that is not a relative link to an existing file
// of the site it returns a problem. mailto: and tel: links have no target and no
// problem: following them makes no request, and neither does a data: URL.
func linkTarget(page, raw string) (target, fragment, problem string) {
	if strings.TrimSpace(raw) == "" {
		return "", "", "empty link"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", "unparsable link: " + err.Error()
	}
	switch {
	case u.Scheme == "mailto" || u.Scheme == "tel" || u.Scheme == "data":
		return "", "", ""
	case u.Scheme != "" || u.Host != "":
		return "", "", "absolute URL: links must be relative, and the site makes no requests to other sites"
	case strings.HasPrefix(u.Path, "/"):
		return "", "", "root-relative link: it leaves the site when the site is served under a sub-path or opened from disk"
	case u.Path == "":
		return page, u.Fragment, "" // a fragment (or query) on the same page
	}
	target = path.Join(path.Dir(page), u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", "", "the link leads out of the site's folder"
	}
	st, err := os.Stat(filepath.Join(h.dir, filepath.FromSlash(target)))
	switch {
	case err != nil:
		return "", "", "target " + target + " does not exist"
	case st.IsDir() || strings.HasSuffix(u.Path, "/"):
		return "", "", "link to a folder: name its index.html, or the link breaks when the site is opened from disk"
	}
	return target, u.Fragment, ""
}

// TestLinkTarget checks the link checker itself against the built site.
func TestLinkTarget(t *testing.T) {
	const page = "2023/02/index.html"
	for _, tc := range []struct {
		raw, target, fragment string
		problem               bool
	}{
		{"../../css/site.css", "css/site.css", "", false},
		{"dashiji/index.html#x", "2023/02/dashiji/index.html", "x", false},
		{"#main", page, "main", false},
		{"mailto:a@example.org", "", "", false},
		{"data:,", "", "", false},
		{"", "", "", true},
		{"/css/site.css", "", "", true},
		{"https://example.org/", "", "", true},
		{"//example.org/x.js", "", "", true},
		{"dashiji/", "", "", true},
		{"dashiji", "", "", true},
		{"missing/index.html", "", "", true},
		{"../../../index.html", "", "", true},
	} {
		target, fragment, problem := linkTarget(page, tc.raw)
		if target != tc.target || fragment != tc.fragment || (problem != "") != tc.problem {
			t.Errorf("linkTarget(%q, %q) = %q, %q, %q; want %q, %q, problem %v",
				page, tc.raw, target, fragment, problem, tc.target, tc.fragment, tc.problem)
		}
	}
}
