package trials_test

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Two contenders at two GOMAXPROCS settings, three rounds: every round visits
// every setting, and at every setting every contender, so that a busy moment
// on the machine hits all of them alike.
func ExampleGrid() {
	var order []string
	grid := trials.Grid[int]{Settings: 2, Contenders: 2, Rounds: 3, Procs: []int{1, 2}}
	results, err := grid.Run(func(c trials.Cell) (int, error) {
		order = append(order, fmt.Sprintf("%d%c", c.Procs, 'a'+c.Contender))
		return runtime.GOMAXPROCS(0) * 10 * (c.Contender + 1), nil
	})
	fmt.Println(err)
	fmt.Println(order)
	fmt.Println(results.Values) // [setting][contender][round]
	// Output:
	// <nil>
	// [1a 1b 2a 2b 1a 1b 2a 2b 1a 1b 2a 2b]
	// [[[10 10 10] [20 20 20]] [[20 20 20] [40 40 40]]]
}

// With a Timeout, a run that blocks is cut off: the grid stops there and
// returns a Failure, which says where it happened.
func ExampleGrid_timeout() {
	grid := trials.Grid[bool]{Settings: 1, Contenders: 1, Rounds: 5, Timeout: 50 * time.Millisecond}
	results, err := grid.Run(func(c trials.Cell) (bool, error) {
		if c.Round == 2 {
			select {} // blocks for good
		}
		return true, nil
	})
	var f trials.Failure
	fmt.Println(errors.As(err, &f), f.Round, f.Outcome.Blocked, results.Values[0][0])
	// Output: true 2 true [true true]
}
