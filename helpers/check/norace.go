//go:build !race

package check

// raceEnabled reports whether the program was built with the race detector.
const raceEnabled = false
