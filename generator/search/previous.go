package search

import (
	"bytes"
)

// previousSite is a sink that replaces a site on disk (a streaming output.Tree). It
// links a file the previous site holds with the same bytes instead of writing it, but
// the index's files are made in a provisional folder, which the previous site does not
// have: told the folder of the previous index, it compares them with its files.
type previousSite interface {
	Previous(p string) ([]byte, bool)
	Provisional(from, prev string) error
}

// linkPrevious tells a sink that replaces a site where that site's index of the language
// at root was, when it had one.
func linkPrevious(sink Sink, root string) error {
	ps, ok := sink.(previousSite)
	if !ok {
		return nil
	}
	m, ok := ps.Previous(root + "search/manifest.js")
	if !ok {
		return nil
	}
	dir, ok := manifestDir(m)
	if !ok {
		return nil
	}
	return ps.Provisional(root+"search/"+building, root+"search/"+dir)
}

// manifestDir reads the folder of the index files from a manifest's bytes. A manifest
// of another format, or of no folder the index could have named, gives false: the
// files are then all written anew.
func manifestDir(m []byte) (string, bool) {
	const key = `"dir":"`
	i := bytes.Index(m, []byte(key))
	if i < 0 {
		return "", false
	}
	rest := m[i+len(key):]
	end := bytes.IndexByte(rest, '"')
	if end < 1 || end > 64 {
		return "", false
	}
	for _, c := range rest[:end] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return "", false
		}
	}
	return string(rest[:end]), true
}
