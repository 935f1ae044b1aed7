package check_test

import (
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/check"
)

// AtMost hands f a job that counts how many of its calls are in flight. Here
// a buffered channel of capacity 2 lets at most two jobs run at once.
func ExampleAtMost() {
	twoAtATime := func(job func()) error {
		slots := make(chan struct{}, 2)
		var wg sync.WaitGroup
		for range 6 {
			slots <- struct{}{} // take a slot
			wg.Go(func() {
				defer func() { <-slots }() // give it back
				job()
			})
		}
		wg.Wait()
		return nil
	}
	check.AtMost("two at a time", check.Spec{Trials: 5, Procs: []int{1, 2}, Timeout: time.Second}, 2, twoAtATime)
	// Output:
	// PASS: two at a time: at most 2 jobs in flight, and 2 at the peak (GOMAXPROCS 1, 2; 5 trials each)
}
