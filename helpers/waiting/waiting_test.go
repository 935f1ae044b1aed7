package waiting

import (
	"strings"
	"sync"
	"testing"
	"time"
)

const ms = time.Millisecond

func TestTallyBadInput(t *testing.T) {
	ok := Trial{Workers: 2, Slowest: ms, Looks: []Look{{At: ms, Finished: 2}}}
	tests := []struct {
		name   string
		trials []Trial
		want   string
	}{
		{"nil", nil, "waiting.Tally: trials is empty"},
		{"no looks", []Trial{{Workers: 1}}, "waiting.Tally: trials[0].Looks is empty"},
		{"looks differ", []Trial{ok, {Workers: 2, Looks: []Look{{}, {}}}}, "waiting.Tally: trials[1].Looks has 2 looks, but trials[0] has 1"},
		{"no workers", []Trial{ok, {Looks: []Look{{}}}}, "waiting.Tally: trials[1].Workers must be >= 1, got 0"},
		{"negative slowest", []Trial{{Workers: 1, Slowest: -ms, Looks: []Look{{}}}}, "waiting.Tally: trials[0].Slowest must be >= 0, got -1ms"},
		{"too many finished", []Trial{{Workers: 2, Looks: []Look{{Finished: 3}}}}, "waiting.Tally: trials[0].Looks[0].Finished must be between 0 and Workers (2), got 3"},
		{"negative finished", []Trial{{Workers: 2, Looks: []Look{{Finished: -1}}}}, "between 0 and Workers (2), got -1"},
		{"negative time", []Trial{{Workers: 2, Looks: []Look{{At: -ms}}}}, "waiting.Tally: trials[0].Looks[0].At must be >= 0, got -1ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outcomes, err := Tally(tt.trials)
			if err == nil || !strings.Contains(err.Error(), tt.want) || outcomes != nil {
				t.Errorf("Tally = %v, %v; want no outcomes and an error containing %q", outcomes, err, tt.want)
			}
		})
	}
}

func TestTally(t *testing.T) {
	trials := []Trial{
		// stopped 2ms early, incomplete; stopped 1ms late
		{Workers: 3, Slowest: 4 * ms, Looks: []Look{{At: 2 * ms, Finished: 1}, {At: 5 * ms, Finished: 3}}},
		// stopped 3ms late; stopped exactly at the slowest finish
		{Workers: 3, Slowest: 1 * ms, Looks: []Look{{At: 4 * ms, Finished: 3}, {At: 1 * ms, Finished: 3}}},
	}
	outcomes, err := Tally(trials)
	if err != nil {
		t.Fatal(err)
	}
	if len(outcomes) != 2 {
		t.Fatalf("got %d outcomes, want one per way of waiting (2)", len(outcomes))
	}
	sleep, wait := outcomes[0], outcomes[1]
	if sleep.Complete.Hits != 1 || sleep.Complete.Total != 2 || wait.Complete.Hits != 2 {
		t.Errorf("complete: sleep %v, wait %v; want 1/2 and 2/2", sleep.Complete, wait.Complete)
	}
	// Early stops waste nothing: sleep wasted (0 + 3ms)/2, wait (1ms + 0)/2.
	if sleep.Wasted != 1500*time.Microsecond || wait.Wasted != 500*time.Microsecond {
		t.Errorf("wasted: sleep %v, wait %v; want 1.5ms and 500µs", sleep.Wasted, wait.Wasted)
	}
	if sleep.Late.Min != float64(-2*ms) || sleep.Late.Max != float64(3*ms) || wait.Late.Median != float64(500*time.Microsecond) {
		t.Errorf("late: sleep min %v max %v, wait median %v; want -2ms, 3ms, 500µs",
			time.Duration(sleep.Late.Min), time.Duration(sleep.Late.Max), time.Duration(wait.Late.Median))
	}
	s := Series("sleeps", outcomes...)
	if !s.Line || len(s.X) != 2 || s.X[0] != 1.5 || s.Y[0] != 50 || s.X[1] != 0.5 || s.Y[1] != 100 {
		t.Errorf("Series = %+v, want a line through (1.5ms, 50%%) and (0.5ms, 100%%)", s)
	}
	if p := Series("wait", wait); p.Line {
		t.Errorf("a single outcome is drawn as a line, want a point")
	}
}

// The Tracker counts every Finished call and its slowest time, even when the
// workers finish at the same time (run with -race).
func TestTrackerConcurrent(t *testing.T) {
	const workers = 50
	track := Start(workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			if i == 7 {
				time.Sleep(5 * ms) // the slowest
			}
			track.Finished()
		})
	}
	before := track.Look()
	wg.Wait()
	after := track.Look()
	trial := track.Trial(after, before)
	switch {
	case before.Finished == workers:
		t.Errorf("all %d workers had finished before the slow one slept 5ms", workers)
	case !after.Complete(workers) || after.Finished != workers:
		t.Errorf("after Wait: %d of %d finished", after.Finished, workers)
	case trial.Slowest < 5*ms || trial.Slowest > after.At:
		t.Errorf("slowest %v, Wait returned at %v; want at least 5ms and no later than Wait", trial.Slowest, after.At)
	case trial.Workers != workers || len(trial.Looks) != 2 || trial.Looks[0] != after:
		t.Errorf("Trial = %+v, want %d workers and the looks in the order given", trial, workers)
	}
	start := time.Now()
	track.SleepUntil(0) // long past: returns at once
	if took := time.Since(start); took > 500*ms {
		t.Errorf("SleepUntil of a past instant took %v", took)
	}
}

func TestNilTracker(t *testing.T) {
	var track *Tracker
	track.Finished()
	track.SleepUntil(time.Hour) // returns at once
	if l, tr := track.Look(), track.Trial(Look{At: ms}); l != (Look{}) || tr.Workers != 0 || tr.Looks != nil {
		t.Errorf("nil Tracker: Look %+v, Trial %+v; want zero values", l, tr)
	}
	if _, err := Tally([]Trial{track.Trial(Look{})}); err == nil {
		t.Errorf("Tally accepted the zero Trial of a nil Tracker")
	}
}
