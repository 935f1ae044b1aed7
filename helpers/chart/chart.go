package chart

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
)

// Labels names what a chart shows. Every field may be empty.
type Labels struct {
	Title    string // what is plotted: "Final counter values, 200 trials"
	Subtitle string // the one-line takeaway: "without a mutex, increments get lost"
	X        string // x-axis name with its unit: "final counter value", "time (ms)"
	Y        string // y-axis name with its unit: "trials", "speed-up (×)"
	// LogY makes the value axis of [Lines] logarithmic (other charts ignore it),
	// for lines that span orders of magnitude: a flat line stays visible next to
	// one that climbs a hundredfold. Every value, and every band's low, must then
	// be > 0.
	LogY bool
}

// Chart is a chart built by one of this package's constructors ([Histogram],
// [Bars], [Lines], [XY], [Timeline]), ready for [Show] or
// [Chart.SaveHTML].
//
// A constructor never panics on bad input. It returns a Chart whose [Chart.Err]
// describes the first problem found; such a chart draws nothing, and [Show]
// prints the problem instead.
//
// A Chart does not change after its constructor returns; its methods may be
// called from several goroutines at once. The methods of a nil *Chart report
// that the chart is nil.
type Chart struct {
	kind   string
	labels Labels
	err    error

	categories []string                   // the x categories, for the JSON copy; may be nil
	bins       [][2]float64               // a histogram's bin edges, for the JSON copy
	series     []seriesCopy               // the simplified series of the JSON copy
	data       map[string]json.RawMessage // WithData's values, by name, for the JSON copy
	text       string                     // Text()
	palette    []string                   // colours in series order, for tests

	element string // the go-echarts <div>, rendered by finish
	option  []byte // the echarts option as JSON, functions as strings
	script  string // the echarts option as a JavaScript literal
}

// echart is what this package needs of a go-echarts chart.
type echart interface {
	RenderSnippet() render.ChartSnippet
	JSON() map[string]interface{}
}

// seriesCopy is one series of the JSON copy of a chart (the display.Chart MIME type).
type seriesCopy struct {
	Name string    `json:"name"`
	Data any       `json:"data"`
	Low  []float64 `json:"low,omitempty"`
	High []float64 `json:"high,omitempty"`
}

// palette is the Okabe–Ito colour-blind-safe palette, in the order series use it.
var palette = []string{"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}

// colour returns the palette colour of series i.
func colour(i int) string { return palette[i%len(palette)] }

const (
	defaultHeight = 380 // px
	fontWidth     = 7   // px per character of a 12px axis label, roughly
)

// errChart returns a chart that carries err.
func errChart(kind string, l Labels, err error) *Chart {
	return &Chart{kind: kind, labels: l, err: err}
}

// errorf returns a chart whose Err is "chart.<Fn>: <message>".
func errorf(kind, fn string, l Labels, format string, args ...any) *Chart {
	return errChart(kind, l, fmt.Errorf("chart."+fn+": "+format, args...))
}

var errNil = errors.New("chart: the chart is nil (build it with chart.Bars, chart.Lines, …)")

// Err returns the problem that stopped the chart from being built, or nil.
// The message names the constructor, the parameter and the value, for example
// "chart.Bars: series[1].Values[2] is NaN".
func (c *Chart) Err() error {
	if c == nil {
		return errNil
	}
	return c.err
}

// Text returns a short plain-text account of the plotted numbers: a title
// line, then one line per series or a small table. It is the text/plain
// representation that [Show] sends with the chart. For a chart with an error
// it returns the error's message.
func (c *Chart) Text() string {
	if err := c.Err(); err != nil {
		return err.Error()
	}
	return c.text
}

// Option returns the echarts option of the chart as JSON, exactly the data
// and settings the browser draws. JavaScript functions (tooltip formatters,
// the renderItem of custom series) appear as strings holding their source.
// It returns the chart's error if it has one.
func (c *Chart) Option() ([]byte, error) {
	if err := c.Err(); err != nil {
		return nil, err
	}
	return bytes.Clone(c.option), nil
}

// finish completes a chart built without error: it renders the go-echarts
// element and the option once, so that the Chart never changes again and its
// methods are safe for concurrent use. go-echarts panics on template errors;
// finish turns that into the chart's error.
func (c *Chart) finish(ec echart, text string) (out *Chart) {
	c.text = text
	defer func() {
		if r := recover(); r != nil {
			out = errChart(c.kind, c.labels, fmt.Errorf("chart: rendering with go-echarts failed: %v", r))
		}
	}()
	c.element = ec.RenderSnippet().Element // also runs go-echarts' Validate
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ec.JSON()); err != nil {
		return errChart(c.kind, c.labels, fmt.Errorf("chart: encoding the option: %w", err))
	}
	// The snippet's Option text is not used: go-echarts v2.7.2 leaves the
	// JavaScript functions in it quoted (it strips its "__f__" markers after
	// HTML-escaping the quotes), so echarts would get strings, not functions.
	c.option, c.script = splitFuncs(bytes.TrimSpace(buf.Bytes()))
	return c
}

