//go:build ignore

package main

// Wrong: sends on a channel, but only after wg.Wait(): every result still
// waits for the slowest job (and the buffer must hold them all).
func collect(n int, job func(i int) int) <-chan int {
	out := make(chan int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- job(i)
		}()
	}
	wg.Wait()
	close(out)
	return out
}
