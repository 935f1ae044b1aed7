package chart

import (
	"math"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// ShareLine returns a line of a [Lines] chart named name that draws shares of
// trials as percentages, one share per x, each with its 95% confidence interval
// (see [stats.Share.Interval]) as a shaded band: for example, at each sleep
// length, the percentage of trials in which a goroutine had already run.
//
// A share that cannot be a count of trials (Hits or Total negative, or Hits above
// Total) becomes NaN, so that the chart reports it: "chart.Lines: series[0].Y[2]
// is NaN". A share of no trials (0/0) is drawn as 0% with the interval 0–100%.
func ShareLine(name string, shares []stats.Share) LineSeries {
	y, low, high := percents(shares)
	return LineSeries{Name: name, Y: y, Low: low, High: high}
}

// ShareBars returns one series of a [Bars] chart named name that draws shares
// of trials as percentages, one bar per category, each with its 95% confidence
// interval (see [stats.Share.Interval]) as an error bar: for example, for each
// version of a program, the percentage of runs that printed a line.
//
// Invalid shares become NaN, as in [ShareLine].
func ShareBars(name string, shares []stats.Share) BarSeries {
	values, low, high := percents(shares)
	return BarSeries{Name: name, Values: values, Low: low, High: high}
}

// percents returns each share and the bounds of its interval in percent.
func percents(shares []stats.Share) (value, low, high []float64) {
	value = make([]float64, len(shares))
	low = make([]float64, len(shares))
	high = make([]float64, len(shares))
	for i, s := range shares {
		if s.Hits < 0 || s.Total < 0 || s.Hits > s.Total {
			value[i], low[i], high[i] = math.NaN(), math.NaN(), math.NaN()
			continue
		}
		l, h := s.Interval()
		value[i], low[i], high[i] = s.Percent(), 100*l, 100*h
	}
	return value, low, high
}
