//go:build ignore

package main

// Done still comes first; a sleep after Wait gives the appends "enough" time.
func collectResults(workers int, work time.Duration) []string {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var results []string
	for id := range workers {
		wg.Add(1)
		go func() {
			wg.Done()
			time.Sleep(work)
			mu.Lock()
			results = append(results, fmt.Sprintf("result %d", id))
			mu.Unlock()
		}()
	}
	wg.Wait()
	time.Sleep(5 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	return results
}
