//go:build ignore

package main

// Wrong: main receives exactly n results instead of ranging until results is
// closed. The sum is right, but nobody closes jobs, so every worker stays
// blocked in its range over jobs: a goroutine leak.
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
	}()
	total := 0
	for range n {
		total += <-results
	}
	return total
}
