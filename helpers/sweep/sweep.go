// Package sweep asks how often something happens, across GOMAXPROCS settings
// and sizes: it runs a yes/no trial many times for every combination of a
// GOMAXPROCS setting and a size (such as the number of goroutines), each trial
// under guard.Run, and counts the trials that answered yes.
//
// A bug that depends on timing, such as calling WaitGroup.Add inside the
// goroutine, shows in a share of runs that changes with the number of Ps and
// the number of goroutines. Run measures that share at every point of the grid
// and keeps a 95% interval for each. [Result.Lines] makes one chart line per
// GOMAXPROCS setting and [Result.Worst] one of the highest share over all
// settings; [Result.Hits], [Result.Total] and [Result.Failures] give the
// numbers to print:
//
//	early, err := sweep.Run(sweep.Grid{Procs: []int{1, 2, 4}, Sizes: []int{1, 8, 64}, Trials: 100},
//		func(goroutines int) bool { return waitReturnedEarly(goroutines) })
//
// Each trial runs under guard.Run, so a trial that panics (in its own
// goroutine, or in a goroutine it started with guard.Go) or blocks past the
// Grid's Timeout is counted as failed instead of crashing or hanging the
// program; the goroutine of a blocked trial stays behind (see package guard).
//
// Bad input (no settings or sizes, a GOMAXPROCS setting out of range, fewer
// than one trial, a negative timeout, a nil trial) is reported as an error that
// names the function, the parameter and the value, for example
// "sweep.Run: Grid.Trials must be >= 1, got 0". No function in this package
// panics.
package sweep

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// DefaultTimeout is how long one trial may run when Grid.Timeout is 0.
const DefaultTimeout = time.Second

// Grid says what to sweep.
type Grid struct {
	Procs  []int // GOMAXPROCS settings, each between 1 and trials.MaxProcs
	Sizes  []int // the values passed to the trial, such as numbers of goroutines
	Trials int   // trials at every combination, at least 1
	// Timeout is how long one trial may run before it counts as blocked.
	// 0 means DefaultTimeout.
	Timeout time.Duration
}

// Result is how often the trial answered yes at every point of a Grid.
type Result struct {
	Grid Grid
	// Yes[i][j] counts the trials at GOMAXPROCS Procs[i] and size Sizes[j] that
	// finished and returned true, out of all Grid.Trials trials at that point
	// (failed trials count as "no").
	Yes [][]stats.Share
	// Failed counts the trials, over the whole grid, that panicked or blocked
	// instead of answering; FirstFailure describes the first of them, such as
	// "GOMAXPROCS=2, size 16: panicked in a goroutine started with guard.Go:
	// sync: WaitGroup is reused before previous Wait has returned".
	Failed       int
	FirstFailure string
}

// Run calls trial(size) g.Trials times for every GOMAXPROCS setting in
// g.Procs and every size in g.Sizes, one trial after another, each under
// guard.Run with g.Timeout, and counts how often it returned true. It sets
// GOMAXPROCS for each setting and restores it at the end, so do not run two
// sweeps, or a sweep and another measurement, at the same time. Like
// trials.Run it shows a progress bar when it takes more than about a second.
//
// Run returns an error, without calling trial, if trial is nil or g is not a
// valid Grid (see the package documentation).
func Run(g Grid, trial func(size int) bool) (Result, error) {
	if err := g.check(); err != nil {
		return Result{}, err
	}
	if trial == nil {
		return Result{}, errors.New("sweep.Run: trial is nil")
	}
	timeout := g.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	type point struct {
		yes     stats.Share
		failed  int
		failure string
	}
	sizes := len(g.Sizes)
	points, err := trials.RunEach(len(g.Procs)*sizes, func(k int) point {
		procs, size := g.Procs[k/sizes], g.Sizes[k%sizes]
		p, _ := trials.Procs(procs, func() (p point) { // g.check has checked procs
			p.yes.Total = g.Trials
			for range g.Trials {
				var yes bool
				o := guard.Run(timeout, func() { yes = trial(size) })
				switch {
				case o.Finished && yes:
					p.yes.Hits++
				case !o.Finished:
					if p.failed++; p.failed == 1 {
						p.failure = fmt.Sprintf("GOMAXPROCS=%d, size %d: %v", procs, size, o)
					}
				}
			}
			return p
		})
		return p
	})
	if err != nil {
		return Result{}, fmt.Errorf("sweep.Run: %w", err)
	}
	r := Result{Grid: g, Yes: make([][]stats.Share, len(g.Procs))}
	for i := range g.Procs {
		for j := range g.Sizes {
			p := points[i*sizes+j]
			r.Yes[i] = append(r.Yes[i], p.yes)
			if r.Failed += p.failed; r.FirstFailure == "" {
				r.FirstFailure = p.failure
			}
		}
	}
	return r, nil
}

func (g Grid) check() error {
	switch {
	case len(g.Procs) == 0:
		return errors.New("sweep.Run: Grid.Procs is empty")
	case len(g.Sizes) == 0:
		return errors.New("sweep.Run: Grid.Sizes is empty")
	case g.Trials < 1:
		return fmt.Errorf("sweep.Run: Grid.Trials must be >= 1, got %d", g.Trials)
	case g.Timeout < 0:
		return fmt.Errorf("sweep.Run: Grid.Timeout must be >= 0, got %v", g.Timeout)
	}
	for i, p := range g.Procs {
		if p < 1 || p > trials.MaxProcs {
			return fmt.Errorf("sweep.Run: Grid.Procs[%d] must be between 1 and %d, got %d", i, trials.MaxProcs, p)
		}
	}
	return nil
}
