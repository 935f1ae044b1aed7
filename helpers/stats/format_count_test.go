package stats_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

func ExampleFormatCount() {
	fmt.Println(stats.FormatCount(100_000), stats.FormatCount(999))
	// Output:
	// 100,000 999
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567",
		-1: "-1", -1000: "-1,000", -123456: "-123,456",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := stats.FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}
