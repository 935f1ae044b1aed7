package cutoff

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/display"
)

// Show draws and prints what [Compare] measured: the waits against the cut-off
// ([Chart], labelled l), a histogram of the first contender's waits, titled
// after it and subtitled with its summary, then one line per contender, "<name>:
// <what> <Waits>", such as "sync.RWMutex: writer waited median 1.07ms (95% CI
// 1.03ms–1.12ms), max 2.3ms; 0 of 12 hit the cut-off", and finally how many
// times the first contender's median wait each other one's is: "median wait,
// reader-preferring lock / sync.RWMutex: 183×" (left out when the first
// median is 0).
func Show(what string, l chart.Labels, waits ...Waits) {
	chart.Show(Chart(l, waits...))
	if len(waits) == 0 {
		return
	}
	first := waits[0]
	chart.Show(chart.Histogram(chart.Labels{
		Title:    fmt.Sprintf("%s: %s, %d trials", first.Name, what, len(first.Outcomes)),
		Subtitle: first.String(),
		X:        "wait",
		Y:        "trials",
	}, chart.Data(first.Name, first.Durations())))
	for _, w := range waits {
		fmt.Fprintf(display.Stdout, "%s: %s %v\n", w.Name, what, w)
	}
	for _, w := range waits[1:] {
		if m := first.Median(); m > 0 {
			fmt.Fprintf(display.Stdout, "median wait, %s / %s: %.0f×\n", w.Name, first.Name, float64(w.Median())/float64(m))
		}
	}
}
