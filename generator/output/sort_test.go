package output

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestSortFiles: sorting in runs on several cores and merging them gives the order of
// a plain sort, whatever the number of runs.
func TestSortFiles(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(3, 4))
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		var files []sortFile
		for i := range 30000 {
			files = append(files, sortFile{path: fmt.Sprintf("%d/%c/%d", rng.IntN(50), 'a'+rng.IntN(26), rng.IntN(1e6)), e: int32(i)})
		}
		// Long shared prefixes, paths that are prefixes of others, and paths repeated.
		for i := range 20000 {
			b := []byte(strings.Repeat("search/81122d5f6661/"[:rng.IntN(21)], rng.IntN(2)))
			for range rng.IntN(8) {
				b = append(b, "ab/\xff\x00"[rng.IntN(5)])
			}
			files = append(files, sortFile{path: string(b), e: int32(30000 + i)})
		}
		want := slices.Clone(files)
		slices.SortStableFunc(want, func(a, b sortFile) int { return strings.Compare(a.path, b.path) })
		sortFiles(files)
		for i := range files {
			if files[i].path != want[i].path {
				t.Fatalf("GOMAXPROCS %d: at %d %q, want %q", procs, i, files[i].path, want[i].path)
			}
		}
	}
}
