//go:build ignore

package main

// Wrong: results arrive as they finish, but nobody closes the channel, so the
// caller's range over it never ends.
func collect(n int, job func(i int) int) <-chan int {
	out := make(chan int)
	for i := range n {
		go func() {
			out <- job(i)
		}()
	}
	return out
}
