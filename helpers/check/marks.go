package check

import (
	"fmt"
	"slices"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Marks are the marks of an exercise in which goroutine i sets marks[i] to true
// when it has done its work, so that a check can prove none was lost: convert
// the slice and ask it.
//
//	check.That("all ids recorded", check.Spec{}, func() error {
//		return check.Marks(recordIDs(10_000)).Missing()
//	})
type Marks []bool

// Count returns the number of marks set.
func (m Marks) Count() int {
	n := 0
	for _, set := range m {
		if set {
			n++
		}
	}
	return n
}

// Missing returns nil when every mark is set, and otherwise an error that
// counts the marks not set and names the first of them, such as
// "2,410 of 10,000 marks missing, the first at index 0". No marks at all is an
// error too: "no marks: the slice is empty".
func (m Marks) Missing() error {
	if len(m) == 0 {
		return fmt.Errorf("no marks: the slice is empty")
	}
	if first := slices.Index(m, false); first >= 0 {
		return fmt.Errorf("%s of %s marks missing, the first at index %d",
			stats.FormatCount(len(m)-m.Count()), stats.FormatCount(len(m)), first)
	}
	return nil
}

// String says how many marks are set, for a printed run: "7,590 of 10,000 marked".
func (m Marks) String() string {
	return fmt.Sprintf("%s of %s marked", stats.FormatCount(m.Count()), stats.FormatCount(len(m)))
}
