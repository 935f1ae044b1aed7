package bench

import (
	"math"
	"slices"
	"strings"
)

// Kinds of code cells in the report.
const (
	// KindCommand is a cell with only special commands (%goflags, %env) and shell lines
	// (!cmd): GoNB compiles nothing for it.
	KindCommand = "command"
	// KindPlain is a Go cell that shows no chart and whose program runs for less than
	// ExperimentRun: declarations, seed programs, exercise starters. Its wall time is
	// GoNB's overhead plus the build.
	KindPlain = "plain"
	// KindExperiment is a Go cell that shows a chart, or whose program runs for
	// ExperimentRun or longer: it measures something, or waits on purpose.
	KindExperiment = "experiment"
)

// ExperimentRun is the run time of a cell's program (the median over the warm runs of
// GoNB's run phase) from which the cell counts as an experiment.
const ExperimentRun = 0.1 // seconds

// IsCommand reports whether a cell's source holds no Go code: every line is blank, a
// comment, a special command (%goflags, %env, …; not %% or %main or %test, which start Go
// code) or a shell command (!cmd, !*cmd), counting backslash-continued lines with theirs.
func IsCommand(source string) bool {
	continued := false
	for _, line := range strings.Split(source, "\n") {
		t := strings.TrimSpace(line)
		wasContinued := continued
		continued = strings.HasSuffix(t, `\`)
		switch {
		case wasContinued, t == "", strings.HasPrefix(t, "//"), strings.HasPrefix(t, "!"):
		case strings.HasPrefix(t, "%"):
			word := strings.Fields(t)[0]
			if word == "%%" || word == "%main" || word == "%test" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Classify returns the kind of a code cell from its source, the median run time of its
// program in seconds (NaN when unknown, for a cell that did not build) and whether it
// showed a chart.
func Classify(source string, run float64, charts bool) string {
	switch {
	case IsCommand(source):
		return KindCommand
	case charts || run >= ExperimentRun:
		return KindExperiment
	default:
		return KindPlain
	}
}

// Median returns the median of xs, or NaN for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// RelativeSpread returns (max − min) / |median| of xs, and false when it is undefined:
// fewer than two values, or a median of 0 with values that differ.
func RelativeSpread(xs []float64) (float64, bool) {
	if len(xs) < 2 {
		return 0, false
	}
	lo, hi, med := slices.Min(xs), slices.Max(xs), Median(xs)
	if hi == lo {
		return 0, true
	}
	if med == 0 {
		return 0, false
	}
	return (hi - lo) / math.Abs(med), true
}

// firstLine is the first non-blank line of a cell, shortened for tables.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if len([]rune(l)) > 60 {
				l = string([]rune(l)[:57]) + "..."
			}
			return l
		}
	}
	return ""
}
