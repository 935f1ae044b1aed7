package trials

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// Timing is the cost of one call of a function, measured by [Benchmark] or
// [BenchmarkParallel].
type Timing struct {
	NsPerOp     float64 // wall-clock nanoseconds per call
	AllocsPerOp int64   // heap allocations per call
	BytesPerOp  int64   // bytes allocated per call
	Iterations  int     // calls in the final, measured run
	// Err is set if the function was nil or panicked; the other fields are
	// then zero.
	Err error
}

// String formats t like the output of go test -bench, for example
// "18.2 ns/op  0 B/op  0 allocs/op  (65803772 calls)", or returns t.Err's
// message.
func (t Timing) String() string {
	if t.Err != nil {
		return t.Err.Error()
	}
	var ns string
	switch {
	case t.NsPerOp < 10:
		ns = fmt.Sprintf("%.2f", t.NsPerOp)
	case t.NsPerOp < 100:
		ns = fmt.Sprintf("%.1f", t.NsPerOp)
	default:
		ns = fmt.Sprintf("%.0f", t.NsPerOp)
	}
	return fmt.Sprintf("%s ns/op  %d B/op  %d allocs/op  (%d calls)", ns, t.BytesPerOp, t.AllocsPerOp, t.Iterations)
}

// Benchmark measures how long one call of f takes, and how much it allocates,
// with [testing.Benchmark]: f is called in a loop, on a goroutine of the
// testing package, with more and more iterations until the loop runs for the
// benchmark time (1s by default, the -test.benchtime flag in tests). It needs
// no flags and works in any program. It suits operations that take
// nanoseconds, such as an uncontended mutex Lock and Unlock.
//
// If f is nil, or f panics, the Timing's Err says so, and the panic does not
// go further.
func Benchmark(f func()) Timing {
	if f == nil {
		return Timing{Err: errors.New("trials.Benchmark: f is nil")}
	}
	return benchmark("trials.Benchmark", func(b *testing.B, stop func()) {
		defer stop()
		for b.Loop() {
			f()
		}
	})
}

// BenchmarkParallel is like [Benchmark] but calls f from GOMAXPROCS
// goroutines at once, with [testing.B.RunParallel]. NsPerOp is wall-clock
// time divided by the calls of all goroutines together, so it falls with more
// goroutines when they do not get in each other's way, and rises when they
// contend, for example for one mutex. Vary the number of goroutines with
// [WithProcs].
func BenchmarkParallel(f func()) Timing {
	if f == nil {
		return Timing{Err: errors.New("trials.BenchmarkParallel: f is nil")}
	}
	return benchmark("trials.BenchmarkParallel", func(b *testing.B, stop func()) {
		b.RunParallel(func(pb *testing.PB) {
			defer stop()
			for pb.Next() {
				f()
			}
		})
	})
}

// benchmark runs body with testing.Benchmark. body must defer stop on every
// goroutine that calls the measured function: stop recovers a panic, records
// it and fails the benchmark, which ends it.
func benchmark(fn string, body func(b *testing.B, stop func())) Timing {
	var (
		mu    sync.Mutex
		first error
	)
	result := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		body(b, func() {
			if r := recover(); r != nil {
				mu.Lock()
				if first == nil {
					first = fmt.Errorf("%s: f panicked: %v", fn, r)
				}
				mu.Unlock()
				b.Fail()
			}
		})
	})
	mu.Lock()
	defer mu.Unlock()
	if first != nil {
		return Timing{Err: first}
	}
	if result.N == 0 {
		return Timing{Err: fmt.Errorf("%s: the benchmark did not run", fn)}
	}
	return Timing{
		NsPerOp:     float64(result.T.Nanoseconds()) / float64(result.N),
		AllocsPerOp: result.AllocsPerOp(),
		BytesPerOp:  result.AllocedBytesPerOp(),
		Iterations:  result.N,
	}
}
