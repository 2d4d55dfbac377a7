package build

import (
	"gazette/generator/output"
	"gazette/generator/search"
)

// addSearch adds the search index of every language to the site.
func addSearch(tree *output.Tree, sites []search.Site) error {
	files, err := search.Build(sites)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := tree.Add(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}
