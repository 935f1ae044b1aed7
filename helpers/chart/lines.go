package chart

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// LineSeries is one line of a [Lines] chart: one point per x category.
type LineSeries struct {
	Name string
	Y    []float64 // one value per x
	// Low and High, when set, shade a band from Low[i] to High[i] around the
	// line (a confidence interval). Set both or neither; each needs one value
	// per x, with Low[i] <= High[i].
	Low, High []float64
	// Dashed draws a dashed line without point markers, for a reference such
	// as the ideal speed-up.
	Dashed bool
}

// Lines returns a line chart over categorical x values (such as GOMAXPROCS
// 1, 2, 4 or worker counts), one line per series in the order given, each in
// its own colour. A series with Low and High gets a shaded band.
//
// Lines needs at least one x and one series; every series needs one finite
// Y per x. Otherwise the chart's Err says what is wrong.
func Lines(l Labels, x []string, series ...LineSeries) *Chart {
	const kind, fn = "lines", "Lines"
	rs := make([]ranged, len(series))
	for k, s := range series {
		rs[k] = ranged{seriesName(s.Name, k), s.Y, s.Low, s.High}
	}
	b, err := checkRanged(fn, l, "x", "Y", "x", x, rs)
	if err == nil && l.LogY {
		err = positive(fn, rs)
	}
	if err != nil {
		return errChart(kind, l, err)
	}
	line := charts.NewLine()
	line.SetGlobalOptions(b.globals()...)
	xAxis := b.xAxis("category")
	xAxis.BoundaryGap = opts.Bool(false)
	yAxis := b.yAxis("value")
	if l.LogY {
		yAxis.Type = "log"
	}
	line.SetGlobalOptions(charts.WithXAxisOpts(xAxis), charts.WithYAxisOpts(yAxis))
	line.SetXAxis(x)

	c := &Chart{kind: kind, labels: l, categories: x}
	text, ranges := c.describeRanged(orDefault(l.X, "x"), x, rs)
	var bands []charts.Overlaper
	for k, s := range rs {
		data := make([]opts.LineData, len(s.values))
		for i, v := range s.values {
			data[i] = opts.LineData{Value: v}
		}
		line.AddSeries(s.name, data, lineStyle(k, series[k].Dashed)...)
		if s.low != nil {
			bands = append(bands, bandSeries(s, k))
		}
	}
	line.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{
		Show:      opts.Bool(true),
		Trigger:   "axis",
		Formatter: axisTooltip(ranges),
	}))
	line.Overlap(bands...)
	return c.finish(line, text)
}

// lineStyle returns the series options of line k: its colour, and a dashed
// line without markers when dashed.
func lineStyle(k int, dashed bool) []charts.SeriesOpts {
	style := opts.LineStyle{Color: colour(k), Width: 2.5}
	chart := opts.LineChart{Symbol: "circle", SymbolSize: 7, ShowSymbol: opts.Bool(true)}
	if dashed {
		style.Type = "dashed"
		style.Width = 2
		chart.ShowSymbol = opts.Bool(false)
	}
	return []charts.SeriesOpts{
		charts.WithLineChartOpts(chart),
		charts.WithLineStyleOpts(style),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colour(k)}),
	}
}

// positive checks that a logarithmic axis can show every value and band of rs.
func positive(fn string, rs []ranged) error {
	for _, r := range rs {
		for i, v := range r.values {
			if v <= 0 || (r.low != nil && r.low[i] <= 0) {
				return fmt.Errorf("chart.%s: series %q has %v at point %d: with LogY every value and low must be > 0", fn, r.name, min(v, lowAt(r.low, i, v)), i)
			}
		}
	}
	return nil
}

func lowAt(low []float64, i int, otherwise float64) float64 {
	if low == nil {
		return otherwise
	}
	return low[i]
}

// bandSeries returns a custom series that shades the band of s, the k-th line:
// one quadrilateral from x i to x i+1 per data item. It has the line's name,
// so the legend shows and hides both together.
func bandSeries(s ranged, k int) *charts.Custom {
	lo, hi := s.low, s.high
	n := len(lo)
	data := []opts.CustomData{{Value: []float64{0, lo[0], hi[0], lo[0], hi[0], 1}}}
	if n > 1 {
		data = make([]opts.CustomData, n-1)
		for i := range n - 1 {
			data[i] = opts.CustomData{Value: []float64{float64(i), lo[i], hi[i], lo[i+1], hi[i+1], 0}}
		}
	}
	custom := charts.NewCustom()
	custom.AddSeries(s.name, data,
		charts.WithSeriesId(fmt.Sprintf("golab-band-%d", k)),
		charts.WithCustomChartOpts(opts.CustomChart{RenderItem: bandJS()}),
		charts.WithEncodeOpts(opts.Encode{X: 0, Y: []int{1, 2, 3, 4}}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colour(k)}),
	)
	return custom
}

