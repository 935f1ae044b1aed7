package check_test

import (
	"time"

	"github.com/go-concurrency-lab/course/helpers/check"
)

// Faster compares two measured rates in paired rounds. Here the rates are
// made up, so that the output is always the same; a real check measures, for
// example with trials.Mix.Measure, and returns the operations per second.
func ExampleFaster() {
	baseline := func() (float64, error) { return 2000, nil } // reads per second, one at a time
	yours := func() (float64, error) { return 15000, nil }   // reads per second, shared
	check.Faster("price cache", check.Spec{Trials: 3, Procs: []int{1, 2}, Timeout: time.Second}, 3, baseline, yours)
	// Output:
	// PASS: price cache: at least 3× the baseline at every GOMAXPROCS (median 1: 7.5×, 2: 7.5×; 3 rounds each)
	// GOMAXPROCS 1: yours ÷ baseline per round 7.5, 7.5, 7.5
	// GOMAXPROCS 2: yours ÷ baseline per round 7.5, 7.5, 7.5
}
