//go:build ignore

package main

// The copy is made inside the goroutine, when it runs: too late.
func startWorkers(n int) []int {
	reports := make(chan int, n)
	var worker int
	for worker = 1; worker <= n; worker++ {
		go func() {
			w := worker
			reports <- w
		}()
	}
	got := make([]int, 0, n)
	for range n {
		got = append(got, <-reports)
	}
	return got
}
