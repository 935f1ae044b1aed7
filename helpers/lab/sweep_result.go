// Used by notebook 03 (03_waitgroup.ipynb).

package lab

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Hits returns the number of yes answers at each size, for the i-th
// GOMAXPROCS setting of the sweep (nil if there is no such setting).
func (r Swept) Hits(i int) []int {
	if i < 0 || i >= len(r.Yes) {
		return nil
	}
	hits := make([]int, len(r.Yes[i]))
	for j, s := range r.Yes[i] {
		hits[j] = s.Hits
	}
	return hits
}

// Total returns the yes answers over the whole sweep, out of all its trials.
func (r Swept) Total() stats.Share {
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
func (r Swept) Failures() string {
	text := fmt.Sprintf("panicked or blocked in %d of %d trials", r.Failed, r.Total().Total)
	if r.FirstFailure != "" {
		text += " (first: " + r.FirstFailure + ")"
	}
	return text
}

// SizeLabels returns the sweep's sizes as text, the categories of a chart's x
// axis.
func (r Swept) SizeLabels() []string {
	labels := make([]string, len(r.Sweep.Sizes))
	for j, n := range r.Sweep.Sizes {
		labels[j] = fmt.Sprint(n)
	}
	return labels
}
