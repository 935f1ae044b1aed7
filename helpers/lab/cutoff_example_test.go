package lab_test

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
	"github.com/go-concurrency-lab/course/helpers/lab"
)

// A call that returns at once against one that never returns, each given up
// at two cut-offs, twice each.
func ExampleCompareCutOffs() {
	never := make(chan struct{})
	cutoffs := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond}
	waits, err := lab.CompareCutOffs([]string{"returns", "never returns"}, cutoffs, 2,
		func(contender int, cutoff time.Duration) guard.Outcome {
			if contender == 0 {
				return guard.Run(cutoff, func() {})
			}
			return guard.Run(cutoff, func() { <-never })
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range waits {
		fmt.Printf("%s: %d of %d hit the cut-off\n", w.Name, w.CutOff(), len(w.Outcomes))
	}
	fmt.Println("cut-offs of the points:", waits[1].Points().X)
	// Output:
	// returns: 0 of 4 hit the cut-off
	// never returns: 4 of 4 hit the cut-off
	// cut-offs of the points: [10 10 20 20]
}

func ExampleCompareCutOffs_error() {
	_, err := lab.CompareCutOffs([]string{"a"}, []time.Duration{time.Second, 0}, 3, nil)
	fmt.Println(err)
	// Output:
	// lab.CompareCutOffs: wait is nil
}
