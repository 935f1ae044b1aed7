package lab

import (
	"slices"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

func TestPeekAfterSleeps(t *testing.T) {
	sleeps := []time.Duration{0, time.Millisecond}
	calls := 0
	peeked, err := PeekAfterSleeps("test", 4, sleeps, time.Microsecond, func(d, work time.Duration) Peek {
		calls++
		return Peek{Ran: d > 0, Looked: d, FlagRose: work}
	})
	if err != nil {
		t.Fatal(err)
	}
	if peeked.Name != "test" || len(peeked.Ran) != 2 || peeked.Ran[0].Hits != 0 || peeked.Ran[1].Hits != 4 || peeked.Ran[1].Total != 4 {
		t.Errorf("peeked = %+v, want test with 0/4 and 4/4", peeked)
	}
	if calls != 8 {
		t.Errorf("look called %d times, want 4 per sleep", calls)
	}
	line := RanLine(peeked)
	if line.Name != "test" || !slices.Equal(line.Y, []float64{0, 100}) {
		t.Errorf("RanLine = %+v, want test with 0%% and 100%%", line)
	}
}

func TestPeekAfterSleepsBadInput(t *testing.T) {
	look := func(d, work time.Duration) Peek { return Peek{} }
	call := func(n int, sleeps []time.Duration, work time.Duration, look func(d, work time.Duration) Peek) func() error {
		return func() error { _, err := PeekAfterSleeps("x", n, sleeps, work, look); return err }
	}
	one := []time.Duration{0}
	badinput.Check(t, []badinput.Case{
		{Name: "n=0", Call: call(0, one, 0, look), Want: "lab.PeekAfterSleeps: n must be > 0, got 0"},
		{Name: "no sleeps", Call: call(1, nil, 0, look), Want: "lab.PeekAfterSleeps: sleeps is empty"},
		{Name: "negative sleep", Call: call(1, []time.Duration{0, -1}, 0, look), Want: "lab.PeekAfterSleeps: sleeps[1] must be >= 0, got -1ns"},
		{Name: "negative work", Call: call(1, one, -1, look), Want: "lab.PeekAfterSleeps: work must be >= 0, got -1ns"},
		{Name: "nil look", Call: call(1, one, 0, nil), Want: "lab.PeekAfterSleeps: look is nil"},
	})
}

func TestSleepLabels(t *testing.T) {
	if got := SleepLabels([]time.Duration{0, time.Microsecond, time.Millisecond}); !slices.Equal(got, []string{"0s", "1µs", "1ms"}) {
		t.Errorf("SleepLabels = %q", got)
	}
}
