// Package waiting measures ways of waiting for a group of workers, such as
// sleeping a fixed time or calling sync.WaitGroup.Wait, on two counts:
//
//   - completeness: had every worker finished when the waiting stopped?
//   - waste: how long after the slowest worker finished did it stop?
//
// A [Tracker] watches one trial: the workers call Finished when their work is
// done, and each way of waiting calls Look at the moment it stops waiting.
// [Tally] turns many trials into one [Outcome] per way of waiting,
// [Report] prints them for an experiment of sleeps against wg.Wait(), and
// [Series] draws outcomes on a chart of waste against completeness:
//
//	track := waiting.Start(workers)
//	for range workers {
//		wg.Go(func() { work(); track.Finished() })
//	}
//	wg.Wait()
//	return track.Trial(track.Look())
//
// Bad input (no trials, trials that disagree on the ways of waiting, a count
// out of range) is reported as an error that names the function, the parameter
// and the value, for example "waiting.Tally: trials[3].Workers must be >= 1,
// got 0". No function in this package panics.
package waiting

import (
	"sync"
	"time"
)

// Tracker watches one trial: when each worker finished, and what each way of
// waiting saw when it stopped. Its clock starts when [Start] is called; all
// times are offsets from then, measured with the monotonic clock. Its methods
// are safe for concurrent use. A nil *Tracker records nothing: Look and Trial
// return zero values and SleepUntil returns at once.
type Tracker struct {
	start   time.Time
	workers int

	mu       sync.Mutex
	finished int
	slowest  time.Duration
}

// Start returns a Tracker for the given number of workers whose clock starts
// now. (A count below one is reported by [Tally], which checks every trial.)
func Start(workers int) *Tracker {
	return &Tracker{start: time.Now(), workers: workers}
}

// Finished records that one worker's work is done, now. Each worker calls it
// once, as the last thing it does before it signals that it is done (before
// its WaitGroup.Done, for example).
func (t *Tracker) Finished() {
	if t == nil {
		return
	}
	now := time.Since(t.start)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.finished++
	t.slowest = max(t.slowest, now)
}

// Look records what a way of waiting sees at the moment it stops waiting: the
// time since the start, and how many workers had called Finished by then.
func (t *Tracker) Look() Look {
	if t == nil {
		return Look{}
	}
	now := time.Since(t.start)
	t.mu.Lock()
	defer t.mu.Unlock()
	return Look{At: now, Finished: t.finished}
}

// SleepUntil sleeps until d after the start, like time.Sleep(d) called at the
// start, so that one trial can stop "sleeping" at several instants in turn.
// It returns at once if that instant has passed.
func (t *Tracker) SleepUntil(d time.Duration) {
	if t == nil {
		return
	}
	time.Sleep(time.Until(t.start.Add(d)))
}

// Trial returns the trial as seen so far: the number of workers, when the
// slowest of those that called Finished finished, and the looks given, one per
// way of waiting, in the order the trial's caller wants them tallied. Call it
// once every worker has finished.
func (t *Tracker) Trial(looks ...Look) Trial {
	if t == nil {
		return Trial{}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return Trial{Workers: t.workers, Slowest: t.slowest, Looks: looks}
}

// Look is what one way of waiting saw when it stopped waiting.
type Look struct {
	At       time.Duration // when the waiting stopped, since the start of the trial
	Finished int           // how many workers had finished by then
}

// Complete reports whether every one of workers had finished.
func (l Look) Complete(workers int) bool { return l.Finished >= workers }

// Trial is one run of a group of workers, watched by several ways of waiting.
type Trial struct {
	Workers int           // workers started
	Slowest time.Duration // when the last worker finished, since the start
	Looks   []Look        // one per way of waiting, in the same order in every trial
}
