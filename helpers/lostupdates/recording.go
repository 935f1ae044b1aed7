package lostupdates

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/timeline"
)

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

// Want returns the final value of a correct trial: one increment per goroutine.
func (r Recording) Want() int { return len(r.Reads) }

// Lost returns the number of updates the trial lost: Want() - Final.
func (r Recording) Lost() int { return r.Want() - r.Final }

// SameReads says which goroutines read the same value, the cause of a lost
// update: for the smallest value read by two or more goroutines, for example
// "goroutines 1 and 2 both read 0, so both wrote 1" or "goroutines 1, 2, 3
// all read 0, so all wrote 1". If every goroutine read a different value, it
// returns "no two goroutines read the same value".
func (r Recording) SameReads() string {
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
	if r.Final == r.Want() {
		return fmt.Sprintf("%s: the counter ends at %d, as it should", r.SameReads(), r.Final)
	}
	return fmt.Sprintf("%s: the counter ends at %d, not %d", r.SameReads(), r.Final, r.Want())
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
		fmt.Fprintf(&b, "lost %d update(s): final counter %d, want %d", lost, r.Final, r.Want())
	case lost == 0:
		fmt.Fprintf(&b, "no update lost: final counter %d, want %d", r.Final, r.Want())
	default:
		fmt.Fprintf(&b, "counted %d update(s) too many: final counter %d, want %d", -lost, r.Final, r.Want())
	}
	for g, v := range r.Reads {
		fmt.Fprintf(&b, "\n  goroutine %d read %d and wrote %d", g+1, v, v+1)
	}
	return b.String()
}
