// Used by notebook 04 (04_mutex.ipynb).

package lab

import (
	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

// LostBars returns one series of a bar chart named name: for each of counted,
// the percentage of trials that lost updates, with its 95% confidence interval
// (see [stats.Share.Interval]) as the error bar.
func LostBars(name string, counted ...Counted) chart.BarSeries {
	lost := make([]stats.Share, len(counted))
	for i, c := range counted {
		lost[i] = c.Lost()
	}
	return chart.ShareBars(name, lost)
}
