// Used by notebook 02 (02_goroutines.ipynb).

package lab

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

// ShowGoroutines draws the two charts of the goroutine-memory experiment, from
// the steps [workload.Budget.Steps] measured: memory per goroutine (stack and
// all memory from the OS) at each step of first, and the time per go
// statement, the first time (first) and when the runtime reuses finished
// goroutines (again, the same steps started a second time). The subtitles quote the largest step. It draws nothing if first is
// empty.
func ShowGoroutines(first, again workload.MemoryCosts) {
	if len(first) == 0 {
		return
	}
	largest := first[len(first)-1]
	reused := largest.StartMicros()
	if len(again) >= len(first) {
		reused = again[len(first)-1].StartMicros()
	}
	chart.Show(chart.Lines(chart.Labels{
		Title: "Memory per goroutine",
		Subtitle: fmt.Sprintf("≈ %.1f KB and %.2f µs per goroutine: the cost per goroutine stays flat as their number grows",
			largest.FromOS/workload.KB, largest.StartMicros()),
		X: "goroutines alive at once",
		Y: "memory per goroutine (KB)",
	}, first.Counts(),
		chart.LineSeries{Name: "stack (StackInuse)", Y: first.StackKB()},
		chart.LineSeries{Name: "all memory from the OS (Sys − HeapReleased)", Y: first.FromOSKB()}))
	chart.Show(chart.Lines(chart.Labels{
		Title: "Time per go statement",
		Subtitle: fmt.Sprintf("%.2f µs each with fresh memory, %.2f µs when finished goroutines are reused",
			largest.StartMicros(), reused),
		X: "goroutines started",
		Y: "time per go statement (µs)",
	}, first.Counts(),
		chart.LineSeries{Name: "first time: fresh memory from the OS", Y: first.StartMicros()},
		chart.LineSeries{Name: "second time: reusing finished goroutines", Y: again.StartMicros()}))
}

// ShowThreadVsGoroutine draws the two bar charts of the thread-vs-goroutine
// experiment: the RSS growth and the start-up time of each plain goroutine (g)
// and of each goroutine that locked an OS thread of its own (t).
func ShowThreadVsGoroutine(g, t workload.MemoryCost) {
	kinds := []string{"goroutine", "OS thread (LockOSThread)"}
	chart.Show(chart.Bars(chart.Labels{
		Title:    "Memory per goroutine and per OS thread",
		Subtitle: fmt.Sprintf("an OS thread used %.1f× the memory of a goroutine (RSS, as the kernel counts it)", t.RSS/g.RSS),
		X:        "what was started",
		Y:        "resident memory each (KB)",
	}, kinds, chart.BarSeries{Name: "RSS growth per unit", Values: []float64{g.RSS / workload.KB, t.RSS / workload.KB}}))
	chart.Show(chart.Bars(chart.Labels{
		Title:    "Time to start a goroutine and an OS thread",
		Subtitle: fmt.Sprintf("starting an OS thread took %.0f× as long as starting a goroutine", t.StartMicros()/g.StartMicros()),
		X:        "what was started",
		Y:        "time to start each (µs)",
	}, kinds, chart.BarSeries{Name: "start-up time per unit", Values: []float64{g.StartMicros(), t.StartMicros()}}))
}
