package worktime

import "time"

// Draws returns n independent draws from the distribution, one per worker of
// a trial; n <= 0 gives none.
func (d Distribution) Draws(n int) []time.Duration {
	draws := make([]time.Duration, max(n, 0))
	for i := range draws {
		draws[i] = d.Draw()
	}
	return draws
}
