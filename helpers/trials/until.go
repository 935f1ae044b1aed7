package trials

import (
	"errors"

	"github.com/go-concurrency-lab/course/helpers/internal/progress"
)

// Until calls experiment, one call after another on the calling goroutine,
// until done reports true for an outcome or n calls have been made. It
// returns the last outcome and the number of calls made, from 1 to n. Use it
// to look for a rare event, such as a trial of a racy program that lost an
// update, without waiting forever when the event does not come: done(last) is
// false only when all n calls were made without it.
//
// Like [Run], Until shows a progress bar when it takes more than about a
// second. Until returns an error, without calling experiment, if n <= 0 or
// experiment or done is nil. If experiment or done panics, the panic continues
// up the calling goroutine.
func Until[T any](n int, experiment func() T, done func(T) bool) (last T, calls int, err error) {
	if err := checkN("trials.Until", n); err != nil {
		return last, 0, err
	}
	switch {
	case experiment == nil:
		return last, 0, errors.New("trials.Until: experiment is nil")
	case done == nil:
		return last, 0, errors.New("trials.Until: done is nil")
	}
	bar := progress.New("trials", n)
	defer bar.Done()
	for calls < n {
		last = experiment()
		calls++
		bar.Add(1)
		if done(last) {
			break
		}
	}
	return last, calls, nil
}
