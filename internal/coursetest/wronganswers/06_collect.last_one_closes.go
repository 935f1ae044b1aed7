//go:build ignore

package main

// Wrong: the last goroutine to finish closes the channel, counted with a plain
// int that every goroutine increments: a data race. Two goroutines can both see
// the same count, so the channel may never be closed, or be closed twice.
func collect(n int, job func(i int) int) <-chan int {
	out := make(chan int, n)
	finished := 0
	for i := range n {
		go func() {
			out <- job(i)
			finished++
			if finished == n {
				close(out)
			}
		}()
	}
	return out
}
