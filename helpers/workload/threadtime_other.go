//go:build !linux

package workload

import "time"

// threadTime reports false: this system's per-thread CPU clock is not read here,
// so calibration falls back to the wall clock.
func threadTime() (time.Duration, bool) { return 0, false }
