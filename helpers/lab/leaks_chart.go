// Used by notebook 07 (07_select_context.ipynb).

package lab

import (
	"strconv"

	"github.com/go-concurrency-lab/course/helpers/chart"
)

// EveryNth returns a line of a Lines chart named name that starts at 0 (before
// the first call) and then takes every every-th value of counts, which holds one
// value per call: counts[every-1], counts[2*every-1], … It matches the x labels
// of [EveryNthLabels](len(counts), every). An every below 1 is taken as 1.
func EveryNth(name string, counts []int, every int) chart.LineSeries {
	every = max(every, 1)
	line := chart.LineSeries{Name: name, Y: []float64{0}}
	for i := every - 1; i < len(counts); i += every {
		line.Y = append(line.Y, float64(counts[i]))
	}
	return line
}

// EveryNthLabels returns the x labels of [EveryNth]'s lines: "0", then every
// every-th call up to calls: "0", "100", "200", … An every below 1 is taken as 1.
func EveryNthLabels(calls, every int) []string {
	every = max(every, 1)
	labels := []string{"0"}
	for n := every; n <= calls; n += every {
		labels = append(labels, strconv.Itoa(n))
	}
	return labels
}
