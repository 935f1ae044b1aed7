package chart

import (
	"fmt"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// kindColours fixes the colours of the course's span kinds, so that "wait" looks
// the same in every timeline. Other kinds take the remaining palette colours.
var kindColours = map[string]string{
	timeline.Work: "#0072B2", // blue
	timeline.Wait: "#E69F00", // orange
	timeline.Run:  "#009E73", // green
	timeline.Mark: "#D55E00", // vermillion
}

// Timeline returns a Gantt chart of spans: one row per lane, in the order of
// [timeline.Lanes] (natural order: "P2" before "P10"), time in milliseconds
// across. Each span is a bar coloured by its Kind, with a legend of the kinds;
// [timeline.Mark] spans are thin vertical markers. Hovering a span shows its
// lane, label, kind, start, end and duration. The chart grows taller with the
// number of lanes. l.X defaults to "time (ms)".
//
// Timeline needs at least one span, and every span needs 0 <= Start <= End.
// Otherwise the chart's Err says what is wrong.
func Timeline(l Labels, spans []timeline.Span) *Chart {
	const kind, fn = "timeline", "Timeline"
	if len(spans) == 0 {
		return errorf(kind, fn, l, "spans is empty")
	}
	for i, s := range spans {
		if s.Start < 0 {
			return errorf(kind, fn, l, "spans[%d].Start is negative, got %v", i, s.Start)
		}
		if s.End < s.Start {
			return errorf(kind, fn, l, "spans[%d].End (%v) is before its Start (%v)", i, s.End, s.Start)
		}
	}
	if l.X == "" {
		l.X = "time (ms)"
	}
	lanes := timeline.Lanes(spans)
	row := make(map[string]int, len(lanes))
	for i, lane := range lanes {
		row[lane] = i
	}
	// One series per kind, in order of first appearance, so the legend lists kinds.
	var kinds []string
	byKind := map[string][]opts.CustomData{}
	for _, s := range spans {
		if _, ok := byKind[s.Kind]; !ok {
			kinds = append(kinds, s.Kind)
		}
		mark := 0.0
		if s.Kind == timeline.Mark {
			mark = 1
		}
		byKind[s.Kind] = append(byKind[s.Kind], opts.CustomData{
			Name:  s.Label,
			Value: []float64{float64(row[s.Lane]), ms(s.Start), ms(s.End), mark},
		})
	}

	b := base{labels: l, legend: true, trigger: "item", yGap: categoryGap(lanes), height: 150 + 38*len(lanes)}
	host := charts.NewCustom()
	host.SetGlobalOptions(b.globals()...)
	xAxis := b.xAxis("value")
	xAxis.Min = 0
	yAxis := b.yAxis("category")
	yAxis.Data = lanes
	yAxis.Inverse = opts.Bool(true) // the first lane on top
	yAxis.SplitLine = &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#eeeeee"}}
	host.SetGlobalOptions(charts.WithXAxisOpts(xAxis), charts.WithYAxisOpts(yAxis))

	c := &Chart{kind: kind, labels: l, categories: lanes}
	colours := kindPalette(kinds)
	for _, k := range kinds {
		host.AddSeries(orDefault(k, "(no kind)"), byKind[k],
			charts.WithCustomChartOpts(opts.CustomChart{RenderItem: spanJS()}),
			charts.WithEncodeOpts(opts.Encode{X: []int{1, 2}, Y: 0}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colours[k]}),
			charts.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: spanTooltip(lanes)}),
		)
		c.palette = append(c.palette, colours[k])
	}
	t := table{header: []string{"lane", "label", "kind", "start (ms)", "end (ms)"}}
	for _, lane := range lanes {
		var items []map[string]any
		for _, s := range spans {
			if s.Lane != lane {
				continue
			}
			items = append(items, map[string]any{"label": s.Label, "kind": s.Kind, "start_ms": ms(s.Start), "end_ms": ms(s.End)})
			t.add(lane, s.Label, s.Kind, num(ms(s.Start)), num(ms(s.End)))
		}
		c.series = append(c.series, seriesCopy{Name: lane, Data: items})
	}
	return c.finish(host, fmt.Sprintf("%s\n%d spans on %d lanes\n%s", heading(kind, l), len(spans), len(lanes), t.String()))
}

// ms converts a duration to float milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// kindPalette gives each kind its colour: the fixed colour of a course kind,
// otherwise the next palette colour no course kind uses.
func kindPalette(kinds []string) map[string]string {
	used := map[string]bool{}
	for _, c := range kindColours {
		used[c] = true
	}
	var free []string
	for _, c := range palette {
		if !used[c] {
			free = append(free, c)
		}
	}
	out := map[string]string{}
	n := 0
	for _, k := range kinds {
		if c, ok := kindColours[k]; ok {
			out[k] = c
			continue
		}
		out[k] = free[n%len(free)]
		n++
	}
	return out
}

// spanJS draws one span: a bar across its lane from value(1) to value(2) ms,
// at least 2px wide, or, for a mark (value(3) == 1), a thin tall marker.
func spanJS() types.FuncStr {
	return jsFunc(`function (params, api) {
	var lane = api.value(0);
	var start = api.coord([api.value(1), lane]);
	var end = api.coord([api.value(2), lane]);
	var h = api.size([0, 1])[1];
	var style = { fill: api.visual('color'), stroke: '#ffffff', lineWidth: 1 };
	if (api.value(3) === 1) {
		return { type: 'rect', shape: { x: start[0] - 1.5, y: start[1] - h * 0.42, width: 3, height: h * 0.84 }, style: style };
	}
	var w = Math.max(end[0] - start[0], 2);
	return { type: 'rect', shape: { x: start[0], y: start[1] - h * 0.3, width: w, height: h * 0.6, r: 2 }, style: style };
}`)
}

// spanTooltip shows a span's lane, label, kind, start, end and duration.
func spanTooltip(lanes []string) types.FuncStr {
	return jsFunc(`function (p) {
	var e = $ESC; var f = $NUM; var lanes = $LANES; var v = p.value;
	var s = p.marker + '<b>' + e(lanes[v[0]]) + '</b>' + (p.name ? ' · ' + e(p.name) : '') + '<br/>' + e(p.seriesName) + ': ';
	if (v[3] === 1) { return s + 'at ' + f(v[1]) + ' ms'; }
	return s + f(v[1]) + ' – ' + f(v[2]) + ' ms (' + f(v[2] - v[1]) + ' ms)';
}`, "$LANES", jsValue(lanes))
}
