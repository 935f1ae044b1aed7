package progress_test

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/internal/progress"
)

// A bar around a loop. This run is quick, so the bar stays silent: it would appear
// only if the loop took longer than about a second (0.7 s in a notebook).
func Example() {
	const n = 1000
	bar := progress.New("trials", n)
	sum := 0
	for i := range n {
		sum += i
		bar.Add(1)
	}
	bar.Done()
	fmt.Println("sum:", sum)
	// Output: sum: 499500
}

// Several goroutines may report to one bar.
func ExampleBar_Add() {
	bar := progress.New("workers", 4*250)
	done := make(chan bool)
	for range 4 {
		go func() {
			for range 250 {
				bar.Add(1)
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	bar.Done()
	fmt.Println("all workers finished")
	// Output: all workers finished
}
