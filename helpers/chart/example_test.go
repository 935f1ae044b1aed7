package chart_test

import (
	"fmt"
	"math"
	"os"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// Final values of a counter that ten goroutines each incremented 100 times:
// without a mutex some increments are lost.
func ExampleHistogram() {
	racy := []int{1000, 998, 1000, 997, 1000, 999, 1000, 986, 1000, 1000}
	mutex := []int{1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}
	c := chart.Histogram(chart.Labels{
		Title:    "Final counter values, 10 trials",
		Subtitle: "without a mutex, increments get lost",
		X:        "final counter value",
		Y:        "trials",
	}, chart.Data("racy", racy), chart.Data("mutex", mutex))
	fmt.Println(c.Text())
	// Output:
	// Final counter values, 10 trials — without a mutex, increments get lost
	// racy: 10 values, mutex: 10 values in 15 bins (empty bins not listed)
	// final counter value  racy  mutex
	// 986                  1     0
	// 997                  1     0
	// 998                  1     0
	// 999                  1     0
	// 1000                 6     10
}

// A few trials that went wrong stay visible next to thousands that did not.
func ExampleLogHistogram() {
	finals := make([]int, 10_000)
	for i := range finals {
		finals[i] = 100
	}
	finals[0], finals[1], finals[2] = 98, 99, 99
	c := chart.LogHistogram(chart.Labels{Title: "Racy counter, 10,000 trials", X: "final counter value", Y: "trials (log scale)"},
		chart.Data("GOMAXPROCS=2", finals))
	fmt.Println(c.Text())
	// Output:
	// Racy counter, 10,000 trials
	// GOMAXPROCS=2: 10000 values in 3 bins (empty bins not listed)
	// final counter value  GOMAXPROCS=2
	// 98                   1
	// 99                   2
	// 100                  9997
}

// Durations get duration bin labels.
func ExampleData() {
	waits := []time.Duration{900 * time.Microsecond, time.Millisecond, 1100 * time.Microsecond, 3 * time.Millisecond}
	c := chart.Histogram(chart.Labels{Title: "Lock waits", X: "wait"}, chart.Data("wait", waits))
	fmt.Println(c.Text())
	// Output:
	// Lock waits
	// wait: 4 values in 10 bins (empty bins not listed)
	// wait          wait
	// 900µs–1.11ms  3
	// 2.79ms–3ms    1
}

// Grouped bars with error bars for the first series.
func ExampleBars() {
	c := chart.Bars(chart.Labels{Title: "Cost of one increment", X: "method", Y: "time (ns/op)"},
		[]string{"mutex", "atomic"},
		chart.BarSeries{Name: "GOMAXPROCS=1", Values: []float64{14, 5.2}, Low: []float64{13, 5}, High: []float64{16, 5.5}},
		chart.BarSeries{Name: "GOMAXPROCS=2", Values: []float64{38, 11}},
	)
	fmt.Println(c.Text())
	// Output:
	// Cost of one increment
	// method  GOMAXPROCS=1  GOMAXPROCS=2
	// mutex   14 (13–16)    38
	// atomic  5.2 (5–5.5)   11
}

// A speed-up curve with its confidence band and the ideal as a dashed line.
func ExampleLines() {
	c := chart.Lines(chart.Labels{Title: "Speed-up", Subtitle: "this machine has 2 cores", X: "GOMAXPROCS", Y: "speed-up (×)"},
		[]string{"1", "2", "4"},
		chart.LineSeries{Name: "measured", Y: []float64{1, 1.9, 1.95}, Low: []float64{0.95, 1.8, 1.85}, High: []float64{1.05, 2, 2.05}},
		chart.LineSeries{Name: "ideal", Y: []float64{1, 2, 4}, Dashed: true},
	)
	fmt.Println(c.Text())
	// Output:
	// Speed-up — this machine has 2 cores
	// GOMAXPROCS  measured          ideal
	// 1           1 (0.95–1.05)     1
	// 2           1.9 (1.8–2)       2
	// 4           1.95 (1.85–2.05)  4
}

func ExampleXY() {
	c := chart.XY(chart.Labels{Title: "Sleeping instead of waiting", X: "sleep (ms)", Y: "early reads (%)"},
		chart.XYSeries{Name: "time.Sleep", X: []float64{0.1, 1, 10}, Y: []float64{62, 9, 0}, Line: true},
	)
	fmt.Println(c.Text())
	// Output:
	// Sleeping instead of waiting
	// time.Sleep: sleep (ms)  early reads (%)
	// 0.1                     62
	// 1                       9
	// 10                      0
}

func ExampleTimeline() {
	ms := time.Millisecond
	c := chart.Timeline(chart.Labels{Title: "Two coffee orders"}, []timeline.Span{
		{Lane: "order 1", Label: "grind", Kind: timeline.Work, Start: 0, End: 3 * ms},
		{Lane: "order 2", Label: "wait for grinder", Kind: timeline.Wait, Start: 0, End: 3 * ms},
		{Lane: "order 2", Label: "grind", Kind: timeline.Work, Start: 3 * ms, End: 5500 * time.Microsecond},
		{Lane: "order 1", Label: "served", Kind: timeline.Mark, Start: 3 * ms, End: 3 * ms},
	})
	fmt.Println(c.Text())
	// Output:
	// Two coffee orders
	// 4 spans on 2 lanes
	// lane     label             kind  start (ms)  end (ms)
	// order 1  grind             work  0           3
	// order 1  served            mark  3           3
	// order 2  wait for grinder  wait  0           3
	// order 2  grind             work  3           5.5
}

// Bad input gives a chart that reports the problem instead of drawing.
func ExampleChart_Err() {
	c := chart.Lines(chart.Labels{}, []string{"1", "2"}, chart.LineSeries{Name: "measured", Y: []float64{1, math.NaN()}})
	fmt.Println(c.Err())
	// Output:
	// chart.Lines: series[0].Y[1] is NaN
}

// Show draws the chart in a notebook cell. Outside a notebook, as here, it
// prints the chart's text to display.Stdout (and, if GOLAB_CHART_DIR is set,
// saves an HTML page there); for a chart with an error it prints the error.
func ExampleShow() {
	display.Stdout = os.Stdout // go test collects example output from os.Stdout
	chart.Show(chart.Bars(chart.Labels{Title: "Cost (ns/op)", X: "method"}, []string{"mutex", "atomic"},
		chart.BarSeries{Name: "ns/op", Values: []float64{14, 5.2}}))
	chart.Show(chart.Bars(chart.Labels{}, []string{"mutex", "atomic"}, chart.BarSeries{Values: []float64{14}}))
	// Output:
	// Cost (ns/op)
	// method  ns/op
	// mutex   14
	// atomic  5.2
	// chart.Bars: series[0].Values has 1 value, want 2 (one per category)
}

// Option gives the echarts option as JSON, for tests and debugging.
func ExampleChart_Option() {
	c := chart.Bars(chart.Labels{}, []string{"a", "b"}, chart.BarSeries{Name: "n", Values: []float64{1, 2}})
	option, err := c.Option()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(option) > 0, string(option[:1]))
	// Output:
	// true {
}

// SaveHTML writes a standalone page with echarts inlined, for viewing offline.
func ExampleChart_SaveHTML() {
	c := chart.Bars(chart.Labels{Title: "Cost"}, []string{"mutex"}, chart.BarSeries{Values: []float64{14}})
	if err := c.SaveHTML(""); err != nil {
		fmt.Println(err)
	}
	// Output:
	// chart.SaveHTML: path is empty
}

// A number the chart does not draw travels with it as data, for tests and the
// bench; the drawing and the text stay as they are.
func ExampleChart_WithData() {
	finals := []int{100, 100, 99, 100}
	c := chart.LogHistogram(chart.Labels{Title: "Racy counter, 4 trials"}, chart.Data("GOMAXPROCS=2", finals)).
		WithData("trials that lost updates", map[string]stats.Share{"GOMAXPROCS=2": {Hits: 1, Total: 4}})
	fmt.Println(c.Err())
	fmt.Println(c.WithData("mean", math.NaN()).Err())
	// Output:
	// <nil>
	// chart.WithData: data "mean": json: unsupported value: NaN
}
