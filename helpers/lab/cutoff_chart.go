// Used by notebook 05 (05_rwmutex.ipynb).

package lab

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
)

// ShowCutOffs draws and prints what [CompareCutOffs] measured: the waits
// against the cut-off (labelled l), a histogram of the first contender's
// waits, titled after it and subtitled with its summary, then one line per
// contender, "<name>: <what> <CutOffWaits>", such as "sync.RWMutex: writer
// waited median 1.07ms (95% CI 1.03ms–1.12ms), max 2.3ms; 0 of 12 hit the
// cut-off", and finally how many
// times the first contender's median wait each other one's is: "median wait,
// reader-preferring lock / sync.RWMutex: 183×" (left out when the first
// median is 0).
func ShowCutOffs(what string, l chart.Labels, waits ...CutOffWaits) {
	chart.Show(cutOffChart(l, waits...))
	if len(waits) == 0 {
		return
	}
	first := waits[0]
	chart.Show(chart.Histogram(chart.Labels{
		Title:    fmt.Sprintf("%s: %s, %d trials", first.Name, what, len(first.Outcomes)),
		Subtitle: first.String(),
		X:        "wait",
		Y:        "trials",
	}, chart.Data(first.Name, first.Durations())))
	for _, w := range waits {
		fmt.Fprintf(display.Stdout, "%s: %s %v\n", w.Name, what, w)
	}
	for _, w := range waits[1:] {
		if m := first.Median(); m > 0 {
			fmt.Fprintf(display.Stdout, "median wait, %s / %s: %.0f×\n", w.Name, first.Name, float64(w.Median())/float64(m))
		}
	}
}

// Points returns the waits as a series of points for an XY chart, named after
// the contender: x is the cut-off and y the wait, both in milliseconds.
func (w CutOffWaits) Points() chart.XYSeries {
	s := chart.XYSeries{Name: w.Name}
	for _, o := range w.Outcomes {
		s.X = append(s.X, inMs(o.Timeout))
		s.Y = append(s.Y, inMs(o.Elapsed))
	}
	return s
}

// cutOffChart returns an XY chart of the waits against the cut-off: a line
// named "cut-off" where the wait equals the cut-off, from 0 to a quarter beyond
// the longest cut-off, and the Points of every CutOffWaits. Waits that were cut
// off sit on the line. Labels l name the chart and its axes, in milliseconds;
// as for every chart, bad input (such as CutOffWaits without waits) is
// reported by the chart's Err and printed by chart.Show.
func cutOffChart(l chart.Labels, waits ...CutOffWaits) *chart.Chart {
	longest := 0.0
	for _, w := range waits {
		for _, o := range w.Outcomes {
			longest = max(longest, inMs(o.Timeout))
		}
	}
	line := []float64{0, 1.25 * longest}
	series := []chart.XYSeries{{Name: "cut-off", X: line, Y: line, Line: true}}
	for _, w := range waits {
		series = append(series, w.Points())
	}
	return chart.XY(l, series...)
}

// inMs returns d in milliseconds.
func inMs(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
