package trials

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// RateGrid says how to compare the rates of competing implementations (the
// contenders), such as the locks of a cache that many goroutines read: at
// every point of a grid of settings, rows by columns, each contender is
// measured Repetitions times. For example, the contenders "Mutex", "RWMutex"
// and "atomic.Pointer", rows for two read sections and columns for four shares
// of reads.
type RateGrid struct {
	// Contenders names the implementations compared, at least one, each name
	// different.
	Contenders []string
	// Rows names the settings of one parameter, one row each. Empty means one
	// row without a name.
	Rows []string
	// Columns names the settings of another parameter, at least one.
	Columns []string
	// Repetitions is how many times every contender is measured at every
	// point, at least 1. Use 5 or more: the confidence interval of a median
	// of fewer measurements is as wide as their range.
	Repetitions int
	// Scale divides the operations per second in the printed numbers and the
	// bars, such as 1e6 for millions. 0 means 1.
	Scale float64
}

// Measure calls measure(row, column, contender) g.Repetitions times for every
// contender at every point of g, and summarises the operations per second of
// the Rates it returns.
//
// One repetition visits every point and every contender once, in order, so that
// a busy moment on a shared machine hits all of them alike instead of spoiling
// one. Like [Run], Measure shows a progress bar when it takes more than about
// a second.
//
// Measure returns an error, without calling measure, if g is not valid (see
// [RateGrid]) or measure is nil. It stops at the first error that measure returns,
// or the first Rate without a positive Elapsed, and returns that error with the
// point and the contender.
func (g RateGrid) Measure(measure func(row, column, contender int) (Rate, error)) (Rates, error) {
	const fn = "trials.RateGrid.Measure"
	if err := g.check(fn); err != nil {
		return Rates{}, err
	}
	if measure == nil {
		return Rates{}, errors.New(fn + ": measure is nil")
	}
	g.Contenders, g.Columns = slices.Clone(g.Contenders), slices.Clone(g.Columns)
	g.Rows = slices.Clone(g.Rows)
	if len(g.Rows) == 0 {
		g.Rows = []string{""}
	}
	if g.Scale == 0 {
		g.Scale = 1
	}

	// One setting per point, row by row: setting r*len(g.Columns)+c.
	columns := len(g.Columns)
	grid := Grid[float64]{Settings: len(g.Rows) * columns, Contenders: len(g.Contenders), Rounds: g.Repetitions, Progress: "trials"}
	runs, err := grid.Run(func(at Cell) (float64, error) {
		r, c, k := at.Setting/columns, at.Setting%columns, at.Contender
		rate, err := measure(r, c, k)
		if err == nil && rate.Elapsed <= 0 {
			err = fmt.Errorf("the Rate has no elapsed time (%d ops in %v)", rate.Ops, rate.Elapsed)
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %s: %w", fn, g.point(r, c, k), err)
		}
		return rate.PerSecond(), nil
	})
	if err != nil {
		return Rates{}, err
	}

	result := Rates{Grid: g}
	for r, name := range g.Rows {
		row := RateRow{Name: name, Samples: runs.Values[r*columns : (r+1)*columns], Summaries: make([][]stats.Summary, columns), grid: &g}
		for c := range g.Columns {
			row.Summaries[c] = make([]stats.Summary, len(g.Contenders))
			for k := range g.Contenders {
				s, err := stats.Summarize(row.Samples[c][k])
				if err != nil { // not expected: finite rates, at least one
					return Rates{}, fmt.Errorf("%s: %s: %w", fn, g.point(r, c, k), err)
				}
				row.Summaries[c][k] = s
			}
		}
		result.Rows = append(result.Rows, row)
	}
	return result, nil
}

// check reports what is wrong with g, if anything; fn names the caller.
func (g RateGrid) check(fn string) error {
	switch {
	case len(g.Contenders) == 0:
		return fmt.Errorf("%s: RateGrid.Contenders is empty", fn)
	case len(g.Columns) == 0:
		return fmt.Errorf("%s: RateGrid.Columns is empty", fn)
	case g.Repetitions < 1:
		return fmt.Errorf("%s: RateGrid.Repetitions must be >= 1, got %d", fn, g.Repetitions)
	case g.Scale < 0 || math.IsNaN(g.Scale) || math.IsInf(g.Scale, 0):
		return fmt.Errorf("%s: RateGrid.Scale must be a finite number >= 0 (0 means 1), got %v", fn, g.Scale)
	}
	for i, name := range g.Contenders {
		if j := slices.Index(g.Contenders, name); j < i {
			return fmt.Errorf("%s: RateGrid.Contenders[%d] and [%d] are both %q: every contender needs its own name", fn, j, i, name)
		}
	}
	return nil
}

