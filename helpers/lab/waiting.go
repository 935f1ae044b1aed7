// Used by notebook 03 (03_waitgroup.ipynb).

package lab

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

// Tracker watches one trial of a group of workers and of ways of waiting for
// them, such as sleeping a fixed time or calling sync.WaitGroup.Wait: the
// workers call Finished when their work is done, and each way of waiting calls
// Look at the moment it stops waiting:
//
//	track := lab.Track(workers)
//	for range workers {
//		wg.Go(func() { work(); track.Finished() })
//	}
//	wg.Wait()
//	return track.Trial(track.Look())
//
// Its clock starts when [Track] is called; all times are offsets from then,
// measured with the monotonic clock. Its methods are safe for concurrent use.
// A nil *Tracker records nothing: Look and Trial return zero values.
type Tracker struct {
	start   time.Time
	workers int

	mu       sync.Mutex
	finished int
	slowest  time.Duration
}

// Track returns a Tracker for the given number of workers whose clock starts
// now. (A count below one is reported by [ReportWaiting], which checks every
// trial.)
func Track(workers int) *Tracker {
	return &Tracker{start: time.Now(), workers: workers}
}

// Finished records that one worker's work is done, now. Each worker calls it
// once, as the last thing it does before it signals that it is done (before
// its WaitGroup.Done, for example).
func (t *Tracker) Finished() {
	if t == nil {
		return
	}
	now := time.Since(t.start)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.finished++
	t.slowest = max(t.slowest, now)
}

// Look records what a way of waiting sees at the moment it stops waiting: the
// time since the start, and how many workers had called Finished by then.
func (t *Tracker) Look() Look {
	if t == nil {
		return Look{}
	}
	now := time.Since(t.start)
	t.mu.Lock()
	defer t.mu.Unlock()
	return Look{At: now, Finished: t.finished}
}

