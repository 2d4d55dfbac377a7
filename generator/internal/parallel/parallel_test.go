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

func TestForEachNLimitsCalls(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		var running, most atomic.Int32
		calls := make([]atomic.Int32, 50)
		ForEachN(len(calls), workers, func(i int) {
			now := running.Add(1)
			for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
			}
			runtime.Gosched()
			calls[i].Add(1)
			running.Add(-1)
		})
		for i := range calls {
			if n := calls[i].Load(); n != 1 {
				t.Errorf("workers=%d: job %d ran %d times", workers, i, n)
			}
		}
		if m := most.Load(); m > int32(workers) {
			t.Errorf("workers=%d: %d calls at once", workers, m)
		}
	}
}
