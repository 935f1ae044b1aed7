package workload

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

// TestBadInput: every function of the package that takes input reports bad input
// as an error naming the function, the parameter and the value, returns zero values
// with it, and does not call the caller's functions.
func TestBadInput(t *testing.T) {
	called := false
	f := func() { called = true }
	budget := Budget{Bytes: MB, Reason: "test"}
	measure := func(n int) MemoryCost { called = true; return MemoryCost{N: n, Stack: KB} }
	// zero returns err, or an error saying what else came back with it.
	zero := func(got any, isZero bool, err error) error {
		if !isZero {
			return fmt.Errorf("got %+v with the error %v, want the zero value", got, err)
		}
		return err
	}
	newBudget := func(name string, bytes float64) func() error {
		return func() error { b, err := NewBudget(name, bytes); return zero(b, b == Budget{}, err) }
	}
	steps := func(b Budget, what string, counts []int, guess float64, measure func(int) MemoryCost) func() error {
		return func() error { c, err := b.Steps(what, counts, guess, measure); return zero(c, c == nil, err) }
	}
	medianUsage := func(n int, f func()) func() error {
		return func() error { u, err := MedianUsage(n, f); return zero(u, u == Usage{}, err) }
	}
	exponential := func(base, mean time.Duration) func() error {
		return func() error { d, err := Exponential(base, mean); return zero(d, d == Distribution{}, err) }
	}
	allDoneBy := func(workers int) func() error {
		d, _ := Exponential(0, time.Millisecond)
		return func() error { p, err := d.AllDoneBy(workers, time.Millisecond); return zero(p, p == 0, err) }
	}
	waitForThreads := func(atMost int, timeout time.Duration) func() error {
		return func() error { n, err := WaitForThreads(atMost, timeout); return zero(n, n == 0, err) }
	}
	var nilMeter *MemoryMeter
	badinput.Check(t, []badinput.Case{
		{Name: "MedianUsage n=0", Call: medianUsage(0, f), Want: "workload.MedianUsage: n must be >= 1, got 0"},
		{Name: "MedianUsage n<0", Call: medianUsage(-3, f), Want: "workload.MedianUsage: n must be >= 1, got -3"},
		{Name: "MedianUsage nil f", Call: medianUsage(5, nil), Want: "workload.MedianUsage: f is nil"},
		{Name: "Exponential base<0", Call: exponential(-time.Millisecond, time.Millisecond), Want: "workload.Exponential: base must be >= 0, got -1ms"},
		{Name: "Exponential mean=0", Call: exponential(0, 0), Want: "workload.Exponential: mean must be > 0, got 0s"},
		{Name: "Exponential mean<0", Call: exponential(time.Millisecond, -2*time.Millisecond), Want: "workload.Exponential: mean must be > 0, got -2ms"},
		{Name: "AllDoneBy workers=0", Call: allDoneBy(0), Want: "workload.Distribution.AllDoneBy: workers must be >= 1, got 0"},
		{Name: "AllDoneBy workers<0", Call: allDoneBy(-1), Want: "workload.Distribution.AllDoneBy: workers must be >= 1, got -1"},
		{Name: "NewBudget negative", Call: newBudget("B", -1), Want: "workload.NewBudget: bytes must be > 0, got -1"},
		{Name: "NewBudget NaN", Call: newBudget("B", math.NaN()), Want: "workload.NewBudget: bytes must be > 0, got NaN"},
		{Name: "NewBudget Inf", Call: newBudget("B", math.Inf(1)), Want: "workload.NewBudget: bytes must be > 0, got +Inf"},
		{Name: "NewBudget unnamed", Call: newBudget("", MB), Want: "workload.NewBudget: name is empty"},
		{Name: "allows n<0", Call: func() error { return budget.allows(-1, KB) }, Want: "workload.Budget.allows: n must be >= 0, got -1"},
		{Name: "allows each<0", Call: func() error { return budget.allows(1, -KB) }, Want: "workload.Budget.allows: each must be >= 0 bytes, got -1024"},
		{Name: "allows each NaN", Call: func() error { return budget.allows(1, math.NaN()) }, Want: "workload.Budget.allows: each must be >= 0 bytes, got NaN"},
		{Name: "allows empty budget", Call: func() error { return Budget{}.allows(1, KB) }, Want: "workload.Budget.allows: the budget is 0 bytes; make one with workload.NewBudget"},
		{Name: "Steps no counts", Call: steps(budget, "goroutines", nil, KB, measure), Want: "workload.Budget.Steps: counts is empty"},
		{Name: "Steps count 0", Call: steps(budget, "goroutines", []int{10, 0}, KB, measure), Want: "workload.Budget.Steps: counts[1] must be > 0, got 0"},
		{Name: "Steps no what", Call: steps(budget, "", []int{10}, KB, measure), Want: "workload.Budget.Steps: what is empty"},
		{Name: "Steps no guess", Call: steps(budget, "goroutines", []int{10}, 0, measure), Want: "workload.Budget.Steps: guess must be > 0 bytes, got 0"},
		{Name: "Steps nil measure", Call: steps(budget, "goroutines", []int{10}, KB, nil), Want: "workload.Budget.Steps: measure is nil"},
		{Name: "Steps empty budget", Call: steps(Budget{}, "goroutines", []int{10}, KB, measure), Want: "workload.Budget.Steps: the budget is 0 bytes; make one with workload.NewBudget"},
		{Name: "MeasureMemory n=0", Call: func() error { return MeasureMemory(0).Stop().Err }, Want: "workload.MeasureMemory: n must be > 0, got 0"},
		{Name: "MeasureMemory n<0", Call: func() error { return MeasureMemory(-5).Stop().Err }, Want: "workload.MeasureMemory: n must be > 0, got -5"},
		{Name: "nil MemoryMeter", Call: func() error { return nilMeter.Stop().Err }, Want: "workload.MemoryMeter.Stop: the MemoryMeter is nil; get one from workload.MeasureMemory"},
		{Name: "WaitForThreads atMost=0", Call: waitForThreads(0, time.Second), Want: "workload.WaitForThreads: atMost must be >= 1, got 0"},
		{Name: "WaitForThreads timeout=0", Call: waitForThreads(10, 0), Want: "workload.WaitForThreads: timeout must be > 0, got 0s"},
	})
	if called {
		t.Error("a function called the caller's function despite bad input")
	}
	nilMeter.Started() // does nothing, does not panic
	if s := MeasureMemory(0).Stop().String(); s != "workload.MeasureMemory: n must be > 0, got 0" {
		t.Errorf("String of a MemoryCost with Err = %q, want the error", s)
	}
	// A step whose measurement failed stops the steps with that error.
	_, err := budget.Steps("goroutines", []int{10}, KB, func(int) MemoryCost { return MeasureMemory(0).Stop() })
	if want := "workload.Budget.Steps: step of 10 goroutines: workload.MeasureMemory: n must be > 0, got 0"; err == nil || err.Error() != want {
		t.Errorf("Steps with a failing measurement: %v, want %q", err, want)
	}
}
