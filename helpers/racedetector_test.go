package helpers

import (
	"runtime/debug"
	"testing"
)

// RaceDetectorOn agrees with the build settings the toolchain records.
func TestRaceDetectorOn(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information")
	}
	want := false
	for _, s := range info.Settings {
		if s.Key == "-race" {
			want = s.Value == "true"
		}
	}
	t.Logf("build settings: -race=%v", want)
	if got := RaceDetectorOn(); got != want {
		t.Errorf("RaceDetectorOn() = %v, but the build settings say -race=%v", got, want)
	}
}
