package trials_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Two caches compared at two shares of reads, five measurements each. Real
// measurements come from Mix.Measure (see the Mix example); here measure
// returns made-up rates, so that the output is always the same.
func ExampleRateGrid_Measure() {
	millionsPerSecond := map[string][]float64{ // by contender and share of reads: five measurements
		"Mutex 50":   {17.1, 17.4, 17.2, 17.9, 17.5},
		"RWMutex 50": {15.5, 17.3, 17.8, 16.9, 17.4},
		"Mutex 99":   {16.2, 16.8, 16.5, 16.1, 16.6},
		"RWMutex 99": {21.0, 22.4, 21.7, 22.9, 21.1},
	}
	grid := trials.RateGrid{
		Contenders:  []string{"Mutex", "RWMutex"},
		Rows:        []string{"lookup"},
		Columns:     []string{"50% reads", "99% reads"},
		Repetitions: 5,
		Scale:       1e6, // print millions
	}
	repetition := map[string]int{}
	result, err := grid.Measure(func(row, column, contender int) (trials.Rate, error) {
		key := fmt.Sprintf("%s %.2s", grid.Contenders[contender], grid.Columns[column])
		millions := millionsPerSecond[key][repetition[key]]
		repetition[key]++
		return trials.Rate{Ops: int(millions * 1e6), Elapsed: time.Second}, nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	row := result.Rows[0]
	fmt.Print(row.Report("Mutex"))
	fmt.Println("RWMutex against Mutex:", row.Tally("RWMutex", "Mutex"))
	fmt.Print(result.Table("read section"))
	// Output:
	// lookup 50% reads:  Mutex 17.40 [17.10–17.90]  RWMutex 17.30 [15.50–17.80]
	//     RWMutex vs Mutex: tie (CIs overlap)
	// lookup 99% reads:  Mutex 16.50 [16.10–16.80]  RWMutex 21.70 [21.00–22.90]
	//     RWMutex vs Mutex: faster (×1.32)
	// RWMutex against Mutex: faster at 1, tied at 1, slower at 0 of 2
	// read section | 50% reads       | 99% reads
	// lookup       | Mutex ≈ RWMutex | RWMutex
}

func ExampleRateGrid_Measure_error() {
	_, err := trials.RateGrid{Contenders: []string{"Mutex"}, Repetitions: 5}.Measure(nil)
	fmt.Println(err)
	// Output:
	// trials.RateGrid.Measure: RateGrid.Columns is empty
}

// Eight goroutines read a map guarded by a sync.RWMutex for 5ms; one in ten of
// their calls is a write. Each read checks its answer.
func ExampleMix_Measure() {
	var mu sync.RWMutex
	m := map[int]int{0: 0, 1: 1, 2: 2, 3: 3}
	read := func(call int) error {
		mu.RLock()
		defer mu.RUnlock()
		if v := m[call%4]; v%4 != call%4 {
			return fmt.Errorf("m[%d] = %d", call%4, v)
		}
		return nil
	}
	write := func(call int) {
		mu.Lock()
		defer mu.Unlock()
		m[call%4] = call // keeps m[k]%4 == k
	}
	mix := trials.Mix{Goroutines: 8, Window: 5 * time.Millisecond, ReadPercent: 90}
	rate, err := mix.Measure(read, write)
	fmt.Println("error:", err)
	fmt.Println("calls counted:", rate.Ops > 0)
	_ = rate.Millions() // for example 9.6
	// Output:
	// error: <nil>
	// calls counted: true
}
