// Package lostupdates measures how often a counting program loses updates.
//
// A data race in counter++ shows only in some runs, so one run says little.
// [Repeat] runs a [Program] many times under a chosen GOMAXPROCS and returns a
// [Result]: every final value, the share of trials that lost updates (with
// its confidence interval, from package stats) and the lowest final value, for
// the printed summary and the chart. [LostBars] turns results into a bar
// series of those shares.
//
// A [Recording] is one trial in which each goroutine did counter++ once,
// written out as read, add and write: what each goroutine read, the final
// value and the spans of a timeline chart. It says which goroutines read the
// same value, and so lost an update.
//
// The counting code itself (the goroutines, the counter, the lock) stays with
// the caller, in the Program's Count function.
//
// Bad input (fewer than one trial, procs out of range, a nil Count) is reported
// as an error that names the function, the parameter and the value, for
// example "lostupdates.Repeat: n must be > 0, got 0". No function in this
// package panics on bad input.
package lostupdates

import (
	"fmt"
	"slices"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// A Program is a counting program under test.
type Program struct {
	Name  string     // for printed lines and chart legends: "100 × 1, paused"
	Want  int        // the final value of a correct run: one per increment
	Count func() int // runs the program once and returns the counter's final value
}

// A Result is what a Program gave in many trials under one GOMAXPROCS.
type Result struct {
	Name   string // the Program's Name
	Procs  int    // the GOMAXPROCS the trials ran under
	Want   int    // the Program's Want
	Finals []int  // the final value of every trial, in order
}

// Repeat calls p.Count n times, one trial after another, under
// GOMAXPROCS=procs (see [trials.WithProcs]), and returns every final value.
// Like [trials.Run], it shows a progress bar when it takes more than about a
// second.
//
// Repeat returns an error, without calling p.Count, if n <= 0, procs is not
// between 1 and trials.MaxProcs, or p.Count is nil.
func Repeat(n, procs int, p Program) (Result, error) {
	const fn = "lostupdates.Repeat"
	switch {
	case n <= 0:
		return Result{}, fmt.Errorf("%s: n must be > 0, got %d", fn, n)
	case procs < 1 || procs > trials.MaxProcs:
		return Result{}, fmt.Errorf("%s: procs must be between 1 and %d, got %d", fn, trials.MaxProcs, procs)
	case p.Count == nil:
		return Result{}, fmt.Errorf("%s: the Count of program %q is nil", fn, p.Name)
	}
	r := Result{Name: p.Name, Procs: procs, Want: p.Want}
	var err error
	trials.WithProcs(procs, func() { r.Finals, err = trials.Run(n, p.Count) })
	return r, err
}

// Lost counts the trials whose final value is not Want: they lost updates
// (or, if the final value is above Want, counted some twice). A Result
// without trials gives 0/0.
func (r Result) Lost() stats.Share {
	s, _ := stats.Fraction(r.Finals, func(final int) bool { return final != r.Want })
	return s
}

// Exact counts the trials whose final value is Want. A Result without trials
// gives 0/0.
func (r Result) Exact() stats.Share {
	s, _ := stats.Fraction(r.Finals, func(final int) bool { return final == r.Want })
	return s
}

// Lowest returns the lowest final value of any trial, or 0 for a Result
// without trials.
func (r Result) Lowest() int {
	if len(r.Finals) == 0 {
		return 0
	}
	return slices.Min(r.Finals)
}

// LostBars returns one series of a bar chart named name: for each result, the
// percentage of trials that lost updates, with its 95% confidence interval
// (see [stats.Share.Interval]) as the error bar.
func LostBars(name string, results ...Result) chart.BarSeries {
	lost := make([]stats.Share, len(results))
	for i, r := range results {
		lost[i] = r.Lost()
	}
	return chart.ShareBars(name, lost)
}
