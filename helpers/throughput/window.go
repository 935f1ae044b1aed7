package throughput

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/display"
)

// Window times one measurement whose goroutines the caller starts itself, so
// that the goroutines and the locks they take stay in view: the caller opens a
// Window with [StartWindow], starts its goroutines, has each of them call its
// operation through [Window.Count], waits for them, and adds up their counts in
// [Window.Rate]. It is the method of [Mix.Measure] (a garbage collection, a
// warm-up that is not counted, then the window), with the goroutines written
// out by the caller.
type Window struct {
	warmUp             bool
	counting, deadline time.Time
}

// StartWindow runs a garbage collection, as testing.B does before a benchmark,
// so that garbage left by an earlier measurement is not collected during this
// one, and then starts the clock: the first warmUp is not counted, the next
// window is. A warmUp below 0 counts as 0; with a window of 0 or less, each
// goroutine still makes one call.
func StartWindow(warmUp, window time.Duration) *Window {
	runtime.GC()
	start := time.Now()
	counting := start.Add(max(warmUp, 0))
	return &Window{warmUp: warmUp > 0, counting: counting, deadline: counting.Add(window)}
}

// Count calls op(0), op(1), … without pause until the window closes and
// returns how many of the calls fell in the window; the calls of the warm-up
// are not counted. Each goroutine of the measurement calls Count once. The
// clock is read as in [MeasureFor]: after every call at first, then less often
// while calls are quick, so that reading it costs little next to a cheap call.
func (w *Window) Count(op func(call int)) int {
	warm := 0
	if w.warmUp {
		warm = callUntil(w.counting, 0, op)
	}
	return callUntil(w.deadline, warm, op) - warm
}

// Rate returns ops, the sum of the goroutines' counts, over the time from the
// opening of the window until now. Call it once all the goroutines have
// returned from Count.
func (w *Window) Rate(ops int) Rate {
	return Rate{Ops: ops, Elapsed: time.Since(w.counting)}
}

// Show prints the result for a terminal and draws it: for every row, its
// [Row.Report] against baseline and a grouped bar chart of its [Row.Bars],
// titled labels.Title followed by ": " and the row's name, with the Tally of
// challenger against baseline as the subtitle ("RWMutex against Mutex, judged
// by 95% CIs: faster at 1, tied at 3, slower at 0 of 4", followed by
// labels.Subtitle if it is set, such as "read shares"); then the decision table
// ([Result.Table]) headed by corner, under a line that says how to read it.
func (r Result) Show(baseline, challenger, corner string, labels chart.Labels) {
	for _, row := range r.Rows {
		fmt.Fprint(display.Stdout, row.Report(baseline))
		l := labels
		if row.Name != "" {
			l.Title += ": " + row.Name
		}
		l.Subtitle = strings.TrimSpace(fmt.Sprintf("%s against %s, judged by 95%% CIs: %v %s",
			challenger, baseline, row.Tally(challenger, baseline), labels.Subtitle))
		chart.Show(chart.Bars(l, r.Grid.Columns, row.Bars()...))
	}
	fmt.Fprintln(display.Stdout, "\nDecision table: the fastest at each point; \"≈\" joins those whose 95% CIs overlap the best one's")
	fmt.Fprint(display.Stdout, r.Table(corner))
}
