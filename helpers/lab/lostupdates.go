// Used by notebook 04 (04_mutex.ipynb).

package lab

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/timeline"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// A Counter is a counting program under test: a data race in counter++ shows
// only in some runs, so [Repeat] runs it many times. The counting code itself
// (the goroutines, the counter, the lock) stays with the caller, in Count.
type Counter struct {
	Name  string     // for printed lines and chart legends: "100 × 1, paused"
	Want  int        // the final value of a correct run: one per increment
	Count func() int // runs the program once and returns the counter's final value
}

// Counted is what a [Counter] gave in many trials under one GOMAXPROCS.
type Counted struct {
	Name   string // the Counter's Name
	Procs  int    // the GOMAXPROCS the trials ran under
	Want   int    // the Counter's Want
	Finals []int  // the final value of every trial, in order
}

// Repeat calls c.Count n times, one trial after another, under
// GOMAXPROCS=procs (see [trials.WithProcs]), and returns every final value.
// Like [trials.Run], it shows a progress bar when it takes more than about a
// second.
//
// Repeat returns an error, without calling c.Count, if c.Count is nil, n < 1,
// or procs is not between 1 and trials.MaxProcs; for example "lab.Repeat:
// trials.Run: n must be > 0, got 0".
func Repeat(n, procs int, c Counter) (Counted, error) {
	if c.Count == nil {
		return Counted{}, fmt.Errorf("lab.Repeat: the Count of counter %q is nil", c.Name)
	}
	var finals []int
	var runErr error
	err := trials.WithProcs(procs, func() { finals, runErr = trials.Run(n, c.Count) })
	if err = errors.Join(err, runErr); err != nil {
		return Counted{}, fmt.Errorf("lab.Repeat: %w", err)
	}
	return Counted{Name: c.Name, Procs: procs, Want: c.Want, Finals: finals}, nil
}

// Lost counts the trials whose final value is not Want: they lost updates
// (or, if the final value is above Want, counted some twice). Counted without
// trials gives 0/0.
func (c Counted) Lost() stats.Share {
	s, _ := stats.Fraction(c.Finals, func(final int) bool { return final != c.Want })
	return s
}

// Exact counts the trials whose final value is Want. Counted without trials
// gives 0/0.
func (c Counted) Exact() stats.Share {
	s, _ := stats.Fraction(c.Finals, func(final int) bool { return final == c.Want })
	return s
}

// Lowest returns the lowest final value of any trial, or 0 without trials.
func (c Counted) Lowest() int {
	if len(c.Finals) == 0 {
		return 0
	}
	return slices.Min(c.Finals)
}

// A Recording is one trial of a counter in which every goroutine did
// counter++ once, written out as its three steps: read the counter, add one,
// write it back. Reads[g] is the value goroutine g+1 read (and so Reads[g]+1
// the value it wrote), Final the counter's value at the end, and Spans the
// steps as a timeline.Recorder recorded them, for chart.Timeline.
type Recording struct {
	Reads []int
	Final int
	Spans []timeline.Span
}

// want returns the final value of a correct trial: one increment per goroutine.
func (r Recording) want() int { return len(r.Reads) }

// Lost returns the number of updates the trial lost: one per goroutine (len(Reads))
// minus Final; negative if the counter ended above that.
func (r Recording) Lost() int { return r.want() - r.Final }

// sameReads says which goroutines read the same value, the cause of a lost
// update: for the smallest value read by two or more goroutines, for example
// "goroutines 1 and 2 both read 0, so both wrote 1" or "goroutines 1, 2, 3
// all read 0, so all wrote 1". If every goroutine read a different value, it
// returns "no two goroutines read the same value".
func (r Recording) sameReads() string {
	readers := map[int][]string{}
	for g, v := range r.Reads {
		readers[v] = append(readers[v], strconv.Itoa(g+1))
	}
	first, found := 0, false
	for v, who := range readers {
		if len(who) > 1 && (!found || v < first) {
			first, found = v, true
		}
	}
	if !found {
		return "no two goroutines read the same value"
	}
	who := readers[first]
	if len(who) == 2 {
		return fmt.Sprintf("goroutines %s and %s both read %d, so both wrote %d", who[0], who[1], first, first+1)
	}
	return fmt.Sprintf("goroutines %s all read %d, so all wrote %d", strings.Join(who, ", "), first, first+1)
}

// Takeaway is a one-line account of the trial for a chart's subtitle, for
// example "goroutines 1 and 2 both read 0, so both wrote 1: the counter ends
// at 2, not 3", or "no two goroutines read the same value: the counter ends
// at 3, as it should".
func (r Recording) Takeaway() string {
	if r.Final == r.want() {
		return fmt.Sprintf("%s: the counter ends at %d, as it should", r.sameReads(), r.Final)
	}
	return fmt.Sprintf("%s: the counter ends at %d, not %d", r.sameReads(), r.Final, r.want())
}

// String describes the trial: a line with the updates lost and the final
// value, then one line per goroutine with what it read and wrote:
//
//	lost 1 update(s): final counter 2, want 3
//	  goroutine 1 read 0 and wrote 1
//	  goroutine 2 read 0 and wrote 1
//	  goroutine 3 read 1 and wrote 2
func (r Recording) String() string {
	var b strings.Builder
	switch lost := r.Lost(); {
	case lost > 0:
		fmt.Fprintf(&b, "lost %d update(s): final counter %d, want %d", lost, r.Final, r.want())
	case lost == 0:
		fmt.Fprintf(&b, "no update lost: final counter %d, want %d", r.Final, r.want())
	default:
		fmt.Fprintf(&b, "counted %d update(s) too many: final counter %d, want %d", -lost, r.Final, r.want())
	}
	for g, v := range r.Reads {
		fmt.Fprintf(&b, "\n  goroutine %d read %d and wrote %d", g+1, v, v+1)
	}
	return b.String()
}
