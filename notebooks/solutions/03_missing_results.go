//go:build ignore

package main

import (
	"fmt"
	"sync"
	"time"
)

const resultWorkers = 5

// collectResults starts one goroutine per worker and returns all their results.
func collectResults(workers int, work time.Duration) []string {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var results []string
	for id := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done() // the fix: Done when the goroutine ends, after its append

			time.Sleep(work) // a call to another service
			mu.Lock()
			results = append(results, fmt.Sprintf("result %d", id))
			mu.Unlock()
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return results
}

func main() {
	got := collectResults(resultWorkers, time.Millisecond)
	fmt.Printf("%d workers, %d results: %q\n", resultWorkers, len(got), got)
}
