package check

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
)

// Consistent checks that a reader always sees the same value while a writer
// keeps changing the data behind it: for example that the total stock stays
// the same while stock moves between items, which fails when a write can land
// in the middle of a read.
//
// Each trial calls setup for fresh state, which returns the two sides: read,
// which returns the value that must not change, and write, which changes the
// data without changing that value. The trial calls read once, before any
// write, for the value to expect. Then it calls write(0), write(1), … without
// pause on another goroutine, while it calls read again and again for the
// given duration. A trial fails if read returns anything else. It runs s.Trials
// trials under each GOMAXPROCS setting of s, each limited to s.Timeout, so a
// read or a write that deadlocks fails the check instead of hanging (see the
// package documentation).
//
//	PASS: nested read lock: 20/20 trials passed: 48213 reads saw no change while 912345 writes ran (GOMAXPROCS 1, 2; 10 trials each)
//	FAIL: nested read lock: 4 of 20 trials failed; the first, trial 2 at GOMAXPROCS=2: read gave 39 while the writer ran, want 40, as before the writes
//
// Values are compared with ==. A panic in write is reported like one in read,
// because the writer runs through guard.Go.
//
// A duration <= 0, a nil setup or an invalid Spec is not run: the Verdict has
// Err set. A setup that returns a nil read or write fails the trial.
func Consistent[T comparable](name string, s Spec, duration time.Duration, setup func() (read func() T, write func(i int))) Verdict {
	const fn = "check.Consistent"
	sp, err := s.resolve(fn)
	if err != nil {
		return invalid(err)
	}
	switch {
	case duration <= 0:
		return invalid(fmt.Errorf("%s: duration must be > 0, got %v", fn, duration))
	case setup == nil:
		return invalid(errors.New(fn + ": setup is nil"))
	}

	type result struct {
		reads, writes int
		want          T
		err           error
	}
	trial := func() (r result) {
		read, write := setup()
		if read == nil || write == nil {
			r.err = errors.New("setup returned a nil read or write")
			return r
		}
		r.want = read() // no writer yet
		var stop atomic.Bool
		writerDone := make(chan struct{})
		writes := 0
		// The writer stops when told, or at the trial's timeout: a trial left
		// behind as blocked does not keep it writing.
		giveUp := time.Now().Add(sp.timeout)
		guard.Go(func() {
			defer close(writerDone)
			for i := 0; !stop.Load() && (i%64 != 0 || time.Now().Before(giveUp)); i++ {
				write(i)
				writes++
			}
		})
		defer func() {
			stop.Store(true)
			<-writerDone
			r.writes = writes
		}()
		for start := time.Now(); time.Since(start) < duration; {
			got := read()
			r.reads++
			if got != r.want {
				r.err = fmt.Errorf("read gave %s while the writer ran, want %s, as before the writes", show(got), show(r.want))
				return r
			}
		}
		return r
	}

	if v, done := raceFirst(name, &sp, func() { trial() }); done {
		return v
	}
	t := newTally()
	var first string
	reads, writes := 0, 0
	h := run(sp, trial, func(p, i int, r result) bool {
		t.count(p, r.err != nil)
		reads, writes = reads+r.reads, writes+r.writes
		if r.err != nil && first == "" {
			first = fmt.Sprintf("trial %d at GOMAXPROCS=%d: %v", i, p, r.err)
		}
		return true
	})
	if h.text != "" {
		return stoppedReport(name, h, sp).print()
	}
	return t.verdict(name, sp, "failed",
		fmt.Sprintf("%d/%d trials passed: %d reads saw no change while %d writes ran (%s)",
			t.total, t.total, reads, writes, sp.settings()),
		fmt.Sprintf("%d of %d trials failed; the first, %s", t.failed, t.total, first))
}
