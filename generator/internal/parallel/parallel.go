// Package parallel runs independent jobs of a build on all cores.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// ForEach calls job(0) … job(n-1) on all cores and returns when every call has. Jobs
// are handed out in index order, and each writes only its own result slot, so the
// caller merges the results in a fixed order and the build stays deterministic however
// the calls interleave. With one core (GOMAXPROCS=1) the calls run in order on the
// caller's goroutine.
func ForEach(n int, job func(i int)) { ForEachN(n, runtime.GOMAXPROCS(0), job) }

// ForEachN is ForEach with at most workers calls at a time, for jobs that mostly wait
// (on the disk) rather than compute, which more calls than cores can overlap.
func ForEachN(n, workers int, job func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			job(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				job(i)
			}
		}()
	}
	wg.Wait()
}
