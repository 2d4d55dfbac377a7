package build

import (
	"path"
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
// be the build's final step: a file added after it is missing from the manifest.
func addIntegrity(tree *output.Tree, site *content.Site) error {
	base, err := feed.ParseBase(site.Config.BaseURL)
	if err != nil {
		return err
	}
	if base.IsSet() {
		var urls []string
		for _, p := range tree.Paths() {
			if inSitemap(p, site.Config.Languages) {
				urls = append(urls, base.URL(p))
			}
		}
		sm, err := feed.Sitemap(urls)
		if err != nil {
			return err
		}
		if err := tree.Add("sitemap.xml", sm); err != nil {
			return err
		}
		if err := tree.Add("robots.txt", feed.Robots(base.URL("sitemap.xml"))); err != nil {
			return err
		}
	}
	return manifest.Add(tree)
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
