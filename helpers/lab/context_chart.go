// Used by notebook 07 (07_select_context.ipynb).

package lab

import (
	"math"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

// LateBars returns one series of a Bars chart named name, one bar per setting:
// how late the waits of that setting ended, each wait's duration minus
// deadline, in milliseconds: the median, with an error bar from the least late
// to the latest. A setting without durations gets NaN, which the chart reports.
func LateBars(name string, waits [][]time.Duration, deadline time.Duration) chart.BarSeries {
	b := chart.BarSeries{Name: name}
	for _, ds := range waits {
		late := make([]time.Duration, len(ds))
		for i, d := range ds {
			late[i] = d - deadline
		}
		s, err := stats.Summarize(late)
		if err != nil {
			s = stats.Summary{Min: math.NaN(), Median: math.NaN(), Max: math.NaN()}
		}
		b.Values = append(b.Values, s.Median/1e6)
		b.Low, b.High = append(b.Low, s.Min/1e6), append(b.High, s.Max/1e6)
	}
	return b
}

// StopPoints returns a line of an XY chart named "median": for each size, in
// order, the point (size, median of that setting's first contender in values,
// in milliseconds), where values is a trials.Grid's Results.Values with one
// setting per size. A size without values gets NaN, which the chart reports.
func StopPoints(sizes []int, values [][][]time.Duration) chart.XYSeries {
	line := chart.XYSeries{Name: "median", Line: true}
	for i, n := range sizes {
		m := math.NaN()
		if i < len(values) && len(values[i]) > 0 {
			if s, err := stats.Summarize(values[i][0]); err == nil {
				m = s.Median / 1e6
			}
		}
		line.X, line.Y = append(line.X, float64(n)), append(line.Y, m)
	}
	return line
}

// WorkDoneBars returns one series of a Bars chart named name, one bar per
// contender of runs (runs[contender] holds its rounds): the median share, in
// percent, of the other tasks' steps that were done, with an error bar from the
// smallest share to the largest. others is how many steps the tasks that do not
// fail would do in all; failing is the steps the failing task does before it
// fails, which are taken off each run's count first.
func WorkDoneBars(name string, others, failing int, runs [][]GroupRun) chart.BarSeries {
	b := chart.BarSeries{Name: name}
	for _, rounds := range runs {
		shares := make([]float64, len(rounds))
		for i, r := range rounds {
			shares[i] = 100 * float64(r.Steps-failing) / float64(others)
		}
		s, err := stats.Summarize(shares)
		if err != nil || others <= 0 {
			s = stats.Summary{Min: math.NaN(), Median: math.NaN(), Max: math.NaN()}
		}
		b.Values = append(b.Values, s.Median)
		b.Low, b.High = append(b.Low, s.Min), append(b.High, s.Max)
	}
	return b
}
