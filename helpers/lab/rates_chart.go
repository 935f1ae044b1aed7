// Used by notebook 05 (05_rwmutex.ipynb).

package lab

import (
	"fmt"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// ShowRates prints what a [trials.RateGrid] measured and draws it: for every
// row, its [trials.RateRow.Report] against baseline and a grouped bar chart of
// the row (one series per contender, the medians with their 95% confidence
// intervals as error bars, divided by the grid's Scale), titled labels.Title
// followed by ": " and the row's name, with the Tally of challenger against
// baseline as the subtitle ("RWMutex against Mutex, judged by 95% CIs: faster
// at 1, tied at 3, slower at 0 of 4", followed by labels.Subtitle if it is
// set, such as "read shares"); then the decision table
// ([trials.Rates.Table]) headed by corner, under a line that says how to read
// it.
func ShowRates(r trials.Rates, baseline, challenger, corner string, labels chart.Labels) {
	for _, row := range r.Rows {
		fmt.Fprint(display.Stdout, row.Report(baseline))
		l := labels
		if row.Name != "" {
			l.Title += ": " + row.Name
		}
		l.Subtitle = strings.TrimSpace(fmt.Sprintf("%s against %s, judged by 95%% CIs: %v %s",
			challenger, baseline, row.Tally(challenger, baseline), labels.Subtitle))
		chart.Show(chart.Bars(l, r.Grid.Columns, rateBars(r.Grid, row)...))
	}
	fmt.Fprintln(display.Stdout, "\nDecision table: the fastest at each point; \"≈\" joins those whose 95% CIs overlap the best one's")
	fmt.Fprint(display.Stdout, r.Table(corner))
}

// rateBars returns a row as the series of a grouped bar chart with the grid's
// Columns as categories: one series per contender, named after it, with the
// medians as bars and their 95% confidence intervals as error bars, divided by
// the grid's Scale.
func rateBars(g trials.RateGrid, row trials.RateRow) []chart.BarSeries {
	scale := g.Scale
	if scale == 0 {
		scale = 1
	}
	bars := make([]chart.BarSeries, len(g.Contenders))
	for k, name := range g.Contenders {
		bars[k].Name = name
		for c := range g.Columns {
			if c >= len(row.Summaries) || k >= len(row.Summaries[c]) {
				break
			}
			s := row.Summaries[c][k]
			bars[k].Values = append(bars[k].Values, s.Median/scale)
			bars[k].Low = append(bars[k].Low, s.MedianLow/scale)
			bars[k].High = append(bars[k].High, s.MedianHigh/scale)
		}
	}
	return bars
}
