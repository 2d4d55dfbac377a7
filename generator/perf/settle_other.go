//go:build !unix

package perf

// Settle does nothing on this system; see settle_unix.go.
func Settle() {}
