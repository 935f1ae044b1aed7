// Used by notebook 05 (05_rwmutex.ipynb).
//
// CompareCutOffs compares how long calls wait when every wait is given up at a
// cut-off, such as a writer's wait for Lock under a constant stream of readers.
//
// A wait that ends on its own is about as long whatever the cut-off. A wait
// that would never end (a writer starved by readers) lasts exactly as long as
// the cut-off, whichever it is: that is how a chart of the wait against the
// cut-off tells the two apart. The waiting itself runs through guard.Run, whose
// Outcome gives how long it waited (Elapsed) and whether it was cut off
// (Blocked); the code that waits, with its locks, stays in the caller:
//
//	waits, err := lab.CompareCutOffs([]string{"sync.RWMutex"}, cutoffs, 3,
//		func(contender int, cutoff time.Duration) guard.Outcome {
//			return guard.Run(cutoff, func() { mu.Lock(); mu.Unlock() })
//		})
//
// CompareCutOffs repeats such waits for several contenders at several
// cut-offs, CutOffWaits summarises the waits of one contender, and
// ShowCutOffs (in cutoff_chart.go, their drawing) draws them against the
// cut-off and prints them.
//
// Bad input (no contenders or cut-offs, a cut-off <= 0, fewer than one wait per
// cut-off, a nil function, an Outcome with an error or from another timeout)
// is reported as an error that names the function, the parameter and the
// value, for example "lab.CompareCutOffs: cutoffs[1] must be > 0, got 0s". A
// wait that panicked is reported as an error too. None of these functions
// panics.

package lab

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// CompareCutOffs calls wait(contender, cutoff) each times for every contender
// at every cut-off, and returns the Outcomes, one [CutOffWaits] per contender,
// in the order of names. wait must wait through guard.Run with the cut-off it is
// given as the timeout, and return the Outcome.
//
// The waits run one after another: for each cut-off in turn, each round calls
// every contender once, so that a busy moment on a shared machine hits the
// contenders alike. Like trials.Grid, which it uses, CompareCutOffs shows a progress
// bar when it takes more than about a second.
//
// CompareCutOffs returns an error, without calling wait, if names or cutoffs is
// empty, a cut-off is <= 0, each < 1 or wait is nil. It stops at the first
// Outcome that has Err set, that panicked, or whose Timeout is not the cut-off,
// and returns an error that says so.
func CompareCutOffs(names []string, cutoffs []time.Duration, each int, wait func(contender int, cutoff time.Duration) guard.Outcome) ([]CutOffWaits, error) {
	const fn = "lab.CompareCutOffs"
	switch {
	case len(names) == 0:
		return nil, errors.New(fn + ": names is empty")
	case len(cutoffs) == 0:
		return nil, errors.New(fn + ": cutoffs is empty")
	case each < 1:
		return nil, fmt.Errorf("%s: each must be >= 1, got %d", fn, each)
	case wait == nil:
		return nil, errors.New(fn + ": wait is nil")
	}
	for i, c := range cutoffs {
		if c <= 0 {
			return nil, fmt.Errorf("%s: cutoffs[%d] must be > 0, got %v", fn, i, c)
		}
	}
	grid := trials.Grid[guard.Outcome]{Settings: len(cutoffs), Contenders: len(names), Rounds: each,
		OneSettingAtATime: true, Progress: "trials"}
	outcomes, err := grid.Run(func(c trials.Cell) (guard.Outcome, error) {
		cutoff, name := cutoffs[c.Setting], names[c.Contender]
		o := wait(c.Contender, cutoff)
		switch {
		case o.Err != nil:
			return o, fmt.Errorf("%s: %s at cut-off %v: %w", fn, name, cutoff, o.Err)
		case o.Panicked:
			return o, fmt.Errorf("%s: %s at cut-off %v: the wait panicked: %v", fn, name, cutoff, o.Panic)
		case o.Timeout != cutoff:
			return o, fmt.Errorf("%s: %s at cut-off %v: the Outcome's timeout is %v: pass the cut-off to guard.Run", fn, name, cutoff, o.Timeout)
		}
		return o, nil
	})
	if err != nil {
		return nil, err
	}
	waits := make([]CutOffWaits, len(names))
	for k, name := range names {
		waits[k].Name = name
		for s := range cutoffs {
			waits[k].Outcomes = append(waits[k].Outcomes, outcomes.Values[s][k]...)
		}
	}
	return waits, nil
}

// CutOffWaits is the waits of one contender, such as one kind of lock, from
// [CompareCutOffs].
type CutOffWaits struct {
	Name string
	// Outcomes holds one guard.Outcome per wait, in order: Elapsed is how long
	// it waited, Timeout the cut-off, and Blocked says it was cut off.
	Outcomes []guard.Outcome
}

// Durations returns how long each wait lasted, in order.
func (w CutOffWaits) Durations() []time.Duration {
	ds := make([]time.Duration, len(w.Outcomes))
	for i, o := range w.Outcomes {
		ds[i] = o.Elapsed
	}
	return ds
}

// Median returns the median wait, or 0 when there are no waits.
func (w CutOffWaits) Median() time.Duration {
	s, err := stats.Summarize(w.Durations())
	if err != nil {
		return 0
	}
	return time.Duration(s.Median)
}

// CutOff returns how many of the waits were cut off.
func (w CutOffWaits) CutOff() int {
	n := 0
	for _, o := range w.Outcomes {
		if o.Blocked {
			n++
		}
	}
	return n
}

// String sums the waits up in one line, for example
// "median 1.07ms (95% CI 1.03ms–1.12ms), max 2.3ms; 0 of 12 hit the cut-off",
// or "no waits".
func (w CutOffWaits) String() string {
	s, err := stats.Summarize(w.Durations())
	if err != nil {
		return "no waits"
	}
	d := func(ns float64) time.Duration { return stats.RoundDuration(time.Duration(ns)) }
	return fmt.Sprintf("median %v (95%% CI %v–%v), max %v; %d of %d hit the cut-off",
		d(s.Median), d(s.MedianLow), d(s.MedianHigh), d(s.Max), w.CutOff(), len(w.Outcomes))
}
