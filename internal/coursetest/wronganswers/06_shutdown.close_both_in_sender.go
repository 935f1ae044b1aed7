//go:build ignore

package main

// Wrong: the sender closes results right after jobs. Workers still working on
// their last jobs then send on a closed channel and panic, or main's range
// ends before the last results arrive.
func sumOf(n, workers int, f func(int) int) int {
	jobs := make(chan int)
	results := make(chan int)
	for range workers {
		go func() {
			for x := range jobs {
				results <- f(x)
			}
		}()
	}
	go func() {
		for i := 1; i <= n; i++ {
			jobs <- i
		}
		close(jobs)
		close(results)
	}()
	total := 0
	for r := range results {
		total += r
	}
	return total
}
