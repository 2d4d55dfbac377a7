package build

import (
	"gazette/generator/output"
	"gazette/generator/search"
)

// addSearch adds the search index of every language to the site. The languages'
// indexes share nothing, so they are built side by side (forEach), each into its own
// slot, and added in language order.
func addSearch(tree *output.Tree, sites []search.Site) error {
	files, errs := make([][]search.File, len(sites)), make([]error, len(sites))
	forEach(len(sites), func(i int) { files[i], errs[i] = search.Build(sites[i : i+1]) })
	for i := range sites {
		if errs[i] != nil {
			return errs[i]
		}
		for _, f := range files[i] {
			if err := tree.Add(f.Path, f.Data); err != nil {
				return err
			}
		}
	}
	return nil
}
