package output

// The paths of a site are sorted for every manifest, sitemap and listing; thousands of
// them share long prefixes (2023/02/…, search/<hash>/…), which a byte-wise sort that
// skips what the paths in a range have in common compares only once.

import (
	"runtime"

	"gazette/generator/internal/parallel"
)

// sortFile is a path to sort, with the index of its entry.
type sortFile struct {
	path string
	e    int32
}

// sortFiles sorts files by path: in as many runs as there are cores, sorted side by
// side, then merged.
func sortFiles(files []sortFile) {
	runs := min(runtime.GOMAXPROCS(0), len(files)/4096, 8)
	if runs < 2 {
		sortPaths(files, 0)
		return
	}
	bounds := make([]int, runs+1) // run r is [bounds[r], bounds[r+1])
	for r := range bounds {
		bounds[r] = r * len(files) / runs
	}
	parallel.ForEach(runs, func(r int) { sortPaths(files[bounds[r]:bounds[r+1]], 0) })
	src, dst := files, make([]sortFile, len(files))
	for len(bounds) > 2 { // merge the runs pairwise until one is left
		next := []int{}
		for r := 0; r+1 < len(bounds); r += 2 {
			lo, mid := bounds[r], bounds[r+1]
			next = append(next, lo)
			if r+2 == len(bounds) { // the odd run out
				copy(dst[lo:mid], src[lo:mid])
				continue
			}
			hi := bounds[r+2]
			i, j, k := lo, mid, lo
			for ; i < mid && j < hi; k++ {
				if src[j].path < src[i].path {
					dst[k], j = src[j], j+1
				} else {
					dst[k], i = src[i], i+1
				}
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		bounds = append(next, len(files))
		src, dst = dst, src
	}
	if &src[0] != &files[0] {
		copy(files, src)
	}
}

// sortPaths sorts files by path, knowing that their paths agree on their first depth
// bytes: a three-way radix quicksort, which looks at each byte of the long prefixes a
// site's paths share (a folder, the search index's) about once, where comparing whole
// paths reads them again at every comparison.
func sortPaths(files []sortFile, depth int) {
	for len(files) > 12 {
		// The median of three bytes at depth; -1 stands for a path that ends there.
		pivot := median(byteAt(files[0].path, depth), byteAt(files[len(files)/2].path, depth), byteAt(files[len(files)-1].path, depth))
		lt, i, gt := 0, 0, len(files) // [0,lt) < pivot, [lt,i) == pivot, [gt,len) > pivot
		for i < gt {
			switch c := byteAt(files[i].path, depth); {
			case c < pivot:
				files[lt], files[i] = files[i], files[lt]
				lt, i = lt+1, i+1
			case c > pivot:
				gt--
				files[gt], files[i] = files[i], files[gt]
			default:
				i++
			}
		}
		if pivot < 0 { // the paths equal to the pivot all end at depth: equal
			sortPaths(files[:lt], depth)
			sortPaths(files[gt:], depth)
			return
		}
		if lt == 0 && gt == len(files) { // all agree at depth, and maybe further
			depth++
			depth += commonPrefix(files, depth)
			continue
		}
		sortPaths(files[:lt], depth)
		sortPaths(files[gt:], depth)
		files, depth = files[lt:gt], depth+1
	}
	for i := 1; i < len(files); i++ { // few left: by insertion, comparing past depth
		for j := i; j > 0 && files[j].path[depth:] < files[j-1].path[depth:]; j-- {
			files[j], files[j-1] = files[j-1], files[j]
		}
	}
}

// commonPrefix is how many bytes past depth every path of files shares with the
// first: skipped at once rather than partitioned on one by one.
func commonPrefix(files []sortFile, depth int) int {
	first := files[0].path[depth:]
	n := len(first)
	for _, f := range files[1:] {
		p := f.path[depth:]
		if len(p) >= n && p[:n] == first[:n] { // the usual case, compared word by word
			continue
		}
		i := 0
		for i < n && i < len(p) && p[i] == first[i] {
			i++
		}
		if n = i; n == 0 {
			break
		}
	}
	return n
}

// byteAt is the byte of s at i, or -1 past its end.
func byteAt(s string, i int) int {
	if i < len(s) {
		return int(s[i])
	}
	return -1
}

func median(a, b, c int) int {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}
