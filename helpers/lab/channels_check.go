// Used by notebook 06 (06_channels.ipynb).

package lab

import (
	"fmt"
	"time"
)

// AsTheyFinish grades a channel of results that should deliver each result as
// soon as its job finishes: jobs jobs numbered 0 to jobs-1, where job i returns
// i after (jobs-i) × step, so job jobs-1 is the fastest and job 0 the slowest,
// all started at start. It receives until the channel is closed (a channel
// never closed blocks it: run it under a check's timeout) and returns nil when
// every job's number arrived exactly once and the first result arrived before
// the slowest job could have finished (with half a step to spare, for a busy
// machine); otherwise an error that says what was wrong,
// for example "the first result arrived after 24.4ms, when the slowest job
// needs 24ms: every result waited for the slowest job".
//
// jobs < 1, step <= 0 or a nil channel is reported as an error that names the
// parameter and the value.
func AsTheyFinish(results <-chan int, start time.Time, jobs int, step time.Duration) error {
	switch {
	case results == nil:
		return fmt.Errorf("lab.AsTheyFinish: results is a nil channel: return the channel you made")
	case jobs < 1:
		return fmt.Errorf("lab.AsTheyFinish: jobs must be >= 1, got %d", jobs)
	case step <= 0:
		return fmt.Errorf("lab.AsTheyFinish: step must be > 0, got %v", step)
	}
	seen := make([]int, jobs)
	received := 0
	var first time.Duration
	for r := range results {
		if received == 0 {
			first = time.Since(start)
		}
		received++
		if r < 0 || r >= jobs {
			return fmt.Errorf("received %d, which is not the result of any job (0 to %d)", r, jobs-1)
		}
		seen[r]++
	}
	for i, n := range seen {
		switch {
		case n == 0:
			return fmt.Errorf("got %d results, want %d: the result of job %d never arrived", received, jobs, i)
		case n > 1:
			return fmt.Errorf("the result of job %d arrived %d times", i, n)
		}
	}
	slowest := time.Duration(jobs) * step
	if first > slowest-step/2 {
		return fmt.Errorf("the first result arrived after %v, when the fastest job needs %v and the slowest %v: the results waited for the slowest job",
			first.Round(100*time.Microsecond), step, slowest)
	}
	return nil
}
