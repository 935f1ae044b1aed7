package workload

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// For keeps the calling goroutine computing for about d of CPU time: a stand-in
// for real work that needs a core the whole time, such as frothing milk in a
// coffee bar where sleeping stands for waiting on the espresso machine.
//
// For does as many steps of arithmetic as this machine did in d when it was
// calibrated (see [Calibrate]; the first call calibrates if Calibrate has not been
// called), instead of looping until the clock says d has passed. A clock-watching
// loop is not that much work: if the scheduler pauses it halfway, it still stops
// at the mark, having done half the work, so two such loops sharing one core both
// finish in about d, and one core looks twice as fast as it is. Two calls of
// For(d) sharing one core take about 2d. Every result goes into a package
// variable, so the compiler cannot delete the arithmetic as dead code (the
// package's tests check that For(d) uses about d of CPU time).
//
// On a busy machine, or when goroutines share a core, the same steps take longer
// on the wall clock. For returns at once if d <= 0, as time.Sleep does. It is safe
// for concurrent use.
func For(d time.Duration) {
	if d <= 0 {
		return
	}
	steps := stepsPerMs() * (float64(d) / float64(time.Millisecond))
	done.Add(spin(int(min(steps, 1<<62))))
}

// Calibrate measures, once per program, how many steps of For's arithmetic this
// machine does in a millisecond of CPU time: the fastest of five runs of about a
// million steps each. On Linux the runs are timed with the thread's own CPU clock,
// so other programs that share the cores cannot make the machine look slower than
// it is; elsewhere they are timed on the wall clock. Later calls return at once.
// Call it before timing anything that calls For, so that the calibration (a few
// milliseconds) is not part of the measurement.
func Calibrate() {
	stepsPerMs()
}

// done collects every result of spin, so the compiler cannot drop its loop as
// dead code.
var done atomic.Uint64

// stepsPerMs is how many spin steps this machine does in one millisecond,
// measured the first time it is needed.
var stepsPerMs = sync.OnceValue(func() float64 {
	runtime.LockOSThread() // the thread's CPU clock must follow this goroutine
	defer runtime.UnlockOSThread()
	const steps = 1 << 20
	fastest := time.Duration(math.MaxInt64)
	for range 5 {
		fastest = min(fastest, cpuTimeOf(func() { done.Add(spin(steps)) }))
	}
	return steps / (float64(max(fastest, time.Nanosecond)) / float64(time.Millisecond))
})

// cpuTimeOf returns how long f ran: the CPU time of the calling thread where the
// system can tell (the caller has locked its goroutine to the thread), else the
// wall-clock time.
func cpuTimeOf(f func()) time.Duration {
	if start, ok := threadTime(); ok {
		f()
		if end, ok := threadTime(); ok {
			return end - start
		}
	}
	start := time.Now()
	f()
	return time.Since(start)
}

// spin does n steps of arithmetic (a xorshift random-number generator), each step
// using the result of the one before, and returns the final number.
func spin(n int) uint64 {
	x := uint64(n) | 1
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}
