// Package compare times different ways of running the same job side by side,
// such as its tasks one by one against all at once on goroutines, and
// summarises each way's times, or the speed-up of one way over another, as a
// median with a 95% confidence interval.
//
// Each trial runs every way (and, for [SpeedUp], every GOMAXPROCS setting) once,
// one right after the other, so that a busy moment on the machine touches all of
// them alike instead of spoiling one of them. The ways themselves, with their go
// statements and WaitGroups, stay in the caller:
//
//	speedUps, err := compare.SpeedUp([]int{1, 2, 4}, 9,
//		func() { oneByOne(8, task) },  // the baseline
//		func() { allAtOnce(8, task) }) // the candidate
//
// [Summaries.Line] draws the results as a line of a chart.Lines chart, with the
// confidence intervals as a band.
//
// Bad input (fewer than one trial, no ways or settings, a GOMAXPROCS setting out
// of range, a nil way) is reported as an error that names the function, the
// parameter and the value, for example "compare.SpeedUp: procs[1] must be
// between 1 and 256, got 0". A panic in a way is not bad input: it continues up
// the calling goroutine (run the comparison through package guard to contain
// it). No function in this package panics on its own.
package compare

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
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
// same time as another measurement or check. Like [trials.Run], which it uses, it
// shows a progress bar when it takes more than about a second.
//
// SpeedUp returns an error, without calling baseline or candidate, if n < 1,
// procs is empty or holds a setting below 1 or above [trials.MaxProcs], or either
// function is nil; and an error if a call of candidate took no measurable time.
func SpeedUp(procs []int, n int, baseline, candidate func()) (Summaries, error) {
	const fn = "compare.SpeedUp"
	if err := checkTrials(fn, n); err != nil {
		return nil, err
	}
	if len(procs) == 0 {
		return nil, errors.New(fn + ": procs is empty")
	}
	for i, p := range procs {
		if p < 1 || p > trials.MaxProcs {
			return nil, fmt.Errorf("%s: procs[%d] must be between 1 and %d, got %d", fn, i, trials.MaxProcs, p)
		}
	}
	switch {
	case baseline == nil:
		return nil, errors.New(fn + ": baseline is nil")
	case candidate == nil:
		return nil, errors.New(fn + ": candidate is nil")
	}
	ratios := make([][]float64, len(procs)) // ratios[i] holds one ratio per trial under procs[i]
	errs, err := trials.Run(n, func() error {
		for i, p := range procs {
			var candidateTime time.Duration
			err := trials.WithProcs(p, func() {
				start := time.Now()
				baseline()
				baselineTime := time.Since(start)
				start = time.Now()
				candidate()
				candidateTime = time.Since(start)
				ratios[i] = append(ratios[i], baselineTime.Seconds()/candidateTime.Seconds())
			})
			if err != nil {
				return err
			}
			if candidateTime <= 0 {
				return fmt.Errorf("%s: a call of candidate at GOMAXPROCS=%d took no measurable time", fn, p)
			}
		}
		return nil
	})
	if err := errors.Join(append(errs, err)...); err != nil {
		return nil, err
	}
	return summarize(fn, ratios)
}

// Milliseconds times each of ways in each of n trials, all ways once per trial,
// one after another in the order given, and returns one summary per way of its n
// wall-clock times, in milliseconds. Like [trials.Run], which it uses, it shows a
// progress bar when it takes more than about a second.
//
// Milliseconds returns an error, without calling any way, if n < 1, ways is
// empty or one of them is nil.
func Milliseconds(n int, ways ...func()) (Summaries, error) {
	const fn = "compare.Milliseconds"
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
	times := make([][]float64, len(ways)) // times[i] holds one time per trial of ways[i], in ms
	_, err := trials.Run(n, func() struct{} {
		for i, way := range ways {
			start := time.Now()
			way()
			times[i] = append(times[i], float64(time.Since(start))/float64(time.Millisecond))
		}
		return struct{}{}
	})
	if err != nil {
		return nil, err
	}
	return summarize(fn, times)
}

// Line returns the summaries as one line of a chart.Lines chart named name: the
// medians, one per x category, with their 95% confidence intervals as a band.
func (s Summaries) Line(name string) chart.LineSeries {
	line := chart.LineSeries{Name: name}
	for _, summary := range s {
		line.Y = append(line.Y, summary.Median)
		line.Low = append(line.Low, summary.MedianLow)
		line.High = append(line.High, summary.MedianHigh)
	}
	return line
}

// LeastMedian returns the index of the summary with the least median (the first
// of equal ones): for times, the fastest way. It returns -1 for no summaries.
func (s Summaries) LeastMedian() int {
	least := -1
	for i, summary := range s {
		if least < 0 || summary.Median < s[least].Median {
			least = i
		}
	}
	return least
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
