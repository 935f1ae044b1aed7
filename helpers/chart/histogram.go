package chart

import (
	"fmt"
	"math"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Values is a named series of numbers for a [Histogram]. Build it with
// [Data], which remembers whether the numbers were integers or durations so
// that the bins get matching labels; a Values literal holds plain floats.
type Values struct {
	Name string
	Data []float64
	kind stats.Kind
}

// Data returns v as a named series for a [Histogram]. Integer values get one
// bin per integer when their range is small, and integer bin labels ("998");
// [time.Duration] values get duration labels ("1.2ms–1.4ms"). Data copies v.
func Data[T stats.Number](name string, v []T) Values {
	return Values{Name: name, Data: stats.Float64s(v), kind: stats.KindOf[T]()}
}

// Bin counts a Histogram asks of stats.SharedBins.
const (
	integerBins = 50 // one bar per integer when the values span at most 50
	minBins     = 10
	maxBins     = 40
)

// Histogram returns a histogram of one or more series over shared bins
// ([stats.SharedBins]), as bars of counts: one bar per series in each bin, so
// that results such as racy/mutex/atomic can be compared. Bins are labelled
// by the kind of the values (see [Data]); when the series mix kinds they are
// binned as plain floats. l.X names the values with their unit, l.Y the
// counts (default "count").
//
// Histogram needs at least one series; every series needs at least one
// value, and no NaN or ±Inf. Otherwise the chart's Err says what is wrong.
func Histogram(l Labels, series ...Values) *Chart {
	return histogram("Histogram", false, l, series)
}

// LogHistogram is [Histogram] with a logarithmic count axis (1, 10, 100, …),
// for counts that differ by orders of magnitude: a bar of 30 trials stays
// visible next to one of 9,970. A count of 1 has no height on a log axis, so
// its bar is marked with the label "1"; an empty bin draws nothing. Its
// arguments and errors are those of Histogram.
func LogHistogram(l Labels, series ...Values) *Chart {
	return histogram("LogHistogram", true, l, series)
}

// histogram builds the chart of Histogram (fn), on a log count axis when log is set.
func histogram(fn string, log bool, l Labels, series []Values) *Chart {
	const kind = "histogram"
	if len(series) == 0 {
		return errorf(kind, fn, l, "no series given")
	}
	total := 0
	valueKind := series[0].kind
	for k, s := range series {
		if len(s.Data) == 0 {
			return errorf(kind, fn, l, "series[%d].Data is empty", k)
		}
		if err := checkFinite(fn, fmt.Sprintf("series[%d].Data", k), s.Data); err != nil {
			return errChart(kind, l, err)
		}
		total += len(s.Data)
		if s.kind != valueKind {
			valueKind = stats.Floats
		}
	}
	hs, err := bin(valueKind, total, series)
	if err != nil {
		return errorf(kind, fn, l, "%v", err)
	}
	if l.Y == "" {
		l.Y = "count"
	}

	_, dataMax := extent(dataOf(series)...)
	edges := hs[0].Bins
	labels := make([]string, len(edges))
	bins := make([][2]float64, len(edges))
	for i, b := range edges {
		labels[i] = binLabel(valueKind, b, i == len(edges)-1, dataMax)
		bins[i] = [2]float64{b.Low, b.High}
	}
	maxCount := 0
	for _, h := range hs {
		for _, b := range h.Bins {
			maxCount = max(maxCount, b.Count)
		}
	}

	b := base{labels: l, legend: len(series) > 1, trigger: "axis", yGap: valueGap(0, float64(maxCount))}
	yAxis := b.yAxis("value")
	if log {
		// echarts starts bars on a log axis at 1, so a count of 1 has no height:
		// such a bar is labelled "1" instead (below).
		yAxis.Type, yAxis.Min = "log", 1
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.globals()...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(b.xAxis("category")),
		charts.WithYAxisOpts(yAxis),
		charts.WithTooltipOpts(opts.Tooltip{
			Show:        opts.Bool(true),
			Trigger:     "axis",
			AxisPointer: &opts.AxisPointer{Type: "shadow"},
			Formatter:   axisTooltip(nil),
		}),
	)
	bar.SetXAxis(labels)

	c := &Chart{kind: kind, labels: l, categories: labels, bins: bins}
	t := table{header: []string{orDefault(l.X, "bin")}}
	summary := ""
	for k, s := range series {
		s.Name = seriesName(s.Name, k)
		counts := make([]int, len(hs[k].Bins))
		data := make([]opts.BarData, len(counts))
		for i, b := range hs[k].Bins {
			counts[i] = b.Count
			data[i] = opts.BarData{Value: b.Count}
			switch {
			case log && b.Count == 0:
				data[i].Value = "-" // echarts: no bar (log 0 is undefined)
			case log && b.Count == 1:
				data[i].Label = &opts.Label{Show: opts.Bool(true), Position: "top"} // a bar with no height
			}
		}
		bar.AddSeries(s.Name, data,
			charts.WithBarChartOpts(opts.BarChart{BarGap: "0%", BarCategoryGap: "12%"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour(k)}),
		)
		c.series = append(c.series, seriesCopy{Name: s.Name, Data: counts})
		c.palette = append(c.palette, colour(k))
		t.header = append(t.header, s.Name)
		if k > 0 {
			summary += ", "
		}
		summary += fmt.Sprintf("%s: %d values", s.Name, len(s.Data))
	}
	for i, label := range labels {
		row, nonEmpty := []string{label}, false
		for _, h := range hs {
			row = append(row, fmt.Sprint(h.Bins[i].Count))
			nonEmpty = nonEmpty || h.Bins[i].Count > 0
		}
		if nonEmpty { // empty bins would only lengthen the text
			t.add(row...)
		}
	}
	return c.finish(bar, fmt.Sprintf("%s\n%s in %d bins (empty bins not listed)\n%s", heading(kind, l), summary, len(labels), t.String()))
}

// bin bins the series with stats.SharedBins, as the Go type their kind
// came from, so that integers get integer bins.
func bin(kind stats.Kind, total int, series []Values) ([]stats.Histogram, error) {
	switch kind {
	case stats.Integers:
		return shared(integerBins, series, func(x float64) int64 { return int64(x) })
	case stats.Durations:
		return shared(binsFor(total), series, func(x float64) time.Duration { return time.Duration(x) })
	}
	return shared(binsFor(total), series, func(x float64) float64 { return x })
}

// binsFor returns the number of bins for n values: about √n, within limits.
func binsFor(n int) int {
	return min(maxBins, max(minBins, int(math.Ceil(math.Sqrt(float64(n))))))
}

// shared converts each series with conv and bins them together.
func shared[T stats.Number](bins int, series []Values, conv func(float64) T) ([]stats.Histogram, error) {
	typed := make([][]T, len(series))
	for k, s := range series {
		typed[k] = make([]T, len(s.Data))
		for i, x := range s.Data {
			typed[k][i] = conv(x)
		}
	}
	return stats.SharedBins(bins, typed...)
}

// dataOf returns the Data of each series.
func dataOf(series []Values) [][]float64 {
	out := make([][]float64, len(series))
	for k, s := range series {
		out[k] = s.Data
	}
	return out
}

// binLabel labels bin b: "998" for a one-integer bin, "990–994" for wider
// integer bins (inclusive), "1.2ms–1.4ms" for durations, "0.25–0.5" for
// floats. The last bin also holds its High; dataMax is the largest value.
func binLabel(kind stats.Kind, b stats.Bin, last bool, dataMax float64) string {
	switch kind {
	case stats.Integers:
		upper := b.High - 1
		if last {
			upper = math.Min(b.High, dataMax)
		}
		if upper <= b.Low {
			return num(b.Low)
		}
		return num(b.Low) + "–" + num(upper)
	case stats.Durations:
		if b.Low == b.High {
			return duration(b.Low)
		}
		return duration(b.Low) + "–" + duration(b.High)
	}
	if b.Low == b.High {
		return num(b.Low)
	}
	return num(b.Low) + "–" + num(b.High)
}

// duration formats nanoseconds as a duration with three significant digits.
func duration(ns float64) string { return stats.RoundDuration(time.Duration(math.Round(ns))).String() }
