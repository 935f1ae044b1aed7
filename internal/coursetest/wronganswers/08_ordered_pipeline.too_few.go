//go:build ignore

package main

// resizeAll keeps the order, but lets only one image wait ahead: two resizes at a time,
// about twice the baseline, short of the target.
func resizeAll(in <-chan int, out chan<- int) {
	const ahead = 1
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
	close(out)
}
