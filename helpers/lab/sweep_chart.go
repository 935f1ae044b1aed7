// Used by notebook 03 (03_waitgroup.ipynb).

package lab

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/chart"
)

// Lines returns one chart line per GOMAXPROCS setting: the percentage of yes
// answers at each size, with its 95% interval. Each line is named by
// fmt.Sprintf(format, procs), for example "Add inside, GOMAXPROCS=%d".
func (r Swept) Lines(format string) []chart.LineSeries {
	var lines []chart.LineSeries
	for i, procs := range r.Sweep.Procs {
		if i >= len(r.Yes) {
			break
		}
		lines = append(lines, chart.ShareLine(fmt.Sprintf(format, procs), r.Yes[i]))
	}
	return lines
}

// Worst returns one dashed chart line named name: at each size, the highest
// percentage of yes answers over all GOMAXPROCS settings.
func (r Swept) Worst(name string) chart.LineSeries {
	s := chart.LineSeries{Name: name, Y: make([]float64, len(r.Sweep.Sizes)), Dashed: true}
	for _, row := range r.Yes {
		for j, share := range row {
			if j < len(s.Y) {
				s.Y[j] = max(s.Y[j], share.Percent())
			}
		}
	}
	return s
}
