//go:build ignore

package main

// Done is in the right place, but the mutex is gone: the WaitGroup orders the appends
// before the return, not the appends among themselves.
func collectResults(workers int, work time.Duration) []string {
	var wg sync.WaitGroup
	var results []string
	for id := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(work)
			results = append(results, fmt.Sprintf("result %d", id))
		}()
	}
	wg.Wait()
	return results
}
