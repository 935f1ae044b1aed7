package trials_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/trials"
)

// A round starts its goroutines, takes its locks and waits, in plain sight;
// FastestRound only times it and keeps the fastest run.
func ExampleFastestRound() {
	rate, err := trials.FastestRound(5, func() int {
		var mu sync.Mutex
		counter := 0
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 250 {
					mu.Lock()
					counter++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return counter
	})
	fmt.Println(rate.Ops, rate.Elapsed > 0, err)
	// Output: 1000 true <nil>
}

// A Rate converts to operations per second, and compares with another Rate as
// a speed-up.
func ExampleRate() {
	rate := trials.Rate{Ops: 2_000_000, Elapsed: 50 * time.Millisecond}
	base := trials.Rate{Ops: 1_000_000, Elapsed: 50 * time.Millisecond}
	fmt.Println(rate.PerSecond(), rate.Millions(), rate.SpeedupOver(base))
	// Output:
	// 4e+07 40 2
}