// point names a contender at a point of g, for errors.
func (g RateGrid) point(row, column, contender int) string {
	where := fmt.Sprintf("column %q", g.Columns[column])
	if g.Rows[row] != "" {
		where = fmt.Sprintf("row %q, %s", g.Rows[row], where)
	}
	return fmt.Sprintf("%s, contender %q", where, g.Contenders[contender])
}

// Rates is what [RateGrid.Measure] measured: one RateRow per row of the
// RateGrid.
type Rates struct {
	// Grid is the grid measured, with its defaults filled in: Rows has one
	// empty name if it was empty, and Scale is 1 if it was 0.
	Grid RateGrid
	Rows []RateRow
}

// RateRow is the measurements of one row of a RateGrid.
type RateRow struct {
	Name string
	// Samples[column][contender] holds the operations per second measured, one
	// per repetition, in order.
	Samples [][][]float64
	// Summaries[column][contender] summarises them: the median, and the 95%
	// confidence interval of the median in MedianLow and MedianHigh.
	Summaries [][]stats.Summary

	grid *RateGrid // the names and the scale
}

// verdict compares two contenders at one point by the 95% confidence
// intervals of their medians: one is faster only when the intervals do not
// overlap. Otherwise it is a tie, whatever the medians say.
type verdict struct {
	// faster is true when the first contender's interval lies wholly above
	// the second's, slower when it lies wholly below; neither means a tie.
	faster, slower bool
	ratio          float64 // the first median divided by the second (0 when that is 0)
}

// String describes the verdict from the first contender's side:
// "faster (×1.35)", "slower (×0.07)" or "tie (CIs overlap)".
func (v verdict) String() string {
	switch {
	case v.faster:
		return fmt.Sprintf("faster (×%.2f)", v.ratio)
	case v.slower:
		return fmt.Sprintf("slower (×%.2f)", v.ratio)
	}
	return "tie (CIs overlap)"
}

// versus compares two summaries by the intervals of their medians.
func versus(x, y stats.Summary) verdict {
	v := verdict{faster: x.MedianLow > y.MedianHigh, slower: x.MedianHigh < y.MedianLow}
	if y.Median != 0 {
		v.ratio = x.Median / y.Median
	}
	return v
}

// pair finds the contenders a and b, or says which name is unknown.
func (g *RateGrid) pair(fn, a, b string) (i, j int, err error) {
	if i, err = g.index(fn, "a", a); err != nil {
		return 0, 0, err
	}
	if j, err = g.index(fn, "b", b); err != nil {
		return 0, 0, err
	}
	return i, j, nil
}

// index finds the contender name, passed as the parameter param of fn.
func (g *RateGrid) index(fn, param, name string) (int, error) {
	i := slices.Index(g.Contenders, name)
	if i < 0 {
		return 0, fmt.Errorf("%s: %s is %q, not one of the contenders (%s)", fn, param, name, strings.Join(g.Contenders, ", "))
	}
	return i, nil
}

// Tally counts, over the columns of a row, how often one contender was faster
// than another, tied with it, and slower, judged by the 95% confidence intervals of
// their medians: one is faster only when the intervals do not overlap.
type Tally struct {
	Faster, Ties, Slower int
	// Err is set when the tally could not be made (an unknown name).
	Err error
}

// String describes the tally, for example "faster at 1, tied at 2, slower at 1
// of 4", or the problem when Err is set.
func (t Tally) String() string {
	if t.Err != nil {
		return t.Err.Error()
	}
	return fmt.Sprintf("faster at %d, tied at %d, slower at %d of %d", t.Faster, t.Ties, t.Slower, t.Faster+t.Ties+t.Slower)
}

