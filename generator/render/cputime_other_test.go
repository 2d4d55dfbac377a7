//go:build !unix

package render

import "time"

// cpuTime is not measured on this system; the cpu-s/op metric then reads 0.
func cpuTime() time.Duration { return 0 }
