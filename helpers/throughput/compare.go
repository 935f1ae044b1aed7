package throughput

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Grid says how to compare competing implementations (the contenders): at
// every point of a grid of settings, rows by columns, each contender is
// measured Repetitions times. For example, the contenders "Mutex", "RWMutex"
// and "atomic.Pointer", rows for two read sections and columns for four shares
// of reads.
type Grid struct {
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
// one. Like [trials.Run], which it uses, Measure shows a progress bar when it
// takes more than about a second.
//
// Measure returns an error, without calling measure, if g is not valid (see
// [Grid]) or measure is nil. It stops at the first error that measure returns,
// or the first Rate without a positive Elapsed, and returns that error with the
// point and the contender.
func (g Grid) Measure(measure func(row, column, contender int) (Rate, error)) (Result, error) {
	const fn = "throughput.Grid.Measure"
	if err := g.check(fn); err != nil {
		return Result{}, err
	}
	if measure == nil {
		return Result{}, errors.New(fn + ": measure is nil")
	}
	g.Contenders, g.Columns = slices.Clone(g.Contenders), slices.Clone(g.Columns)
	g.Rows = slices.Clone(g.Rows)
	if len(g.Rows) == 0 {
		g.Rows = []string{""}
	}
	if g.Scale == 0 {
		g.Scale = 1
	}

	// samples[row][column][contender] collects the operations per second.
	samples := make([][][][]float64, len(g.Rows))
	for r := range samples {
		samples[r] = make([][][]float64, len(g.Columns))
		for c := range samples[r] {
			samples[r][c] = make([][]float64, len(g.Contenders))
		}
	}
	var failure error
	_, err := trials.Run(g.Repetitions, func() bool {
		for r := range g.Rows {
			for c := range g.Columns {
				for k := range g.Contenders {
					if failure != nil {
						return false
					}
					rate, err := measure(r, c, k)
					if err == nil && rate.Elapsed <= 0 {
						err = fmt.Errorf("the Rate has no elapsed time (%d ops in %v)", rate.Ops, rate.Elapsed)
					}
					if err != nil {
						failure = fmt.Errorf("%s: %s: %w", fn, g.point(r, c, k), err)
						return false
					}
					samples[r][c][k] = append(samples[r][c][k], rate.PerSecond())
				}
			}
		}
		return true
	})
	if err != nil { // not expected: g.Repetitions and the experiment are valid
		return Result{}, err
	}
	if failure != nil {
		return Result{}, failure
	}

	result := Result{Grid: g}
	for r, name := range g.Rows {
		row := Row{Name: name, Samples: samples[r], Summaries: make([][]stats.Summary, len(g.Columns)), grid: &g}
		for c := range g.Columns {
			row.Summaries[c] = make([]stats.Summary, len(g.Contenders))
			for k := range g.Contenders {
				s, err := stats.Summarize(samples[r][c][k])
				if err != nil { // not expected: finite rates, at least one
					return Result{}, fmt.Errorf("%s: %s: %w", fn, g.point(r, c, k), err)
				}
				row.Summaries[c][k] = s
			}
		}
		result.Rows = append(result.Rows, row)
	}
	return result, nil
}

// check reports what is wrong with g, if anything; fn names the caller.
func (g Grid) check(fn string) error {
	switch {
	case len(g.Contenders) == 0:
		return fmt.Errorf("%s: Grid.Contenders is empty", fn)
	case len(g.Columns) == 0:
		return fmt.Errorf("%s: Grid.Columns is empty", fn)
	case g.Repetitions < 1:
		return fmt.Errorf("%s: Grid.Repetitions must be >= 1, got %d", fn, g.Repetitions)
	case g.Scale < 0 || math.IsNaN(g.Scale) || math.IsInf(g.Scale, 0):
		return fmt.Errorf("%s: Grid.Scale must be a finite number >= 0 (0 means 1), got %v", fn, g.Scale)
	}
	for i, name := range g.Contenders {
		if j := slices.Index(g.Contenders, name); j < i {
			return fmt.Errorf("%s: Grid.Contenders[%d] and [%d] are both %q: every contender needs its own name", fn, j, i, name)
		}
	}
	return nil
}

// point names a contender at a point of g, for errors.
func (g Grid) point(row, column, contender int) string {
	where := fmt.Sprintf("column %q", g.Columns[column])
	if g.Rows[row] != "" {
		where = fmt.Sprintf("row %q, %s", g.Rows[row], where)
	}
	return fmt.Sprintf("%s, contender %q", where, g.Contenders[contender])
}

// Result is what [Grid.Measure] measured: one Row per row of the Grid.
type Result struct {
	// Grid is the grid measured, with its defaults filled in: Rows has one
	// empty name if it was empty, and Scale is 1 if it was 0.
	Grid Grid
	Rows []Row
}

// Row is the measurements of one row of a Grid.
type Row struct {
	Name string
	// Samples[column][contender] holds the operations per second measured, one
	// per repetition, in order.
	Samples [][][]float64
	// Summaries[column][contender] summarises them: the median, and the 95%
	// confidence interval of the median in MedianLow and MedianHigh.
	Summaries [][]stats.Summary

	grid *Grid // the names and the scale
}

// Verdict compares two contenders at one point by the 95% confidence
// intervals of their medians: one is faster only when the intervals do not
// overlap. Otherwise it is a tie, whatever the medians say.
type Verdict struct {
	A, B string
	// Faster is true when A's interval lies wholly above B's, Slower when it
	// lies wholly below; neither means a tie.
	Faster, Slower bool
	// Ratio is A's median divided by B's (0 when B's median is 0).
	Ratio float64
	// Err is set when the comparison could not be made (an unknown name, a
	// column out of range); the other fields are then zero.
	Err error
}

// String describes the verdict from A's side: "faster (×1.35)",
// "slower (×0.07)" or "tie (CIs overlap)", or the problem when Err is set.
func (v Verdict) String() string {
	switch {
	case v.Err != nil:
		return v.Err.Error()
	case v.Faster:
		return fmt.Sprintf("faster (×%.2f)", v.Ratio)
	case v.Slower:
		return fmt.Sprintf("slower (×%.2f)", v.Ratio)
	}
	return "tie (CIs overlap)"
}

// Versus compares contender a with contender b at the given column of the row.
func (r Row) Versus(column int, a, b string) Verdict {
	const fn = "throughput.Row.Versus"
	if r.grid == nil {
		return Verdict{Err: errors.New(fn + ": the Row was not made by Grid.Measure")}
	}
	if column < 0 || column >= len(r.grid.Columns) {
		return Verdict{Err: fmt.Errorf("%s: column must be between 0 and %d, got %d", fn, len(r.grid.Columns)-1, column)}
	}
	i, j, err := r.grid.pair(fn, a, b)
	if err != nil {
		return Verdict{Err: err}
	}
	return versus(a, b, r.Summaries[column][i], r.Summaries[column][j])
}

// versus compares two summaries by the intervals of their medians.
func versus(a, b string, x, y stats.Summary) Verdict {
	v := Verdict{A: a, B: b, Faster: x.MedianLow > y.MedianHigh, Slower: x.MedianHigh < y.MedianLow}
	if y.Median != 0 {
		v.Ratio = x.Median / y.Median
	}
	return v
}

// pair finds the contenders a and b, or says which name is unknown.
func (g *Grid) pair(fn, a, b string) (i, j int, err error) {
	if i, err = g.index(fn, "a", a); err != nil {
		return 0, 0, err
	}
	if j, err = g.index(fn, "b", b); err != nil {
		return 0, 0, err
	}
	return i, j, nil
}

// index finds the contender name, passed as the parameter param of fn.
func (g *Grid) index(fn, param, name string) (int, error) {
	i := slices.Index(g.Contenders, name)
	if i < 0 {
		return 0, fmt.Errorf("%s: %s is %q, not one of the contenders (%s)", fn, param, name, strings.Join(g.Contenders, ", "))
	}
	return i, nil
}

// Tally counts, over the columns of a row, how often one contender was faster
// than another, tied with it, and slower, by [Verdict]s.
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
func (r Row) Tally(a, b string) Tally {
	const fn = "throughput.Row.Tally"
	if r.grid == nil {
		return Tally{Err: errors.New(fn + ": the Row was not made by Grid.Measure")}
	}
	i, j, err := r.grid.pair(fn, a, b)
	if err != nil {
		return Tally{Err: err}
	}
	var t Tally
	for c := range r.grid.Columns {
		switch v := versus(a, b, r.Summaries[c][i], r.Summaries[c][j]); {
		case v.Faster:
			t.Faster++
		case v.Slower:
			t.Slower++
		default:
			t.Ties++
		}
	}
	return t
}

// Bars returns the row as the series of a grouped bar chart with the Grid's
// Columns as categories: one series per contender, named after it, with the
// medians as bars and their 95% confidence intervals as error bars, divided by
// the Grid's Scale. It returns nil for a Row not made by Grid.Measure.
func (r Row) Bars() []chart.BarSeries {
	if r.grid == nil {
		return nil
	}
	bars := make([]chart.BarSeries, len(r.grid.Contenders))
	for k, name := range r.grid.Contenders {
		bars[k].Name = name
		for c := range r.grid.Columns {
			s := r.Summaries[c][k]
			bars[k].Values = append(bars[k].Values, s.Median/r.grid.Scale)
			bars[k].Low = append(bars[k].Low, s.MedianLow/r.grid.Scale)
			bars[k].High = append(bars[k].High, s.MedianHigh/r.grid.Scale)
		}
	}
	return bars
}

// Report describes the row in two lines per column: the median of every
// contender with its 95% confidence interval (divided by the Grid's Scale, with
// two decimals), then the [Verdict] of every other contender against baseline:
//
//	lookup only        50% reads:  Mutex 17.40 [17.20–17.93]  RWMutex 17.34 [15.46–17.85]  atomic.Pointer 1.28 [1.09–1.72]
//	    RWMutex vs Mutex: tie (CIs overlap); atomic.Pointer vs Mutex: slower (×0.07)
//
// The row names and the column names are padded to the same width in every
// row of the Grid. If baseline is not a contender, Report returns one line that
// says so.
func (r Row) Report(baseline string) string {
	const fn = "throughput.Row.Report"
	if r.grid == nil {
		return fn + ": the Row was not made by Grid.Measure\n"
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
				v := versus(name, baseline, r.Summaries[c][k], r.Summaries[c][base])
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
func (r Result) Table(corner string) string {
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