// splitFuncs takes an option encoded by go-echarts, in which JavaScript
// functions are JSON strings "__f__<source>__f__", and returns it twice: as
// JSON with each function as a string of its source, and as a JavaScript
// literal with each function as code.
func splitFuncs(option []byte) (jsonText []byte, script string) {
	var js, out bytes.Buffer
	for i := 0; i < len(option); {
		if option[i] != '"' {
			js.WriteByte(option[i])
			out.WriteByte(option[i])
			i++
			continue
		}
		j := i + 1 // find the closing quote of the string token
		for j < len(option) && option[j] != '"' {
			if option[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j, len(option)-1)
		token := option[i : j+1]
		var s string
		if bytes.HasPrefix(token, []byte(`"__f__`)) && json.Unmarshal(token, &s) == nil &&
			len(s) >= 10 && strings.HasSuffix(s, "__f__") {
			src := s[5 : len(s)-5]
			js.WriteString(src)
			quoted, _ := json.Marshal(src)
			out.Write(quoted)
		} else {
			js.Write(token)
			out.Write(token)
		}
		i = j + 1
	}
	return out.Bytes(), js.String()
}

// base holds what every chart kind sets the same way.
type base struct {
	labels  Labels
	legend  bool   // show a legend
	height  int    // px
	trigger string // tooltip trigger: "axis" or "item"
	yGap    int    // px between the y axis and its name (room for tick labels)
	right   int    // px right of the plot; 0 means the default
}

// globals returns the go-echarts global options shared by all chart kinds:
// size, title and subtitle, tooltip, legend, palette and grid.
func (b base) globals() []charts.GlobalOpts {
	top := 16
	if b.labels.Title != "" {
		top += 28
	}
	if b.labels.Subtitle != "" {
		top += 20
	}
	legendTop := top
	if b.legend {
		top += 30
	}
	left := b.yGap + 12
	if b.labels.Y != "" {
		left += 22
	}
	bottom := 36
	if b.labels.X != "" {
		bottom += 22
	}
	height := b.height
	if height == 0 {
		height = defaultHeight
	}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			Width:           "100%",
			Height:          fmt.Sprintf("%dpx", height),
			BackgroundColor: "#ffffff",
			Theme:           "white",
			PageTitle:       b.labels.Title,
		}),
		charts.WithTitleOpts(opts.Title{
			Title:         b.labels.Title,
			Subtitle:      b.labels.Subtitle,
			Left:          "12",
			Top:           "8",
			TitleStyle:    &opts.TextStyle{FontSize: 16, Color: "#222222"},
			SubtitleStyle: &opts.TextStyle{FontSize: 13, Color: "#555555"},
		}),
		charts.WithTooltipOpts(opts.Tooltip{
			Show:           opts.Bool(true),
			Trigger:        b.trigger,
			ValueFormatter: opts.FuncOpts(jsNumber),
		}),
		charts.WithLegendOpts(opts.Legend{
			Show: opts.Bool(b.legend),
			Top:  fmt.Sprint(legendTop),
			Left: "12",
			Type: "scroll",
		}),
		charts.WithColorsOpts(palette),
		charts.WithGridOpts(opts.Grid{
			Top:    fmt.Sprint(top),
			Left:   fmt.Sprint(left),
			Right:  fmt.Sprint(cmp.Or(b.right, 28)),
			Bottom: fmt.Sprint(bottom),
		}),
	}
}

