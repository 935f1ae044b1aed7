package lab_test

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

// Notebook 07: which case of a select won, in four selects.
func ExampleCaseShares() {
	won := []string{"case a", "case b", "case a", "default"}
	fmt.Println(lab.CaseShares(won, []string{"case a", "case b", "default"}))
	// Output:
	// [2/4 (50%) 1/4 (25%) 1/4 (25%)]
}
