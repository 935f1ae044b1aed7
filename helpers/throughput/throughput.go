// Package throughput measures how many operations per second goroutines
// complete together, to compare implementations that compete for something
// shared: one counter behind a sync.Mutex against an atomic.Int64, work done
// inside a critical section against the same work done outside it.
//
// [Measure] times one run: a number of goroutines that together call an
// operation a fixed number of times. [Fastest] repeats such a run and keeps the
// fastest, the usual estimate on a shared machine, where other programs can
// only slow a run down. A [Rate] converts to operations per second and compares
// with another Rate as a speed-up.
//
// [MeasureFor] runs for a fixed time instead of a fixed number of calls, and a
// [Mix] measures a read/write mix on one data structure (readers, and a writer
// that comes now and then), optionally with every call made one at a time: the
// baseline a lock must beat. A [Grid] measures several contenders at every point
// of a table of settings, in turns, and its [Result] calls one contender faster
// or slower than another only where their 95% confidence intervals do not overlap.
// [StartWindow] keeps the time of a Mix-style measurement whose goroutines the
// caller starts itself, and [Result.Show] prints and draws a Grid's Result.
//
// The operation is the code being taught (a Lock, an increment, an Unlock) and
// stays in the caller; this package only starts the goroutines, waits for them
// and reads the clock.
//
// Bad input (fewer than one goroutine, run or operation, more goroutines than
// operations, a nil operation) is reported as an error that names the
// function, the parameter and the value, for example "throughput.Measure:
// goroutines must be >= 1, got 0". A panic in the operation is not bad input:
// it ends the program like a panic in any goroutine; run the measurement
// through package guard to contain it.
package throughput

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Rate is a measured throughput: Ops operations completed in Elapsed of
// wall-clock time.
type Rate struct {
	Ops     int
	Elapsed time.Duration
}

// PerSecond returns the operations per second, or 0 when Elapsed is not
// positive (a zero Rate).
func (r Rate) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Ops) / r.Elapsed.Seconds()
}

// Millions returns the operations per second in millions, the unit of most
// charts of cheap operations.
func (r Rate) Millions() float64 { return r.PerSecond() / 1e6 }

// SpeedupOver returns how many times faster r is than base:
// r.PerSecond() / base.PerSecond(). It is above 1 when r completes more
// operations per second, below 1 when fewer, and 0 when base has no rate.
func (r Rate) SpeedupOver(base Rate) float64 {
	b := base.PerSecond()
	if b <= 0 {
		return 0
	}
	return r.PerSecond() / b
}

// String formats r for a learner, with up to four significant digits, in
// millions from a million operations per second up, for example
// "12.34 million ops/s (200000 ops in 16.2ms)" or "2 ops/s (3 ops in 1.5s)".
func (r Rate) String() string {
	rate := stats.FormatNumber(r.PerSecond()) + " ops/s"
	if r.PerSecond() >= 1e6 {
		rate = stats.FormatNumber(r.Millions()) + " million ops/s"
	}
	return fmt.Sprintf("%s (%d ops in %v)", rate, r.Ops, stats.RoundDuration(r.Elapsed))
}

// Measure starts goroutines goroutines that together call op ops times, waits
// until all of them have finished, and returns how long that took. The calls
// are shared out evenly: each goroutine calls op ops/goroutines times, and the
// first ops%goroutines goroutines once more. The time includes starting and
// waiting for the goroutines, which is small next to ops calls of anything but
// the very cheapest op.
//
// op is called from several goroutines at once, so whatever it shares must be
// synchronised (or deliberately racy). Measure returns an error, without
// calling op, if goroutines < 1, ops < 1, goroutines > ops or op is nil.
func Measure(goroutines, ops int, op func()) (Rate, error) {
	if err := checkArgs("throughput.Measure", goroutines, ops, op); err != nil {
		return Rate{}, err
	}
	start := time.Now()
	run(goroutines, ops, op)
	return Rate{Ops: ops, Elapsed: time.Since(start)}, nil
}

// Fastest measures like [Measure] runs times, after one untimed run to warm up
// caches, and returns the fastest run. Other programs on the machine can only
// slow a run down, never speed it up, so the fastest run is the best estimate
// of what the code itself costs; it also moves much less from one execution of
// a notebook cell to the next than the median does on a busy machine. Like
// [trials.Durations], which it uses, it shows a progress bar when it takes more
// than about a second.
//
// Fastest returns an error, without calling op, if runs < 1 or Measure would
// reject the other arguments.
func Fastest(runs, goroutines, ops int, op func()) (Rate, error) {
	if runs < 1 {
		return Rate{}, fmt.Errorf("throughput.Fastest: runs must be >= 1, got %d", runs)
	}
	if err := checkArgs("throughput.Fastest", goroutines, ops, op); err != nil {
		return Rate{}, err
	}
	durations, err := trials.Durations(runs, func() { run(goroutines, ops, op) })
	if err != nil {
		return Rate{}, err
	}
	return Rate{Ops: ops, Elapsed: slices.Min(durations)}, nil
}

// run implements Measure for valid arguments.
func run(goroutines, ops int, op func()) {
	var wg sync.WaitGroup
	for g := range goroutines {
		calls := ops / goroutines
		if g < ops%goroutines {
			calls++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				op()
			}
		}()
	}
	wg.Wait()
}

func checkArgs(fn string, goroutines, ops int, op func()) error {
	switch {
	case goroutines < 1:
		return fmt.Errorf("%s: goroutines must be >= 1, got %d", fn, goroutines)
	case ops < 1:
		return fmt.Errorf("%s: ops must be >= 1, got %d", fn, ops)
	case goroutines > ops:
		return fmt.Errorf("%s: goroutines must be <= ops (every goroutine makes at least one call), got %d goroutines for %d ops", fn, goroutines, ops)
	case op == nil:
		return errors.New(fn + ": op is nil")
	}
	return nil
}
