package trials

import (
	"fmt"
	"sync"
	"testing"
)

// Timing is the cost of one call of a function, measured by [BenchmarkFor].
type Timing struct {
	NsPerOp     float64 // wall-clock nanoseconds per call
	AllocsPerOp int64   // heap allocations per call
	BytesPerOp  int64   // bytes allocated per call
	Iterations  int     // calls in the final, measured run
	// Err is set if the function was nil or panicked; the other fields are
	// then zero.
	Err error
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
