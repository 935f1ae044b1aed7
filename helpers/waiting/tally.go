package waiting

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Outcome is how one way of waiting did over many trials.
type Outcome struct {
	// Complete counts the trials in which every worker had finished when the
	// waiting stopped.
	Complete stats.Share
	// Wasted is the mean, over trials, of the time from the slowest worker's
	// finish to the end of the waiting; a trial that stopped before the slowest
	// worker finished wasted nothing (it went on without the results instead,
	// which Complete counts).
	Wasted time.Duration
	// Late summarises, over trials, when the waiting stopped relative to the
	// slowest worker's finish, in nanoseconds: positive after it, negative before.
	// For a WaitGroup its median is the wake-up latency of Wait.
	Late stats.Summary
}

// Tally returns one Outcome per way of waiting: Outcome i sums up Looks[i] of
// every trial.
//
// Tally returns an error if trials is empty, if the trials have different
// numbers of looks or none, or if a trial has Workers < 1, a Look with
// Finished < 0 or > Workers, or a negative time.
func Tally(trials []Trial) ([]Outcome, error) {
	if len(trials) == 0 {
		return nil, fmt.Errorf("waiting.Tally: trials is empty")
	}
	ways := len(trials[0].Looks)
	for i, t := range trials {
		if err := t.check(ways); err != nil {
			return nil, fmt.Errorf("waiting.Tally: trials[%d]%s", i, err)
		}
	}
	outcomes := make([]Outcome, ways)
	for w := range outcomes {
		late := make([]time.Duration, len(trials))
		var wasted time.Duration
		complete, _ := stats.Fraction(trials, func(t Trial) bool { return t.Looks[w].Complete(t.Workers) })
		for i, t := range trials {
			late[i] = t.Looks[w].At - t.Slowest
			wasted += max(0, late[i])
		}
		wasted /= time.Duration(len(trials))
		summary, err := stats.Summarize(late)
		if err != nil {
			return nil, fmt.Errorf("waiting.Tally: %w", err)
		}
		outcomes[w] = Outcome{Complete: complete, Wasted: wasted, Late: summary}
	}
	return outcomes, nil
}

// check reports what is wrong with t, as the rest of a message that starts
// with the trial's name; ways is the number of looks every trial must have.
func (t Trial) check(ways int) error {
	switch {
	case ways == 0:
		return fmt.Errorf(".Looks is empty: each trial needs a Look per way of waiting")
	case len(t.Looks) != ways:
		return fmt.Errorf(".Looks has %d looks, but trials[0] has %d", len(t.Looks), ways)
	case t.Workers < 1:
		return fmt.Errorf(".Workers must be >= 1, got %d", t.Workers)
	case t.Slowest < 0:
		return fmt.Errorf(".Slowest must be >= 0, got %v", t.Slowest)
	}
	for i, l := range t.Looks {
		switch {
		case l.Finished < 0 || l.Finished > t.Workers:
			return fmt.Errorf(".Looks[%d].Finished must be between 0 and Workers (%d), got %d", i, t.Workers, l.Finished)
		case l.At < 0:
			return fmt.Errorf(".Looks[%d].At must be >= 0, got %v", i, l.At)
		}
	}
	return nil
}

// String sums the outcome up in one line, for example
// "all done in 47/80 (58.8%), 95% CI 48–69%; 1.95ms wasted on average".
func (o Outcome) String() string {
	low, high := o.Complete.Interval()
	return fmt.Sprintf("all done in %v, 95%% CI %.0f–%.0f%%; %v wasted on average",
		o.Complete, low*100, high*100, stats.RoundDuration(o.Wasted))
}

// Series returns the outcomes as one series of an XY chart: x is the time
// wasted (mean per trial, in milliseconds), y the percentage of trials in which
// all the work had finished. Several outcomes, such as one per sleep time,
// are joined by a line; a single one is a point.
func Series(name string, outcomes ...Outcome) chart.XYSeries {
	s := chart.XYSeries{Name: name, Line: len(outcomes) > 1}
	for _, o := range outcomes {
		s.X = append(s.X, o.Wasted.Seconds()*1000)
		s.Y = append(s.Y, o.Complete.Percent())
	}
	return s
}
