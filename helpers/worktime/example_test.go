package worktime_test

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/worktime"
)

// Eight workers each take 2 ms plus a random extra with a mean of 2 ms. How
// likely is it that all of them are done 10 ms after they started?
func ExampleExponential() {
	workTime, err := worktime.Exponential(2*time.Millisecond, 2*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(workTime)
	fmt.Printf("one worker done by 4ms: %.1f%%\n", 100*workTime.DoneBy(4*time.Millisecond))
	all, _ := workTime.AllDoneBy(8, 10*time.Millisecond)
	fmt.Printf("all 8 done by 10ms: %.1f%%\n", 100*all)
	if d := workTime.Draw(); d < 2*time.Millisecond {
		fmt.Println("a draw below the base:", d)
	}
	// Output:
	// 2ms + exponential(mean 2ms)
	// one worker done by 4ms: 63.2%
	// all 8 done by 10ms: 86.3%
}

func ExampleExponential_badInput() {
	_, err := worktime.Exponential(2*time.Millisecond, 0)
	fmt.Println(err)
	// Output: worktime.Exponential: mean must be > 0, got 0s
}
