// Package peek repeats the trials of notebook 02's first experiment, in which
// main starts a goroutine that raises a flag, sleeps for d, and then peeks at
// the flag. The goroutine, the flag and the sleep stay in the notebook's cell;
// this package runs the trials at every d, summarises them and prints the
// numbers behind the chart:
//
//	// lookAfter(d, work) is one trial: the notebook's own code.
//	line, err := peek.Sweep("flag at once", 250, sleeps, 0, lookAfter)
//	chart.Show(chart.Lines(labels, peek.Labels(sleeps), line))
//
// Bad input (n below one, no sleeps, a nil function) is reported as an error
// that names the function, the parameter and the value. No function in this
// package panics.
package peek

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Look is what one trial saw.
type Look struct {
	Ran      bool          // the goroutine had raised its flag when main looked
	Looked   time.Duration // when main looked, after the go statement: d, or more
	FlagRose time.Duration // when the goroutine raised its flag, after the go statement
}

// Sweep runs n trials of look(d, work) for each d in sleeps, in order, and returns
// the share of trials in which the goroutine had run, one point per d, as a
// chart line called name. It prints one line that starts with name and gives,
// for each d, that share and the medians of Looked and FlagRose:
//
//	flag at once, had run when main looked: d=0s: 0/250 (0%) (main looked after 145ns, the flag rose after 355ns); d=1µs: …
//
// Sweep returns an error if n < 1, sleeps is empty, a sleep or work is
// negative, or look is nil.
func Sweep(name string, n int, sleeps []time.Duration, work time.Duration, look func(d, work time.Duration) Look) (chart.LineSeries, error) {
	const fn = "peek.Sweep"
	switch {
	case n < 1:
		return chart.LineSeries{}, fmt.Errorf("%s: n must be > 0, got %d", fn, n)
	case len(sleeps) == 0:
		return chart.LineSeries{}, errors.New(fn + ": sleeps is empty")
	case work < 0:
		return chart.LineSeries{}, fmt.Errorf("%s: work must be >= 0, got %v", fn, work)
	case look == nil:
		return chart.LineSeries{}, errors.New(fn + ": look is nil")
	}
	for i, d := range sleeps {
		if d < 0 {
			return chart.LineSeries{}, fmt.Errorf("%s: sleeps[%d] must be >= 0, got %v", fn, i, d)
		}
	}
	var ran []stats.Share
	var summary []string
	for _, d := range sleeps {
		looks, err := trials.Run(n, func() Look { return look(d, work) })
		if err != nil {
			return chart.LineSeries{}, fmt.Errorf("%s: %v", fn, err)
		}
		share, _ := stats.Fraction(looks, func(l Look) bool { return l.Ran })
		looked, _ := stats.MedianOf(looks, func(l Look) time.Duration { return l.Looked })
		rose, _ := stats.MedianOf(looks, func(l Look) time.Duration { return l.FlagRose })
		ran = append(ran, share)
		summary = append(summary, fmt.Sprintf("d=%v: %s (main looked after %v, the flag rose after %v)",
			d, share, stats.RoundDuration(looked), stats.RoundDuration(rose)))
	}
	fmt.Fprintf(os.Stdout, "%s, had run when main looked: %s\n", name, strings.Join(summary, "; "))
	return chart.ShareLine(name, ran), nil
}

// Labels returns the sleeps as chart labels, such as "0s", "1µs" and "1ms".
func Labels(sleeps []time.Duration) []string {
	labels := make([]string, len(sleeps))
	for i, d := range sleeps {
		labels[i] = d.String()
	}
	return labels
}
