package trials

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
	"github.com/go-concurrency-lab/course/helpers/internal/progress"
)

// Grid runs an experiment at every point of settings × contenders, Rounds
// times: the one runner behind every comparison in the course. A setting is
// what the experiment varies (a GOMAXPROCS setting, a number of goroutines, a
// cut-off, a share of reads); a contender is one of the ways compared at every
// setting (one by one against all at once, Mutex against RWMutex); a round
// gives every contender one run at a setting. The value type T is what one run
// returns: a time, a rate, a yes or no.
//
// By default every round visits every setting, and at every setting every
// contender, in order, so that a busy moment on a shared machine hits all of
// them alike instead of spoiling one. The zero values of the optional fields
// leave GOMAXPROCS alone, call the runs directly, show no progress bar and keep
// that order.
type Grid[T any] struct {
	// Settings is how many settings the experiment runs at, at least 1.
	Settings int
	// Contenders is how many contenders run at every setting, at least 1.
	Contenders int
	// Rounds is how many times every contender runs at every setting, at
	// least 1.
	Rounds int
	// Procs, when not empty, holds one GOMAXPROCS per setting, each between 1
	// and MaxProcs: the runs at setting s run under GOMAXPROCS Procs[s] (set
	// with [WithProcs], so the previous value is restored after each visit).
	Procs []int
	// Timeout, when more than 0, runs every run through guard.Run with that
	// timeout, for code that may block or panic. Such a run is a [Failure].
	Timeout time.Duration
	// KeepGoing records a Failure in [Results.Failures] and goes on with the
	// next run; by default the grid stops at the first Failure and returns it
	// as its error.
	KeepGoing bool
	// OneSettingAtATime runs all the rounds of one setting before the next
	// setting (the contenders still take turns within each round), for
	// settings that are costly to switch or experiments that count events
	// rather than time them.
	OneSettingAtATime bool
	// Progress labels the progress bar (see package progress) that a grid
	// running more than about a second shows, such as "trials"; it counts
	// rounds, or with OneSettingAtATime rounds of every setting. "" means no
	// bar.
	Progress string
	// After, when set, is called after every run that finished without an
	// error, on the goroutine that called [Grid.Run], with the run's cell and
	// value; when it returns false the grid stops there, without an error.
	After func(c Cell, value T) (more bool)
}

// Cell says which run of a [Grid] is being made.
type Cell struct {
	Setting, Contender, Round int // each counted from 0
	// Procs is the GOMAXPROCS the run is made under: Grid.Procs[Setting], or 0
	// when the Grid sets none.
	Procs int
}

// Results is what the runs of a [Grid] returned: plain values, for package
// stats to summarise.
type Results[T any] struct {
	// Values[setting][contender] holds the values of the runs that finished
	// without an error, in the order of their rounds.
	Values [][][]T
	// Failures lists the runs that blocked or panicked, in order, when the Grid
	// has a Timeout and KeepGoing.
	Failures []Failure
}

// Failure is a run of a [Grid] with a Timeout that blocked past the timeout
// or panicked.
type Failure struct {
	Cell
	// Outcome is what guard.Run saw: Blocked or Panicked is true.
	Outcome guard.Outcome
}

// Error describes the failure, for example "trials.Grid.Run: setting 1,
// contender 0, round 3: blocked: still waiting after 2s — …".
func (f Failure) Error() string {
	return fmt.Sprintf("trials.Grid.Run: setting %d, contender %d, round %d: %v", f.Setting, f.Contender, f.Round, f.Outcome)
}

