package search

import "testing"

// BuildWithLayout is Build with the layout fixed, for tests of the engine on small
// indexes cut into many files: groups of terms, entries per position chunk and per
// title file, and position chunks per part of the build.
func BuildWithLayout(sites []Site, groups, chunk, titleChunk, partChunks int) ([]File, error) {
	return collect(sites, options{layout: layout{groups: groups, chunk: chunk, titleChunk: titleChunk}, partChunks: partChunks})
}

// SyntheticSite is syntheticSite, for the engine's tests.
func SyntheticSite(tb testing.TB, n int) Site { return syntheticSite(tb, n) }
