// Used by notebook 08 (08_patterns.ipynb).

package lab

import (
	"errors"
	"fmt"
	"time"
)

// PipelineRate measures a pipeline stage, such as the one of notebook 08's
// second exercise: it sends the items 0, 1, …, items-1 to the stage's input
// channel (then closes it), receives everything the stage sends on its output
// channel until the stage closes it, and returns the items per second from
// the first send to the close. stage must receive every item from in, send
// each one, processed, to out, and close out when in is closed and all are
// sent.
//
// PipelineRate returns an error that says what went wrong if the items did
// not come out exactly once each, in order (it still receives until the stage
// closes out, so that the stage is not left blocked). If the stage never
// closes out, PipelineRate does not return: run it under a timeout (a check
// does).
//
// PipelineRate returns an error, without calling stage, if items < 1 or stage
// is nil.
func PipelineRate(items int, stage func(in <-chan int, out chan<- int)) (float64, error) {
	const fn = "lab.PipelineRate"
	switch {
	case items < 1:
		return 0, fmt.Errorf("%s: items must be >= 1, got %d", fn, items)
	case stage == nil:
		return 0, errors.New(fn + ": stage is nil")
	}
	in, out := make(chan int), make(chan int)
	start := time.Now()
	go func() {
		for i := range items {
			in <- i
		}
		close(in)
	}()
	go stage(in, out)
	next := 0
	var wrong error
	for item := range out {
		if wrong == nil && item != next {
			wrong = fmt.Errorf("item %d came out where item %d belongs: keep the input order", item, next)
		}
		next++
	}
	elapsed := time.Since(start)
	switch {
	case wrong != nil:
		return 0, wrong
	case next != items:
		return 0, fmt.Errorf("%d items came out of %d sent in", next, items)
	}
	return float64(items) / elapsed.Seconds(), nil
}
