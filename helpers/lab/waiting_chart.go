// Used by notebook 03 (03_waitgroup.ipynb).

package lab

import "github.com/go-concurrency-lab/course/helpers/chart"

// WaitSeries returns outcomes of [ReportWaiting] as one series of an XY chart
// of waste against completeness: x is the time wasted (mean per trial, in
// milliseconds), y the percentage of trials in which all the work had
// finished. Several outcomes, such as one per sleep time, are joined by a
// line; a single one is a point.
func WaitSeries(name string, outcomes ...WaitOutcome) chart.XYSeries {
	s := chart.XYSeries{Name: name, Line: len(outcomes) > 1}
	for _, o := range outcomes {
		s.X = append(s.X, o.Wasted.Seconds()*1000)
		s.Y = append(s.Y, o.Complete.Percent())
	}
	return s
}
