package timeline

import "time"

// Kinds of span used across the course. A chart colours spans by kind.
const (
	Work = "work" // the goroutine is computing
	Wait = "wait" // the goroutine is blocked: sleeping, waiting for a lock or a channel
	Run  = "run"  // the scheduler ran the goroutine (from a runtime trace)
	Mark = "mark" // an instant, such as "Wait returned"; Start == End
)

// Span is one stretch of time on one lane of a timeline chart.
// Start and End are offsets from the start of the recording.
type Span struct {
	Lane  string        // the row: "order 3", "worker 2", "P0"
	Label string        // shown in the tooltip: "froth milk", "g17"
	Kind  string        // Work, Wait, Run, Mark, or any other word
	Start time.Duration // offset from the start of the recording
	End   time.Duration // End >= Start
}
