package trials

import (
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

// FastestRound warms up once, times runs rounds, and reports the fastest with its own count.
func TestFastestRound(t *testing.T) {
	calls := 0
	rate, err := FastestRound(3, func() int {
		calls++
		switch calls {
		case 1: // the warm-up: fastest of all, but not timed
			return 1
		case 3: // the fastest timed round
			return 7
		}
		time.Sleep(20 * time.Millisecond)
		return 5
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 4 {
		t.Errorf("round called %d times, want 4 (1 warm-up and 3 timed)", calls)
	}
	if rate.Ops != 7 {
		t.Errorf("Rate.Ops = %d, want 7, the count of the fastest round", rate.Ops)
	}
	if rate.Elapsed >= 20*time.Millisecond {
		t.Errorf("fastest round took %v: a slow round was chosen", rate.Elapsed)
	}
}

func TestFastestRoundBadInput(t *testing.T) {
	called := false
	badinput.Check(t, []badinput.Case{
		{Name: "no runs", Call: func() error { _, err := FastestRound(0, func() int { called = true; return 1 }); return err },
			Want: "trials.FastestRound: runs must be >= 1, got 0"},
		{Name: "nil round", Call: func() error { _, err := FastestRound(1, nil); return err },
			Want: "trials.FastestRound: round is nil"},
	})
	if called {
		t.Error("round was called despite bad input")
	}
	if _, err := FastestRound(2, func() int { return 0 }); err == nil || !strings.Contains(err.Error(), "reported 0 operations") {
		t.Errorf("a round of no operations: error = %v, want one that says so", err)
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		rate      Rate
		perSecond float64
	}{
		{Rate{Ops: 12_345_678, Elapsed: time.Second}, 12_345_678},
		{Rate{Ops: 1_000_000, Elapsed: time.Second}, 1e6},
		{Rate{Ops: 1000, Elapsed: time.Second}, 1000},
		{Rate{Ops: 3, Elapsed: 1500 * time.Millisecond}, 2},
		{Rate{Ops: 5, Elapsed: 0}, 0},
		{Rate{}, 0},
		{Rate{Ops: 5, Elapsed: -time.Second}, 0},
	}
	for _, tt := range tests {
		if got := tt.rate.PerSecond(); got != tt.perSecond {
			t.Errorf("%+v.PerSecond() = %v, want %v", tt.rate, got, tt.perSecond)
		}
		if got := tt.rate.Millions(); got != tt.perSecond/1e6 {
			t.Errorf("%+v.Millions() = %v, want %v", tt.rate, got, tt.perSecond/1e6)
		}
	}
	fast := Rate{Ops: 300, Elapsed: time.Second}
	slow := Rate{Ops: 100, Elapsed: time.Second}
	for _, tt := range []struct {
		r, base Rate
		want    float64
	}{{fast, slow, 3}, {slow, fast, 1.0 / 3}, {fast, Rate{}, 0}, {Rate{}, fast, 0}} {
		if got := tt.r.SpeedupOver(tt.base); got != tt.want {
			t.Errorf("%+v.SpeedupOver(%+v) = %v, want %v", tt.r, tt.base, got, tt.want)
		}
	}
}
