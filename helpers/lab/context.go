// Used by notebook 07 (07_select_context.ipynb).

package lab

import (
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// GroupRun is one run of notebook 07's group of tasks: how many steps of work
// the tasks did in all, and how long until the group's Wait returned.
type GroupRun struct {
	Steps int
	Took  time.Duration
}

// MedianTook returns the median time the runs took, rounded to three
// significant digits, or 0 when there are none.
func MedianTook(runs []GroupRun) time.Duration {
	m, err := stats.MedianOf(runs, func(r GroupRun) time.Duration { return r.Took })
	if err != nil {
		return 0
	}
	return stats.RoundDuration(m)
}
