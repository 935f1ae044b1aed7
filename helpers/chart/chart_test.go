package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/timeline"
)

var nan, inf = math.NaN(), math.Inf(1)

func TestBadInput(t *testing.T) {
	ms := time.Millisecond
	cats := []string{"a", "b"}
	tests := []struct {
		name  string
		chart *Chart
		want  string
	}{
		{"histogram no series", Histogram(Labels{}), "chart.Histogram: no series given"},
		{"histogram empty", Histogram(Labels{}, Data("ok", []int{1}), Data("x", []int{})), "chart.Histogram: series[1].Data is empty"},
		{"histogram NaN", Histogram(Labels{}, Data("x", []float64{1, nan})), "chart.Histogram: series[0].Data[1] is NaN"},
		{"histogram Inf", Histogram(Labels{}, Values{Name: "x", Data: []float64{inf}}), "chart.Histogram: series[0].Data[0] is +Inf"},
		{"bars no categories", Bars(Labels{}, nil, BarSeries{Values: []float64{1}}), "chart.Bars: categories is empty"},
		{"bars no series", Bars(Labels{}, cats), "chart.Bars: no series given"},
		{"bars short", Bars(Labels{}, cats, BarSeries{Name: "x", Values: []float64{1}}), "chart.Bars: series[0].Values has 1 value, want 2 (one per category)"},
		{"bars NaN", Bars(Labels{}, cats, BarSeries{Values: []float64{1, 2}}, BarSeries{Values: []float64{nan, 2}}), "chart.Bars: series[1].Values[0] is NaN"},
		{"bars low only", Bars(Labels{}, cats, BarSeries{Values: []float64{1, 2}, Low: []float64{0, 1}}), "chart.Bars: series[0].Low and .High must both have 2 values (or both be nil), got 2 and 0"},
		{"bars low above high", Bars(Labels{}, cats, BarSeries{Values: []float64{1, 2}, Low: []float64{0, 3}, High: []float64{2, 2.5}}), "chart.Bars: series[0].Low[1] = 3 is above .High[1] = 2.5"},
		{"bars high NaN", Bars(Labels{}, cats, BarSeries{Values: []float64{1, 2}, Low: []float64{0, 1}, High: []float64{2, nan}}), "chart.Bars: series[0].High[1] is NaN"},
		{"lines no x", Lines(Labels{}, nil, LineSeries{Y: []float64{1}}), "chart.Lines: x is empty"},
		{"lines no series", Lines(Labels{}, cats), "chart.Lines: no series given"},
		{"lines long", Lines(Labels{}, cats, LineSeries{Y: []float64{1, 2, 3}}), "chart.Lines: series[0].Y has 3 values, want 2 (one per x)"},
		{"lines Inf", Lines(Labels{}, cats, LineSeries{Y: []float64{1, -inf}}), "chart.Lines: series[0].Y[1] is -Inf"},
		{"lines band", Lines(Labels{}, cats, LineSeries{Y: []float64{1, 2}, Low: []float64{1, 3}, High: []float64{1, 2}}), "chart.Lines: series[0].Low[1] = 3 is above .High[1] = 2"},
		{"xy no series", XY(Labels{}), "chart.XY: no series given"},
		{"xy empty", XY(Labels{}, XYSeries{}), "chart.XY: series[0].X is empty"},
		{"xy mismatch", XY(Labels{}, XYSeries{X: []float64{1, 2}, Y: []float64{1}}), "chart.XY: series[0].Y has 1 value, want 2 (one per X)"},
		{"xy NaN", XY(Labels{}, XYSeries{X: []float64{1, nan}, Y: []float64{1, 2}}), "chart.XY: series[0].X[1] is NaN"},
		{"timeline empty", Timeline(Labels{}, nil), "chart.Timeline: spans is empty"},
		{"timeline negative", Timeline(Labels{}, []timeline.Span{{Lane: "a", Start: -ms, End: ms}}), "chart.Timeline: spans[0].Start is negative, got -1ms"},
		{"timeline reversed", Timeline(Labels{}, []timeline.Span{{Lane: "a", End: ms}, {Lane: "a", Start: 2 * ms, End: ms}}), "chart.Timeline: spans[1].End (1ms) is before its Start (2ms)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.chart
			if c.Err() == nil {
				t.Fatalf("Err() = nil, want %q", tt.want)
			}
			if got := c.Err().Error(); got != tt.want {
				t.Fatalf("Err() = %q, want %q", got, tt.want)
			}
			if got := c.Text(); got != tt.want {
				t.Errorf("Text() = %q, want the error", got)
			}
			if _, err := c.Option(); err == nil {
				t.Errorf("Option() gave no error")
			}
			if got := c.HTML(); !strings.Contains(got, "golab-chart-error") || strings.Contains(got, "<script") {
				t.Errorf("HTML() = %q, want only the error", got)
			}
			if err := c.SaveHTML(filepath.Join(t.TempDir(), "x.html")); err == nil || err.Error() != tt.want {
				t.Errorf("SaveHTML() = %v, want the chart's error", err)
			}
			if got := showOutput(t, c); got != tt.want+"\n" {
				t.Errorf("Show printed %q, want the error line", got)
			}
		})
	}
}

