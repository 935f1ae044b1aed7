//go:build ignore

package main

import "sync"

// resizeAll resizes on 4 workers and sends each image as soon as it is ready: fast, but the
// images leave in the order they finish.
func resizeAll(in <-chan int, out chan<- int) {
	const workers = 4
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for image := range in {
				out <- resize(image)
			}
		})
	}
	wg.Wait()
	close(out)
}
