package workload

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Distribution is a distribution of simulated work durations. An experiment that
// waits for workers needs workers whose times vary the way real work does: most
// are quick, a few take much longer. A Distribution draws such times and knows
// the chance that several independent draws are all done by a given time:
//
//	workTime, err := workload.Exponential(2*time.Millisecond, 2*time.Millisecond)
//	...
//	for _, d := range workTime.Draws(workers) {
//		go func() {
//			defer wg.Done()
//			time.Sleep(d) // the work
//		}()
//	}
//
// Its methods are safe for concurrent use. The zero Distribution always draws 0:
// no work.
type Distribution struct {
	base, mean time.Duration // base + an exponential extra with this mean (0: none)
}

// Exponential returns the distribution of base plus an exponentially
// distributed extra with the given mean: every draw takes at least base, most
// take up to a few means more, and a few take much longer (a long tail, as
// the response times of real requests have).
//
// Exponential returns an error if base < 0 or mean <= 0.
func Exponential(base, mean time.Duration) (Distribution, error) {
	switch {
	case base < 0:
		return Distribution{}, fmt.Errorf("workload.Exponential: base must be >= 0, got %v", base)
	case mean <= 0:
		return Distribution{}, fmt.Errorf("workload.Exponential: mean must be > 0, got %v", mean)
	}
	return Distribution{base: base, mean: mean}, nil
}

// Draws returns n independent draws from the distribution, one per worker of
// a trial; n <= 0 gives none.
func (d Distribution) Draws(n int) []time.Duration {
	draws := make([]time.Duration, max(n, 0))
	for i := range draws {
		draws[i] = d.draw()
	}
	return draws
}

// AllDoneBy returns the probability that every one of workers independent
// draws is at most t: the chance that all of that many workers, started
// together, have finished by t.
//
// AllDoneBy returns an error if workers < 1.
func (d Distribution) AllDoneBy(workers int, t time.Duration) (float64, error) {
	if workers < 1 {
		return 0, fmt.Errorf("workload.Distribution.AllDoneBy: workers must be >= 1, got %d", workers)
	}
	return math.Pow(d.doneBy(t), float64(workers)), nil
}

// draw returns one random duration from the distribution.
func (d Distribution) draw() time.Duration {
	if d.mean <= 0 {
		return d.base
	}
	return d.base + time.Duration(rand.ExpFloat64()*float64(d.mean))
}

// doneBy returns the probability that one draw is at most t: the chance that
// a worker with this distribution has finished t after it started.
func (d Distribution) doneBy(t time.Duration) float64 {
	switch {
	case t < d.base:
		return 0
	case d.mean <= 0:
		return 1
	}
	return -math.Expm1(-float64(t-d.base) / float64(d.mean)) // 1 − e^(−(t−base)/mean)
}

// String says what the distribution draws, for example
// "2ms + exponential(mean 2ms)".
func (d Distribution) String() string {
	if d.mean <= 0 {
		return d.base.String()
	}
	return fmt.Sprintf("%v + exponential(mean %v)", d.base, d.mean)
}