func TestNilChart(t *testing.T) {
	var c *Chart
	if c.Err() == nil || c.Text() == "" || !strings.Contains(c.HTML(), "nil") {
		t.Errorf("nil chart: Err=%v Text=%q HTML=%q", c.Err(), c.Text(), c.HTML())
	}
	if _, err := c.Option(); err == nil {
		t.Error("Option of nil chart gave no error")
	}
	if err := c.SaveHTML(filepath.Join(t.TempDir(), "x.html")); err == nil {
		t.Error("SaveHTML of nil chart gave no error")
	}
	if got := showOutput(t, c); !strings.HasPrefix(got, "chart: ") {
		t.Errorf("Show(nil) printed %q", got)
	}
}

func TestSaveHTMLBadPath(t *testing.T) {
	c := Bars(Labels{}, []string{"a"}, BarSeries{Values: []float64{1}})
	if err := c.SaveHTML(""); err == nil || err.Error() != "chart.SaveHTML: path is empty" {
		t.Errorf("SaveHTML(\"\") = %v", err)
	}
	bad := filepath.Join(t.TempDir(), "missing", "x.html")
	if err := c.SaveHTML(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("SaveHTML(%q) = %v, want an error naming the path", bad, err)
	}
}

// showOutput runs Show outside a notebook and returns what it printed.
func showOutput(t *testing.T, c *Chart) string {
	t.Helper()
	return display.Capture(func() { Show(c) })
}

// option decodes the chart's echarts option.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := c.Option()
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("Option() is not JSON: %v\n%s", err, b)
	}
	return o
}

// series returns option.series[i] and checks its type and name.
func series(t *testing.T, o map[string]any, i int, typ, name string) map[string]any {
	t.Helper()
	all := o["series"].([]any)
	if i >= len(all) {
		t.Fatalf("option has %d series, want series %d", len(all), i)
	}
	s := all[i].(map[string]any)
	if s["type"] != typ || s["name"] != name {
		t.Fatalf("series[%d] is %v %q, want %s %q", i, s["type"], s["name"], typ, name)
	}
	return s
}

// values returns the "value" of each data item of s (or the item itself).
func values(s map[string]any) []any {
	var out []any
	for _, d := range s["data"].([]any) {
		if m, ok := d.(map[string]any); ok {
			out = append(out, m["value"])
		} else {
			out = append(out, d)
		}
	}
	return out
}

