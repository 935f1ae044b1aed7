//go:build ignore

package main

// A longer guess: long enough for 2 ms jobs, not for slower ones.
func fanOut(n int, jobTime time.Duration) int64 {
	var finished atomic.Int64
	for range n {
		go func() {
			time.Sleep(jobTime)
			finished.Add(1)
		}()
	}
	time.Sleep(10 * time.Millisecond)
	return finished.Load()
}
