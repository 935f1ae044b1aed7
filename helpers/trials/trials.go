// Package trials runs experiments many times and times code.
//
// A concurrency experiment rarely shows its behaviour in one run: a data race
// loses updates in some runs and not in others. [Run] and [Until] repeat an
// experiment and collect the outcomes (summarise them with package stats);
// [WithProcs] runs code under a chosen GOMAXPROCS; [Durations] times
// individual calls; [BenchmarkFor] measures the cost of very cheap operations,
// such as a mutex Lock/Unlock pair, with the standard library's
// [testing.Benchmark].
//
// A [Grid] compares contenders at several settings, round after round, with
// an optional GOMAXPROCS per setting and an optional timeout per run: every
// experiment grid of the course runs on it. A [Rate] is a throughput of
// goroutines that compete for something shared: [FastestRound] times rounds
// written out by the caller, a [Window] counts the calls of goroutines the
// caller starts, a [Mix] measures a read/write workload, and a [RateGrid]
// compares contenders by their rates and judges them by 95% confidence
// intervals.
//
// Bad input (n <= 0, a nil function, procs < 1) is reported as an error that
// names the function, the parameter and the value, for example
// "trials.Run: n must be > 0, got -3". A panic in the code being run is not
// bad input: it is not recovered, except by [BenchmarkFor], which runs the
// code on another goroutine and reports the panic in [Timing.Err], and by a
// Grid with a Timeout. To contain panics and deadlocks, run the experiment
// through package guard.
package trials

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/progress"
)

// MaxProcs is the largest GOMAXPROCS that [WithProcs] and [Grid] accept.
const MaxProcs = 256

// preallocate bounds the capacity reserved up front for outcomes, so that a
// huge n costs memory only as trials actually complete.
const preallocate = 1 << 16

// Run calls experiment n times, one call after another on the calling
// goroutine, and returns the n outcomes in order.
//
// A run that lasts more than about a second shows a progress bar (see package
// progress), which is removed or replaced by a one-line total at the end. The
// bar costs well under a microsecond per trial.
//
// Run returns an error if n <= 0 or experiment is nil. If experiment panics,
// Run ends the progress bar and the panic continues up the calling goroutine.
func Run[T any](n int, experiment func() T) ([]T, error) {
	if err := checkN("trials.Run", n); err != nil {
		return nil, err
	}
	if experiment == nil {
		return nil, errors.New("trials.Run: experiment is nil")
	}
	return repeat(n, func(int) T { return experiment() }), nil
}

// repeat implements Run for valid arguments.
func repeat[T any](n int, experiment func(int) T) []T {
	out := make([]T, 0, min(n, preallocate))
	bar := progress.New("trials", n)
	defer bar.Done()
	for i := range n {
		out = append(out, experiment(i))
		bar.Add(1)
	}
	return out
}

// WithProcs runs body with runtime.GOMAXPROCS set to procs, then restores the
// previous setting. It restores it also when body panics, and then lets the
// panic continue.
//
// procs may exceed the number of CPUs (goroutines then take turns on the
// CPUs), up to [MaxProcs]. GOMAXPROCS is a setting of the whole program: do
// not change it from several goroutines at once. Setting GOMAXPROCS also stops
// the runtime from adjusting it automatically (see [runtime.GOMAXPROCS]) for
// the rest of the program.
//
// WithProcs returns an error, without calling body, if procs < 1, procs >
// MaxProcs or body is nil.
func WithProcs(procs int, body func()) error {
	if err := CheckProcs("trials.WithProcs: procs", procs); err != nil {
		return err
	}
	if body == nil {
		return errors.New("trials.WithProcs: body is nil")
	}
	setProcs(procs, body)
	return nil
}

func setProcs(procs int, body func()) {
	previous := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(previous) // runs also when body panics
	body()
}

// Durations calls f once untimed, to warm up caches and let the code settle,
// then n times timed, and returns how long each
// timed call took, measured with the monotonic clock (time.Now, time.Since).
//
// Each measurement includes the cost of reading the clock, some tens of
// nanoseconds: Durations suits calls of a microsecond or more. Use
// [BenchmarkFor] for cheaper operations. Like [Run], Durations shows a progress
// bar when it takes more than about a second.
//
// Durations returns an error if n <= 0 or f is nil.
func Durations(n int, f func()) ([]time.Duration, error) {
	if err := checkN("trials.Durations", n); err != nil {
		return nil, err
	}
	if f == nil {
		return nil, errors.New("trials.Durations: f is nil")
	}
	f()
	out := make([]time.Duration, 0, min(n, preallocate))
	bar := progress.New("timed calls", n)
	defer bar.Done()
	for len(out) < n {
		start := time.Now()
		f()
		out = append(out, time.Since(start))
		bar.Add(1)
	}
	return out, nil
}

func checkN(fn string, n int) error {
	if n <= 0 {
		return fmt.Errorf("%s: n must be > 0, got %d", fn, n)
	}
	return nil
}
