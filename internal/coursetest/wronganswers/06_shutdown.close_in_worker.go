//go:build ignore

package main

// Wrong: each worker closes results when its range over jobs ends. The first
// worker to finish closes it while the others may still send (a panic: send on
// closed channel), or the second close panics (close of closed channel).
func sumOf(n, workers int, f func(int) int) int {
	jobs := make(chan int)
	results := make(chan int)
	for range workers {
		go func() {
			for x := range jobs {
				results <- f(x)
			}
			close(results)
		}()
	}
	go func() {
		for i := 1; i <= n; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	total := 0
	for r := range results {
		total += r
	}
	return total
}
