// Used by notebook 02 (02_goroutines.ipynb).

package lab

import (
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
)

// RanLine returns what [PeekAfterSleeps] saw as one line of a line chart,
// named after it: the percentage of trials in which the goroutine had run,
// one point per sleep.
func RanLine(p Peeked) chart.LineSeries {
	return chart.ShareLine(p.Name, p.Ran)
}

// SleepLabels returns the sleeps as the labels of a chart's x axis, such as
// "0s", "1µs" and "1ms".
func SleepLabels(sleeps []time.Duration) []string {
	labels := make([]string, len(sleeps))
	for i, d := range sleeps {
		labels[i] = d.String()
	}
	return labels
}
