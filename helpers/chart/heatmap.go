package chart

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// heatColours is a colour-blind-safe sequential scale (viridis, light to dark
// reversed so that large values are dark).
var heatColours = []string{"#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"}

// maxCellLabels is the number of cells up to which each cell shows its value.
const maxCellLabels = 150

// Heatmap returns a grid of coloured cells: values[i][j] is the cell in row
// y[i] and column x[j], coloured on a colour-blind-safe scale with a legend of
// the scale. Small grids also print each cell's value. l.X names the columns,
// l.Y the rows.
//
// Heatmap needs at least one x and one y, len(y) rows of len(x) finite values.
// Otherwise the chart's Err says what is wrong.
func Heatmap(l Labels, x, y []string, values [][]float64) *Chart {
	const kind, fn = "heatmap", "Heatmap"
	switch {
	case len(x) == 0:
		return errorf(kind, fn, l, "x is empty")
	case len(y) == 0:
		return errorf(kind, fn, l, "y is empty")
	case len(values) != len(y):
		return errorf(kind, fn, l, "values has %d rows, want %d (one per y)", len(values), len(y))
	}
	for i, r := range values {
		if len(r) != len(x) {
			return errorf(kind, fn, l, "values[%d] has %s, want %d (one per x)", i, count(len(r)), len(x))
		}
		if err := checkFinite(fn, fmt.Sprintf("values[%d]", i), r); err != nil {
			return errChart(kind, l, err)
		}
	}

	lo, hi := extent(values...)
	if hi == lo {
		hi = lo + 1 // a one-colour map still needs a scale
	}
	b := base{labels: l, trigger: "item", yGap: categoryGap(y), height: max(defaultHeight, 130+28*len(y)), right: 96}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(b.globals()...)
	xAxis := b.xAxis("category")
	xAxis.Data = x
	xAxis.SplitArea = &opts.SplitArea{Show: opts.Bool(true)}
	yAxis := b.yAxis("category")
	yAxis.Data = y
	yAxis.Inverse = opts.Bool(true) // rows top to bottom, as in values and Text
	yAxis.SplitArea = &opts.SplitArea{Show: opts.Bool(true)}
	hm.Accept(exactScale{min: lo, max: hi})
	hm.SetGlobalOptions(
		charts.WithXAxisOpts(xAxis),
		charts.WithYAxisOpts(yAxis),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type:       "continuous",
			Calculable: opts.Bool(true),
			InRange:    &opts.VisualMapInRange{Color: heatColours},
			Orient:     "vertical",
			Right:      "8",
			Top:        "middle",
		}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: cellTooltip(l, x, y)}),
	)

	data := make([]opts.HeatMapData, 0, len(x)*len(y))
	t := table{header: append([]string{orDefault(l.Y, "y") + " \\ " + orDefault(l.X, "x")}, x...)}
	c := &Chart{kind: kind, labels: l, categories: x}
	for i, r := range values {
		row := []string{y[i]}
		for j, v := range r {
			data = append(data, opts.HeatMapData{Value: [3]any{j, i, v}})
			row = append(row, num(v))
		}
		t.add(row...)
		c.series = append(c.series, seriesCopy{Name: y[i], Data: r})
	}
	hm.AddSeries(orDefault(l.Title, "values"), data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(data) <= maxCellLabels), Formatter: cellLabel()}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 1}),
	)
	return c.finish(hm, heading(kind, l)+"\n"+t.String())
}

// cellLabel prints a cell's value with four significant digits.
func cellLabel() types.FuncStr {
	return jsFunc(`function (p) { var f = $NUM; return f(p.value[2]); }`)
}

// cellTooltip shows a cell's row, column and value.
func cellTooltip(l Labels, x, y []string) types.FuncStr {
	return jsFunc(`function (p) {
	var e = $ESC; var f = $NUM; var v = p.value;
	return e($ROWNAME) + ': <b>' + e($ROWS[v[1]]) + '</b><br/>' + e($COLNAME) + ': <b>' + e($COLS[v[0]]) + '</b><br/>value: <b>' + f(v[2]) + '</b>';
}`, "$ROWNAME", jsValue(orDefault(l.Y, "y")), "$COLNAME", jsValue(orDefault(l.X, "x")), "$ROWS", jsValue(y), "$COLS", jsValue(x))
}

// exactScale is a go-echarts visitor that writes the colour scale's min and
// max exactly. opts.VisualMap holds them as float32 with omitempty, so a
// bound of 0 would be left out and echarts would use its default (0–200).
type exactScale struct {
	charts.BaseConfigurationVisitor
	min, max float64
}

// VisitVisualMaps implements charts.ConfigurationVisitor.
func (v exactScale) VisitVisualMaps(maps []opts.VisualMap) interface{} {
	out := make([]map[string]any, len(maps))
	for i, vm := range maps {
		b, _ := json.Marshal(vm)
		m := map[string]any{}
		_ = json.Unmarshal(b, &m)
		m["min"], m["max"] = v.min, v.max
		out[i] = m
	}
	return out
}
