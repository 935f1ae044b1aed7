package lab_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

func TestAsTheyFinish(t *testing.T) {
	const jobs, step = 4, 5 * time.Millisecond
	run := func(deliver func(out chan<- int)) error {
		out := make(chan int, jobs)
		start := time.Now()
		go deliver(out)
		return lab.AsTheyFinish(out, start, jobs, step)
	}
	asTheyFinish := func(out chan<- int) {
		for i := jobs - 1; i >= 0; i-- {
			time.Sleep(step)
			out <- i
		}
		close(out)
	}
	if err := run(asTheyFinish); err != nil {
		t.Errorf("results as they finish: %v", err)
	}
	atTheEnd := func(out chan<- int) {
		time.Sleep(jobs * step)
		for i := range jobs {
			out <- i
		}
		close(out)
	}
	if err := run(atTheEnd); err == nil || !strings.Contains(err.Error(), "waited for the slowest") {
		t.Errorf("results at the end: %v, want an error about the slowest job", err)
	}
	twice := func(out chan<- int) { out <- 3; out <- 3; out <- 1; out <- 0; close(out) }
	if err := run(twice); err == nil || !strings.Contains(err.Error(), "never arrived") {
		t.Errorf("a result twice, one missing: %v", err)
	}
	stranger := func(out chan<- int) { out <- 7; close(out) }
	if err := run(stranger); err == nil || !strings.Contains(err.Error(), "not the result of any job") {
		t.Errorf("a result out of range: %v", err)
	}
	for _, bad := range []error{
		lab.AsTheyFinish(nil, time.Now(), 1, step),
		lab.AsTheyFinish(make(chan int), time.Now(), 0, step),
		lab.AsTheyFinish(make(chan int), time.Now(), 1, 0),
	} {
		if bad == nil || !strings.HasPrefix(bad.Error(), "lab.AsTheyFinish: ") {
			t.Errorf("bad input: %v, want an error naming lab.AsTheyFinish", bad)
		}
	}
}

// Notebook 06: a channel that already holds every result, delivered at once,
// and one that lost a result.
func ExampleAsTheyFinish() {
	results := make(chan int, 3)
	results <- 2
	results <- 1
	results <- 0
	close(results)
	fmt.Println(lab.AsTheyFinish(results, time.Now(), 3, 10*time.Millisecond))

	lost := make(chan int, 3)
	lost <- 2
	lost <- 0
	close(lost)
	fmt.Println(lab.AsTheyFinish(lost, time.Now(), 3, 10*time.Millisecond))
	// Output:
	// <nil>
	// got 2 results, want 3: the result of job 1 never arrived
}
