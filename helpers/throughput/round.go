package throughput

import (
	"errors"
	"fmt"
	"slices"

	"github.com/go-concurrency-lab/course/helpers/trials"
)

// FastestRound times round runs times, after one untimed call to warm up
// caches, and returns the fastest call as a Rate of the operations that call
// reported. A round is one whole measurement written out by the caller: it
// starts its goroutines, has them take their locks, waits for them, and
// returns how many operations they completed. Other programs on the machine
// can only slow a round down, so the fastest is the best estimate of what the
// code itself costs. Like [Fastest], it shows a progress bar when it takes
// more than about a second.
//
// FastestRound returns an error, without calling round, if runs < 1 or round
// is nil, and an error if the fastest round reports fewer than one operation.
func FastestRound(runs int, round func() (ops int)) (Rate, error) {
	const fn = "throughput.FastestRound"
	switch {
	case runs < 1:
		return Rate{}, fmt.Errorf("%s: runs must be >= 1, got %d", fn, runs)
	case round == nil:
		return Rate{}, errors.New(fn + ": round is nil")
	}
	ops := make([]int, 0, runs+1)
	durations, err := trials.Durations(runs, func() { ops = append(ops, round()) })
	if err != nil {
		return Rate{}, err
	}
	ops = ops[1:] // the untimed warm-up call
	fastest := slices.Index(durations, slices.Min(durations))
	if ops[fastest] < 1 {
		return Rate{}, fmt.Errorf("%s: the fastest round reported %d operations, want >= 1", fn, ops[fastest])
	}
	return Rate{Ops: ops[fastest], Elapsed: durations[fastest]}, nil
}
