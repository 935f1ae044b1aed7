// Package memory measures what goroutines and OS threads cost in memory, as the
// Go runtime counts it (runtime.MemStats) and as the Linux kernel counts it
// (/proc/self/status), and keeps experiments that start many of them within a
// memory budget.
//
// A Meter measures what n units started after Measure cost each: the growth of
// the process's memory until Meter.Stop, divided by n, and the time until
// Meter.Started, divided by n. The units themselves (the go statements, the
// goroutines that wait) stay with the caller:
//
//	meter := memory.Measure(n)
//	for range n {
//		go func() { <-gate }()
//	}
//	meter.Started()
//	... wait until all n have reached the gate ...
//	cost := meter.Stop() // cost.Stack: bytes of stack per goroutine
//
// A Budget says how much memory an experiment may use, and Budget.Steps runs an
// experiment at growing sizes, refusing, with a message, the sizes that would
// not fit at the cost measured in the step before.
//
// The kernel's counts (RSS, address space, threads) come from Linux's /proc;
// elsewhere they are 0, and KernelCounts reports false. Sizes are in binary
// units: 1 KB is 1,024 bytes.
//
// Bad input (n or a count below one, a budget that is not positive, a nil
// function) is reported as an error that names the function, the parameter and
// the value, for example "memory.Measure: n must be > 0, got 0". No function in
// this package panics.
package memory

import "fmt"

// Binary units of memory, in bytes.
const (
	KB = 1 << 10
	MB = 1 << 20
	GB = 1 << 30
)

// Size formats bytes with a binary unit, as this package prints memory:
// "2.7 KB", "268 MB", "2.6 GB".
func Size(bytes float64) string {
	switch {
	case bytes < 0:
		return "-" + Size(-bytes)
	case bytes >= GB:
		return fmt.Sprintf("%.1f GB", bytes/GB)
	case bytes >= MB:
		return fmt.Sprintf("%.0f MB", bytes/MB)
	default:
		return fmt.Sprintf("%.1f KB", bytes/KB)
	}
}
