package trials

import (
	"runtime"
	"time"
)

// Window times one measurement of a rate whose goroutines the caller starts
// itself, so that the goroutines and the locks they take stay in view: the
// caller opens a Window with [StartWindow], starts its goroutines, has each of
// them call its operation through [Window.Count], waits for them, and adds up
// their counts in [Window.Rate]. It is the method of [Mix.Measure] (a garbage
// collection, a warm-up that is not counted, then the window), with the
// goroutines written out by the caller.
type Window struct {
	warmUp             bool
	counting, deadline time.Time
}

// StartWindow runs a garbage collection, as testing.B does before a benchmark,
// so that garbage left by an earlier measurement is not collected during this
// one, and then starts the clock: the first warmUp is not counted, the next
// window is. A warmUp below 0 counts as 0; with a window of 0 or less, each
// goroutine still makes one call.
func StartWindow(warmUp, window time.Duration) *Window {
	runtime.GC()
	start := time.Now()
	counting := start.Add(max(warmUp, 0))
	return &Window{warmUp: warmUp > 0, counting: counting, deadline: counting.Add(window)}
}

// Count calls op(0), op(1), … without pause until the window closes and
// returns how many of the calls fell in the window; the calls of the warm-up
// are not counted. Each goroutine of the measurement calls Count once. A
// goroutine reads the clock after every call at first, then less often (down
// to every 64th call) while calls are quick, so that reading the clock costs
// little next to cheap calls and a slow call overshoots the window by about
// one call.
func (w *Window) Count(op func(call int)) int {
	warm := 0
	if w.warmUp {
		warm = callUntil(w.counting, 0, op)
	}
	return callUntil(w.deadline, warm, op) - warm
}

// Rate returns ops, the sum of the goroutines' counts, over the time from the
// opening of the window until now. Call it once all the goroutines have
// returned from Count.
func (w *Window) Rate(ops int) Rate {
	return Rate{Ops: ops, Elapsed: time.Since(w.counting)}
}

// callUntil calls op(calls), op(calls+1), … until the clock reaches deadline,
// and returns the count of calls it reached. It makes at least one call.
func callUntil(deadline time.Time, calls int, op func(call int)) int {
	stride, next, last := 1, calls+1, time.Now()
	for {
		op(calls)
		calls++
		if calls < next {
			continue
		}
		now := time.Now()
		if !now.Before(deadline) {
			return calls
		}
		if now.Sub(last) < 20*time.Microsecond && stride < 64 {
			stride *= 2 // quick calls: look at the clock less often
		}
		last, next = now, calls+stride
	}
}