// bandJS draws the band between x value(0) and value(0)+1: from
// (low, high) = (value(1), value(2)) to (value(3), value(4)). When the line
// has a single point (value(5) == 1) it draws a narrow bar instead.
func bandJS() types.FuncStr {
	return jsFunc(`function (params, api) {
	var i = api.value(0);
	var style = { fill: api.visual('color'), opacity: 0.22 };
	if (api.value(5) === 1) {
		var t = api.coord([i, api.value(2)]); var b = api.coord([i, api.value(1)]);
		return { type: 'rect', shape: { x: t[0] - 4, y: t[1], width: 8, height: Math.max(b[1] - t[1], 1) }, style: style, silent: true };
	}
	return { type: 'polygon', silent: true, style: style, shape: { points: [
		api.coord([i, api.value(1)]), api.coord([i + 1, api.value(3)]),
		api.coord([i + 1, api.value(4)]), api.coord([i, api.value(2)])
	] } };
}`)
}

// XYSeries is one series of an [XY] chart: points (X[i], Y[i]).
type XYSeries struct {
	Name string
	X, Y []float64 // the same number of finite values
	Line bool      // connect the points in the order given, instead of a scatter
}

// XY returns a chart of numeric x against numeric y: a scatter plot, or
// connected lines for series with Line set (sort those by X first). Series
// are drawn in the order given, each in its own colour.
//
// XY needs at least one series; every series needs at least one point and as
// many finite X as Y values. Otherwise the chart's Err says what is wrong.
func XY(l Labels, series ...XYSeries) *Chart {
	const kind, fn = "xy", "XY"
	if len(series) == 0 {
		return errorf(kind, fn, l, "no series given")
	}
	var xs, ys [][]float64
	for k, s := range series {
		what := fmt.Sprintf("series[%d]", k)
		if len(s.X) == 0 {
			return errorf(kind, fn, l, "%s.X is empty", what)
		}
		if len(s.Y) != len(s.X) {
			return errorf(kind, fn, l, "%s.Y has %s, want %d (one per X)", what, count(len(s.Y)), len(s.X))
		}
		if err := checkFinite(fn, what+".X", s.X); err != nil {
			return errChart(kind, l, err)
		}
		if err := checkFinite(fn, what+".Y", s.Y); err != nil {
			return errChart(kind, l, err)
		}
		xs, ys = append(xs, s.X), append(ys, s.Y)
	}

	lo, hi := extent(ys...)
	b := base{labels: l, legend: len(series) > 1, trigger: "item", yGap: valueGap(lo, hi)}
	host := charts.NewScatter()
	host.SetGlobalOptions(b.globals()...)
	host.SetGlobalOptions(
		charts.WithXAxisOpts(b.xAxis("value")),
		charts.WithYAxisOpts(b.yAxis("value")),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: xyTooltip(l)}),
	)

	c := &Chart{kind: kind, labels: l}
	var text string
	var parts []charts.Overlaper
	for k, s := range series {
		s.Name = seriesName(s.Name, k)
		points := make([][2]float64, len(s.X))
		for i := range s.X {
			points[i] = [2]float64{s.X[i], s.Y[i]}
		}
		c.series = append(c.series, seriesCopy{Name: s.Name, Data: points})
		c.palette = append(c.palette, colour(k))
		colourOpt := charts.WithItemStyleOpts(opts.ItemStyle{Color: colour(k)})
		if s.Line {
			data := make([]opts.LineData, len(points))
			for i, p := range points {
				data[i] = opts.LineData{Value: p[:]}
			}
			part := charts.NewLine()
			part.AddSeries(s.Name, data, append(lineStyle(k, false), colourOpt)...)
			parts = append(parts, part)
		} else {
			data := make([]opts.ScatterData, len(points))
			for i, p := range points {
				data[i] = opts.ScatterData{Value: p[:]}
			}
			part := charts.NewScatter()
			part.AddSeries(s.Name, data, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 9}), colourOpt)
			parts = append(parts, part)
		}
		t := table{header: []string{s.Name + ": " + orDefault(l.X, "x"), orDefault(l.Y, "y")}}
		for i := range s.X {
			t.add(num(s.X[i]), num(s.Y[i]))
		}
		text += "\n" + t.String()
	}
	host.Overlap(parts...)
	return c.finish(host, heading(kind, l)+text)
}

// xyTooltip shows a point's series and both coordinates with the axis names.
func xyTooltip(l Labels) types.FuncStr {
	return jsFunc(`function (p) {
	var e = $ESC; var f = $NUM;
	return p.marker + e(p.seriesName) + '<br/>' + e($X) + ': <b>' + f(p.value[0]) + '</b><br/>' + e($Y) + ': <b>' + f(p.value[1]) + '</b>';
}`, "$X", jsValue(orDefault(l.X, "x")), "$Y", jsValue(orDefault(l.Y, "y")))
}