// xAxis returns a bottom axis named l.X. kind is "category" or "value".
func (b base) xAxis(kind string) opts.XAxis {
	return opts.XAxis{
		Type:         kind,
		Name:         b.labels.X,
		NameLocation: "middle",
		NameGap:      30,
		SplitLine:    &opts.SplitLine{Show: opts.Bool(kind == "value")},
	}
}

// yAxis returns a left axis named l.Y, its name clear of the tick labels.
func (b base) yAxis(kind string) opts.YAxis {
	return opts.YAxis{
		Type:         kind,
		Name:         b.labels.Y,
		NameLocation: "middle",
		NameGap:      b.yGap,
		SplitLine:    &opts.SplitLine{Show: opts.Bool(kind == "value" || kind == "log")},
	}
}

// jsNumber formats numbers in tooltips: four significant digits, whole numbers
// from 10,000 up.
const jsNumber = `function (v) { if (typeof v !== 'number') { return v; } if (Math.abs(v) >= 1e4) { return Math.round(v).toLocaleString('en-US'); } return String(+v.toPrecision(4)); }`

// valueGap returns the room, in px, that the tick labels of a value axis over
// [lo, hi] take, so that the axis name can stand clear of them. echarts
// includes zero in a value axis unless told otherwise.
func valueGap(lo, hi float64) int {
	lo, hi = min(lo, 0), max(hi, 0)
	mag := max(math.Abs(lo), math.Abs(hi))
	chars := 1
	if mag >= 1 {
		digits := int(math.Floor(math.Log10(mag))) + 1
		chars = digits + (digits-1)/3 // thousands separators
	}
	if span := hi - lo; span > 0 && span < 5 {
		step := span / 5
		chars += 1 + max(0, int(math.Ceil(-math.Log10(step))))
		if mag < 1 {
			chars++ // the leading "0"
		}
	}
	if lo < 0 {
		chars++
	}
	return chars*fontWidth + 16
}

// categoryGap returns the room, in px, that category labels take on a y axis.
func categoryGap(names []string) int {
	longest := 1
	for _, n := range names {
		longest = max(longest, len([]rune(n)))
	}
	return min(longest, 28)*fontWidth + 16
}

// checkFinite returns an error naming what[i] if xs holds NaN or ±Inf.
func checkFinite(fn, what string, xs []float64) error {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("chart.%s: %s[%d] is %v", fn, what, i, x)
		}
	}
	return nil
}

// checkRange checks that low and high are both absent, or both as long as
// want with low[i] <= high[i]. what names the series, as in "series[1]".
func checkRange(fn, what string, low, high []float64, want int) error {
	if low == nil && high == nil {
		return nil
	}
	if len(low) != want || len(high) != want {
		return fmt.Errorf("chart.%s: %s.Low and .High must both have %d values (or both be nil), got %d and %d", fn, what, want, len(low), len(high))
	}
	if err := checkFinite(fn, what+".Low", low); err != nil {
		return err
	}
	if err := checkFinite(fn, what+".High", high); err != nil {
		return err
	}
	for i := range low {
		if low[i] > high[i] {
			return fmt.Errorf("chart.%s: %s.Low[%d] = %v is above .High[%d] = %v", fn, what, i, low[i], i, high[i])
		}
	}
	return nil
}

// extent returns the smallest and largest of the finite numbers in the slices.
func extent(slices ...[]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, xs := range slices {
		for _, x := range xs {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}
