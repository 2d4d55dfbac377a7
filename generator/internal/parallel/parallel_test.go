package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForEachCallsEveryJobOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			calls := make([]atomic.Int32, 100)
			ForEach(len(calls), func(i int) { calls[i].Add(1) })
			for i := range calls {
				if n := calls[i].Load(); n != 1 {
					t.Errorf("GOMAXPROCS=%d: job %d ran %d times", procs, i, n)
				}
			}
		}()
	}
	ForEach(0, func(int) { t.Error("a job ran for n = 0") })
}
