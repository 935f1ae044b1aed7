package trials

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The goroutines a caller starts count only the calls of the window, and the
// Rate spans at least the window.
func TestWindowCounts(t *testing.T) {
	const goroutines, warmUp, window = 2, 5 * time.Millisecond, 10 * time.Millisecond
	w := StartWindow(warmUp, window)
	var counted, all atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			counted.Add(int64(w.Count(func(int) { all.Add(1); time.Sleep(100 * time.Microsecond) })))
		})
	}
	wg.Wait()
	r := w.Rate(int(counted.Load()))
	if r.Elapsed < window {
		t.Errorf("Elapsed %v, want at least the window %v", r.Elapsed, window)
	}
	if r.Ops <= 0 || int64(r.Ops) >= all.Load() {
		t.Errorf("counted %d of %d calls: want some, and fewer than all (the warm-up is not counted)", r.Ops, all.Load())
	}
}

// Each call gets the goroutine's own count, from 0, through the warm-up and the
// window; without a warm-up every call counts, and a window of 0 still makes one.
func TestWindowCallNumbers(t *testing.T) {
	var calls []int
	n := StartWindow(0, 2*time.Millisecond).Count(func(call int) { calls = append(calls, call) })
	if n != len(calls) || n == 0 {
		t.Fatalf("Count = %d with %d calls", n, len(calls))
	}
	for i, c := range calls {
		if c != i {
			t.Fatalf("call %d got number %d", i, c)
		}
	}
	if n := StartWindow(-time.Millisecond, 0).Count(func(int) {}); n != 1 {
		t.Errorf("a window of 0: Count = %d, want 1", n)
	}
}
