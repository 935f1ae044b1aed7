// Package trials runs experiments many times and times code.
//
// A concurrency experiment rarely shows its behaviour in one run: a data race
// loses updates in some runs and not in others. [Run] and [RunEach] repeat an
// experiment and collect the outcomes (summarise them with package stats);
// [WithProcs] and [Procs] run code under a chosen GOMAXPROCS; [Durations]
// times individual calls; [Benchmark] and [BenchmarkParallel] measure the
// cost of very cheap operations, such as a mutex Lock/Unlock pair, with the
// standard library's [testing.Benchmark].
//
// Bad input (n <= 0, a nil function, procs < 1) is reported as an error that
// names the function, the parameter and the value, for example
// "trials.Run: n must be > 0, got -3". A panic in the code being run is not
// bad input: it is not recovered, except by the Benchmark functions, which
// run the code on another goroutine and report the panic in [Timing.Err].
// To contain panics and deadlocks, run the experiment through package guard.
package trials

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/go-concurrency-lab/course/helpers/progress"
)

// MaxProcs is the largest GOMAXPROCS that [WithProcs] and [Procs] accept.
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

// RunEach is like [Run] but passes experiment the trial number, 0 to n-1, for
// experiments that vary with the trial or log it.
func RunEach[T any](n int, experiment func(trial int) T) ([]T, error) {
	if err := checkN("trials.RunEach", n); err != nil {
		return nil, err
	}
	if experiment == nil {
		return nil, errors.New("trials.RunEach: experiment is nil")
	}
	return repeat(n, experiment), nil
}

// repeat implements Run and RunEach for valid arguments.
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
	if err := checkProcs("trials.WithProcs", procs); err != nil {
		return err
	}
	if body == nil {
		return errors.New("trials.WithProcs: body is nil")
	}
	setProcs(procs, body)
	return nil
}

// Procs is like [WithProcs] for a body that returns a result.
func Procs[T any](procs int, body func() T) (T, error) {
	var result T
	if err := checkProcs("trials.Procs", procs); err != nil {
		return result, err
	}
	if body == nil {
		return result, errors.New("trials.Procs: body is nil")
	}
	setProcs(procs, func() { result = body() })
	return result, nil
}

func setProcs(procs int, body func()) {
	previous := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(previous) // runs also when body panics
	body()
}

// MinDuration is the least total time [Durations] spends in timed calls: when
// n calls take less, Durations makes more calls until MinDuration has passed
// (or 1,000,000 calls have been timed, so that a very fast function cannot
// exhaust memory). The default, 0, means exactly n calls. Set it before
// calling Durations, not while Durations runs.
var MinDuration time.Duration

// maxExtraCalls bounds the calls that MinDuration adds.
const maxExtraCalls = 1_000_000

// Durations calls f once untimed, to warm up caches and let the code settle,
// then n times (or more, see [MinDuration]) timed, and returns how long each
// timed call took, measured with the monotonic clock (time.Now, time.Since).
//
// Each measurement includes the cost of reading the clock, some tens of
// nanoseconds: Durations suits calls of a microsecond or more. Use
// [Benchmark] for cheaper operations. Like [Run], Durations shows a progress
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
	begin := time.Now()
	for len(out) < n || (len(out) < maxExtraCalls && time.Since(begin) < MinDuration) {
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

func checkProcs(fn string, procs int) error {
	switch {
	case procs < 1:
		return fmt.Errorf("%s: procs must be >= 1, got %d", fn, procs)
	case procs > MaxProcs:
		return fmt.Errorf("%s: procs must be <= %d, got %d", fn, MaxProcs, procs)
	}
	return nil
}
