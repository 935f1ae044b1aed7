package helpers_test

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers"
)

// The answer depends on how the program was built: true under go test -race.
func ExampleRaceDetectorOn() {
	fmt.Println("race detector on:", helpers.RaceDetectorOn())
}
