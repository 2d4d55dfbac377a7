//go:build unix

package render

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the test process has used so far, all threads, user and
// system: on a shared machine it says more about a build's cost than wall time does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
