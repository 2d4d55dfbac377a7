package build

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"gazette/generator/content"
	"gazette/generator/feed"
	"gazette/generator/manifest"
	"gazette/generator/output"
	"gazette/generator/permid"
)

// addIntegrity adds what is made from the finished site: sitemap.xml and robots.txt
// when site.yaml sets base_url (a sitemap must list absolute URLs, and robots.txt
// names it by one), and last manifest-sha256.txt with every file's SHA-256. It must
// be the build's final step: a file added after it is missing from the manifest. A
// Builder's build copies the sitemap of the previous one when it lists the same pages.
func addIntegrity(tree *output.Tree, site *content.Site, inc *incremental) error {
	base, err := feed.ParseBase(site.Config.BaseURL)
	if err != nil {
		return err
	}
	if base.IsSet() {
		var pages []string
		for _, p := range tree.Paths() {
			if inSitemap(p, site.Config.Languages) {
				pages = append(pages, p)
			}
		}
		if err := inc.addSitemap(tree, site.Config.BaseURL, pages, func() error {
			urls := make([]string, len(pages))
			for i, p := range pages {
				urls[i] = base.URL(p)
			}
			sm, err := feed.Sitemap(urls)
			if err != nil {
				return err
			}
			if err := tree.Add(sitemapFile, sm); err != nil {
				return err
			}
			return tree.Add(robotsFile, feed.Robots(base.URL(sitemapFile)))
		}); err != nil {
			return err
		}
	}
	if inc != nil {
		return inc.b.lines.Add(tree)
	}
	return manifest.Add(tree)
}

// The files made from the list of pages and base_url.
const (
	sitemapFile = "sitemap.xml"
	robotsFile  = "robots.txt"
)

// addSitemap adds the sitemap files of the pages under the base URL base to tree: as
// the previous build made them when it listed the same, else by makeFiles.
func (inc *incremental) addSitemap(tree *output.Tree, base string, pages []string, makeFiles func() error) error {
	if inc == nil || inc.next == nil {
		return makeFiles()
	}
	inc.next.sitemap = sitemapOf{base: base, pages: pages}
	prev := inc.b.prev
	if inc.full != "" || prev == nil || prev.sitemap.base != base || !slices.Equal(prev.sitemap.pages, pages) {
		return makeFiles()
	}
	ok, err := tree.AddFrom(prev.tree, sitemapFile, robotsFile)
	if err == nil && !ok {
		err = fmt.Errorf("the previous build has no %s or %s", sitemapFile, robotsFile)
	}
	return err
}

// inSitemap reports whether a file is a page to list: every HTML page but 404.html
// and the identifier pages, which only lead to a document page.
func inSitemap(p string, langs []string) bool {
	if !strings.HasSuffix(p, ".html") || path.Base(p) == "404.html" {
		return false
	}
	rest := p
	for _, l := range langs[1:] {
		if r, ok := strings.CutPrefix(p, l+"/"); ok {
			rest = r
			break
		}
	}
	return !strings.HasPrefix(rest, permid.Folder+"/")
}
