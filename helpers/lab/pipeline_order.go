// Used by notebook 08 (08_patterns.ipynb).

package lab

// OutOfPlace returns how many of the results are not at their place, when
// result i should be i: 0 for results in input order.
func OutOfPlace(results []int) int {
	n := 0
	for place, r := range results {
		if r != place {
			n++
		}
	}
	return n
}
