package cputime

import (
	"runtime"
	"testing"
	"time"
)

func TestSelfGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("not measured here")
	}
	start := Self()
	for deadline := time.Now().Add(50 * time.Millisecond); time.Now().Before(deadline); {
	}
	if Self() <= start {
		t.Errorf("CPU time did not grow over 50 ms of work: %v, then %v", start, Self())
	}
}
