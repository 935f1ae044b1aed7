// Used by notebook 01 (01_concurrency_vs_parallelism.ipynb).
//
// SpeedUp and Milliseconds time different ways of running the same job side by
// side, such as its tasks one by one against all at once on goroutines, and
// summarise each way's times, or the speed-up of one way over another, as a
// median with a 95% confidence interval.
//
// Each trial runs every way (and, for SpeedUp, every GOMAXPROCS setting) once,
// one right after the other, so that a busy moment on the machine touches all of
// them alike instead of spoiling one of them. The ways themselves, with their go
// statements and WaitGroups, stay in the caller:
//
//	speedUps, err := lab.SpeedUp([]int{1, 2, 4}, 9,
//		func() { oneByOne(8, task) },  // the baseline
//		func() { allAtOnce(8, task) }) // the candidate
//
// ShowSpeedUps and ShowSplits (in speedup_chart.go, their drawing) draw the
// results as lines of a chart.Lines chart, with the confidence intervals as a
// band.
//
// Bad input (fewer than one trial, no ways or settings, a GOMAXPROCS setting out
// of range, a nil way) is reported as an error that names the function, the
// parameter and the value, for example "lab.SpeedUp: procs[1] must be
// between 1 and 256, got 0". A panic in a way is not bad input: it continues up
// the calling goroutine (run the comparison through package guard to contain
// it). None of these functions panics on its own.

package lab

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Summaries holds one summary per way or GOMAXPROCS setting, in the order given
// to the function that measured them.
type Summaries []stats.Summary

// SpeedUp measures how many times faster candidate runs than baseline under each
// GOMAXPROCS setting in procs: in each of n trials it runs, for every setting in
// turn, baseline and then candidate, timing each call on the wall clock. It
// returns one summary per setting, of the n ratios baseline time ÷ candidate
// time: above 1 where the candidate is faster. GOMAXPROCS is restored at the end.
//
// SpeedUp sets GOMAXPROCS, a setting of the whole program: do not run it at the
// same time as another measurement or check. Like [trials.Grid], which it uses,
// it shows a progress bar when it takes more than about a second.
//
// SpeedUp returns an error, without calling baseline or candidate, if n < 1,
// procs is empty or holds a setting below 1 or above [trials.MaxProcs], or either
// function is nil; and an error if a call of candidate took no measurable time.
func SpeedUp(procs []int, n int, baseline, candidate func()) (Summaries, error) {
	const fn = "lab.SpeedUp"
	if err := checkTrials(fn, n); err != nil {
		return nil, err
	}
	if len(procs) == 0 {
		return nil, errors.New(fn + ": procs is empty")
	}
	for i, p := range procs {
		if err := trials.CheckProcs(fmt.Sprintf("%s: procs[%d]", fn, i), p); err != nil {
			return nil, err
		}
	}
	switch {
	case baseline == nil:
		return nil, errors.New(fn + ": baseline is nil")
	case candidate == nil:
		return nil, errors.New(fn + ": candidate is nil")
	}
	ways := []func(){baseline, candidate}
	grid := trials.Grid[time.Duration]{Settings: len(procs), Contenders: 2, Rounds: n, Procs: procs, Progress: "trials"}
	times, err := grid.Run(func(c trials.Cell) (time.Duration, error) {
		start := time.Now()
		ways[c.Contender]()
		d := time.Since(start)
		if c.Contender == 1 && d <= 0 {
			return d, fmt.Errorf("%s: a call of candidate at GOMAXPROCS=%d took no measurable time", fn, c.Procs)
		}
		return d, nil
	})
	if err != nil {
		return nil, err
	}
	ratios := make([][]float64, len(procs)) // ratios[i] holds one ratio per trial under procs[i]
	for i, both := range times.Values {
		for t, candidateTime := range both[1] {
			ratios[i] = append(ratios[i], both[0][t].Seconds()/candidateTime.Seconds())
		}
	}
	return summarize(fn, ratios)
}

// SpeedUpProcs returns the GOMAXPROCS settings of a speed-up curve, from 1 to
// 2×cores: every setting up to 4, then the powers of two, and cores and 2×cores
// themselves. For cores = 2 that is 1, 2, 3, 4; for cores = 12 it is 1, 2, 3, 4,
// 8, 12, 16, 24. It returns [1, 2] for cores < 1 and stops at [trials.MaxProcs].
func SpeedUpProcs(cores int) []int {
	cores = max(cores, 1)
	var procs []int
	for p := 1; p <= 2*cores && p <= trials.MaxProcs; p++ {
		if p <= 4 || p&(p-1) == 0 || p == cores || p == 2*cores {
			procs = append(procs, p)
		}
	}
	return procs
}

// Milliseconds times each of ways in each of n trials, all ways once per trial,
// one after another in the order given, and returns one summary per way of its n
// wall-clock times, in milliseconds. Like [trials.Grid], which it uses, it shows
// a progress bar when it takes more than about a second.
//
// Milliseconds returns an error, without calling any way, if n < 1, ways is
// empty or one of them is nil.
func Milliseconds(n int, ways ...func()) (Summaries, error) {
	const fn = "lab.Milliseconds"
	if err := checkTrials(fn, n); err != nil {
		return nil, err
	}
	if len(ways) == 0 {
		return nil, errors.New(fn + ": ways is empty")
	}
	for i, way := range ways {
		if way == nil {
			return nil, fmt.Errorf("%s: ways[%d] is nil", fn, i)
		}
	}
	grid := trials.Grid[float64]{Settings: 1, Contenders: len(ways), Rounds: n, Progress: "trials"}
	times, err := grid.Run(func(c trials.Cell) (float64, error) {
		start := time.Now()
		ways[c.Contender]()
		return float64(time.Since(start)) / float64(time.Millisecond), nil
	})
	if err != nil { // not expected: the arguments are valid
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return summarize(fn, times.Values[0]) // one row of times per way, in ms
}

func checkTrials(fn string, n int) error {
	if n < 1 {
		return fmt.Errorf("%s: n must be >= 1, got %d", fn, n)
	}
	return nil
}

// summarize returns one summary per row of values.
func summarize(fn string, rows [][]float64) (Summaries, error) {
	summaries := make(Summaries, len(rows))
	for i, values := range rows {
		s, err := stats.Summarize(values)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		summaries[i] = s
	}
	return summaries, nil
}