// Trial returns the trial as seen so far: the number of workers, when the
// slowest of those that called Finished finished, and the looks given, one per
// way of waiting, in the order the trial's caller wants them summed up. Call it
// once every worker has finished.
func (t *Tracker) Trial(looks ...Look) WaitTrial {
	if t == nil {
		return WaitTrial{}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return WaitTrial{Workers: t.workers, Slowest: t.slowest, Looks: looks}
}

// Look is what one way of waiting saw when it stopped waiting.
type Look struct {
	At       time.Duration // when the waiting stopped, since the start of the trial
	Finished int           // how many workers had finished by then
}

// Complete reports whether every one of workers had finished.
func (l Look) Complete(workers int) bool { return l.Finished >= workers }

// WaitTrial is one run of a group of workers, watched by several ways of waiting.
type WaitTrial struct {
	Workers int           // workers started
	Slowest time.Duration // when the last worker finished, since the start
	Looks   []Look        // one per way of waiting, in the same order in every trial
}

// WaitOutcome is how one way of waiting did over many trials.
type WaitOutcome struct {
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

// String sums the outcome up in one line, for example
// "all done in 47/80 (58.8%), 95% CI 48–69%; 1.95ms wasted on average".
func (o WaitOutcome) String() string {
	low, high := o.Complete.Interval()
	return fmt.Sprintf("all done in %v, 95%% CI %.0f–%.0f%%; %v wasted on average",
		o.Complete, low*100, high*100, stats.RoundDuration(o.Wasted))
}

// ReportWaiting sums up trials in which the same workers were watched first
// by time.Sleep(d), for each d in sleeps (in that order), and last by
// wg.Wait(), and prints one line per way of waiting, for example
//
//	80 trials of 8 workers, each taking 2ms + exponential(mean 2ms), GOMAXPROCS=2
//	  time.Sleep(4ms ): all done in 9/80 (11.2%), 95% CI 6–20%; 137µs wasted on average; independent workers predict 12% all done
//	  ...
//	  wg.Wait()       : all done in 80/80 (100%), 95% CI 95–100%; 31µs wasted on average; Wait returned 24µs after the slowest worker (median; max 96µs)
//
// The share that "independent workers predict" is work.AllDoneBy(workers, d):
// the same probability worked out on paper. ReportWaiting returns the outcomes
// of the sleeps, in the order of sleeps, and the WaitGroup's, for a chart.
//
// ReportWaiting returns an error, and prints nothing, if trials is empty, if
// the trials do not all have one look per sleep plus one for wg.Wait(), or if
// a trial has Workers < 1, a Look with Finished < 0 or > Workers, or a
// negative time; for example "lab.ReportWaiting: trials[3].Workers must be
// >= 1, got 0".
func ReportWaiting(trials []WaitTrial, sleeps []time.Duration, work workload.Distribution) (slept []WaitOutcome, waited WaitOutcome, err error) {
	return reportWaiting(os.Stdout, trials, sleeps, work)
}

func reportWaiting(w io.Writer, trials []WaitTrial, sleeps []time.Duration, work workload.Distribution) ([]WaitOutcome, WaitOutcome, error) {
	outcomes, err := tally(trials)
	if err != nil {
		return nil, WaitOutcome{}, fmt.Errorf("lab.ReportWaiting: %w", err)
	}
	if len(outcomes) != len(sleeps)+1 {
		return nil, WaitOutcome{}, fmt.Errorf("lab.ReportWaiting: the trials have %d looks, want one per sleep (%d) plus one for wg.Wait()", len(outcomes), len(sleeps))
	}
	slept, waited := outcomes[:len(sleeps)], outcomes[len(sleeps)]
	workers := trials[0].Workers
	var b strings.Builder
	fmt.Fprintf(&b, "%d trials of %d workers, each taking %v, GOMAXPROCS=%d\n", len(trials), workers, work, runtime.GOMAXPROCS(0))
	for i, d := range sleeps {
		predicted, _ := work.AllDoneBy(workers, d) // workers >= 1: tally checked
		fmt.Fprintf(&b, "  time.Sleep(%-4v): %v; independent workers predict %.0f%% all done\n", d, slept[i], predicted*100)
	}
	fmt.Fprintf(&b, "  wg.Wait()       : %v; Wait returned %v after the slowest worker (median; max %v)\n",
		waited, time.Duration(waited.Late.Median).Round(time.Microsecond), time.Duration(waited.Late.Max).Round(time.Microsecond))
	_, err = io.WriteString(w, b.String())
	return slept, waited, err
}

// tally returns one outcome per way of waiting: outcome i sums up Looks[i] of
// every trial. It returns an error if trials is empty, or if a trial is not
// as [ReportWaiting] says.
func tally(trials []WaitTrial) ([]WaitOutcome, error) {
	if len(trials) == 0 {
		return nil, fmt.Errorf("trials is empty")
	}
	ways := len(trials[0].Looks)
	for i, t := range trials {
		if err := t.check(ways); err != nil {
			return nil, fmt.Errorf("trials[%d]%s", i, err)
		}
	}
	outcomes := make([]WaitOutcome, ways)
	for w := range outcomes {
		late := make([]time.Duration, len(trials))
		var wasted time.Duration
		complete, _ := stats.Fraction(trials, func(t WaitTrial) bool { return t.Looks[w].Complete(t.Workers) })
		for i, t := range trials {
			late[i] = t.Looks[w].At - t.Slowest
			wasted += max(0, late[i])
		}
		wasted /= time.Duration(len(trials))
		summary, err := stats.Summarize(late)
		if err != nil {
			return nil, err
		}
		outcomes[w] = WaitOutcome{Complete: complete, Wasted: wasted, Late: summary}
	}
	return outcomes, nil
}

// check reports what is wrong with t, as the rest of a message that starts
// with the trial's name; ways is the number of looks every trial must have.
func (t WaitTrial) check(ways int) error {
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
