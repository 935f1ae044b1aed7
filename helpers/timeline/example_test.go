package timeline_test

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// Two orders are prepared at once; each goroutine records what it does on its own lane.
func ExampleRecorder() {
	rec := timeline.NewRecorder()
	var wg sync.WaitGroup
	for _, order := range []string{"order 2", "order 1"} {
		wg.Go(func() {
			stop := rec.Start(order, "grind beans", timeline.Work)
			time.Sleep(time.Millisecond)
			stop()
			defer rec.Start(order, "wait for the machine", timeline.Wait)()
			time.Sleep(time.Millisecond)
		})
	}
	wg.Wait()
	rec.Mark("counter", "both served")

	spans := rec.Spans()
	for _, lane := range timeline.Lanes(spans) {
		fmt.Printf("%s:", lane)
		for _, s := range spans {
			if s.Lane == lane {
				fmt.Printf(" %s (%s)", s.Label, s.Kind)
			}
		}
		fmt.Println()
	}
	// Output:
	// counter: both served (mark)
	// order 1: grind beans (work) wait for the machine (wait)
	// order 2: grind beans (work) wait for the machine (wait)
}

// An experiment that takes a *Recorder runs with or without recording: a nil Recorder
// records nothing.
func ExampleRecorder_Start_nil() {
	brew := func(rec *timeline.Recorder) {
		defer rec.Start("order 1", "brew", timeline.Work)()
		// ... the work ...
	}
	brew(nil) // no recording, no cost to speak of
	rec := timeline.NewRecorder()
	brew(rec)
	fmt.Println(len(rec.Spans()), "span")
	// Output:
	// 1 span
}

// With one P, the Go scheduler runs one goroutine at a time: every span is on P0 and
// the two orders take turns. With GOMAXPROCS=2 they would run on P0 and P1 at once.
func ExampleScheduler() {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	spans, err := timeline.Scheduler(func() {
		var wg sync.WaitGroup
		for _, order := range []string{"order 1", "order 2"} {
			wg.Go(func() {
				timeline.Label(order, func() { busy(20 * time.Millisecond) })
			})
		}
		wg.Wait()
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var labels []string // the labels that are not goroutine ids such as "g21"
	for _, s := range spans {
		if s.Label[0] != 'g' && !slices.Contains(labels, s.Label) {
			labels = append(labels, s.Label)
		}
	}
	slices.Sort(labels)
	fmt.Println("lanes:", timeline.Lanes(spans))
	fmt.Println("labels:", labels)
	// Output:
	// lanes: [P0]
	// labels: [order 1 order 2]
}

// busy keeps its goroutine computing for about d.
func busy(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func ExampleLanes() {
	spans := []timeline.Span{{Lane: "P10"}, {Lane: "order 10"}, {Lane: "P2"}, {Lane: "order 9"}, {Lane: "P2"}}
	fmt.Printf("%q\n", timeline.Lanes(spans))
	// Output:
	// ["P2" "P10" "order 9" "order 10"]
}
