package check

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// waitWork are the work durations that [Waits] hands out, in turn: from trial
// to trial the work takes from 1ms to 40ms, so that no fixed sleep fits them all.
var waitWork = []time.Duration{
	20 * time.Millisecond, 1 * time.Millisecond, 40 * time.Millisecond,
	5 * time.Millisecond, 2 * time.Millisecond, 10 * time.Millisecond,
}

// waitSlack is what [Waits] allows on top of twice the work: a call that does
// work w may take up to 2w + waitSlack.
const waitSlack = 15 * time.Millisecond

// Waits checks that f waits for its goroutines' work, and no longer: the lesson
// that sleeping is not waiting. Each trial calls f(work), with work taken in
// turn from 20, 1, 40, 5, 2 and 10ms, and times the call. f must start goroutines whose work
// takes work (a time.Sleep(work) stands for a call to another service, say),
// return only when it is all done, and return an error when it finds some of
// it missing, such as "3 of 1,000 jobs had not finished".
//
// A call fails the check at once when it returns an error (it returned too
// early: a fixed sleep that was too short for this work), or returns sooner
// than work (it did not give the work to its goroutines). Calls that take
// longer than 2×work + 15ms fail the check when they are more than a
// quarter of the trials (a fixed sleep long enough for the slowest work wastes
// time on quick work); a few slow calls on a busy machine do not.
//
//	PASS: fan-out: 24/24 trials waited for their 1ms–40ms of work, and no longer (median 1.05× the work; GOMAXPROCS 1, 2; 12 trials each)
//	FAIL: fan-out: trial 3 at GOMAXPROCS=1, with 40ms of work, returned after 5.1ms: 812 of 1,000 jobs had not finished
//	FAIL: fan-out: 16 of 24 trials waited far longer than their work, such as 50.3ms for 1ms (allowed: 2×work + 15ms)
//
// Choose s.Trials as a multiple of 6, such as 12, so that every
// GOMAXPROCS setting sees every work duration (0 means 200).
//
// A nil f or an invalid Spec is not run: the Verdict has Err set.
func Waits(name string, s Spec, f func(work time.Duration) error) Verdict {
	const fn = "check.Waits"
	sp, err := s.resolve(fn)
	if err != nil {
		return invalid(err)
	}
	if f == nil {
		return invalid(errors.New(fn + ": f is nil"))
	}
	if v, done := raceFirst(name, &sp, func() { f(waitWork[0]) }); done {
		return v
	}
	type timed struct {
		work, took time.Duration
		err        error
	}
	var calls atomic.Int64 // read after a blocked trial, which may still run
	var wrong string
	var ratios []float64
	over, total := 0, 0
	example := ""
	h := run(sp, func() timed {
		work := waitWork[(calls.Add(1)-1)%int64(len(waitWork))]
		start := time.Now()
		err := f(work)
		return timed{work, time.Since(start), err}
	}, func(p, i int, t timed) bool {
		total++
		took := stats.RoundDuration(t.took)
		switch {
		case t.err != nil:
			wrong = fmt.Sprintf("trial %d at GOMAXPROCS=%d, with %v of work, returned after %v: %v", i, p, t.work, took, t.err)
			return false
		case t.took < t.work:
			wrong = fmt.Sprintf("trial %d at GOMAXPROCS=%d returned after %v, before the %v it had to wait: a fixed sleep, or work not handed to the goroutines?", i, p, took, t.work)
			return false
		case t.took > 2*t.work+waitSlack:
			over++
			if example == "" {
				example = fmt.Sprintf("%v for %v", took, t.work)
			}
		}
		ratios = append(ratios, float64(t.took)/float64(t.work))
		return true
	})
	if h.text != "" {
		r := stoppedReport(name, h, sp)
		if h.why == blocked { // in Waits, more likely work done one job after another than a deadlock
			trial, _, _ := strings.Cut(h.text, " blocked:")
			r.line = fmt.Sprintf("%s, with %v of work, was still running after %v: far longer than its work (jobs run one after another, or blocked)",
				trial, waitWork[(calls.Load()-1)%int64(len(waitWork))], sp.timeout)
			r.hint = hintBlockedWait
		}
		return r.print()
	}
	r := sp.report(name)
	switch {
	case wrong != "":
		r.line, r.hint = wrong, hintReturnedEarly
		return r.print()
	case over > total/4:
		r.line = fmt.Sprintf("%d of %d trials waited far longer than their work, such as %s (allowed: 2×work + %v)",
			over, total, example, waitSlack)
		r.hint = hintOverslept
		return r.print()
	}
	sum, err := stats.Summarize(ratios)
	if err != nil { // not expected: every trial recorded a ratio
		return invalid(fmt.Errorf("%s: %v", fn, err))
	}
	lo, hi := slices.Min(waitWork), slices.Max(waitWork)
	r.pass = true
	r.line = fmt.Sprintf("%d/%d trials waited for their %v–%v of work, and no longer (median %s× the work; %s)",
		total, total, lo, hi, num(sum.Median), sp.settings())
	return r.print()
}

// Hints of Waits, used when the Spec has none.
const (
	hintReturnedEarly = "the function returned before its goroutines had finished: a time.Sleep guesses how long " +
		"the work takes, and this time the work took longer. Wait for the goroutines themselves: a sync.WaitGroup, " +
		"or a channel that each one sends on when it is done."
	hintBlockedWait = "a call that runs far longer than its work either waits for its jobs one after another " +
		"(a Wait inside the loop that starts them) or waits for something that never happens (a deadlock): " +
		"start every job first, then wait once for all of them."
	hintOverslept = "the function waits much longer than the work takes: a sleep long enough for the slowest work " +
		"wastes time on quick work. Wait for the goroutines themselves, not for a fixed time."
)
