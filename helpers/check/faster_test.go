package check

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func rate(x float64) func() (float64, error) { return func() (float64, error) { return x, nil } }

func TestFasterBadInput(t *testing.T) {
	tests := []struct {
		name string
		v    func() Verdict
		want string
	}{
		{"target 0", func() Verdict { return Faster("", Spec{Trials: 1}, 0, rate(1), rate(2)) },
			"check.Faster: target must be a finite number > 0, got 0"},
		{"target NaN", func() Verdict { return Faster("", Spec{Trials: 1}, math.NaN(), rate(1), rate(2)) },
			"check.Faster: target must be a finite number > 0, got NaN"},
		{"target -2", func() Verdict { return Faster("", Spec{Trials: 1}, -2, rate(1), rate(2)) },
			"check.Faster: target must be a finite number > 0, got -2"},
		{"nil baseline", func() Verdict { return Faster("", Spec{Trials: 1}, 2, nil, rate(2)) }, "check.Faster: baseline is nil"},
		{"nil yours", func() Verdict { return Faster("", Spec{Trials: 1}, 2, rate(1), nil) }, "check.Faster: yours is nil"},
		{"bad spec", func() Verdict { return Faster("", Spec{Trials: -1}, 2, rate(1), rate(2)) },
			"check.Faster: s.Trials must be >= 0 (0 means 200), got -1"},
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

func TestFasterPasses(t *testing.T) {
	out := capture(t)
	v := Faster("cache", Spec{Trials: 3, Procs: []int{1, 2}}, 3, rate(100), rate(350))
	ls := lines(t, out, v)
	if !v.Pass || v.Line != "PASS: cache: at least 3× the baseline at every GOMAXPROCS (median 1: 3.5×, 2: 3.5×; 3 rounds each)" {
		t.Errorf("got %q", v.Line)
	}
	if !hasLine(ls, "GOMAXPROCS 1: yours ÷ baseline per round 3.5, 3.5, 3.5") || hasLine(ls, "Hint: ") {
		t.Errorf("printed:\n%s", out)
	}
}

// The median counts, under each setting on its own.
func TestFasterFailsBelowTarget(t *testing.T) {
	out := capture(t)
	calls := 0
	yours := func() (float64, error) { // 4× in rounds 1 and 2 of each setting, then 1×, 1×, 1×
		calls++
		if (calls-1)%5 < 2 {
			return 400, nil
		}
		return 100, nil
	}
	v := Faster("", Spec{Trials: 5, Procs: []int{1, 2}, Hints: []string{"share the reads"}}, 3, rate(100), yours)
	ls := lines(t, out, v)
	if v.Pass || v.Line != "FAIL: at GOMAXPROCS=1 the median is 1× the baseline, below the 3× target (median 1: 1×, 2: 1×; 5 rounds each)" {
		t.Errorf("got %q", v.Line)
	}
	if !hasLine(ls, "GOMAXPROCS 2: yours ÷ baseline per round 4, 4, 1, 1, 1") || !hasLine(ls, "Hint: share the reads") {
		t.Errorf("printed:\n%s", out)
	}
}

func TestFasterStopsAtWrongRound(t *testing.T) {
	for _, tc := range []struct {
		name           string
		baseline, your func() (float64, error)
		want           string
	}{
		{"error", rate(1), func() (float64, error) { return 0, errors.New("a read returned 7") },
			"FAIL: round 1 at GOMAXPROCS=1: yours: a read returned 7"},
		{"baseline error", func() (float64, error) { return 0, errors.New("boom") }, rate(1),
			"FAIL: round 1 at GOMAXPROCS=1: the baseline: boom"},
		{"NaN", rate(1), rate(math.NaN()), "FAIL: round 1 at GOMAXPROCS=1: yours measured a rate of NaN: a rate must be a finite number >= 0"},
		{"negative", rate(-1), rate(1), "FAIL: round 1 at GOMAXPROCS=1: the baseline measured a rate of -1: a rate must be a finite number >= 0"},
		{"zero baseline", rate(0), rate(1), "FAIL: round 1 at GOMAXPROCS=1: the baseline measured a rate of 0: nothing to compare with"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := capture(t)
			v := Faster("", Spec{Trials: 3, Procs: []int{1, 2}}, 2, tc.baseline, tc.your)
			lines(t, out, v)
			if v.Pass || v.Line != tc.want {
				t.Errorf("got %q, want %q", v.Line, tc.want)
			}
		})
	}
}

func TestFasterBlocked(t *testing.T) {
	out := capture(t)
	never := make(chan struct{})
	v := Faster("", Spec{Trials: 3, Procs: []int{1}, Timeout: 20 * time.Millisecond}, 2, rate(1), func() (float64, error) {
		<-never
		return 1, nil
	})
	lines(t, out, v)
	if v.Pass || !strings.HasPrefix(v.Line, "FAIL: trial 1 at GOMAXPROCS=1 blocked") {
		t.Errorf("got %q", v.Line)
	}
}
