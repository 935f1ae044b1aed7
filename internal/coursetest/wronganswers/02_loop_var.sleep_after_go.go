//go:build ignore

package main

// A pause after each go statement lets the goroutine read worker before the loop changes
// it: the right numbers, by timing, and still a data race.
func startWorkers(n int) []int {
	reports := make(chan int, n)
	var worker int
	for worker = 1; worker <= n; worker++ {
		go func() {
			reports <- worker
		}()
		time.Sleep(time.Millisecond)
	}
	got := make([]int, 0, n)
	for range n {
		got = append(got, <-reports)
	}
	return got
}
