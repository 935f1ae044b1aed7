package peek

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSweep(t *testing.T) {
	sleeps := []time.Duration{0, time.Millisecond}
	calls := 0
	line, err := Sweep("test", 4, sleeps, time.Microsecond, func(d, work time.Duration) Look {
		calls++
		return Look{Ran: d > 0, Looked: d, FlagRose: work}
	})
	if err != nil {
		t.Fatal(err)
	}
	if line.Name != "test" || !slices.Equal(line.Y, []float64{0, 100}) {
		t.Errorf("line = %+v, want test with 0%% and 100%%", line)
	}
	if calls < 8 {
		t.Errorf("look called %d times, want at least 4 per sleep", calls)
	}
}

func TestSweepBadInput(t *testing.T) {
	look := func(d, work time.Duration) Look { return Look{} }
	for _, c := range []struct {
		n      int
		sleeps []time.Duration
		work   time.Duration
		look   func(d, work time.Duration) Look
		want   string
	}{
		{0, []time.Duration{0}, 0, look, "n must be > 0"},
		{1, nil, 0, look, "sleeps is empty"},
		{1, []time.Duration{-1}, 0, look, "sleeps[0] must be >= 0"},
		{1, []time.Duration{0}, -1, look, "work must be >= 0"},
		{1, []time.Duration{0}, 0, nil, "look is nil"},
	} {
		if _, err := Sweep("x", c.n, c.sleeps, c.work, c.look); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Sweep(%d, %v): err = %v, want %q", c.n, c.sleeps, err, c.want)
		}
	}
}

func TestLabels(t *testing.T) {
	if got := Labels([]time.Duration{0, time.Microsecond, time.Millisecond}); !slices.Equal(got, []string{"0s", "1µs", "1ms"}) {
		t.Errorf("Labels = %q", got)
	}
}
