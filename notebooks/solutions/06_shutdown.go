//go:build ignore

package main

// sumOf sends 1, 2, …, n to workers goroutines that call f on each number, and
// returns the sum of the results.
func sumOf(n, workers int, f func(int) int) int {
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := range jobs { // ends when jobs is closed and empty
				results <- f(x)
			}
		}()
	}
	go func() {
		for i := 1; i <= n; i++ {
			jobs <- i
		}
		close(jobs) // the only sender: no more jobs will come
	}()
	go func() {
		wg.Wait()      // every worker has sent its last result
		close(results) // so no more results will come
	}()
	total := 0
	for r := range results { // ends when results is closed and empty
		total += r
	}
	return total
}
