// Used by notebook 08 (08_patterns.ipynb).

package lab

import (
	"errors"
	"runtime/metrics"
	"time"
)

// memoryInUse names the runtime metrics read by PeakMemory: all the memory the
// Go runtime has mapped, less what it has handed back to the OS or keeps free.
var memoryInUse = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/free:bytes",
}

// readMemoryInUse returns the bytes the runtime uses for objects, goroutine
// stacks and its own bookkeeping (see memoryInUse).
func readMemoryInUse() float64 {
	samples := make([]metrics.Sample, len(memoryInUse))
	for i, name := range memoryInUse {
		samples[i].Name = name
	}
	metrics.Read(samples)
	v := func(i int) float64 {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return float64(samples[i].Value.Uint64())
	}
	return v(0) - v(1) - v(2)
}

// PeakMemory runs f on the calling goroutine and returns the most memory the
// program used while f ran, above what it used when f started, in bytes: the
// memory of goroutine stacks, heap objects and the runtime's bookkeeping, read
// from runtime/metrics every interval by another goroutine, and once more when
// f returns (the stacks of goroutines that have ended stay allocated until the
// next garbage collection, so that last reading holds the peak of goroutines
// started unless a collection ran meanwhile). Run workload.ReleaseMemory first,
// so that garbage from earlier cells is not counted.
//
// The sampler competes with f for the CPU: an interval of 100µs or more keeps
// that below a few percent. A peak shorter than the interval can be missed.
//
// PeakMemory returns an error, without calling f, if f is nil or interval is
// not positive.
func PeakMemory(interval time.Duration, f func()) (float64, error) {
	const fn = "lab.PeakMemory"
	switch {
	case f == nil:
		return 0, errors.New(fn + ": f is nil")
	case interval <= 0:
		return 0, errors.New(fn + ": interval must be > 0, got " + interval.String())
	}
	start := readMemoryInUse()
	stop, sampled := make(chan struct{}), make(chan float64)
	go func() {
		peak := start
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				sampled <- peak
				return
			case <-tick.C:
				peak = max(peak, readMemoryInUse())
			}
		}
	}()
	f()
	end := readMemoryInUse()
	close(stop)
	peak := max(<-sampled, end)
	return max(0, peak-start), nil
}
