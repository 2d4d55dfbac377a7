//go:build !unix

package perf

import (
	"os"
	"time"
)

// usage gives CPU time only: peak memory is not reported on this system.
func usage(st *os.ProcessState) (cpu time.Duration, peakRSS int64) {
	return st.UserTime() + st.SystemTime(), 0
}
