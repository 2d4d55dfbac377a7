package build

import (
	"gazette/generator/output"
	"gazette/generator/search"
)

// addSearch adds the search index of every language to the site. A plain build writes
// it file by file as the indexer makes them, so that a streaming tree keeps none in
// memory; a Builder's build updates the index it kept from the previous one.
func (inc *incremental) addSearch(tree *output.Tree, sites []search.Site) error {
	if inc == nil {
		return search.Write(sites, tree)
	}
	return inc.b.index.Write(sites, tree)
}