// Tally compares contender a with contender b at every column of the row.
func (r RateRow) Tally(a, b string) Tally {
	const fn = "trials.RateRow.Tally"
	if r.grid == nil {
		return Tally{Err: errors.New(fn + ": the RateRow was not made by RateGrid.Measure")}
	}
	i, j, err := r.grid.pair(fn, a, b)
	if err != nil {
		return Tally{Err: err}
	}
	var t Tally
	for c := range r.grid.Columns {
		switch v := versus(r.Summaries[c][i], r.Summaries[c][j]); {
		case v.faster:
			t.Faster++
		case v.slower:
			t.Slower++
		default:
			t.Ties++
		}
	}
	return t
}

// Report describes the row in two lines per column: the median of every
// contender with its 95% confidence interval (divided by the Grid's Scale, with
// two decimals), then the verdict of every other contender against baseline:
//
//	lookup only        50% reads:  Mutex 17.40 [17.20–17.93]  RWMutex 17.34 [15.46–17.85]  atomic.Pointer 1.28 [1.09–1.72]
//	    RWMutex vs Mutex: tie (CIs overlap); atomic.Pointer vs Mutex: slower (×0.07)
//
// The row names and the column names are padded to the same width in every
// row of the Grid. If baseline is not a contender, Report returns one line that
// says so.
func (r RateRow) Report(baseline string) string {
	const fn = "trials.RateRow.Report"
	if r.grid == nil {
		return fn + ": the RateRow was not made by RateGrid.Measure\n"
	}
	g := r.grid
	base, err := g.index(fn, "baseline", baseline)
	if err != nil {
		return err.Error() + "\n"
	}
	rowWidth, columnWidth := widest(g.Rows), widest(g.Columns)
	var b strings.Builder
	for c, column := range g.Columns {
		if rowWidth > 0 {
			fmt.Fprintf(&b, "%-*s ", rowWidth, r.Name)
		}
		fmt.Fprintf(&b, "%*s:", columnWidth, column)
		for k, name := range g.Contenders {
			s := r.Summaries[c][k]
			fmt.Fprintf(&b, "  %s %.2f [%.2f–%.2f]", name, s.Median/g.Scale, s.MedianLow/g.Scale, s.MedianHigh/g.Scale)
		}
		var verdicts []string
		for k, name := range g.Contenders {
			if k != base {
				v := versus(r.Summaries[c][k], r.Summaries[c][base])
				verdicts = append(verdicts, fmt.Sprintf("%s vs %s: %v", name, baseline, v))
			}
		}
		b.WriteString("\n")
		if len(verdicts) > 0 {
			b.WriteString("    " + strings.Join(verdicts, "; ") + "\n")
		}
	}
	return b.String()
}

// Table returns, as a plain-text table, the fastest contender at every point:
// one line per row, one cell per column, headed by corner and the column
// names. A cell names the contender with the highest median and, joined by
// " ≈ ", every other contender whose 95% confidence interval reaches the
// fastest one's: those are not slower by the measurements.
//
//	read section      | 50% reads       | 100% reads
//	lookup only       | Mutex ≈ RWMutex | atomic.Pointer
func (r Rates) Table(corner string) string {
	g := r.Grid
	cells := [][]string{append([]string{corner}, g.Columns...)}
	for _, row := range r.Rows {
		line := []string{row.Name}
		for c := range g.Columns {
			line = append(line, fastest(g.Contenders, row.Summaries[c]))
		}
		cells = append(cells, line)
	}
	widths := make([]int, len(cells[0]))
	for _, line := range cells {
		for i, cell := range line {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for _, line := range cells {
		var parts []string
		for i, cell := range line {
			parts = append(parts, fmt.Sprintf("%-*s", widths[i], cell))
		}
		b.WriteString(strings.TrimRight(strings.Join(parts, " | "), " ") + "\n")
	}
	return b.String()
}

// fastest names the contender with the highest median and, joined by " ≈ ",
// those whose intervals reach its interval.
func fastest(names []string, summaries []stats.Summary) string {
	best := 0
	for k, s := range summaries {
		if s.Median > summaries[best].Median {
			best = k
		}
	}
	cell := names[best]
	for k, s := range summaries {
		if k != best && s.MedianHigh >= summaries[best].MedianLow {
			cell += " ≈ " + names[k]
		}
	}
	return cell
}

// widest is the length in runes of the longest name.
func widest(names []string) int {
	w := 0
	for _, name := range names {
		w = max(w, utf8.RuneCountInString(name))
	}
	return w
}
