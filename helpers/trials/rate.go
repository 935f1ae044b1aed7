package trials

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Rate is a measured throughput: Ops operations completed in Elapsed of
// wall-clock time, by goroutines that compete for something shared, such as
// one counter behind a sync.Mutex against an atomic.Int64.
type Rate struct {
	Ops     int
	Elapsed time.Duration
}

// PerSecond returns the operations per second, or 0 when Elapsed is not
// positive (a zero Rate).
func (r Rate) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Ops) / r.Elapsed.Seconds()
}

// Millions returns the operations per second in millions, the unit of most
// charts of cheap operations.
func (r Rate) Millions() float64 { return r.PerSecond() / 1e6 }

// SpeedupOver returns how many times faster r is than base:
// r.PerSecond() / base.PerSecond(). It is above 1 when r completes more
// operations per second, below 1 when fewer, and 0 when base has no rate.
func (r Rate) SpeedupOver(base Rate) float64 {
	b := base.PerSecond()
	if b <= 0 {
		return 0
	}
	return r.PerSecond() / b
}

// FastestRound times round runs times, after one untimed call to warm up
// caches, and returns the fastest call as a Rate of the operations that call
// reported. A round is one whole measurement written out by the caller: it
// starts its goroutines, has them take their locks, waits for them, and
// returns how many operations they completed. Other programs on the machine
// can only slow a round down, so the fastest is the best estimate of what the
// code itself costs; it also moves much less from one execution of a notebook
// cell to the next than the median does on a busy machine. Like [Durations],
// which it uses, it shows a progress bar when it takes more than about a
// second.
//
// FastestRound returns an error, without calling round, if runs < 1 or round
// is nil, and an error if the fastest round reports fewer than one operation.
func FastestRound(runs int, round func() (ops int)) (Rate, error) {
	const fn = "trials.FastestRound"
	switch {
	case runs < 1:
		return Rate{}, fmt.Errorf("%s: runs must be >= 1, got %d", fn, runs)
	case round == nil:
		return Rate{}, errors.New(fn + ": round is nil")
	}
	ops := make([]int, 0, runs+1)
	durations, err := Durations(runs, func() { ops = append(ops, round()) })
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
