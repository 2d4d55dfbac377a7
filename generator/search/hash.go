package search

// fnv1a is the 32-bit FNV-1a hash of s's bytes. The browser computes it over the
// UTF-8 bytes of the same key (searchKey in static/js/search-engine.js); both are
// checked against testdata/hash.json.
func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// termKey is what places a term in its shard and position group: the term itself,
// except for a Mongolian word, which is matched by prefix and so is placed by its first
// two characters: every word a query word of two or more characters can be a prefix of
// lies in the query word's shard. A one-character Mongolian query word therefore
// finds only that one-character word.
func termKey(term string, kind byte) string {
	if kind != KindMongol {
		return term
	}
	n := 0
	for i := range term {
		if n == 2 {
			return term[:i]
		}
		n++
	}
	return term
}

// bucket is the shard (or position group) among n of a term.
func bucket(term string, kind byte, n int) int {
	return int(fnv1a(termKey(term, kind)) % uint32(n))
}
