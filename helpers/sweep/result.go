package sweep

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Hits returns the number of yes answers at each size, for the i-th
// GOMAXPROCS setting of the grid (nil if there is no such setting).
func (r Result) Hits(i int) []int {
	if i < 0 || i >= len(r.Yes) {
		return nil
	}
	hits := make([]int, len(r.Yes[i]))
	for j, s := range r.Yes[i] {
		hits[j] = s.Hits
	}
	return hits
}

// Total returns the yes answers over the whole grid, out of all its trials.
func (r Result) Total() stats.Share {
	var total stats.Share
	for _, row := range r.Yes {
		for _, s := range row {
			total.Hits += s.Hits
			total.Total += s.Total
		}
	}
	return total
}

// Failures says how many trials panicked or blocked instead of answering,
// out of all trials, and what happened in the first, for example
// "panicked or blocked in 1 of 2100 trials (first: GOMAXPROCS=2, size 16:
// panicked: sync: negative WaitGroup counter)".
func (r Result) Failures() string {
	text := fmt.Sprintf("panicked or blocked in %d of %d trials", r.Failed, r.Total().Total)
	if r.FirstFailure != "" {
		text += " (first: " + r.FirstFailure + ")"
	}
	return text
}

// SizeLabels returns the grid's sizes as text, the categories of a chart's x
// axis.
func (r Result) SizeLabels() []string {
	labels := make([]string, len(r.Grid.Sizes))
	for j, n := range r.Grid.Sizes {
		labels[j] = fmt.Sprint(n)
	}
	return labels
}

// Lines returns one chart line per GOMAXPROCS setting: the percentage of yes
// answers at each size, with its 95% interval. Each line is named by
// fmt.Sprintf(format, procs), for example "Add inside, GOMAXPROCS=%d".
func (r Result) Lines(format string) []chart.LineSeries {
	var lines []chart.LineSeries
	for i, procs := range r.Grid.Procs {
		if i >= len(r.Yes) {
			break
		}
		lines = append(lines, chart.ShareLine(fmt.Sprintf(format, procs), r.Yes[i]))
	}
	return lines
}

// Worst returns one dashed chart line named name: at each size, the highest
// percentage of yes answers over all GOMAXPROCS settings.
func (r Result) Worst(name string) chart.LineSeries {
	s := chart.LineSeries{Name: name, Y: make([]float64, len(r.Grid.Sizes)), Dashed: true}
	for _, row := range r.Yes {
		for j, share := range row {
			if j < len(s.Y) {
				s.Y[j] = max(s.Y[j], share.Percent())
			}
		}
	}
	return s
}
