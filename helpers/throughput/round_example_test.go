package throughput_test

import (
	"fmt"
	"sync"

	"github.com/go-concurrency-lab/course/helpers/throughput"
)

// A round starts its goroutines, takes its locks and waits, in plain sight;
// FastestRound only times it and keeps the fastest run.
func ExampleFastestRound() {
	rate, err := throughput.FastestRound(5, func() int {
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
