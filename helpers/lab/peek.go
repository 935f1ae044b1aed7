// Used by notebook 02 (02_goroutines.ipynb).

package lab

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Peek is what one trial of notebook 02's first experiment saw: main starts a
// goroutine that raises a flag, sleeps for d, and then peeks at the flag.
type Peek struct {
	Ran      bool          // the goroutine had raised its flag when main looked
	Looked   time.Duration // when main looked, after the go statement: d, or more
	FlagRose time.Duration // when the goroutine raised its flag, after the go statement
}

// Peeked is what [PeekAfterSleeps] saw: for each sleep, in order, the share of
// trials in which the goroutine had run when main looked.
type Peeked struct {
	Name string        // the name given to PeekAfterSleeps, for the chart's legend
	Ran  []stats.Share // one per sleep
}

// PeekAfterSleeps runs n trials of look(d, work) for each d in sleeps, in
// order, and returns the share of trials in which the goroutine had run, one
// per d. It prints one line that starts with name and gives, for each d, that
// share and the medians of Looked and FlagRose:
//
//	flag at once, had run when main looked: d=0s: 0/250 (0%) (main looked after 145ns, the flag rose after 355ns); d=1µs: …
//
// The goroutine, the flag and the sleep stay in the caller's look function.
// PeekAfterSleeps returns an error, and prints nothing, if n < 1, sleeps is
// empty, a sleep or work is negative, or look is nil.
func PeekAfterSleeps(name string, n int, sleeps []time.Duration, work time.Duration, look func(d, work time.Duration) Peek) (Peeked, error) {
	const fn = "lab.PeekAfterSleeps"
	switch {
	case n < 1:
		return Peeked{}, fmt.Errorf("%s: n must be > 0, got %d", fn, n)
	case len(sleeps) == 0:
		return Peeked{}, errors.New(fn + ": sleeps is empty")
	case work < 0:
		return Peeked{}, fmt.Errorf("%s: work must be >= 0, got %v", fn, work)
	case look == nil:
		return Peeked{}, errors.New(fn + ": look is nil")
	}
	for i, d := range sleeps {
		if d < 0 {
			return Peeked{}, fmt.Errorf("%s: sleeps[%d] must be >= 0, got %v", fn, i, d)
		}
	}
	peeked := Peeked{Name: name}
	var summary []string
	for _, d := range sleeps {
		peeks, err := trials.Run(n, func() Peek { return look(d, work) })
		if err != nil {
			return Peeked{}, fmt.Errorf("%s: %v", fn, err)
		}
		share, _ := stats.Fraction(peeks, func(p Peek) bool { return p.Ran })
		looked, _ := stats.MedianOf(peeks, func(p Peek) time.Duration { return p.Looked })
		rose, _ := stats.MedianOf(peeks, func(p Peek) time.Duration { return p.FlagRose })
		peeked.Ran = append(peeked.Ran, share)
		summary = append(summary, fmt.Sprintf("d=%v: %s (main looked after %v, the flag rose after %v)",
			d, share, stats.RoundDuration(looked), stats.RoundDuration(rose)))
	}
	fmt.Printf("%s, had run when main looked: %s\n", name, strings.Join(summary, "; "))
	return peeked, nil
}
