// Used by notebook 08 (08_patterns.ipynb).

package lab

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

// RateLines returns the first row of what a [trials.RateGrid] measured as the
// lines of a chart.Lines chart over the grid's Columns: one line per
// contender, named after it, through the median rates, with their 95%
// confidence intervals as a band, divided by the grid's Scale. Use it when
// the columns are settings in order, such as worker counts.
func RateLines(r trials.Rates) []chart.LineSeries {
	bars := RateBars(r)
	lines := make([]chart.LineSeries, len(bars))
	for k, b := range bars {
		lines[k] = chart.LineSeries{Name: b.Name, Y: b.Values, Low: b.Low, High: b.High}
	}
	return lines
}

// RelativeLines is RateLines with every contender's rates divided by its own
// median rate in the first column: the speed-up over the first setting, such
// as throughput with W workers ÷ throughput with one. The band is the 95%
// confidence interval of each median, divided alike. A first median of 0
// gives numbers that are not finite, which chart.Lines reports as an error.
func RelativeLines(r trials.Rates) []chart.LineSeries {
	lines := RateLines(r)
	for _, line := range lines {
		if len(line.Y) == 0 {
			continue
		}
		first := line.Y[0]
		for i := range line.Y {
			line.Y[i], line.Low[i], line.High[i] = line.Y[i]/first, line.Low[i]/first, line.High[i]/first
		}
	}
	return lines
}

// RateBars returns the first row of what a [trials.RateGrid] measured as the
// series of a chart.Bars chart with the grid's Columns as categories: one
// series per contender, the medians as bars, their 95% confidence intervals as
// error bars, divided by the grid's Scale.
func RateBars(r trials.Rates) []chart.BarSeries {
	if len(r.Rows) == 0 {
		return nil
	}
	return rateBars(r.Grid, r.Rows[0])
}

// RatesText describes the first row of what a [trials.RateGrid] measured, one
// line per contender: its name, the unit, and the median at every column with
// its 95% confidence interval, divided by the grid's Scale and rounded to
// three significant digits:
//
//	waiting jobs (jobs/s): 1: 897 [880–912] · 2: 1790 [1650–1800]
func RatesText(r trials.Rates, unit string) string {
	if len(r.Rows) == 0 {
		return ""
	}
	row, scale := r.Rows[0], r.Grid.Scale
	if scale == 0 {
		scale = 1
	}
	n := func(x float64) string { return stats.FormatSignificant(x/scale, 3) }
	var b strings.Builder
	for k, name := range r.Grid.Contenders {
		fmt.Fprintf(&b, "%s (%s):", name, unit)
		for c, column := range r.Grid.Columns {
			if c >= len(row.Summaries) || k >= len(row.Summaries[c]) {
				break
			}
			s := row.Summaries[c][k]
			sep := " ·"
			if c == 0 {
				sep = ""
			}
			fmt.Fprintf(&b, "%s %s: %s [%s–%s]", sep, column, n(s.Median), n(s.MedianLow), n(s.MedianHigh))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// PeakLines returns, for a [trials.Grid] whose runs returned a peak number in
// flight, one line per contender, named by names, through the highest peak of
// any round at each setting (the most that ever ran at once), and, when
// limits is not empty, a dashed line "limit asked for" through limits, one per
// setting.
func PeakLines(names []string, r trials.Results[int], limits []int) []chart.LineSeries {
	lines := make([]chart.LineSeries, len(names))
	for k, name := range names {
		lines[k].Name = name
		for _, setting := range r.Values {
			most := 0
			if k < len(setting) {
				for _, peak := range setting[k] {
					most = max(most, peak)
				}
			}
			lines[k].Y = append(lines[k].Y, float64(most))
		}
	}
	if len(limits) > 0 {
		lines = append(lines, chart.LineSeries{Name: "limit asked for", Y: stats.Float64s(limits), Dashed: true})
	}
	return lines
}

// ShowCosts draws what [MeasureCosts] measured as a chart.Bars chart, titled by
// l, with one category per way (named by names) and two series, "time (ms)"
// and "peak memory (MB)": the medians with their 95% confidence intervals as
// error bars. It then prints one line per way:
//
//	a pool of 2 workers: time median 63ms [60ms–67ms], peak memory median 0.1 MB [0.06–0.15]
func ShowCosts(l chart.Labels, names []string, costs []Cost) {
	if len(names) != len(costs) {
		fmt.Fprintf(display.Stdout, "lab.ShowCosts: %d names for %d costs\n", len(names), len(costs))
		return
	}
	const ms, mb = float64(time.Millisecond), float64(workload.MB)
	timeBars, memoryBars := chart.BarSeries{Name: "time (ms)"}, chart.BarSeries{Name: "peak memory (MB)"}
	for _, c := range costs {
		timeBars.Values = append(timeBars.Values, c.Time.Median/ms)
		timeBars.Low = append(timeBars.Low, c.Time.MedianLow/ms)
		timeBars.High = append(timeBars.High, c.Time.MedianHigh/ms)
		memoryBars.Values = append(memoryBars.Values, c.Memory.Median/mb)
		memoryBars.Low = append(memoryBars.Low, c.Memory.MedianLow/mb)
		memoryBars.High = append(memoryBars.High, c.Memory.MedianHigh/mb)
	}
	chart.Show(chart.Bars(l, names, timeBars, memoryBars))
	n := func(x float64) string { return stats.FormatSignificant(x, 3) }
	for i, c := range costs {
		fmt.Fprintf(display.Stdout, "%s: time median %sms [%s–%s], peak memory median %s MB [%s–%s]\n", names[i],
			n(c.Time.Median/ms), n(c.Time.MedianLow/ms), n(c.Time.MedianHigh/ms),
			n(c.Memory.Median/mb), n(c.Memory.MedianLow/mb), n(c.Memory.MedianHigh/mb))
	}
}

// CountLabels returns the counts as labels for a chart's x axis or a
// [trials.RateGrid]'s Columns: []int{1, 2, 4} gives "1", "2", "4".
func CountLabels(counts []int) []string {
	labels := make([]string, len(counts))
	for i, n := range counts {
		labels[i] = strconv.Itoa(n)
	}
	return labels
}
