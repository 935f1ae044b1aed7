package lab_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

// Notebook 08: count the jobs in flight, here with at most three at once.
func ExampleInFlight() {
	var inFlight lab.InFlight
	slots := make(chan struct{}, 3)
	var wg sync.WaitGroup
	for range 10 {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			inFlight.Start()
			defer inFlight.Done()
			// the job
		})
	}
	wg.Wait()
	fmt.Println(inFlight.Now(), inFlight.Peak() <= 3)
	// Output: 0 true
}

// Notebook 08's first exercise: fetch a site's pages, and ask it whether the
// fetching went right. Page 1 fails; a loop that stops at the error passes.
func ExampleSite() {
	site := lab.NewSite(4, 1, nil)
	var pages []string
	var err error
	for _, url := range site.URLs() {
		var page string
		if page, err = site.Fetch(context.Background(), url); err != nil {
			break
		}
		pages = append(pages, page)
	}
	fmt.Println(err)
	fmt.Println(site.Verify(pages, err, 2))
	// Output:
	// GET https://example.com/page/1: 500 Internal Server Error
	// <nil>
}

// Notebook 08's second exercise: a stage that passes items on in order.
func ExamplePipelineRate() {
	passOn := func(in <-chan int, out chan<- int) {
		for item := range in {
			out <- item
		}
		close(out)
	}
	rate, err := lab.PipelineRate(100, passOn)
	fmt.Println(rate > 0, err)
	// Output: true <nil>
}

// Notebook 08: labels for worker counts, and results out of place.
func ExampleOutOfPlace() {
	fmt.Println(lab.CountLabels([]int{1, 2, 4}))
	fmt.Println(lab.OutOfPlace([]int{0, 1, 2}), lab.OutOfPlace([]int{1, 0, 2}))
	// Output:
	// [1 2 4]
	// 0 2
}
