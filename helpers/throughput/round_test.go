package throughput

import (
	"strings"
	"testing"
	"time"
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
	for _, tc := range []struct {
		runs  int
		round func() int
		want  string
	}{
		{0, func() int { called = true; return 1 }, "throughput.FastestRound: runs must be >= 1, got 0"},
		{1, nil, "throughput.FastestRound: round is nil"},
	} {
		if _, err := FastestRound(tc.runs, tc.round); err == nil || err.Error() != tc.want {
			t.Errorf("FastestRound(%d, …) error = %v, want %q", tc.runs, err, tc.want)
		}
	}
	if called {
		t.Error("round was called despite bad input")
	}
	if _, err := FastestRound(2, func() int { return 0 }); err == nil || !strings.Contains(err.Error(), "reported 0 operations") {
		t.Errorf("a round of no operations: error = %v, want one that says so", err)
	}
}
