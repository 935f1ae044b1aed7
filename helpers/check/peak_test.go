package check

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// inTurns runs n jobs, at most limit at once, with a buffered channel as a semaphore.
func inTurns(n, limit int) func(job func()) error {
	return func(job func()) error {
		slots := make(chan struct{}, limit)
		var wg sync.WaitGroup
		for range n {
			slots <- struct{}{}
			wg.Go(func() {
				defer func() { <-slots }()
				job()
			})
		}
		wg.Wait()
		return nil
	}
}

func TestAtMostBadInput(t *testing.T) {
	tests := []struct {
		name string
		v    func() Verdict
		want string
	}{
		{"limit 1", func() Verdict { return AtMost("", Spec{Trials: 1}, 1, inTurns(4, 1)) },
			"check.AtMost: limit must be >= 2 (a limit of 1 is one job at a time), got 1"},
		{"limit -3", func() Verdict { return AtMost("", Spec{Trials: 1}, -3, inTurns(4, 1)) },
			"check.AtMost: limit must be >= 2 (a limit of 1 is one job at a time), got -3"},
		{"nil f", func() Verdict { return AtMost("", Spec{Trials: 1}, 2, nil) }, "check.AtMost: f is nil"},
		{"bad spec", func() Verdict { return AtMost("", Spec{Trials: -1}, 2, inTurns(4, 2)) },
			"check.AtMost: s.Trials must be >= 0 (0 means 200), got -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := capture(t)
			v := tt.v()
			if v.Err == nil || v.Err.Error() != tt.want || v.Pass || v.Line != "FAIL: "+tt.want {
				t.Errorf("got %+v, want Err %q", v, tt.want)
			}
			if strings.TrimSpace(out.String()) != v.Line {
				t.Errorf("printed %q", out.String())
			}
		})
	}
}

func TestAtMostPassesWithinTheLimit(t *testing.T) {
	out := capture(t)
	v := AtMost("fetch", Spec{Trials: 3, Procs: []int{1, 2}}, 3, inTurns(9, 3))
	lines(t, out, v)
	if !v.Pass || v.Line != "PASS: fetch: at most 3 jobs in flight, and 3 at the peak (GOMAXPROCS 1, 2; 3 trials each)" {
		t.Errorf("got %q\n%s", v.Line, out)
	}
}

// A lower peak than the limit passes too, as long as jobs overlapped.
func TestAtMostPassesBelowTheLimit(t *testing.T) {
	out := capture(t)
	v := AtMost("", Spec{Trials: 2, Procs: []int{1}}, 4, inTurns(6, 2))
	lines(t, out, v)
	if !v.Pass || v.Line != "PASS: at most 4 jobs in flight, and 2 at the peak (GOMAXPROCS 1; 2 trials)" {
		t.Errorf("got %q", v.Line)
	}
}

func TestAtMostFailsOverTheLimit(t *testing.T) {
	out := capture(t)
	v := AtMost("fetch", Spec{Trials: 2, Procs: []int{1, 2}, Hints: []string{"use SetLimit"}}, 4, inTurns(8, 8))
	ls := lines(t, out, v)
	if v.Pass || !strings.HasPrefix(v.Line, "FAIL: fetch: peak ") || !strings.HasSuffix(v.Line, "jobs in flight, limit 4 (trial 1 at GOMAXPROCS=1; 4 of 4 trials over the limit)") {
		t.Errorf("got %q", v.Line)
	}
	if !hasLine(ls, "Hint: use SetLimit") {
		t.Errorf("printed:\n%s", out)
	}
}

func TestAtMostFailsOneAtATime(t *testing.T) {
	out := capture(t)
	v := AtMost("", Spec{Trials: 2, Procs: []int{1, 2}}, 4, func(job func()) error {
		for range 5 {
			job()
		}
		return nil
	})
	ls := lines(t, out, v)
	if v.Pass || v.Line != "FAIL: the jobs ran one at a time: peak 1 job in flight in every trial, limit 4" {
		t.Errorf("got %q", v.Line)
	}
	if !hasLine(ls, "Hint: "+hintOneAtATime) {
		t.Errorf("printed:\n%s", out)
	}
}

func TestAtMostFailsWithoutJobs(t *testing.T) {
	out := capture(t)
	v := AtMost("", Spec{Trials: 2, Procs: []int{1}}, 4, func(func()) error { return nil })
	lines(t, out, v)
	if v.Pass || v.Line != "FAIL: f never called job, in any of 2 trials: call it once for every piece of work" {
		t.Errorf("got %q", v.Line)
	}
}

func TestAtMostFailsOnError(t *testing.T) {
	out := capture(t)
	v := AtMost("", Spec{Trials: 2, Procs: []int{1, 2}}, 4, func(job func()) error {
		inTurns(4, 4)(job)
		return errors.New("page 3 is missing")
	})
	ls := lines(t, out, v)
	if v.Pass || v.Line != "FAIL: trial 1 at GOMAXPROCS=1: page 3 is missing" {
		t.Errorf("got %q", v.Line)
	}
	if !hasLine(ls, "Second opinion: ") {
		t.Errorf("printed:\n%s", out)
	}
}

func TestAtMostFailsWhenFDoesNotWait(t *testing.T) {
	out := capture(t)
	var left sync.WaitGroup
	t.Cleanup(left.Wait)
	v := AtMost("", Spec{Trials: 1, Procs: []int{1}}, 4, func(job func()) error {
		for range 3 {
			left.Go(job)
		}
		return nil
	})
	lines(t, out, v)
	if v.Pass || v.Line != "FAIL: trial 1 at GOMAXPROCS=1: 3 jobs were in flight or started after f returned: f must wait for its goroutines" {
		t.Errorf("got %q", v.Line)
	}
}
