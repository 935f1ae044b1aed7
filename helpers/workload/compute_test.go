package workload

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestForBadInput: a duration <= 0 is no work, as for time.Sleep.
func TestForBadInput(t *testing.T) {
	Calibrate()
	for _, d := range []time.Duration{0, -time.Nanosecond, -time.Hour, time.Duration(-1 << 63)} {
		before := done.Load()
		For(d)
		if after := done.Load(); after != before {
			t.Errorf("For(%v) did some work, want it to return at once", d)
		}
	}
}

// TestForHugeDuration: the step count of a duration far beyond any experiment
// does not overflow into a negative number (which would be no work at all).
func TestForHugeDuration(t *testing.T) {
	Calibrate()
	steps := stepsPerMs() * (float64(time.Duration(1<<63-1)) / float64(time.Millisecond))
	if n := int(min(steps, 1<<62)); n <= 0 {
		t.Errorf("the steps of the longest duration come out as %d", n)
	}
}

// TestWorkDoesNotShrink: two calls of For(d) that share one P take about 2d on the
// clock, because each does its full number of steps (a clock-watching loop would
// let both finish after about d).
func TestWorkDoesNotShrink(t *testing.T) {
	const d = 30 * time.Millisecond
	Calibrate()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	start := time.Now()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { For(d) })
	}
	wg.Wait()
	took := time.Since(start)
	t.Logf("two For(%v) on one P took %v", d, took)
	// Other programs can only make it slower. A calibration taken in a busy moment
	// counts too few steps per millisecond, hence the margin below 2d.
	if took < d*3/2 {
		t.Errorf("two For(%v) on one P took %v, want about %v", d, took, 2*d)
	}
}

// TestForConcurrentUse: For may be called from many goroutines at once, also before
// the first calibration (run it with -race).
func TestForConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { For(time.Millisecond) })
	}
	wg.Go(Calibrate)
	wg.Wait()
	if done.Load() == 0 {
		t.Error("no result was collected")
	}
}
