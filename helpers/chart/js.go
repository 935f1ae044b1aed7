package chart

import (
	"encoding/json"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// JavaScript that goes into echarts options through opts.FuncOpts. FuncOpts
// deletes newlines and tabs, so every statement ends with a semicolon and
// there are no // comments.

// jsEscape is an expression: a function that escapes text for tooltip HTML.
const jsEscape = `function (s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }`

// jsValue returns a JavaScript literal for v (a string, number, slice or map).
func jsValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// jsFunc turns JavaScript source with placeholders into an option function.
// The placeholders $ESC and $NUM stand for jsEscape and jsNumber; pairs holds
// further placeholder/replacement pairs. Placeholders are replaced in one pass,
// so text put in by a replacement is never replaced again.
func jsFunc(src string, pairs ...string) types.FuncStr {
	all := append([]string{"$ESC", jsEscape, "$NUM", jsNumber}, pairs...)
	return opts.FuncOpts(strings.NewReplacer(all...).Replace(src))
}

// axisTooltip is the tooltip of bar and line charts: one line per series with
// its value and, where the series has one, its Low–High range. ranges maps a
// series index to the [low, high] pair of each data index. Series whose id
// starts with "golab-" (error bars, bands) add nothing of their own.
func axisTooltip(ranges map[int][][2]float64) types.FuncStr {
	if ranges == nil {
		ranges = map[int][][2]float64{} // "{}", not "null"
	}
	return jsFunc(`function (ps) {
	var R = $RANGES; var e = $ESC; var f = $NUM;
	ps = [].concat(ps);
	if (!ps.length) { return ''; }
	var out = e(ps[0].axisValueLabel);
	ps.forEach(function (p) {
		if (String(p.seriesId).indexOf('golab-') === 0) { return; }
		var r = R[p.seriesIndex] && R[p.seriesIndex][p.dataIndex];
		out += '<br/>' + p.marker + e(p.seriesName) + ': <b>' + f(p.value) + '</b>' + (r ? ' (' + f(r[0]) + ' – ' + f(r[1]) + ')' : '');
	});
	return out;
}`, "$RANGES", jsValue(ranges))
}

// pairsOf zips low and high.
func pairsOf(low, high []float64) [][2]float64 {
	out := make([][2]float64, len(low))
	for i := range low {
		out[i] = [2]float64{low[i], high[i]}
	}
	return out
}
