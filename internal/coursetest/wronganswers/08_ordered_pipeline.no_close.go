//go:build ignore

package main

// resizeAll is fast and in order, but never closes out: whoever ranges over out waits forever.
func resizeAll(in <-chan int, out chan<- int) {
	const ahead = 4
	queue := make(chan chan int, ahead)
	go func() {
		for image := range in {
			result := make(chan int, 1)
			queue <- result
			go func() { result <- resize(image) }()
		}
		close(queue)
	}()
	for result := range queue {
		out <- <-result
	}
}
