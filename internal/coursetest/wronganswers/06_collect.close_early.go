//go:build ignore

package main

// Wrong: closes the channel as soon as the goroutines are started. Their sends
// then panic (send on closed channel), and the caller's range ends at once.
func collect(n int, job func(i int) int) <-chan int {
	out := make(chan int, n)
	for i := range n {
		go func() {
			out <- job(i)
		}()
	}
	close(out)
	return out
}