// Run calls run once for every contender at every setting in every round, in
// the order the Grid says, and returns the values.
//
// Run stops at the first error that run returns and returns that error as it
// is (run knows the names of its settings and contenders, and can say where it
// went wrong), with the Results gathered until then. Without KeepGoing it
// also stops at the first run that blocks or panics, returning a [Failure].
//
// Run returns an error, without calling run, if a count is below 1, Procs is
// neither empty nor one setting per Settings, holds a setting out of range
// (see [CheckProcs]), Timeout is negative or run is nil. A Grid with Procs
// sets GOMAXPROCS, a setting of the whole program: do not run it at the same
// time as another measurement.
func (g Grid[T]) Run(run func(c Cell) (T, error)) (Results[T], error) {
	if err := g.check(); err != nil {
		return Results[T]{}, err
	}
	if run == nil {
		return Results[T]{}, errors.New("trials.Grid.Run: run is nil")
	}
	r := Results[T]{Values: make([][][]T, g.Settings)}
	for s := range r.Values {
		r.Values[s] = make([][]T, g.Contenders)
		for k := range r.Values[s] {
			r.Values[s][k] = make([]T, 0, min(g.Rounds, preallocate))
		}
	}
	steps := g.Rounds
	if g.OneSettingAtATime {
		steps *= g.Settings
	}
	var bar *progress.Bar
	if g.Progress != "" {
		bar = progress.New(g.Progress, steps)
		defer bar.Done()
	}

	var failure error
	more := true
	// visit runs rounds from to to-1 of setting s, under its GOMAXPROCS.
	visit := func(s, from, to int) {
		c := Cell{Setting: s}
		body := func() {
			for round := from; round < to; round++ {
				c.Round = round
				for k := range g.Contenders {
					c.Contender = k
					if more = g.once(c, run, &r, &failure); !more {
						return
					}
				}
				if g.OneSettingAtATime {
					bar.Add(1)
				}
			}
		}
		if len(g.Procs) == 0 {
			body()
			return
		}
		c.Procs = g.Procs[s]
		setProcs(c.Procs, body)
	}

	if g.OneSettingAtATime {
		for s := 0; s < g.Settings && more; s++ {
			visit(s, 0, g.Rounds)
		}
	} else {
		for round := 0; round < g.Rounds && more; round++ {
			for s := 0; s < g.Settings && more; s++ {
				visit(s, round, round+1)
			}
			bar.Add(1)
		}
	}
	return r, failure
}

// once makes the run of cell c and records it in r; it returns false when the
// grid must stop, with *failure set if that is an error.
func (g Grid[T]) once(c Cell, run func(Cell) (T, error), r *Results[T], failure *error) bool {
	var (
		value T
		err   error
	)
	if g.Timeout > 0 {
		// value and err are read only once guard.Run has seen run return, so a
		// run that finishes after its timeout cannot race with the grid.
		o := guard.Run(g.Timeout, func() { value, err = run(c) })
		if !o.Finished {
			f := Failure{Cell: c, Outcome: o}
			if !g.KeepGoing {
				*failure = f
				return false
			}
			r.Failures = append(r.Failures, f)
			return true
		}
	} else {
		value, err = run(c)
	}
	if err != nil {
		*failure = err
		return false
	}
	r.Values[c.Setting][c.Contender] = append(r.Values[c.Setting][c.Contender], value)
	return g.After == nil || g.After(c, value)
}

// check reports what is wrong with g, if anything.
func (g Grid[T]) check() error {
	const fn = "trials.Grid.Run"
	switch {
	case g.Settings < 1:
		return fmt.Errorf("%s: Grid.Settings must be >= 1, got %d", fn, g.Settings)
	case g.Contenders < 1:
		return fmt.Errorf("%s: Grid.Contenders must be >= 1, got %d", fn, g.Contenders)
	case g.Rounds < 1:
		return fmt.Errorf("%s: Grid.Rounds must be >= 1, got %d", fn, g.Rounds)
	case len(g.Procs) != 0 && len(g.Procs) != g.Settings:
		return fmt.Errorf("%s: Grid.Procs must be empty or hold one GOMAXPROCS per setting (%d), got %d", fn, g.Settings, len(g.Procs))
	case g.Timeout < 0:
		return fmt.Errorf("%s: Grid.Timeout must be >= 0 (0: no timeout), got %v", fn, g.Timeout)
	}
	for i, p := range g.Procs {
		if err := CheckProcs(fmt.Sprintf("%s: Grid.Procs[%d]", fn, i), p); err != nil {
			return err
		}
	}
	return nil
}

// CheckProcs returns an error if procs is not a GOMAXPROCS setting that this
// package runs code under, from 1 to [MaxProcs]. The error names the setting
// name, which should say where it came from: CheckProcs("lab.RunSweep:
// Sweep.Procs[1]", 0) returns "lab.RunSweep: Sweep.Procs[1] must be between 1
// and 256, got 0".
func CheckProcs(name string, procs int) error {
	if procs < 1 || procs > MaxProcs {
		return fmt.Errorf("%s must be between 1 and %d, got %d", name, MaxProcs, procs)
	}
	return nil
}
