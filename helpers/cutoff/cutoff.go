// Package cutoff compares how long calls wait when every wait is given up at a
// cut-off, such as a writer's wait for Lock under a constant stream of readers.
//
// A wait that ends on its own is about as long whatever the cut-off. A wait
// that would never end (a writer starved by readers) lasts exactly as long as
// the cut-off, whichever it is: that is how a chart of the wait against the
// cut-off tells the two apart. The waiting itself runs through guard.Run, whose
// Outcome gives how long it waited (Elapsed) and whether it was cut off
// (Blocked); the code that waits, with its locks, stays in the caller:
//
//	waits, err := cutoff.Compare([]string{"sync.RWMutex"}, cutoffs, 3,
//		func(contender int, cutoff time.Duration) guard.Outcome {
//			return guard.Run(cutoff, func() { mu.Lock(); mu.Unlock() })
//		})
//
// [Compare] repeats such waits for several contenders at several cut-offs,
// [Waits] summarises the waits of one contender, and [Chart] draws them against
// the cut-off.
//
// Bad input (no contenders or cut-offs, a cut-off <= 0, fewer than one wait per
// cut-off, a nil function, an Outcome with an error or from another timeout)
// is reported as an error that names the function, the parameter and the
// value, for example "cutoff.Compare: cutoffs[1] must be > 0, got 0s". A wait
// that panicked is reported as an error too. No function in this package
// panics.
package cutoff

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/guard"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Compare calls wait(contender, cutoff) each times for every contender at
// every cut-off, and returns the Outcomes, one Waits per contender, in the
// order of names. wait must wait through guard.Run with the cut-off it is
// given as the timeout, and return the Outcome.
//
// The waits run one after another: for each cut-off in turn, each round calls
// every contender once, so that a busy moment on a shared machine hits the
// contenders alike. Like trials.RunEach, which it uses, Compare shows a
// progress bar when it takes more than about a second.
//
// Compare returns an error, without calling wait, if names or cutoffs is
// empty, a cut-off is <= 0, each < 1 or wait is nil. It stops at the first
// Outcome that has Err set, that panicked, or whose Timeout is not the cut-off,
// and returns an error that says so.
func Compare(names []string, cutoffs []time.Duration, each int, wait func(contender int, cutoff time.Duration) guard.Outcome) ([]Waits, error) {
	const fn = "cutoff.Compare"
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
	waits := make([]Waits, len(names))
	for k, name := range names {
		waits[k].Name = name
	}
	var failure error
	_, err := trials.RunEach(len(cutoffs)*each, func(round int) bool {
		cutoff := cutoffs[round/each]
		for k, name := range names {
			if failure != nil {
				return false
			}
			o := wait(k, cutoff)
			switch {
			case o.Err != nil:
				failure = fmt.Errorf("%s: %s at cut-off %v: %w", fn, name, cutoff, o.Err)
			case o.Panicked:
				failure = fmt.Errorf("%s: %s at cut-off %v: the wait panicked: %v", fn, name, cutoff, o.Panic)
			case o.Timeout != cutoff:
				failure = fmt.Errorf("%s: %s at cut-off %v: the Outcome's timeout is %v: pass the cut-off to guard.Run", fn, name, cutoff, o.Timeout)
			default:
				waits[k].Outcomes = append(waits[k].Outcomes, o)
			}
		}
		return failure == nil
	})
	if err != nil { // not expected: the arguments are valid
		return nil, err
	}
	if failure != nil {
		return nil, failure
	}
	return waits, nil
}

// Waits is the waits of one contender, such as one kind of lock.
type Waits struct {
	Name string
	// Outcomes holds one guard.Outcome per wait, in order: Elapsed is how long
	// it waited, Timeout the cut-off, and Blocked says it was cut off.
	Outcomes []guard.Outcome
}

// Durations returns how long each wait lasted, in order.
func (w Waits) Durations() []time.Duration {
	ds := make([]time.Duration, len(w.Outcomes))
	for i, o := range w.Outcomes {
		ds[i] = o.Elapsed
	}
	return ds
}

// Median returns the median wait, or 0 when there are no waits.
func (w Waits) Median() time.Duration {
	s, err := stats.Summarize(w.Durations())
	if err != nil {
		return 0
	}
	return time.Duration(s.Median)
}

// CutOff returns how many of the waits were cut off.
func (w Waits) CutOff() int {
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
func (w Waits) String() string {
	s, err := stats.Summarize(w.Durations())
	if err != nil {
		return "no waits"
	}
	d := func(ns float64) time.Duration { return stats.RoundDuration(time.Duration(ns)) }
	return fmt.Sprintf("median %v (95%% CI %v–%v), max %v; %d of %d hit the cut-off",
		d(s.Median), d(s.MedianLow), d(s.MedianHigh), d(s.Max), w.CutOff(), len(w.Outcomes))
}

// Points returns the waits as a series of points for an XY chart, named after
// the contender: x is the cut-off and y the wait, both in milliseconds.
func (w Waits) Points() chart.XYSeries {
	s := chart.XYSeries{Name: w.Name}
	for _, o := range w.Outcomes {
		s.X = append(s.X, ms(o.Timeout))
		s.Y = append(s.Y, ms(o.Elapsed))
	}
	return s
}

// Chart returns an XY chart of the waits against the cut-off: a line named
// "cut-off" where the wait equals the cut-off, from 0 to a quarter beyond the
// longest cut-off, and the Points of every Waits. Waits that were cut off sit
// on the line. Labels l name the chart and its axes, in milliseconds; as for
// every chart, bad input (such as Waits without waits) is reported by the
// chart's Err and printed by chart.Show.
func Chart(l chart.Labels, waits ...Waits) *chart.Chart {
	longest := 0.0
	for _, w := range waits {
		for _, o := range w.Outcomes {
			longest = max(longest, ms(o.Timeout))
		}
	}
	line := []float64{0, 1.25 * longest}
	series := []chart.XYSeries{{Name: "cut-off", X: line, Y: line, Line: true}}
	for _, w := range waits {
		series = append(series, w.Points())
	}
	return chart.XY(l, series...)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
