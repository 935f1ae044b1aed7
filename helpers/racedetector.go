package helpers

// RaceDetectorOn reports whether this program was built with the race detector
// (go build -race, go test -race, or %goflags -race in a GoNB notebook). A cell
// that is meant to run under the detector can print it, so that its output
// shows that the detector really watched.
func RaceDetectorOn() bool { return raceDetector }
