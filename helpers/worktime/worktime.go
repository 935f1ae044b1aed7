// Package worktime gives simulated work random durations from a stated
// distribution, and the probabilities a lesson can compare measurements with.
//
// An experiment that waits for workers needs workers whose times vary the way
// real work does: most are quick, a few take much longer. A [Distribution]
// draws such times, says in words what it draws (its String), and knows
// the chance that one draw, or all of several independent draws, are done by
// a given time:
//
//	workTime, err := worktime.Exponential(2*time.Millisecond, 2*time.Millisecond)
//	...
//	go func() {
//		defer wg.Done()
//		time.Sleep(workTime.Draw()) // the work
//	}()
//
// Bad input (a negative duration, a worker count below one) is reported as an
// error that names the function, the parameter and the value, for example
// "worktime.Exponential: mean must be > 0, got -1ms". No function in this
// package panics.
package worktime

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Distribution is a distribution of work durations. Its methods are safe for
// concurrent use. The zero Distribution always draws 0: no work.
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
		return Distribution{}, fmt.Errorf("worktime.Exponential: base must be >= 0, got %v", base)
	case mean <= 0:
		return Distribution{}, fmt.Errorf("worktime.Exponential: mean must be > 0, got %v", mean)
	}
	return Distribution{base: base, mean: mean}, nil
}

// Draw returns one random duration from the distribution.
func (d Distribution) Draw() time.Duration {
	if d.mean <= 0 {
		return d.base
	}
	return d.base + time.Duration(rand.ExpFloat64()*float64(d.mean))
}

// DoneBy returns the probability that one draw is at most t: the chance that
// a worker with this distribution has finished t after it started.
func (d Distribution) DoneBy(t time.Duration) float64 {
	switch {
	case t < d.base:
		return 0
	case d.mean <= 0:
		return 1
	}
	return -math.Expm1(-float64(t-d.base) / float64(d.mean)) // 1 − e^(−(t−base)/mean)
}

// AllDoneBy returns the probability that every one of workers independent
// draws is at most t: the chance that all of that many workers, started
// together, have finished by t. It is DoneBy(t) to the power workers.
//
// AllDoneBy returns an error if workers < 1.
func (d Distribution) AllDoneBy(workers int, t time.Duration) (float64, error) {
	if workers < 1 {
		return 0, fmt.Errorf("worktime.AllDoneBy: workers must be >= 1, got %d", workers)
	}
	return math.Pow(d.DoneBy(t), float64(workers)), nil
}

// String says what the distribution draws, for example
// "2ms + exponential(mean 2ms)".
func (d Distribution) String() string {
	if d.mean <= 0 {
		return d.base.String()
	}
	return fmt.Sprintf("%v + exponential(mean %v)", d.base, d.mean)
}