// js turns Go values into what encoding/json decodes them to.
func js(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	json.Unmarshal(b, &out)
	return out
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(js(t, got), js(t, want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestHistogramOption(t *testing.T) {
	racy := []int{998, 999, 1000, 1000, 997, 1000}
	mutex := []int{1000, 1000, 1000, 1000}
	c := Histogram(Labels{Title: "t", X: "final counter value"}, Data("racy", racy), Data("mutex", mutex))
	o := option(t, c)
	x := o["xAxis"].([]any)[0].(map[string]any)
	equal(t, "xAxis.data", x["data"], []string{"997", "998", "999", "1000"})
	equal(t, "xAxis.name", x["name"], "final counter value")
	equal(t, "yAxis.name", o["yAxis"].([]any)[0].(map[string]any)["name"], "count")
	equal(t, "racy counts", values(series(t, o, 0, "bar", "racy")), []int{1, 1, 1, 3})
	equal(t, "mutex counts", values(series(t, o, 1, "bar", "mutex")), []int{0, 0, 0, 4})
	equal(t, "colours", o["color"], palette)
	if leg := o["legend"].(map[string]any); leg["show"] != true {
		t.Errorf("legend = %v, want shown for two series", leg)
	}
}

func TestLogHistogramOption(t *testing.T) {
	racy := []int{998, 999, 1000, 1000, 997, 1000}
	mutex := []int{1000, 1000, 1000, 1000}
	c := LogHistogram(Labels{Title: "t", X: "final counter value"}, Data("racy", racy), Data("mutex", mutex))
	o := option(t, c)
	y := o["yAxis"].([]any)[0].(map[string]any)
	equal(t, "yAxis.type", y["type"], "log")
	equal(t, "yAxis.min", y["min"], 1)
	// An empty bin draws nothing ("-"); the counts drawn are the counts.
	equal(t, "racy counts", values(series(t, o, 0, "bar", "racy")), []int{1, 1, 1, 3})
	equal(t, "mutex counts", values(series(t, o, 1, "bar", "mutex")), []any{"-", "-", "-", 4})
	// A count of 1 has no height on a log axis: its bar is labelled.
	for i, d := range series(t, o, 0, "bar", "racy")["data"].([]any) {
		label, labelled := d.(map[string]any)["label"].(map[string]any)
		if want := i < 3; labelled != want || (want && label["show"] != true) {
			t.Errorf("racy bin %d (%v): label %v, want one only on counts of 1", i, d, label)
		}
	}
	// The text and the JSON copy keep the zeros, as Histogram's do.
	if got, want := c.Text(), Histogram(Labels{Title: "t", X: "final counter value"}, Data("racy", racy), Data("mutex", mutex)).Text(); got != want {
		t.Errorf("LogHistogram text:\n%s\nwant Histogram's:\n%s", got, want)
	}
	if c := LogHistogram(Labels{}); c.Err() == nil || !strings.Contains(c.Err().Error(), "LogHistogram") {
		t.Errorf("LogHistogram with no series: err = %v, want one naming LogHistogram", c.Err())
	}
}

func TestHistogramBinsCoverAllValues(t *testing.T) {
	var vs []float64
	for i := range 10_000 {
		vs = append(vs, math.Sin(float64(i))*float64(i%97))
	}
	c := Histogram(Labels{}, Values{Name: "v", Data: vs}, Values{Name: "w", Data: vs[:10]})
	o := option(t, c)
	for k, want := range []int{len(vs), 10} {
		total := 0
		for _, v := range values(o["series"].([]any)[k].(map[string]any)) {
			total += int(v.(float64))
		}
		if total != want {
			t.Errorf("series %d counts add up to %d, want %d", k, total, want)
		}
	}
	if n := len(c.categories); n != maxBins {
		t.Errorf("%d bins for 10,010 floats, want %d", n, maxBins)
	}
}

func TestBinLabels(t *testing.T) {
	ms := time.Millisecond
	c := Histogram(Labels{}, Data("d", []time.Duration{ms, 1200 * time.Microsecond, 3 * ms}))
	if got := c.categories[0]; got != "1ms–1.2ms" {
		t.Errorf("first duration bin = %q, want 1ms–1.2ms", got)
	}
	// 0..99: 100 integers in 50 bins of two; the last bin holds 98 and 99.
	ints := make([]int, 100)
	for i := range ints {
		ints[i] = i
	}
	c = Histogram(Labels{}, Data("i", ints))
	if first, last := c.categories[0], c.categories[len(c.categories)-1]; first != "0–1" || last != "98–99" {
		t.Errorf("integer bins %q … %q, want 0–1 … 98–99", first, last)
	}
	c = Histogram(Labels{}, Data("f", []float64{2.5, 2.5}))
	equal(t, "all-equal floats", c.categories, []string{"2.5"})
	// Mixed kinds are binned as floats.
	c = Histogram(Labels{}, Data("i", []int{1, 2}), Data("f", []float64{0.5}))
	if got := c.categories[0]; !strings.Contains(got, "–") {
		t.Errorf("mixed kinds: first bin %q, want a float range", got)
	}
}

func TestBarsOption(t *testing.T) {
	c := Bars(Labels{Title: "cost", X: "method", Y: "time (ns/op)"}, []string{"mutex", "atomic"},
		BarSeries{Name: "1", Values: []float64{20, 5}, Low: []float64{18, 4}, High: []float64{23, 6}},
		BarSeries{Name: "2", Values: []float64{40, 9}})
	o := option(t, c)
	equal(t, "categories", o["xAxis"].([]any)[0].(map[string]any)["data"], []string{"mutex", "atomic"})
	equal(t, "bars 1", values(series(t, o, 0, "bar", "1")), []float64{20, 5})
	equal(t, "bars 2", values(series(t, o, 1, "bar", "2")), []float64{40, 9})
	eb := series(t, o, 2, "custom", "1") // the error bars of series 0, named like it
	equal(t, "error bars", values(eb), [][]float64{{0, 18, 23, 0, 2}, {1, 4, 6, 0, 2}})
	if r, _ := eb["renderItem"].(string); !strings.HasPrefix(r, "function") {
		t.Errorf("renderItem = %q, want the function's source", r)
	}
	if len(o["series"].([]any)) != 3 {
		t.Errorf("%d series, want 2 bar series and 1 error-bar series", len(o["series"].([]any)))
	}
	f := o["tooltip"].(map[string]any)["formatter"].(string)
	if !strings.Contains(f, `{"0":[[18,23],[4,6]]}`) {
		t.Errorf("tooltip formatter lacks the ranges: %s", f)
	}
}

func TestLinesOption(t *testing.T) {
	c := Lines(Labels{}, []string{"1", "2", "4"},
		LineSeries{Name: "measured", Y: []float64{1, 1.9, 3.1}, Low: []float64{0.9, 1.7, 2.8}, High: []float64{1.1, 2, 3.3}},
		LineSeries{Name: "ideal", Y: []float64{1, 2, 4}, Dashed: true})
	o := option(t, c)
	equal(t, "measured", values(series(t, o, 0, "line", "measured")), []float64{1, 1.9, 3.1})
	ideal := series(t, o, 1, "line", "ideal")
	equal(t, "ideal", values(ideal), []float64{1, 2, 4})
	equal(t, "ideal line type", ideal["lineStyle"].(map[string]any)["type"], "dashed")
	band := series(t, o, 2, "custom", "measured")
	equal(t, "band", values(band), [][]float64{{0, 0.9, 1.1, 1.7, 2, 0}, {1, 1.7, 2, 2.8, 3.3, 0}})
	// One point: a single band item flagged as such.
	o = option(t, Lines(Labels{}, []string{"1"}, LineSeries{Y: []float64{1}, Low: []float64{0.5}, High: []float64{2}}))
	equal(t, "one-point band", values(series(t, o, 1, "custom", "series 1")), [][]float64{{0, 0.5, 2, 0.5, 2, 1}})
	if leg := o["legend"].(map[string]any); leg["show"] != false {
		t.Errorf("legend = %v, want hidden for one series", leg)
	}
}

// LogY: a logarithmic value axis, and only for values it can show.
func TestLinesLogY(t *testing.T) {
	c := Lines(Labels{LogY: true}, []string{"1", "2"}, LineSeries{Name: "waiting", Y: []float64{1, 100}})
	o := option(t, c)
	equal(t, "y axis", o["yAxis"].([]any)[0].(map[string]any)["type"], "log")
	bad := Lines(Labels{LogY: true}, []string{"1", "2"}, LineSeries{Name: "flat", Y: []float64{1, 2}, Low: []float64{0, 1}, High: []float64{2, 3}})
	if bad.Err() == nil || !strings.Contains(bad.Err().Error(), `series "flat" has 0 at point 0: with LogY every value and low must be > 0`) {
		t.Errorf("Err() = %v", bad.Err())
	}
}

func TestXYOption(t *testing.T) {
	c := XY(Labels{X: "sleep (ms)", Y: "failures (%)"},
		XYSeries{Name: "sleep", X: []float64{1, 2}, Y: []float64{50, 10}, Line: true},
		XYSeries{Name: "wg", X: []float64{0.3}, Y: []float64{0}})
	o := option(t, c)
	equal(t, "sleep", values(series(t, o, 0, "line", "sleep")), [][]float64{{1, 50}, {2, 10}})
	equal(t, "wg", values(series(t, o, 1, "scatter", "wg")), [][]float64{{0.3, 0}})
	equal(t, "x axis", o["xAxis"].([]any)[0].(map[string]any)["type"], "value")
}

func TestTimelineOption(t *testing.T) {
	ms := time.Millisecond
	spans := []timeline.Span{
		{Lane: "P10", Label: "g1", Kind: timeline.Run, Start: 0, End: 2 * ms},
		{Lane: "P2", Label: "g2", Kind: timeline.Wait, Start: ms, End: 3 * ms},
		{Lane: "P2", Label: "done", Kind: timeline.Mark, Start: 3 * ms, End: 3 * ms},
		{Lane: "P10", Label: "g3", Kind: timeline.Run, Start: 2500 * time.Microsecond, End: 4 * ms},
	}
	c := Timeline(Labels{Title: "sched"}, spans)
	o := option(t, c)
	y := o["yAxis"].([]any)[0].(map[string]any)
	equal(t, "lanes", y["data"], timeline.Lanes(spans))
	equal(t, "lanes", y["data"], []string{"P2", "P10"})
	equal(t, "x name", o["xAxis"].([]any)[0].(map[string]any)["name"], "time (ms)")
	equal(t, "run spans", values(series(t, o, 0, "custom", "run")), [][]float64{{1, 0, 2, 0}, {1, 2.5, 4, 0}})
	equal(t, "wait spans", values(series(t, o, 1, "custom", "wait")), [][]float64{{0, 1, 3, 0}})
	equal(t, "mark", values(series(t, o, 2, "custom", "mark")), [][]float64{{0, 3, 3, 1}})
	equal(t, "colours by kind", c.palette, []string{kindColours[timeline.Run], kindColours[timeline.Wait], kindColours[timeline.Mark]})
	if len(c.series) != 2 || c.series[0].Name != "P2" {
		t.Errorf("JSON copy series = %+v, want one per lane, P2 first", c.series)
	}
	many := make([]timeline.Span, 12)
	for i := range many {
		many[i] = timeline.Span{Lane: string(rune('a' + i)), Kind: "other", End: ms}
	}
	if short, tall := Timeline(Labels{}, spans).element, Timeline(Labels{}, many).element; !strings.Contains(short, "height:226px") || !strings.Contains(tall, "height:606px") {
		t.Errorf("timeline heights do not grow with lanes: %q, %q", short, tall)
	}
}

func TestScriptHasFunctions(t *testing.T) {
	c := Bars(Labels{}, []string{"a"}, BarSeries{Values: []float64{1}, Low: []float64{0}, High: []float64{2}})
	if !strings.Contains(c.script, `"renderItem":function (params, api) {`) {
		t.Errorf("script does not pass renderItem as a function:\n%s", c.script)
	}
	if strings.Contains(c.script, "__f__") || bytes.Contains(c.option, []byte("__f__")) {
		t.Error("go-echarts function markers left in the option")
	}
}

func TestSplitFuncs(t *testing.T) {
	in := `{"a":"__f__function () { return \"x\\\\\"; }__f__","b":"__f__","c":["q\"__f__",1]}`
	jsonText, script := splitFuncs([]byte(in))
	if want := `{"a":function () { return "x\\"; },"b":"__f__","c":["q\"__f__",1]}`; script != want {
		t.Errorf("script\n got %s\nwant %s", script, want)
	}
	if want := `{"a":"function () { return \"x\\\\\"; }","b":"__f__","c":["q\"__f__",1]}`; string(jsonText) != want {
		t.Errorf("json\n got %s\nwant %s", jsonText, want)
	}
}

func TestBundle(t *testing.T) {
	c := Lines(Labels{Title: "Speed-up </script><!--", Subtitle: "close to ideal", X: "procs", Y: "×"}, []string{"1", "2"},
		LineSeries{Name: "measured", Y: []float64{1, 1.8}})
	b := c.bundle(false)
	if len(b) != 3 || b[display.HTML] == "" || b[display.Plain] != c.Text() || b[display.Chart] == "" {
		t.Fatalf("bundle keys %v, want HTML, Plain (= Text) and Chart", keys(b))
	}
	var doc struct {
		Kind, Title, Subtitle, X, Y string
		Categories                  []string
		Series                      []struct {
			Name string
			Data []float64
		}
		Option map[string]any
	}
	if err := json.Unmarshal([]byte(b[display.Chart]), &doc); err != nil {
		t.Fatalf("chart JSON: %v\n%s", err, b[display.Chart])
	}
	if doc.Kind != "lines" || doc.Title != c.labels.Title || doc.Subtitle != "close to ideal" || doc.X != "procs" ||
		len(doc.Series) != 1 || doc.Series[0].Name != "measured" || !reflect.DeepEqual(doc.Series[0].Data, []float64{1, 1.8}) ||
		!reflect.DeepEqual(doc.Categories, []string{"1", "2"}) || doc.Option["series"] == nil {
		t.Errorf("chart JSON = %+v", doc)
	}
	h := b[display.HTML]
	for _, want := range []string{chartID(c.element), "<details", "<pre>Speed-up &lt;/script&gt;", "__golabEcharts", `"_static/echarts-5.6.0.min.js"`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// The title's "</script>" must not end the loader's script early.
	if n := strings.Count(h, "</script>"); n != 1 {
		t.Errorf("HTML has %d </script>, want 1 (the loader's)", n)
	}
	if strings.Contains(h, "<!--") || strings.Contains(h, "GOLAB_") || strings.Contains(h, echartsJS[:200]) {
		t.Error("HTML has a comment opener, a loader placeholder, or echarts itself")
	}
	if !strings.Contains(c.bundle(true)[display.HTML], echartsJS) {
		t.Error("bundle(true) does not inline echarts")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestShowOutsideNotebook(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOLAB_CHART_DIR", dir)
	c := Bars(Labels{Title: "Cost of one increment (ns)"}, []string{"a"}, BarSeries{Values: []float64{1}})
	if got := showOutput(t, c); got != c.Text()+"\n" {
		t.Errorf("Show printed %q, want Text()", got)
	}
	page, err := os.ReadFile(filepath.Join(dir, "cost-of-one-increment-ns.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(chartID(c.element))) {
		t.Error("saved page lacks the chart")
	}
}

func TestSaveHTMLOffline(t *testing.T) {
	c := Bars(Labels{Title: "grid"}, []string{"a"}, BarSeries{Values: []float64{1}})
	path := filepath.Join(t.TempDir(), "grid.html")
	if err := c.SaveHTML(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	asset := strings.Index(page, echartsJS)
	if asset < 0 || asset > strings.Index(page, "</head>") || strings.Index(page, chartID(c.element)) < asset {
		t.Fatal("page does not inline echarts in <head>, before the chart")
	}
	rest := strings.Replace(page, echartsJS, "", 1)
	for _, bad := range []string{"http://", "https://", "cdn", "go-echarts-assets", "<script src"} {
		if strings.Contains(rest, bad) {
			t.Errorf("page outside the echarts source contains %q", bad)
		}
	}
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.HasSuffix(page, "</html>\n") {
		t.Error("not a complete HTML page")
	}
}

func TestInstallAsset(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "_static", "echarts-5.6.0.min.js")
	if err := installAsset(root); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != echartsJS {
		t.Fatalf("asset not installed: %v", err)
	}
	// A correct copy is left alone; a damaged one is replaced.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(path, old, old)
	if err := installAsset(root); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); !info.ModTime().Equal(old) {
		t.Error("an intact asset was rewritten")
	}
	os.WriteFile(path, []byte(strings.Repeat("x", len(echartsJS))), 0o644)
	if err := installAsset(root); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != echartsJS {
		t.Error("a damaged asset was not replaced")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("_static holds %d files, want only the asset (no temporary files)", len(entries))
	}
	if err := installAsset(""); err == nil {
		t.Error("installAsset(\"\") gave no error")
	}
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o644)
	if err := installAsset(file); err == nil {
		t.Error("installAsset under a regular file gave no error")
	}
}

func TestAssetIntegrity(t *testing.T) {
	sum := sha256.Sum256([]byte(echartsJS))
	const want = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1" // assets/README.md
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("assets/echarts.min.js sha256 = %s, want %s", got, want)
	}
	// Inlining the asset in a <script> relies on these.
	for _, bad := range []string{"</script", "</SCRIPT", "<!--"} {
		if strings.Contains(echartsJS, bad) {
			t.Errorf("echarts source contains %q", bad)
		}
	}
}

// TestScriptsParse checks with node, when installed, that every chart's
// loader script is valid JavaScript.
func TestScriptsParse(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	ms := time.Millisecond
	var src strings.Builder
	for _, c := range []*Chart{
		Histogram(Labels{Title: `"quotes" \ and </script>`}, Data("d", []time.Duration{ms, 2 * ms})),
		Bars(Labels{}, []string{"a"}, BarSeries{Values: []float64{1}, Low: []float64{0}, High: []float64{2}}),
		Lines(Labels{}, []string{"a", "b"}, LineSeries{Y: []float64{1, 2}, Low: []float64{0, 1}, High: []float64{2, 3}}),
		XY(Labels{X: "it's"}, XYSeries{X: []float64{1}, Y: []float64{2}}),
		Timeline(Labels{}, []timeline.Span{{Lane: "a'b", Label: `x"y`, Kind: timeline.Work, End: ms}}),
	} {
		h := c.HTML()
		start := strings.Index(h, "<script>") + len("<script>")
		src.WriteString("function chart" + chartID(c.element) + "() {\n" + h[start:strings.Index(h, "</script>")] + "\n}\n")
	}
	file := filepath.Join(t.TempDir(), "scripts.js")
	os.WriteFile(file, []byte(src.String()), 0o644)
	if out, err := exec.Command(node, "--check", file).CombinedOutput(); err != nil {
		t.Errorf("node --check: %v\n%s", err, out)
	}
}

// A finished Chart never changes: goroutines that read it at the same time (run
// with -race) all get what one reader gets, and a caller that changes the
// option it was given changes no one else's.
func TestConcurrentUse(t *testing.T) {
	c := Histogram(Labels{Title: "t"}, Data("a", []int{1, 2, 2, 3}))
	wantHTML, wantText, wantBundle := c.HTML(), c.Text(), c.bundle(false)
	wantOption, err := c.Option()
	if err != nil || wantText == "" || len(wantOption) == 0 {
		t.Fatalf("chart: text %q, option %q, error %v", wantText, wantOption, err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			option, err := c.Option()
			if err != nil || !bytes.Equal(option, wantOption) {
				t.Errorf("goroutine %d: Option() = %q, %v; want what a single reader got", g, option, err)
			}
			if len(option) > 0 {
				option[0] = 'X' // the caller's copy
			}
			if html := c.HTML(); html != wantHTML {
				t.Errorf("goroutine %d: HTML() differs from what a single reader got", g)
			}
			if text := c.Text(); text != wantText {
				t.Errorf("goroutine %d: Text() = %q, want %q", g, text, wantText)
			}
			if b := c.bundle(false); !reflect.DeepEqual(b, wantBundle) {
				t.Errorf("goroutine %d: bundle differs from what a single reader got", g)
			}
		})
	}
	wg.Wait()
	if option, _ := c.Option(); !bytes.Equal(option, wantOption) {
		t.Errorf("after callers changed their copies, Option() = %q, want %q", option, wantOption)
	}
}

func TestLabelsAndDefaults(t *testing.T) {
	c := Bars(Labels{Title: "T", Subtitle: "S", X: "method", Y: "ns/op"}, []string{"a"}, BarSeries{Values: []float64{1}})
	o := option(t, c)
	title := o["title"].(map[string]any)
	if title["text"] != "T" || title["subtext"] != "S" {
		t.Errorf("title = %v", title)
	}
	if o["tooltip"].(map[string]any)["show"] != true {
		t.Error("no tooltip")
	}
	if got := series(t, o, 0, "bar", "series 1")["itemStyle"].(map[string]any)["color"]; got != palette[0] {
		t.Errorf("first series colour %v, want %s", got, palette[0])
	}
	if !strings.Contains(c.element, "width:100%;height:380px") {
		t.Errorf("element %q, want 100%% wide and 380px high", c.element)
	}
	if got := c.Text(); !strings.HasPrefix(got, "T — S\nmethod  series 1\na       1") {
		t.Errorf("Text() = %q", got)
	}
}
