//go:build ignore

package main

// Wait inside the loop: every job waits for the one before, 1,000 × jobTime in all.
func fanOut(n int, jobTime time.Duration) int64 {
	var finished atomic.Int64
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(jobTime)
			finished.Add(1)
		}()
		wg.Wait()
	}
	return finished.Load()
}
