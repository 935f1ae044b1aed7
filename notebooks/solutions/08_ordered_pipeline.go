//go:build ignore

package main

import "time"

const resizeTime = 4 * time.Millisecond // how long resizing one image takes: leave it as it is

// resize is the slow stage's work. It waits, as a call to an image service would.
func resize(image int) int {
	time.Sleep(resizeTime)
	return image
}

// resizeAll resizes the images from in and sends them to out in the order they came in,
// then closes out. Up to ahead+1 images are resized at once, each on its own goroutine.
func resizeAll(in <-chan int, out chan<- int) {
	const ahead = 4
	queue := make(chan chan int, ahead) // one result channel per image, in input order
	go func() {
		for image := range in {
			result := make(chan int, 1) // capacity 1: the resizing goroutine never blocks
			queue <- result             // blocks while ahead images wait to be sent to out
			go func() { result <- resize(image) }()
		}
		close(queue)
	}()
	for result := range queue { // a sequenced merge, as in experiment 5
		out <- <-result
	}
	close(out)
}
