package chart

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// BarSeries is one series of a [Bars] chart: one bar per category.
type BarSeries struct {
	Name   string
	Values []float64 // one value per category
	// Low and High, when set, draw an error bar from Low[i] to High[i] on bar i
	// (a confidence interval, or the min and max of the trials). Set both or
	// neither; each needs one value per category, with Low[i] <= High[i].
	Low, High []float64
}

// Bar geometry shared by the bar series and their error bars.
const (
	barCategoryGap = 0.3 // share of a category's width left empty
	barGap         = 0.1 // gap between the bars of one category, as a share of a bar's width
)

// Bars returns a grouped bar chart: one group per category, one bar in each
// group per series, series in the order given, each in its own colour.
// Series with Low and High get error bars. l.X names the categories, l.Y the
// values (with their unit).
//
// Bars needs at least one category and one series; every series needs one
// finite value per category. Otherwise the chart's Err says what is wrong.
func Bars(l Labels, categories []string, series ...BarSeries) *Chart {
	const kind, fn = "bars", "Bars"
	rs := make([]ranged, len(series))
	for k, s := range series {
		rs[k] = ranged{seriesName(s.Name, k), s.Values, s.Low, s.High}
	}
	b, err := checkRanged(fn, l, "categories", "Values", "category", categories, rs)
	if err != nil {
		return errChart(kind, l, err)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.globals()...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(b.xAxis("category")),
		charts.WithYAxisOpts(b.yAxis("value")),
	)
	bar.SetXAxis(categories)

	c := &Chart{kind: kind, labels: l, categories: categories}
	text, ranges := c.describeRanged(orDefault(l.X, "category"), categories, rs)
	var errorBars []charts.Overlaper
	for k, s := range rs {
		data := make([]opts.BarData, len(s.values))
		for i, v := range s.values {
			data[i] = opts.BarData{Value: v}
		}
		bar.AddSeries(s.name, data,
			charts.WithBarChartOpts(opts.BarChart{BarGap: pct(barGap), BarCategoryGap: pct(barCategoryGap)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour(k)}),
		)
		if s.low != nil {
			errorBars = append(errorBars, errorBarSeries(s, k, len(rs)))
		}
	}
	bar.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{
		Show:        opts.Bool(true),
		Trigger:     "axis",
		AxisPointer: &opts.AxisPointer{Type: "shadow"},
		Formatter:   axisTooltip(ranges),
	}))
	bar.Overlap(errorBars...)
	return c.finish(bar, text)
}

// pct formats a share as an echarts percentage: 0.3 → "30%".
func pct(share float64) string { return fmt.Sprintf("%g%%", share*100) }

// errorBarSeries returns a custom series that draws the error bars of s, the
// k-th of n bar series, over its bars. It has the bar series' name, so the
// legend shows and hides both together.
func errorBarSeries(s ranged, k, n int) *charts.Custom {
	data := make([]opts.CustomData, len(s.low))
	for i := range s.low {
		data[i] = opts.CustomData{Value: []float64{float64(i), s.low[i], s.high[i], float64(k), float64(n)}}
	}
	custom := charts.NewCustom()
	custom.AddSeries(s.name, data,
		charts.WithSeriesId(fmt.Sprintf("golab-errorbar-%d", k)),
		charts.WithCustomChartOpts(opts.CustomChart{RenderItem: errorBarJS()}),
		charts.WithEncodeOpts(opts.Encode{X: 0, Y: []int{1, 2}}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colour(k)}),
	)
	return custom
}

// errorBarJS draws one error bar: a vertical line from value(1) to value(2)
// with caps, centred on bar value(3) of value(4) in category value(0). It
// repeats echarts' own bar layout (barCategoryGap, barGap; no fixed width).
func errorBarJS() types.FuncStr {
	return jsFunc(`function (params, api) {
	var n = api.value(4);
	var band = api.size([1, 0])[0];
	var inner = band * (1 - $CATGAP);
	var w = inner / (n + (n - 1) * $GAP);
	var x = api.coord([api.value(0), 0])[0] - inner / 2 + api.value(3) * w * (1 + $GAP) + w / 2;
	var top = api.coord([api.value(0), api.value(2)])[1];
	var bottom = api.coord([api.value(0), api.value(1)])[1];
	var cap = Math.min(w * 0.5, 14);
	var st = { stroke: '#222222', lineWidth: 1.5 };
	return { type: 'group', children: [
		{ type: 'line', shape: { x1: x, y1: top, x2: x, y2: bottom }, style: st },
		{ type: 'line', shape: { x1: x - cap / 2, y1: top, x2: x + cap / 2, y2: top }, style: st },
		{ type: 'line', shape: { x1: x - cap / 2, y1: bottom, x2: x + cap / 2, y2: bottom }, style: st }
	] };
}`, "$CATGAP", fmt.Sprint(barCategoryGap), "$GAP", fmt.Sprint(barGap))
}
