package lab_test

import (
	"fmt"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

// Notebook 07: where the goroutines of a goroutine profile wait. In a cell,
// lab.WhereBlocked() takes the profile of the running program itself.
func ExampleParseBlocked() {
	profile := `goroutine 7 [chan send, 2 minutes]:
main.search.func1()
	/no/such/dir/main.go:12 +0x35

goroutine 8 [chan send]:
main.search.func1()
	/no/such/dir/main.go:12 +0x35
`
	for _, b := range lab.ParseBlocked(profile) {
		fmt.Println(b)
	}
	// Output:
	// 2 goroutines in chan send at main.go:12 (search.func1)
}

// Notebook 07: a goroutine count taken after every call, charted every 2 calls.
func ExampleEveryNth() {
	counts := []int{2, 4, 6, 8, 10}
	fmt.Println(lab.EveryNthLabels(len(counts), 2), lab.EveryNth("leaky", counts, 2).Y)
	// Output:
	// [0 2 4] [0 4 8]
}
