//go:build ignore

package main

// Wrong: closes results after a sleep, guessing that the workers are done by
// then. Sometimes a worker is still sending (a panic), and the sleep is wasted
// time on every call.
func sumOf(n, workers int, f func(int) int) int {
	jobs := make(chan int)
	results := make(chan int, n)
	for range workers {
		go func() {
			for x := range jobs {
				results <- f(x)
			}
		}()
	}
	for i := 1; i <= n; i++ {
		jobs <- i
	}
	close(jobs)
	time.Sleep(5 * time.Millisecond) // "long enough" for the last workers to send
	close(results)
	total := 0
	for r := range results {
		total += r
	}
	return total
}
