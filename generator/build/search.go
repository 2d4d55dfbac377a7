package build

import (
	"gazette/generator/output"
	"gazette/generator/search"
)

// addSearch adds the search index of every language to the site, file by file as
// the indexer makes them: a streaming tree writes each and keeps none in memory.
func addSearch(tree *output.Tree, sites []search.Site) error {
	return search.Write(sites, tree)
}
