package timeline_test

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// Two goroutines on two Ps: both execute at once from 4ms to 10ms.
func ExampleOverlap() {
	ms := time.Millisecond
	spans := []timeline.Span{
		{Lane: "P0", Label: "order 1", Kind: timeline.Run, Start: 0, End: 10 * ms},
		{Lane: "P1", Label: "order 2", Kind: timeline.Run, Start: 4 * ms, End: 14 * ms},
		{Lane: "P1", Label: "order 3", Kind: timeline.Run, Start: 14 * ms, End: 20 * ms}, // only touches order 2
	}
	both, err := timeline.Overlap(spans, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("two at once for", both)
	// Output:
	// two at once for 6ms
}
