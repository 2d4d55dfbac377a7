//go:build unix

package perf

import "syscall"

// Settle waits until the file systems have written out what was changed, removals
// included. A disk mounted with discard frees the blocks of removed files when the
// change is committed: without Settle, a build timed right after the previous site
// was removed pays for that removal as well.
func Settle() { syscall.Sync() }
