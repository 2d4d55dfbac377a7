//go:build unix

package perf

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage reads what the finished process st used: CPU time and its peak resident set.
func usage(st *os.ProcessState) (cpu time.Duration, peakRSS int64) {
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok {
		return st.UserTime() + st.SystemTime(), 0
	}
	peakRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux and the BSDs
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		peakRSS = int64(ru.Maxrss) // bytes on Apple systems
	}
	return st.UserTime() + st.SystemTime(), peakRSS
}
