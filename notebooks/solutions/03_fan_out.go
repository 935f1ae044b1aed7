//go:build ignore

package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const fanOutJobs = 1000

// fanOut runs n jobs at the same time and returns only when all have finished.
// It returns how many jobs had finished when it returned.
func fanOut(n int, jobTime time.Duration) int64 {
	var wg sync.WaitGroup
	var finished atomic.Int64
	for range n {
		wg.Go(func() { // Add(1) before the goroutine starts, Done when it ends
			time.Sleep(jobTime) // the job: one small request
			finished.Add(1)
		})
	}
	wg.Wait()
	return finished.Load()
}

func main() {
	start := time.Now()
	got := fanOut(fanOutJobs, 2*time.Millisecond)
	fmt.Printf("%d of %d jobs had finished when fanOut returned, after %v\n", got, fanOutJobs, time.Since(start).Round(time.Microsecond))
}
