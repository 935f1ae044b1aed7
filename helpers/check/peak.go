package check

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// peakJobTime is how long each job that [AtMost] hands out lasts: long enough
// that jobs started together overlap, on any number of cores, because a job
// waits (time.Sleep) rather than computes.
const peakJobTime = time.Millisecond

// General hints of AtMost.
const (
	hintOverLimit = "something lets more jobs start before others end: take a slot before each job " +
		"(a send on a buffered channel of capacity limit, or errgroup's SetLimit) and give it back when the job ends."
	hintOneAtATime = "the jobs never overlapped: start each one on its own goroutine (within the limit) " +
		"instead of calling them one after another."
)

// AtMost checks a limit on concurrency: f must run jobs at the same time, but
// never more than limit at once. Each trial calls f with a fresh job, a
// function that lasts peakJobTime and counts how many calls of it are in
// flight; f calls job once for every piece of work, from whatever goroutines
// it starts, and returns nil, or an error that says what went wrong (a result
// missing, the wrong error returned).
//
// The check fails when a trial's f returns an error; when a trial's peak in
// flight exceeds limit; when a job is still in flight after f has returned, or
// starts after it (f did not wait for its goroutines: the check watches for
// such jobs for peakJobTime after f returns); or when the peak never reached 2
// in any trial (the jobs ran one after another, so no limit was tested). The
// Spec's Hints, if any, replace the general hints.
//
//	PASS: bounded fetch: at most 4 jobs in flight, and 4 at the peak (GOMAXPROCS 1, 2; 10 trials each)
//	FAIL: bounded fetch: peak 9 jobs in flight, limit 4 (trial 1 at GOMAXPROCS=1; 20 of 20 trials over the limit)
//	FAIL: bounded fetch: the jobs ran one at a time: peak 1 job in flight in every trial, limit 4
//
// A limit below 2 (a limit of 1 means one at a time), a nil f or an invalid
// Spec is not run: the Verdict has Err set.
func AtMost(name string, s Spec, limit int, f func(job func()) error) Verdict {
	const fn = "check.AtMost"
	sp, err := s.resolve(fn)
	if err != nil {
		return invalid(err)
	}
	switch {
	case limit < 2:
		return invalid(fmt.Errorf("%s: limit must be >= 2 (a limit of 1 is one job at a time), got %d", fn, limit))
	case f == nil:
		return invalid(errors.New(fn + ": f is nil"))
	}
	if v, done := raceFirst(name, &sp, func() { f(newPeakJob().run) }); done {
		return v
	}
	type trial struct {
		peak, after int // the peak in flight, and the jobs in flight or started after f returned
		err         error
	}
	var (
		wrong       string // the first trial that went wrong, and how
		over, total int
		firstOver   string
		most, least = 0, -1 // the highest and lowest peak of any trial
	)
	h := run(sp, func() trial {
		j := newPeakJob()
		err := f(j.run)
		j.returned.Store(true)
		after := int(j.now.Load())
		time.Sleep(peakJobTime) // a goroutine that f started but did not wait for has begun its job by now
		return trial{int(j.peak.Load()), after + int(j.late.Load()), err}
	}, func(p, i int, t trial) bool {
		total++
		switch {
		case t.err != nil:
			wrong = fmt.Sprintf("trial %d at GOMAXPROCS=%d: %v", i, p, t.err)
			return false
		case t.after > 0:
			wrong = fmt.Sprintf("trial %d at GOMAXPROCS=%d: %d job%s in flight or started after f returned: f must wait for its goroutines",
				i, p, t.after, wereOrWas(t.after))
			return false
		}
		if t.peak > limit {
			over++
			if firstOver == "" {
				firstOver = fmt.Sprintf("peak %d jobs in flight, limit %d (trial %d at GOMAXPROCS=%d", t.peak, limit, i, p)
			}
		}
		most = max(most, t.peak)
		if least < 0 || t.peak < least {
			least = t.peak
		}
		return true
	})
	if h.text != "" {
		return stoppedReport(name, h, sp).print()
	}
	r := sp.report(name)
	switch {
	case wrong != "":
		r.line, r.hint, r.race = wrong, hintAlways, true
	case over > 0:
		r.line, r.hint = fmt.Sprintf("%s; %d of %d trials over the limit)", firstOver, over, total), hintOverLimit
	case most == 0:
		r.line, r.hint = fmt.Sprintf("f never called job, in any of %d trials: call it once for every piece of work", total), hintOneAtATime
	case most < 2:
		r.line, r.hint = fmt.Sprintf("the jobs ran one at a time: peak %d job%s in flight in every trial, limit %d", most, plural(most), limit), hintOneAtATime
	default:
		r.pass = true
		peaks := fmt.Sprintf("%d at the peak", most)
		if least != most {
			peaks = fmt.Sprintf("%d–%d at the peak", least, most)
		}
		r.line = fmt.Sprintf("at most %d jobs in flight, and %s (%s)", limit, peaks, sp.settings())
	}
	return r.print()
}

// peakJob is the instrumented job of one AtMost trial.
type peakJob struct {
	now, peak atomic.Int64
	returned  atomic.Bool  // f has returned
	late      atomic.Int64 // jobs started after f returned
}

func newPeakJob() *peakJob { return &peakJob{} }

// run is the job: it counts itself in flight for peakJobTime.
func (j *peakJob) run() {
	if j.returned.Load() {
		j.late.Add(1)
	}
	n := j.now.Add(1)
	for p := j.peak.Load(); n > p && !j.peak.CompareAndSwap(p, n); p = j.peak.Load() {
	}
	time.Sleep(peakJobTime)
	j.now.Add(-1)
}

func wereOrWas(n int) string {
	if n == 1 {
		return " was"
	}
	return "s were"
}
