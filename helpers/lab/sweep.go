// Used by notebook 03 (03_waitgroup.ipynb).
//
// RunSweep asks how often something happens, across GOMAXPROCS settings and
// sizes: it runs a yes/no trial many times for every combination of a
// GOMAXPROCS setting and a size (such as the number of goroutines), each trial
// under guard.Run, and counts the trials that answered yes.
//
// A bug that depends on timing, such as calling WaitGroup.Add inside the
// goroutine, shows in a share of runs that changes with the number of Ps and
// the number of goroutines. RunSweep measures that share at every point of the
// Sweep and keeps a 95% interval for each. Swept.Lines makes one chart line per
// GOMAXPROCS setting and Swept.Worst one of the highest share over all
// settings (in sweep_chart.go, their drawing); Swept.Hits, Swept.Total and
// Swept.Failures (in sweep_result.go) give the numbers to print:
//
//	early, err := lab.RunSweep(lab.Sweep{Procs: []int{1, 2, 4}, Sizes: []int{1, 8, 64}, Trials: 100},
//		func(goroutines int) bool { return waitReturnedEarly(goroutines) })
//
// The sweep runs on a trials.Grid with a timeout: each trial runs under
// guard.Run, so a trial that panics (in its own goroutine, or in a goroutine
// it started with guard.Go) or blocks past the Sweep's Timeout is counted as
// failed instead of crashing or hanging the program; the goroutine of a
// blocked trial stays behind (see package guard).
//
// Bad input (no settings or sizes, a GOMAXPROCS setting out of range, fewer
// than one trial, a negative timeout, a nil trial) is reported as an error that
// names the function, the parameter and the value, for example
// "lab.RunSweep: Sweep.Trials must be >= 1, got 0". None of these functions
// panics.

package lab

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// SweepTimeout is how long one trial of a [Sweep] may run when its Timeout is 0.
const SweepTimeout = time.Second

// A Sweep says what [RunSweep] sweeps: the GOMAXPROCS settings, the sizes and
// the trials at every combination.
type Sweep struct {
	Procs  []int // GOMAXPROCS settings, each between 1 and trials.MaxProcs
	Sizes  []int // the values passed to the trial, such as numbers of goroutines
	Trials int   // trials at every combination, at least 1
	// Timeout is how long one trial may run before it counts as blocked.
	// 0 means SweepTimeout.
	Timeout time.Duration
}

// Swept is how often the trial answered yes at every point of a [Sweep].
type Swept struct {
	Sweep Sweep // what was swept
	// Yes[i][j] counts the trials at GOMAXPROCS Procs[i] and size Sizes[j] that
	// finished and returned true, out of all Sweep.Trials trials at that point
	// (failed trials count as "no").
	Yes [][]stats.Share
	// Failed counts the trials, over the whole sweep, that panicked or blocked
	// instead of answering; FirstFailure describes the first of them, such as
	// "GOMAXPROCS=2, size 16: panicked in a goroutine started with guard.Go:
	// sync: WaitGroup is reused before previous Wait has returned".
	Failed       int
	FirstFailure string
}

// RunSweep calls trial(size) g.Trials times for every GOMAXPROCS setting in
// g.Procs and every size in g.Sizes, one trial after another, each under
// guard.Run with g.Timeout, and counts how often it returned true. It sets
// GOMAXPROCS for each setting and restores it at the end, so do not run two
// sweeps, or a sweep and another measurement, at the same time. Like
// trials.Run it shows a progress bar when it takes more than about a second.
//
// RunSweep returns an error, without calling trial, if trial is nil, g.Procs
// or g.Sizes is empty, a GOMAXPROCS setting is below 1 or above
// [trials.MaxProcs], g.Trials < 1 or g.Timeout < 0.
func RunSweep(g Sweep, trial func(size int) bool) (Swept, error) {
	if err := g.check(); err != nil {
		return Swept{}, err
	}
	if trial == nil {
		return Swept{}, errors.New("lab.RunSweep: trial is nil")
	}
	timeout := g.Timeout
	if timeout == 0 {
		timeout = SweepTimeout
	}
	// One setting of the trials.Grid per point, all its trials in a row: the
	// sizes of the first GOMAXPROCS setting, then those of the next.
	sizes := len(g.Sizes)
	procs := make([]int, 0, len(g.Procs)*sizes)
	for _, p := range g.Procs {
		for range g.Sizes {
			procs = append(procs, p)
		}
	}
	grid := trials.Grid[bool]{Settings: len(procs), Contenders: 1, Rounds: g.Trials, Procs: procs,
		Timeout: timeout, KeepGoing: true, OneSettingAtATime: true, Progress: "trials"}
	runs, err := grid.Run(func(c trials.Cell) (bool, error) { return trial(g.Sizes[c.Setting%sizes]), nil })
	if err != nil {
		return Swept{}, fmt.Errorf("lab.RunSweep: %w", err)
	}
	r := Swept{Sweep: g, Yes: make([][]stats.Share, len(g.Procs)), Failed: len(runs.Failures)}
	for i := range g.Procs {
		for j := range g.Sizes {
			yes := stats.Share{Total: g.Trials}
			for _, v := range runs.Values[i*sizes+j][0] {
				if v {
					yes.Hits++
				}
			}
			r.Yes[i] = append(r.Yes[i], yes)
		}
	}
	if len(runs.Failures) > 0 {
		f := runs.Failures[0]
		r.FirstFailure = fmt.Sprintf("GOMAXPROCS=%d, size %d: %v", f.Procs, g.Sizes[f.Setting%sizes], f.Outcome)
	}
	return r, nil
}

func (g Sweep) check() error {
	switch {
	case len(g.Procs) == 0:
		return errors.New("lab.RunSweep: Sweep.Procs is empty")
	case len(g.Sizes) == 0:
		return errors.New("lab.RunSweep: Sweep.Sizes is empty")
	case g.Trials < 1:
		return fmt.Errorf("lab.RunSweep: Sweep.Trials must be >= 1, got %d", g.Trials)
	case g.Timeout < 0:
		return fmt.Errorf("lab.RunSweep: Sweep.Timeout must be >= 0, got %v", g.Timeout)
	}
	for i, p := range g.Procs {
		if err := trials.CheckProcs(fmt.Sprintf("lab.RunSweep: Sweep.Procs[%d]", i), p); err != nil {
			return err
		}
	}
	return nil
}
