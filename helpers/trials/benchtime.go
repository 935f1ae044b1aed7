package trials

import (
	"errors"
	"flag"
	"fmt"
	"sync"
	"testing"
	"time"
)

// benchTimeMu serialises BenchmarkFor calls, which share the testing
// package's benchmark time.
var benchTimeMu sync.Mutex

// BenchmarkFor measures how long one call of f takes, and how much it
// allocates, with [testing.Benchmark]: f is called in a loop, on a goroutine of
// the testing package, with more and more iterations until the loop runs for
// about d (instead of the testing package's benchmark time, 1s or the
// -test.benchtime flag in tests). It needs no flags and works in any program.
// It suits operations that take nanoseconds, such as an uncontended mutex Lock
// and Unlock. A short d, such as 30ms, keeps a notebook cell that measures
// several operations several times under a few seconds; the price is a noisier
// number, so repeat the measurement (with [Run]) and look at the spread.
//
// testing.Benchmark reads its benchmark time only from the -test.benchtime
// flag, so BenchmarkFor registers the testing flags if the program has not
// (with [testing.Init]), sets the flag to d for the measurement and restores
// the previous value afterwards. Calls of BenchmarkFor from several goroutines
// take turns; another testing.Benchmark that starts while a BenchmarkFor runs
// may run for d instead of its usual time.
//
// If d <= 0 or f is nil, or f panics, the Timing's Err says so, and the panic
// does not go further.
func BenchmarkFor(d time.Duration, f func()) Timing {
	const fn = "trials.BenchmarkFor"
	switch {
	case d <= 0:
		return Timing{Err: fmt.Errorf("%s: d must be > 0, got %v", fn, d)}
	case f == nil:
		return Timing{Err: errors.New(fn + ": f is nil")}
	}
	benchTimeMu.Lock()
	defer benchTimeMu.Unlock()
	restore, err := setBenchTime(d)
	if err != nil {
		return Timing{Err: fmt.Errorf("%s: %w", fn, err)}
	}
	defer restore()
	return benchmark(fn, func(b *testing.B, stop func()) {
		defer stop()
		for b.Loop() {
			f()
		}
	})
}

// setBenchTime sets the -test.benchtime flag to d, registering the testing
// flags first if needed, and returns the function that restores the previous
// value. It sets the flag's value directly, not with flag.Set, so that the
// flag does not count as given on the command line (flag.Visit).
func setBenchTime(d time.Duration) (restore func(), err error) {
	testing.Init() // registers the -test.* flags; does nothing if they already are
	f := flag.Lookup("test.benchtime")
	if f == nil {
		return nil, errors.New("the -test.benchtime flag is not registered")
	}
	previous := f.Value.String()
	if err := f.Value.Set(d.String()); err != nil {
		return nil, fmt.Errorf("cannot set -test.benchtime to %v: %w", d, err)
	}
	return func() { f.Value.Set(previous) }, nil
}
