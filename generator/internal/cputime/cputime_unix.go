//go:build unix

// Package cputime tells the CPU time the process has used, for benchmarks: on a
// shared machine it says more about a build's cost than wall time does.
package cputime

import (
	"syscall"
	"time"
)

// Self is the CPU time the process has used so far, all threads, user and system.
func Self() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
