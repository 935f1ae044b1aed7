package cutoff_test

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/cutoff"
	"github.com/go-concurrency-lab/course/helpers/guard"
)

// A call that returns at once against one that never returns, each given up
// at two cut-offs, twice each.
func ExampleCompare() {
	never := make(chan struct{})
	cutoffs := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond}
	waits, err := cutoff.Compare([]string{"returns", "never returns"}, cutoffs, 2,
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

func ExampleCompare_error() {
	_, err := cutoff.Compare([]string{"a"}, []time.Duration{time.Second, 0}, 3, nil)
	fmt.Println(err)
	// Output:
	// cutoff.Compare: wait is nil
}
