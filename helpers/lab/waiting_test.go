package lab

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/workload"
	"github.com/go-concurrency-lab/course/internal/badinput"
)

const ms = time.Millisecond

func TestTallyBadInput(t *testing.T) {
	ok := WaitTrial{Workers: 2, Slowest: ms, Looks: []Look{{At: ms, Finished: 2}}}
	call := func(trials ...WaitTrial) func() error {
		return func() error {
			outcomes, err := tally(trials)
			if outcomes != nil {
				t.Errorf("tally returned outcomes %v with the error %v", outcomes, err)
			}
			return err
		}
	}
	badinput.Check(t, []badinput.Case{
		{Name: "nil", Call: call(), Want: "trials is empty"},
		{Name: "no looks", Call: call(WaitTrial{Workers: 1}), Want: "trials[0].Looks is empty: each trial needs a Look per way of waiting"},
		{Name: "looks differ", Call: call(ok, WaitTrial{Workers: 2, Looks: []Look{{}, {}}}), Want: "trials[1].Looks has 2 looks, but trials[0] has 1"},
		{Name: "no workers", Call: call(ok, WaitTrial{Looks: []Look{{}}}), Want: "trials[1].Workers must be >= 1, got 0"},
		{Name: "negative slowest", Call: call(WaitTrial{Workers: 1, Slowest: -ms, Looks: []Look{{}}}), Want: "trials[0].Slowest must be >= 0, got -1ms"},
		{Name: "too many finished", Call: call(WaitTrial{Workers: 2, Looks: []Look{{Finished: 3}}}), Want: "trials[0].Looks[0].Finished must be between 0 and Workers (2), got 3"},
		{Name: "negative finished", Call: call(WaitTrial{Workers: 2, Looks: []Look{{Finished: -1}}}), Want: "trials[0].Looks[0].Finished must be between 0 and Workers (2), got -1"},
		{Name: "negative time", Call: call(WaitTrial{Workers: 2, Looks: []Look{{At: -ms}}}), Want: "trials[0].Looks[0].At must be >= 0, got -1ms"},
	})
}

func TestTally(t *testing.T) {
	trials := []WaitTrial{
		// stopped 2ms early, incomplete; stopped 1ms late
		{Workers: 3, Slowest: 4 * ms, Looks: []Look{{At: 2 * ms, Finished: 1}, {At: 5 * ms, Finished: 3}}},
		// stopped 3ms late; stopped exactly at the slowest finish
		{Workers: 3, Slowest: 1 * ms, Looks: []Look{{At: 4 * ms, Finished: 3}, {At: 1 * ms, Finished: 3}}},
	}
	outcomes, err := tally(trials)
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
	if got, want := sleep.String(), "all done in 1/2 (50%), 95% CI 9–91%; 1.5ms wasted on average"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	s := WaitSeries("sleeps", outcomes...)
	if !s.Line || len(s.X) != 2 || s.X[0] != 1.5 || s.Y[0] != 50 || s.X[1] != 0.5 || s.Y[1] != 100 {
		t.Errorf("WaitSeries = %+v, want a line through (1.5ms, 50%%) and (0.5ms, 100%%)", s)
	}
	if p := WaitSeries("wait", wait); p.Line {
		t.Errorf("a single outcome is drawn as a line, want a point")
	}
}

// The Tracker counts every Finished call and its slowest time, even when the
// workers finish at the same time (run with -race).
func TestTrackerConcurrent(t *testing.T) {
	const workers = 50
	track := Track(workers)
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
}

func TestNilTracker(t *testing.T) {
	var track *Tracker
	track.Finished()
	if l, tr := track.Look(), track.Trial(Look{At: ms}); l != (Look{}) || tr.Workers != 0 || tr.Looks != nil {
		t.Errorf("nil Tracker: Look %+v, Trial %+v; want zero values", l, tr)
	}
	if _, err := tally([]WaitTrial{track.Trial(Look{})}); err == nil {
		t.Errorf("tally accepted the zero trial of a nil Tracker")
	}
}

func TestReportWaiting(t *testing.T) {
	work, err := workload.Exponential(2*ms, 2*ms)
	if err != nil {
		t.Fatal(err)
	}
	sleeps := []time.Duration{4 * ms, 20 * ms}
	trials := []WaitTrial{
		{Workers: 2, Slowest: 5 * ms, Looks: []Look{{At: 4 * ms, Finished: 1}, {At: 20 * ms, Finished: 2}, {At: 5*ms + 10*time.Microsecond, Finished: 2}}},
		{Workers: 2, Slowest: 3 * ms, Looks: []Look{{At: 4 * ms, Finished: 2}, {At: 20 * ms, Finished: 2}, {At: 3*ms + 30*time.Microsecond, Finished: 2}}},
	}
	var out strings.Builder
	slept, waited, err := reportWaiting(&out, trials, sleeps, work)
	if err != nil {
		t.Fatal(err)
	}
	if len(slept) != 2 || slept[0].Complete.Hits != 1 || slept[1].Complete.Hits != 2 || waited.Complete.Hits != 2 {
		t.Errorf("outcomes = %v, %v; want 1/2 and 2/2 for the sleeps, 2/2 for Wait", slept, waited)
	}
	for _, want := range []string{
		"2 trials of 2 workers, each taking 2ms + exponential(mean 2ms), GOMAXPROCS=",
		"  time.Sleep(4ms ): all done in 1/2 (50%)",
		"independent workers predict 40% all done", // (1 - e^-1)^2
		"  time.Sleep(20ms): all done in 2/2 (100%)",
		"  wg.Wait()       : all done in 2/2 (100%)",
		"Wait returned 20µs after the slowest worker (median; max 30µs)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestReportWaitingBadInput(t *testing.T) {
	work, _ := workload.Exponential(ms, ms)
	ok := []WaitTrial{{Workers: 1, Looks: []Look{{Finished: 1}, {Finished: 1}}}}
	call := func(trials []WaitTrial, sleeps []time.Duration) func() error {
		return func() error {
			var out strings.Builder
			_, _, err := reportWaiting(&out, trials, sleeps, work)
			if out.Len() != 0 {
				t.Errorf("printed %q despite bad input", out.String())
			}
			return err
		}
	}
	badinput.Check(t, []badinput.Case{
		{Name: "no trials", Call: call(nil, []time.Duration{ms}), Want: "lab.ReportWaiting: trials is empty"},
		{Name: "too few sleeps", Call: call(ok, nil), Want: "lab.ReportWaiting: the trials have 2 looks, want one per sleep (0) plus one for wg.Wait()"},
		{Name: "no workers", Call: call([]WaitTrial{{Looks: []Look{{}}}}, nil), Want: "lab.ReportWaiting: trials[0].Workers must be >= 1, got 0"},
	})
}
