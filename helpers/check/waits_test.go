package check

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// jobs runs 8 jobs of work each and waits for them in the way given; it reports
// the jobs that had not finished when it returned.
func jobs(work time.Duration, wait func(*sync.WaitGroup)) error {
	var wg sync.WaitGroup
	var finished atomic.Int64
	for range 8 {
		wg.Go(func() {
			time.Sleep(work)
			finished.Add(1)
		})
	}
	wait(&wg)
	if n := finished.Load(); n < 8 {
		return fmt.Errorf("%d of 8 jobs had not finished", 8-n)
	}
	return nil
}

func TestWaits(t *testing.T) {
	for _, tt := range []struct {
		name string
		wait func(*sync.WaitGroup)
		want string
	}{
		{"Wait", (*sync.WaitGroup).Wait, "PASS: Wait: 12/12 trials waited for their 1ms–40ms of work, and no longer (median "},
		{"short sleep", func(*sync.WaitGroup) { time.Sleep(8 * time.Millisecond) },
			"FAIL: short sleep: trial 1 at GOMAXPROCS=1, with 20ms of work, returned after "},
		{"long sleep", func(*sync.WaitGroup) { time.Sleep(50 * time.Millisecond) },
			"FAIL: long sleep: 8 of 12 trials waited far longer than their work, such as "},
	} {
		out := capture(t)
		v := Waits(tt.name, Spec{Trials: 12, Procs: []int{1}}, func(work time.Duration) error { return jobs(work, tt.wait) })
		lines(t, out, v)
		if !strings.HasPrefix(v.Line, tt.want) {
			t.Errorf("got %q, want it to start with %q", v.Line, tt.want)
		}
	}
}

func TestWaitsNoticesUnusedWork(t *testing.T) {
	capture(t)
	v := Waits("", Spec{Trials: 6, Procs: []int{1}}, func(time.Duration) error { return nil })
	if v.Pass || !strings.Contains(v.Line, "before the 20ms it had to wait") {
		t.Errorf("got %q", v.Line)
	}
}

// Jobs that wait for each other run far longer than the work: the FAIL says so,
// instead of calling it a deadlock.
func TestWaitsJobsOneAfterAnother(t *testing.T) {
	out := capture(t)
	v := Waits("one by one", Spec{Trials: 6, Procs: []int{1}, Timeout: 100 * time.Millisecond}, func(work time.Duration) error {
		for range 20 {
			var wg sync.WaitGroup
			wg.Go(func() { time.Sleep(work) })
			wg.Wait() // inside the loop
		}
		return nil
	})
	ls := lines(t, out, v)
	if v.Line != "FAIL: one by one: trial 1 at GOMAXPROCS=1, with 20ms of work, was still running after 100ms: far longer than its work (jobs run one after another, or blocked)" ||
		!hasLine(ls, "Hint: "+hintBlockedWait) {
		t.Errorf("got:\n%s", out)
	}
}
