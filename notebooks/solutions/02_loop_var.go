//go:build ignore

package main

// startWorkers starts a goroutine for each worker 1, 2, …, n; each reports its worker
// number. It returns the n reports, in the order they arrived.
//
// The starter declared worker before the loop, so there was one variable for all the
// iterations, and each goroutine read it whenever it happened to run. Declared by the for
// statement, as here, worker is a new variable in every iteration (Go 1.22 and later), so
// each goroutine reads its own. Passing the number as an argument,
// go func(w int) { reports <- w }(worker), works too, in any Go version.
func startWorkers(n int) []int {
	reports := make(chan int, n) // room for every report
	for worker := 1; worker <= n; worker++ {
		go func() {
			reports <- worker
		}()
	}
	got := make([]int, 0, n)
	for range n {
		got = append(got, <-reports)
	}
	return got
}
