//go:build race

package helpers

// raceDetector is true in programs built with -race.
const raceDetector = true
