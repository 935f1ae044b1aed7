//go:build ignore

package main

// collect runs job(0), …, job(n-1), each on its own goroutine, and returns a channel
// that delivers their results and is closed after the last one.
func collect(n int, job func(i int) int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- job(i) // each result leaves as soon as its job is done
		}()
	}
	go func() {
		wg.Wait() // every result has been sent
		close(out)
	}()
	return out // at once: the caller receives while the jobs run
}
