package workload

import (
	"fmt"
	"math"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Budget is the memory an experiment may use.
type Budget struct {
	Bytes  float64 // the most it may use
	Reason string  // what set the limit, for messages: "MemoryBudget (1.0 GB)"
}

// NewBudget returns a budget of bytes, called name in messages (the name of the
// learner's constant, such as "MemoryBudget"). Where the system reports less
// than twice that as available (Linux's MemAvailable, or what is left of a
// container's memory limit), the budget is half the
// memory available instead, so that an experiment never takes a shared
// machine's last memory.
//
// NewBudget returns an error if name is empty or bytes is not a positive number.
func NewBudget(name string, bytes float64) (Budget, error) {
	const fn = "workload.NewBudget"
	switch {
	case name == "":
		return Budget{}, fmt.Errorf("%s: name is empty", fn)
	case !(bytes > 0) || math.IsInf(bytes, 0):
		return Budget{}, fmt.Errorf("%s: bytes must be > 0, got %v", fn, bytes)
	}
	b := Budget{Bytes: bytes, Reason: fmt.Sprintf("%s (%s)", name, FormatBytes(bytes))}
	if available, ok := availableMemory(); ok && available/2 < bytes {
		b = Budget{Bytes: max(0, available/2), Reason: fmt.Sprintf("half the memory available (%s)", FormatBytes(max(0, available/2)))}
	}
	return b, nil
}

// allows returns nil if n units of each bytes fit the budget, and otherwise an
// error that says why, such as "at 2.8 KB each they would need about 2.7 GB,
// more than MemoryBudget (1.0 GB) allows".
//
// It also returns an error if n < 0, each is negative or not a number, or the
// budget is empty (not made by NewBudget).
func (b Budget) allows(n int, each float64) error {
	const fn = "workload.Budget.allows"
	switch {
	case n < 0:
		return fmt.Errorf("%s: n must be >= 0, got %d", fn, n)
	case !(each >= 0) || math.IsInf(each, 0):
		return fmt.Errorf("%s: each must be >= 0 bytes, got %v", fn, each)
	case !(b.Bytes > 0):
		return fmt.Errorf("%s: the budget is %v bytes; make one with workload.NewBudget", fn, b.Bytes)
	}
	if need := float64(n) * each; need > b.Bytes {
		return fmt.Errorf("at %s each they would need about %s, more than %s allows", FormatBytes(each), FormatBytes(need), b.Reason)
	}
	return nil
}

// Steps measures an experiment at growing sizes, within the budget. For each
// count in turn it first reckons the memory the step needs: count × the
// largest per-unit size (Stack, FromOS or RSS) measured in the step before, or
// × guess bytes for the first step. A step that fits is measured with measure(count); one that does not is not
// started. Steps prints one line per step, aligned, that says what it measured
// or why it did not start the step:
//
//	  100,000 goroutines: 2.6 KB of stack, 2.8 KB from the OS and 2.9 KB of RSS each; 0.61 µs each to start
//	1,000,000 goroutines: not started. At 2.9 KB each they would need about 2.7 GB, more than MemoryBudget (1.0 GB) allows.
//
// what names the units in those lines. Steps returns the costs of the steps it
// measured, in order. It stops at the first MemoryCost with Err set and returns
// that error with the costs before it.
//
// Steps returns an error, without calling measure, if what is empty, counts is
// empty or holds a count below one, guess is not a positive number, measure is
// nil, or the budget is empty.
func (b Budget) Steps(what string, counts []int, guess float64, measure func(n int) MemoryCost) (MemoryCosts, error) {
	const fn = "workload.Budget.Steps"
	switch {
	case what == "":
		return nil, fmt.Errorf("%s: what is empty", fn)
	case len(counts) == 0:
		return nil, fmt.Errorf("%s: counts is empty", fn)
	case !(guess > 0) || math.IsInf(guess, 0):
		return nil, fmt.Errorf("%s: guess must be > 0 bytes, got %v", fn, guess)
	case measure == nil:
		return nil, fmt.Errorf("%s: measure is nil", fn)
	case !(b.Bytes > 0):
		return nil, fmt.Errorf("%s: the budget is %v bytes; make one with workload.NewBudget", fn, b.Bytes)
	}
	width := 0
	for i, n := range counts {
		if n < 1 {
			return nil, fmt.Errorf("%s: counts[%d] must be > 0, got %d", fn, i, n)
		}
		width = max(width, len(stats.FormatCount(n)))
	}
	var costs MemoryCosts
	each := guess
	for _, n := range counts {
		if err := b.allows(n, each); err != nil {
			fmt.Printf("%*s %s: not started. %s.\n", width, stats.FormatCount(n), what, capitalize(err.Error()))
			continue
		}
		c := measure(n)
		if c.Err != nil {
			return costs, fmt.Errorf("%s: step of %s %s: %w", fn, stats.FormatCount(n), what, c.Err)
		}
		costs = append(costs, c)
		if c.bytes() > 0 {
			each = c.bytes()
		}
		fmt.Printf("%*s %s: %v\n", width, stats.FormatCount(n), what, c)
	}
	return costs, nil
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
